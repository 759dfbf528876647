import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { PublicationKind } from './publication-kinds.js';

/** A publication as listed: everything but the figures and the file. */
export interface PublicationRow {
  id: string;
  kind: PublicationKind;
  year: number;
  seq: number;
  number: string;
  published_by: string;
  published_by_name: string;
  published_role: string;
  published_at: Date;
  file_name: string;
  content_type: string;
  sha256: string;
  size: number;
  current: boolean;
}

export interface NewPublication {
  id: string;
  kind: PublicationKind;
  year: number;
  seq: number;
  number: string;
  publishedBy: { sub: string; name: string; role: string };
  publishedAt: Date;
  idempotencyKey: string | null;
  figures: unknown;
  file: Buffer;
  fileName: string;
  contentType: string;
  sha256: string;
}

const LISTED = `p.id, p.kind, p.year, p.seq, p.number, p.published_by, p.published_by_name, p.published_role, p.published_at,
  p.file_name, p.content_type, p.sha256, octet_length(p.file)::int AS size,
  p.seq = (SELECT max(l.seq) FROM assessment.publications l WHERE l.kind = p.kind AND l.year = p.year) AS current`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The one writer (and reader) of assessment.publications, an append-only table. */
@Injectable()
export class PublicationRepository {
  constructor(private readonly db: DataSource) {}

  async list(kinds: PublicationKind[], filter: { kind?: PublicationKind; year?: number }): Promise<PublicationRow[]> {
    const params: unknown[] = [kinds];
    let where = 'p.kind = ANY($1)';
    if (filter.kind) where += ` AND p.kind = $${params.push(filter.kind)}`;
    if (filter.year !== undefined) where += ` AND p.year = $${params.push(filter.year)}`;
    return this.db.query(`SELECT ${LISTED} FROM assessment.publications p WHERE ${where} ORDER BY p.year DESC, p.kind, p.seq DESC`, params);
  }

  async get(id: string): Promise<(PublicationRow & { figures: unknown }) | null> {
    if (!UUID.test(id)) return null;
    const rows = await this.db.query(`SELECT ${LISTED}, p.figures FROM assessment.publications p WHERE p.id = $1`, [id]);
    return rows[0] ?? null;
  }

  async file(id: string): Promise<(PublicationRow & { file: Buffer }) | null> {
    if (!UUID.test(id)) return null;
    const rows = await this.db.query(`SELECT ${LISTED}, p.file FROM assessment.publications p WHERE p.id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** The current (latest) publication of a kind and year. */
  async current(kind: PublicationKind, year: number): Promise<PublicationRow | null> {
    const rows = await this.db.query(`SELECT ${LISTED} FROM assessment.publications p WHERE p.kind = $1 AND p.year = $2 ORDER BY p.seq DESC LIMIT 1`, [kind, year]);
    return rows[0] ?? null;
  }

  async byIdempotencyKey(key: string, tx: EntityManager): Promise<PublicationRow | null> {
    const rows = await tx.query(`SELECT ${LISTED} FROM assessment.publications p WHERE p.idempotency_key = $1`, [key]);
    return rows[0] ?? null;
  }

  async nextSeq(kind: PublicationKind, year: number, tx: EntityManager): Promise<number> {
    const rows: { n: number }[] = await tx.query(`SELECT coalesce(max(seq), 0)::int + 1 AS n FROM assessment.publications WHERE kind = $1 AND year = $2`, [kind, year]);
    return rows[0]!.n;
  }

  async insert(p: NewPublication, tx: EntityManager): Promise<void> {
    await tx.query(
      `INSERT INTO assessment.publications (id, kind, year, seq, number, published_by, published_by_name, published_role, published_at, idempotency_key,
         figures, file, file_name, content_type, sha256)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
      [p.id, p.kind, p.year, p.seq, p.number, p.publishedBy.sub, p.publishedBy.name, p.publishedBy.role, p.publishedAt.toISOString(), p.idempotencyKey,
        JSON.stringify(p.figures), p.file, p.fileName, p.contentType, p.sha256],
    );
  }
}
