import 'reflect-metadata';
import { ConsoleLogger, type INestApplication, type LogLevel, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ConfigError } from '../config/config.js';
import { validationErrorFactory } from './validation-errors.js';

const LEVELS: LogLevel[] = ['verbose', 'debug', 'log', 'warn', 'error', 'fatal'];

export function jsonLogger(name: string, level = process.env['LOG_LEVEL'] ?? 'log'): ConsoleLogger {
  const from = Math.max(0, LEVELS.indexOf(level as LogLevel));
  return new ConsoleLogger(name, { json: true, colors: false, logLevels: LEVELS.slice(from) });
}

/** The pipes, docs and shutdown behaviour every Rectify HTTP service shares. */
export function configureApp(app: INestApplication, title: string, description: string): void {
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: validationErrorFactory,
    }),
  );
  app.enableShutdownHooks();
  const docConfig = new DocumentBuilder().setTitle(title).setDescription(description).addBearerAuth().build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, docConfig), {
    jsonDocumentUrl: 'docs/json',
  });
}

export interface ServiceDefinition {
  name: string;
  title: string;
  description: string;
  /** Builds the root module; config errors thrown here are reported as one sentence. */
  module: () => unknown;
  /** Optional hook to add middleware before the Nest routes (the gateway's proxy). */
  beforeListen?: (app: INestApplication) => void | Promise<void>;
  /** Whether Nest parses request bodies (the gateway's proxy needs raw bodies). */
  bodyParser?: boolean;
}

/**
 * Starts a Rectify HTTP service. A configuration problem stops the process with exit code 78 and
 * one line naming the variable; everything else is logged as JSON.
 */
export async function runService(definition: ServiceDefinition): Promise<INestApplication> {
  const logger = jsonLogger(definition.name);
  let rootModule: unknown;
  try {
    rootModule = definition.module();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`rectify-${definition.name}: ${err.message}\n`);
      process.exit(78);
    }
    throw err;
  }
  const app = await NestFactory.create(rootModule as never, {
    logger,
    bodyParser: definition.bodyParser ?? true,
  });
  configureApp(app, definition.title, definition.description);
  await definition.beforeListen?.(app);
  const port = Number(process.env['PORT']);
  const host = process.env['HOST'] ?? '127.0.0.1';
  await app.listen(port, host);
  logger.log(`listening on http://${host}:${port} (docs at /docs)`);
  return app;
}
