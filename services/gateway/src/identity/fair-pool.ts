/** Refused because the caller already has `perClientQueue` tasks waiting. */
export class PoolBusyError extends Error {}

interface Client {
  waiting: (() => void)[];
  running: number;
  /** When this client last got a slot (a sequence number); lower goes first. */
  lastServed: number;
}

/**
 * Runs at most `concurrency` tasks at once (scrypt: each holds a libuv thread and 128 MiB), and
 * hands a freed slot to the waiting client served longest ago, so nine parallel guessers from one
 * address wait behind each other while a login from another address takes the next free slot. A
 * client with `perClientQueue` tasks already waiting is refused at once (PoolBusyError → 429).
 */
export class FairPool {
  private running = 0;
  private sequence = 0;
  private readonly clients = new Map<string, Client>();

  constructor(
    private readonly concurrency: number,
    private readonly perClientQueue: number,
  ) {}

  get active(): number {
    return this.running;
  }

  async run<T>(name: string, task: () => Promise<T>): Promise<T> {
    let client = this.clients.get(name);
    if (!client) {
      client = { waiting: [], running: 0, lastServed: -1 };
      this.clients.set(name, client);
    }
    if (this.running >= this.concurrency) {
      if (client.waiting.length >= this.perClientQueue) throw new PoolBusyError(name);
      const me = client;
      await new Promise<void>((start) => me.waiting.push(start));
    } else {
      this.running += 1;
      this.served(client);
    }
    try {
      return await task();
    } finally {
      client.running -= 1;
      this.next();
      if (client.running === 0 && client.waiting.length === 0) this.clients.delete(name);
    }
  }

  private served(client: Client): void {
    client.running += 1;
    client.lastServed = (this.sequence += 1);
  }

  /** Hands the slot just freed to the first waiting task of the client served longest ago. */
  private next(): void {
    let chosen: Client | undefined;
    for (const client of this.clients.values()) {
      if (client.waiting.length > 0 && (!chosen || client.lastServed < chosen.lastServed)) chosen = client;
    }
    if (!chosen) {
      this.running -= 1;
      return;
    }
    this.served(chosen);
    chosen.waiting.shift()!(); // the slot passes on: `running` is unchanged
  }
}
