import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The 函告 and 通报 as issued: the Word document is stored when the measure is issued, and every
 * download returns those bytes — editing the case afterwards (its assessment year above all) does
 * not change an issued document. Append-only, like the measures themselves.
 */
export class AccountabilityDocuments1796000700000 implements MigrationInterface {
  name = 'AccountabilityDocuments1796000700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE issues.accountability_documents (
      measure_id bigint PRIMARY KEY REFERENCES issues.accountability_measures(id),
      case_id bigint NOT NULL REFERENCES issues.accountability_cases(id),
      title text NOT NULL,
      file bytea NOT NULL,
      sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
      stored_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TRIGGER accountability_documents_append_only BEFORE UPDATE OR DELETE ON issues.accountability_documents
      FOR EACH ROW EXECUTE FUNCTION issues.refuse_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE issues.accountability_documents`);
  }
}
