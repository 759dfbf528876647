import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The reconciler looks for problems without a workflow every minute: a partial index keeps that cheap. */
export class UnstartedWorkflowsIndex1765180800000 implements MigrationInterface {
  name = 'UnstartedWorkflowsIndex1765180800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX problems_workflow_unstarted ON issues.problems (registered_at) WHERE NOT workflow_started`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX issues.problems_workflow_unstarted`);
  }
}
