import { readFileSync } from 'node:fs';

/** What `npm test` wrote about the stack it started (.rectify/test/stack.json). */
export interface StackDescription {
  profile: string;
  ports: Record<string, number>;
  infra: {
    databaseUrl: string;
    temporalAddress: string;
    temporalNamespace: string;
    smtpUrl: string;
    temporalCli?: string;
    /** The profile's Temporal payload keys (JSON, mode 0600); absent when the environment supplied them. */
    temporalPayloadKeysFile?: string;
  };
  urls: { gateway: string; apiDocs: string; temporalUi?: string; mailbox?: string; codecEndpoint?: string };
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
