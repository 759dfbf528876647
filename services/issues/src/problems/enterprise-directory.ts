import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/**
 * The enterprises registration may name, read from the gateway's published view
 * identity.enterprise_directory and kept for a minute (enterprises change rarely; a new one is
 * found at once, since a miss re-reads the view).
 */
@Injectable()
export class EnterpriseDirectory {
  private codes = new Set<string>();
  private readAt = 0;

  constructor(private readonly db: DataSource) {}

  async exists(code: string, tx: EntityManager = this.db.manager): Promise<boolean> {
    if (Date.now() - this.readAt < 60_000 && this.codes.has(code)) return true;
    const rows: { code: string }[] = await tx.query('SELECT code FROM identity.enterprise_directory');
    this.codes = new Set(rows.map((r) => r.code));
    this.readAt = Date.now();
    return this.codes.has(code);
  }
}
