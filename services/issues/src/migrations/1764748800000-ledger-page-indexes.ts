import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the ledger page, measured with bench/ledger.bench.mjs on 100k problems: each sort
 * key is paired with id in the same direction (a btree scans it both ways), and the common
 * filters lead their own index so a filtered page reads only its rows.
 */
export class LedgerPageIndexes1764748800000 implements MigrationInterface {
  name = 'LedgerPageIndexes1764748800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX issues.problems_registered`);
    await q.query(`DROP INDEX issues.problems_enterprise`);
    await q.query(`DROP INDEX issues.problems_stage`);
    await q.query(`DROP INDEX issues.problems_deadline`);
    await q.query(`CREATE INDEX problems_registered ON issues.problems (registered_at, id)`);
    await q.query(`CREATE INDEX problems_deadline ON issues.problems (deadline, id)`);
    await q.query(`CREATE INDEX problems_enterprise ON issues.problems (enterprise_code, registered_at, id)`);
    await q.query(`CREATE INDEX problems_stage ON issues.problems (stage, registered_at, id)`);
    await q.query(`CREATE INDEX problems_source ON issues.problems (source, registered_at, id)`);
    await q.query(`CREATE INDEX problems_outcome ON issues.problems (outcome, confidentiality)`);
    await q.query(`CREATE INDEX problems_confidentiality ON issues.problems (confidentiality, registered_at, id)`);
    // Free text: ledger numbers and texts are searched apart, each with its own trigram index.
    await q.query(`DROP INDEX issues.problems_text`);
    await q.query(`CREATE INDEX problems_text ON issues.problems USING gin ((title || ' ' || description) gin_trgm_ops)`);
    await q.query(`CREATE INDEX problems_ledger_no_trgm ON issues.problems USING gin (ledger_no gin_trgm_ops)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX issues.problems_text`);
    await q.query(`DROP INDEX issues.problems_ledger_no_trgm`);
    await q.query(`CREATE INDEX problems_text ON issues.problems USING gin ((title || ' ' || description || ' ' || ledger_no) gin_trgm_ops)`);
    for (const name of ['problems_registered', 'problems_deadline', 'problems_enterprise', 'problems_stage', 'problems_source', 'problems_outcome', 'problems_confidentiality']) {
      await q.query(`DROP INDEX issues.${name}`);
    }
    await q.query(`CREATE INDEX problems_enterprise ON issues.problems (enterprise_code, registered_at DESC)`);
    await q.query(`CREATE INDEX problems_stage ON issues.problems (stage)`);
    await q.query(`CREATE INDEX problems_deadline ON issues.problems (deadline)`);
    await q.query(`CREATE INDEX problems_registered ON issues.problems (registered_at DESC, id)`);
  }
}
