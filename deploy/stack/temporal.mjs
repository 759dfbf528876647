// The Temporal dev server with SQLite persistence (WAL), Rectify's search attributes and the UI.
import { join } from 'node:path';
import { run, waitFor } from './wait.mjs';

export async function startTemporal({ cli, dir, ports, processes, searchAttributes, codecEndpoint }) {
  const args = [
    'server', 'start-dev',
    '--ip', '127.0.0.1',
    '--port', String(ports.temporal),
    '--ui-port', String(ports.temporalUi),
    '--http-port', String(ports.temporalHttp),
    '--metrics-port', String(ports.temporalMetrics),
    '--db-filename', join(dir, 'temporal.sqlite'),
    '--sqlite-pragma', 'journal_mode=WAL',
    '--log-level', 'warn',
    // Payloads are encrypted: the UI asks the gateway's codec endpoint to decode them, which answers
    // only a signed-in operator or Supervision Division officer (docs/security.md).
    ...(codecEndpoint ? ['--ui-codec-endpoint', codecEndpoint] : []),
    ...Object.entries(searchAttributes).flatMap(([name, type]) => ['--search-attribute', `${name}=${type}`]),
  ];
  // Restarted after a crash: the SQLite (WAL) database keeps every workflow across kill -9.
  const entry = processes.start('temporal', cli, args, { restart: true });
  const address = `127.0.0.1:${ports.temporal}`;
  await waitFor('Temporal dev server', async () => {
    const { stdout } = await run(cli, ['operator', 'cluster', 'health', '--address', address], { timeoutMs: 5000 });
    return stdout.includes('SERVING');
  }, { isDead: () => entry.exited && `exit ${entry.exited.code ?? entry.exited.signal}, see ${processes.logFile('temporal')}` });
  return { entry, address, uiUrl: `http://127.0.0.1:${ports.temporalUi}` };
}

/** On a Temporal server Rectify did not start, registers any search attribute still missing. */
export async function registerSearchAttributes({ cli, address, namespace, searchAttributes, log }) {
  const { stdout } = await run(cli, ['operator', 'search-attribute', 'list', '--address', address, '--namespace', namespace, '-o', 'json']);
  const existing = JSON.stringify(JSON.parse(stdout));
  for (const [name, type] of Object.entries(searchAttributes)) {
    if (existing.includes(`"${name}"`)) continue;
    log(`registering search attribute ${name} (${type}) on ${address}`);
    await run(cli, ['operator', 'search-attribute', 'create', '--address', address, '--namespace', namespace, '--name', name, '--type', type]);
  }
}
