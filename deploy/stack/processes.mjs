// Child processes of the stack: each in its own process group (so Ctrl-C reaches only the
// launcher, which then stops them in order), output appended to .rectify/<profile>/logs/<name>.log,
// pids recorded so that a later start can clean up after a launcher that was killed.
import { spawn } from 'node:child_process';
import { appendFileSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export class ProcessGroup {
  constructor(dir) {
    this.dir = dir;
    this.logDir = join(dir, 'logs');
    mkdirSync(this.logDir, { recursive: true });
    this.children = [];
    this.onUnexpectedExit = () => {};
  }

  logFile(name) {
    return join(this.logDir, `${name}.log`);
  }

  /**
   * Starts a process; `stopping` children that exit are expected, others are reported, and with
   * `restart` started again after a second (Rectify's own processes, the Temporal dev server and
   * PostgreSQL: a crash is not an outage), or once its hold file is gone (see `whileHeld`).
   */
  start(name, command, args, options = {}) {
    const fd = openSync(this.logFile(name), 'a');
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', fd, fd],
      detached: true,
      uid: options.uid,
      gid: options.gid,
    });
    closeSync(fd);
    const entry = { name, child, stopping: false, exited: null, stopSignal: options.stopSignal ?? 'SIGTERM' };
    entry.exitPromise = new Promise((resolveExit) => {
      child.once('exit', (code, signal) => {
        entry.exited = { code, signal };
        // How each process ended, for tests that stop one themselves (test/src/scale/instances.ts).
        appendFileSync(join(this.dir, 'exits.jsonl'), `${JSON.stringify({ name, pid: child.pid, code, signal })}\n`);
        if (!entry.stopping) {
          this.onUnexpectedExit(name, code, signal);
          if (options.restart && !this.closing) {
            entry.replacement = new Promise((r) => setTimeout(r, 1000)).then(() => this.whileHeld(name)).then(() => {
              if (this.closing) return;
              this.children = this.children.filter((c) => c !== entry);
              this.start(name, command, args, options);
            });
          }
        }
        resolveExit();
      });
      child.once('error', (err) => {
        entry.exited = { code: null, signal: null, error: err };
        if (!entry.stopping) this.onUnexpectedExit(name, null, String(err));
        resolveExit();
      });
    });
    this.children.push(entry);
    this.record();
    return entry;
  }

  /**
   * The restart of `name` waits while the file `<state dir>/hold/<name>` exists: fault-injection
   * tests stop a process for a while (e.g. PostgreSQL for 30 s) by creating it before stopping the
   * process and removing it when the outage should end.
   */
  async whileHeld(name) {
    while (!this.closing && existsSync(join(this.dir, 'hold', name))) await new Promise((r) => setTimeout(r, 200));
  }

  record() {
    const pids = this.children.filter((c) => c.child.pid && !c.exited).map((c) => ({ name: c.name, pid: c.child.pid }));
    writeFileSync(join(this.dir, 'children.json'), JSON.stringify(pids));
  }

  /** The running process of `name` (the newest, after restarts). */
  current(name) {
    return this.children.filter((c) => c.name === name).at(-1);
  }

  /** Stops one child: its stop signal, then SIGKILL after `graceMs`. */
  async stop(entry, graceMs = 25_000) {
    if (entry.exited) return;
    entry.stopping = true;
    try {
      process.kill(-entry.child.pid, entry.stopSignal);
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-entry.child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, graceMs);
    await entry.exitPromise;
    clearTimeout(timer);
  }

  /** Stops every child, newest first (services before the infrastructure they use). */
  async stopAll() {
    this.closing = true;
    await Promise.all(this.children.map((c) => c.replacement));
    for (const entry of [...this.children].reverse()) await this.stop(entry);
    this.record();
  }
}

function groupAlive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Kills what a previous launcher of this profile left running (it was killed before cleaning up). */
export async function killLeftovers(dir) {
  let leftovers = [];
  try {
    leftovers = JSON.parse(readFileSync(join(dir, 'children.json'), 'utf8'));
  } catch {
    return [];
  }
  const killed = [];
  for (const { name, pid } of leftovers) {
    try {
      process.kill(-pid, 'SIGKILL');
      killed.push(name);
    } catch {
      // not running any more
    }
  }
  const deadline = Date.now() + 10_000;
  while (leftovers.some(({ pid }) => groupAlive(pid)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  writeFileSync(join(dir, 'children.json'), '[]');
  return killed;
}
