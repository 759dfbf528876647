import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import pg from 'pg';
import type { MixedList, EntitySchema } from 'typeorm';
import { APP_CONFIG } from '../config/config.module.js';
import { migrateSchema, pendingMigrations } from './migrations.js';

export interface DatabaseOptions {
  /** The PostgreSQL schema this service owns; nothing else writes to it. */
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
}

// Calendar dates stay 'YYYY-MM-DD' strings: a JS Date would shift them by the process's zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);

/** Creates the service's schema if it is missing, so its migrations table can live inside it. */
export async function ensureSchema(databaseUrl: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema.replace(/"/g, '')}"`);
  } finally {
    await client.end();
  }
}

/** The database options of the service built in this process (for `main.js migrate`). */
let registered: DatabaseOptions | undefined;
export const registeredDatabase = (): DatabaseOptions | undefined => registered;

/**
 * TypeORM on the service's own schema. The schema is changed only by migrations, one transaction
 * each, under an advisory lock; `synchronize` is never used. MIGRATIONS_RUN=auto runs them at
 * start; MIGRATIONS_RUN=skip (Kubernetes, where a Job runs `main.js migrate` once) refuses to start
 * while one is still pending.
 */
@Module({})
export class DatabaseModule {
  static forService(options: DatabaseOptions): DynamicModule {
    registered = options;
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: async (config: { DATABASE_URL: string; MIGRATIONS_RUN?: string }) => {
            const target = { databaseUrl: config.DATABASE_URL, ...options };
            if (config.MIGRATIONS_RUN === 'skip') {
              const pending = await pendingMigrations(target);
              if (pending.length > 0) {
                throw new Error(`schema ${options.schema} has pending migrations (${pending.join(', ')}) and MIGRATIONS_RUN=skip: run the migrate job first`);
              }
            } else {
              await migrateSchema(target);
            }
            return {
              type: 'postgres' as const,
              url: config.DATABASE_URL,
              schema: options.schema,
              entities: options.entities,
              migrations: options.migrations,
              migrationsTableName: 'migrations',
              migrationsRun: false,
              migrationsTransactionMode: 'each' as const,
              synchronize: false,
              extra: { max: 10, application_name: `rectify-${options.schema}` },
              retryAttempts: 5,
              retryDelay: 2000,
            };
          },
        }),
      ],
    };
  }
}
