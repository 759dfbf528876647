import { afterAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { migrateSchema, pendingMigrations } from '@rectify/platform';
import { closeDb, db, payloadKeyEnv, stack, tokenKeyEnvironment } from '../harness/index.js';

const REPO = resolve(fileURLToPath(import.meta.url), '../../../..');
const created: string[] = [];

/** A fresh, empty database on the stack's PostgreSQL; dropped after the tests. */
async function freshDatabase(): Promise<string> {
  const name = `rectify_migrate_${Date.now().toString(36)}_${created.length}`;
  await db().query(`CREATE DATABASE ${name}`);
  created.push(name);
  const url = new URL(stack().infra.databaseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

function run(service: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((done) => {
    const s = stack();
    const child = spawn(process.execPath, [join(REPO, 'services', service, 'dist', 'main.js'), ...args], {
      cwd: REPO,
      env: {
        PATH: process.env['PATH'], PORT: '1', HOST: '127.0.0.1', TEMPORAL_ADDRESS: s.infra.temporalAddress, ...tokenKeyEnvironment(),
        SMTP_URL: s.infra.smtpUrl, PUBLIC_URL: s.urls.gateway, EVIDENCE_DIR: join(s.stateDir, 'evidence'), ...payloadKeyEnv(), ...env,
      },
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('exit', (code) => done({ code, output }));
  });
}

/** A migration that takes its time, so that two runs overlap unless something serialises them. */
class SlowTable1700000000000 implements MigrationInterface {
  name = 'SlowTable1700000000000';
  async up(q: QueryRunner): Promise<void> {
    await q.query('SELECT pg_sleep(0.5)');
    await q.query('CREATE TABLE slow_table (id int PRIMARY KEY)'); // fails if it runs twice
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE slow_table');
  }
}

afterAll(async () => {
  for (const name of created) await db().query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await closeDb();
});

describe('migrations run once: `main.js migrate`, MIGRATIONS_RUN=skip and the advisory lock', () => {
  it('runs a migration once when two processes migrate the same fresh schema at the same moment', async () => {
    const url = await freshDatabase();
    const target = { databaseUrl: url, schema: 'race', entities: [], migrations: [SlowTable1700000000000] };
    expect(await pendingMigrations(target)).toEqual(['SlowTable1700000000000']);
    const runs = await Promise.all([migrateSchema(target), migrateSchema(target), migrateSchema(target)]);
    expect(runs.map((r) => r.length).sort()).toEqual([0, 0, 1]);
    expect(await pendingMigrations(target)).toEqual([]);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      expect((await client.query('SELECT name FROM race.migrations')).rows).toEqual([{ name: 'SlowTable1700000000000' }]);
    } finally {
      await client.end();
    }
  });

  it('`node services/issues/dist/main.js migrate`, twice at once, migrates a fresh database once; a pod with MIGRATIONS_RUN=skip refuses a schema behind', async () => {
    const [migrated, behind] = [await freshDatabase(), await freshDatabase()];
    const [a, b, refused] = await Promise.all([
      run('issues', ['migrate'], { DATABASE_URL: migrated }),
      run('issues', ['migrate'], { DATABASE_URL: migrated }),
      run('issues', [], { DATABASE_URL: behind, MIGRATIONS_RUN: 'skip' }),
    ]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const said = [a.output, b.output].map((o) => /schema issues: (ran [^"]*|nothing pending)/.exec(o)?.[1]);
    expect(said.filter((s) => s === 'nothing pending')).toHaveLength(1);
    const ran = said.find((s) => s?.startsWith('ran '))!.slice(4).split(', ');
    expect(ran.length).toBeGreaterThan(3);
    const client = new pg.Client({ connectionString: migrated });
    await client.connect();
    try {
      expect((await client.query('SELECT name FROM issues.migrations ORDER BY id')).rows.map((r: { name: string }) => r.name)).toEqual(ran);
    } finally {
      await client.end();
    }
    expect(refused.code).not.toBe(0);
    expect(refused.output).toMatch(/schema issues has pending migrations \(.*\) and MIGRATIONS_RUN=skip: run the migrate job first/);
  }, 180_000);
});
