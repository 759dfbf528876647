import pg from 'pg';
import { DataSource, type EntitySchema, type MixedList } from 'typeorm';

export interface MigrationTarget {
  databaseUrl: string;
  /** The PostgreSQL schema the migrations belong to (their `migrations` table lives in it). */
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
}

const quoted = (schema: string) => `"${schema.replace(/"/g, '')}"`;

function dataSourceFor(target: MigrationTarget): DataSource {
  return new DataSource({
    type: 'postgres',
    url: target.databaseUrl,
    schema: target.schema,
    entities: target.entities,
    migrations: target.migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    extra: { max: 1, application_name: `rectify-${target.schema}-migrate` },
  });
}

/**
 * Creates the schema if it is missing and runs its pending migrations, one transaction each,
 * while holding a PostgreSQL advisory lock named for the schema: instances that start at the same
 * time (or a migrate job and a pod) run them one after the other, and the later ones find nothing
 * pending. Returns the names of the migrations this call ran.
 */
export async function migrateSchema(target: MigrationTarget): Promise<string[]> {
  const lock = new pg.Client({ connectionString: target.databaseUrl, application_name: `rectify-${target.schema}-migration-lock` });
  await lock.connect();
  const key = `rectify:migrations:${target.schema}`;
  try {
    await lock.query('SELECT pg_advisory_lock(hashtext($1))', [key]);
    await lock.query(`CREATE SCHEMA IF NOT EXISTS ${quoted(target.schema)}`);
    const db = dataSourceFor(target);
    await db.initialize();
    try {
      return (await db.runMigrations({ transaction: 'each' })).map((m) => m.name);
    } finally {
      await db.destroy();
    }
  } finally {
    // Ending the session releases the lock as well; unlocking first keeps pooled servers tidy.
    await lock.query('SELECT pg_advisory_unlock(hashtext($1))', [key]).catch(() => undefined);
    await lock.end();
  }
}

/** The names of the migrations not yet applied to the schema (all of them when it does not exist). */
export async function pendingMigrations(target: MigrationTarget): Promise<string[]> {
  const client = new pg.Client({ connectionString: target.databaseUrl });
  await client.connect();
  let applied: Set<string>;
  try {
    const exists = await client.query('SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = $2', [target.schema, 'migrations']);
    applied = exists.rowCount
      ? new Set((await client.query<{ name: string }>(`SELECT name FROM ${quoted(target.schema)}.migrations`)).rows.map((r) => r.name))
      : new Set();
  } finally {
    await client.end();
  }
  const db = dataSourceFor(target);
  await db.initialize();
  try {
    return db.migrations.map((m) => m.name ?? m.constructor.name).filter((name) => !applied.has(name));
  } finally {
    await db.destroy();
  }
}
