import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Transfers of a problem to discipline inspection (移送纪检) and 纪检组's decision (受理). */
export class DisciplineTransfers1765094400000 implements MigrationInterface {
  name = 'DisciplineTransfers1765094400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE issues.discipline_transfers (
      id bigserial PRIMARY KEY,
      problem_id uuid NOT NULL REFERENCES issues.problems(id),
      seq int NOT NULL,
      content text NOT NULL,
      transferred_by text NOT NULL,
      transferred_at timestamptz NOT NULL,
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'declined')),
      accepted_on date,
      decided_by text,
      decided_at timestamptz,
      decision_note text,
      UNIQUE (problem_id, seq)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE issues.discipline_transfers`);
  }
}
