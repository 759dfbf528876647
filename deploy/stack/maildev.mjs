// The SMTP sink with its web mailbox and JSON API (maildev), on loopback.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { httpOk, waitFor } from './wait.mjs';

export async function startMaildev({ dir, ports, processes }) {
  const bin = join(dirname(fileURLToPath(import.meta.resolve('maildev'))), 'bin', 'maildev.js');
  const entry = processes.start('maildev', process.execPath, [
    bin,
    '--smtp', String(ports.smtp),
    '--ip', '127.0.0.1',
    '--web', String(ports.mailbox),
    '--web-ip', '127.0.0.1',
    '--mail-directory', join(dir, 'mail'),
    '--silent',
  ]);
  const mailboxUrl = `http://127.0.0.1:${ports.mailbox}`;
  await waitFor('maildev', () => httpOk(`${mailboxUrl}/api/healthz`), {
    isDead: () => entry.exited && `exit ${entry.exited.code ?? entry.exited.signal}`,
  });
  return { entry, smtpUrl: `smtp://127.0.0.1:${ports.smtp}`, mailboxUrl };
}
