import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import pg from 'pg';
import type { MixedList, EntitySchema } from 'typeorm';
import { APP_CONFIG } from '../config/config.module.js';

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

/**
 * TypeORM on the service's own schema. The schema is changed only by migrations, which run at
 * start inside one transaction each; `synchronize` is never used.
 */
@Module({})
export class DatabaseModule {
  static forService(options: DatabaseOptions): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: async (config: { DATABASE_URL: string }) => {
            await ensureSchema(config.DATABASE_URL, options.schema);
            return {
              type: 'postgres' as const,
              url: config.DATABASE_URL,
              schema: options.schema,
              entities: options.entities,
              migrations: options.migrations,
              migrationsTableName: 'migrations',
              migrationsRun: true,
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
