import { readFileSync } from 'node:fs';

/** What `npm test` wrote about the stack it started (.rectify/test/stack.json). */
export interface StackDescription {
  profile: string;
  ports: Record<string, number>;
  infra: { databaseUrl: string; temporalAddress: string; temporalNamespace: string; smtpUrl: string; temporalCli?: string };
  urls: { gateway: string; apiDocs: string; temporalUi?: string; mailbox?: string };
  jwtSecret: string;
  logDir: string;
  stateDir: string;
}

let cached: StackDescription | undefined;

/** The running test stack; fails clearly when the tests run outside `npm test`. */
export function stack(): StackDescription {
  if (cached) return cached;
  const file = process.env['RECTIFY_STACK_FILE'];
  if (!file) throw new Error('RECTIFY_STACK_FILE is not set: run the tests with `npm test`, which starts the stack they need');
  cached = JSON.parse(readFileSync(file, 'utf8')) as StackDescription;
  return cached;
}
