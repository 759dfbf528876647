import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Identity1764489600000 implements MigrationInterface {
  name = 'Identity1764489600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE identity.enterprises (
      code text PRIMARY KEY CHECK (code ~ '^[A-Z0-9-]{2,20}$'),
      name text NOT NULL
    )`);
    await q.query(`CREATE TABLE identity.member_units (
      code text PRIMARY KEY CHECK (code ~ '^[A-Z0-9-]{2,20}$'),
      name text NOT NULL
    )`);
    await q.query(`CREATE TABLE identity.users (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      username text NOT NULL UNIQUE,
      display_name text NOT NULL,
      password_hash text NOT NULL,
      role text NOT NULL,
      enterprise_code text REFERENCES identity.enterprises(code),
      unit_code text REFERENCES identity.member_units(code),
      department text,
      email text,
      active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT enterprise_roles_have_enterprise CHECK (
        (role IN ('enterprise_audit','enterprise_business','enterprise_leader')) = (enterprise_code IS NOT NULL)),
      CONSTRAINT unit_roles_have_unit CHECK (
        (role IN ('member_unit_officer','member_unit_leader')) = (unit_code IS NOT NULL))
    )`);
    await q.query(`CREATE INDEX users_role_enterprise ON identity.users (role, enterprise_code)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE identity.users`);
    await q.query(`DROP TABLE identity.member_units`);
    await q.query(`DROP TABLE identity.enterprises`);
  }
}
