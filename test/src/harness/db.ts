import pg from 'pg';
import { stack } from './stack.js';

let pool: pg.Pool | undefined;

/** A small pool on the test stack's database, for assertions on what the services wrote. */
export function db(): pg.Pool {
  pool ??= new pg.Pool({ connectionString: stack().infra.databaseUrl, max: 3 });
  return pool;
}

export async function closeDb(): Promise<void> {
  await pool?.end();
  pool = undefined;
}
