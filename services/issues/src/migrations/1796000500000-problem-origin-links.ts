import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A problem may be linked to the problem it was found from (its origin) and to the approved
 * separate project (单独立项, policy 第十条) whose work revealed it.
 */
export class ProblemOriginLinks1796000500000 implements MigrationInterface {
  name = 'ProblemOriginLinks1796000500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE issues.problems
      ADD COLUMN origin_problem_id uuid REFERENCES issues.problems(id),
      ADD COLUMN separate_project_id uuid REFERENCES issues.separate_projects(id)`);
    await q.query(`CREATE INDEX problems_origin ON issues.problems (origin_problem_id) WHERE origin_problem_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX issues.problems_origin`);
    await q.query(`ALTER TABLE issues.problems DROP COLUMN separate_project_id, DROP COLUMN origin_problem_id`);
  }
}
