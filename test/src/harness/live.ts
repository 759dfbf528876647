import { LIVE_EVENTS_PATH, SseParser, type SseMessage } from '@rectify/contracts';
import { login } from './api.js';
import { stack } from './stack.js';

/** A received message with its parsed data and when it arrived (performance.now()). */
export interface LiveMessage extends SseMessage {
  json: Record<string, unknown> | null;
  receivedAt: number;
}

/**
 * One connection to the gateway's live stream, read with fetch as the console reads it. Every
 * message is kept; `next` waits for one that matches (no fixed sleeps).
 */
export class LiveStream {
  readonly messages: LiveMessage[] = [];
  status = 0;
  ended = false;
  private readonly abort = new AbortController();
  private waiters: (() => void)[] = [];
  private done: Promise<void> = Promise.resolve();

  /** Opens a stream on the stack's gateway, or on the gateway at `gateway` (another instance). */
  static async open(token: string | null, lastEventId?: string, gateway = stack().urls.gateway): Promise<LiveStream> {
    const s = new LiveStream();
    await s.start(token, lastEventId, gateway);
    return s;
  }

  private async start(token: string | null, lastEventId: string | undefined, gateway: string): Promise<void> {
    const headers: Record<string, string> = { accept: 'text/event-stream' };
    if (token) headers['authorization'] = `Bearer ${token}`;
    if (lastEventId !== undefined) headers['last-event-id'] = lastEventId;
    const res = await fetch(`${gateway}${LIVE_EVENTS_PATH}`, { headers, signal: this.abort.signal });
    this.status = res.status;
    if (!res.ok || !res.body) {
      this.messages.push({ id: null, event: 'refused', data: await res.text(), json: null, receivedAt: performance.now() });
      this.ended = true;
      return;
    }
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    const parser = new SseParser();
    this.done = (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          const at = performance.now();
          for (const m of parser.push(value)) this.messages.push({ ...m, json: m.data ? (JSON.parse(m.data) as Record<string, unknown>) : null, receivedAt: at });
          this.wake();
        }
      } catch {
        // aborted by close()
      } finally {
        this.ended = true;
        this.wake();
      }
    })();
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  /** The change events (not `ready`, not `expired`). */
  get events(): LiveMessage[] {
    return this.messages.filter((m) => m.event === 'message');
  }

  /** Waits until a message matches, or fails naming `what` after `timeoutMs`. */
  async next(what: string, match: (m: LiveMessage) => boolean, timeoutMs = 60_000): Promise<LiveMessage> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find(match);
      if (found) return found;
      if (this.ended) throw new Error(`live stream ended before ${what}; got ${JSON.stringify(this.messages.map((m) => m.data))}`);
      const left = until - Date.now();
      if (left <= 0) throw new Error(`no live message ${what} within ${timeoutMs} ms; got ${JSON.stringify(this.messages.map((m) => m.data))}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => { clearTimeout(t); resolve(); });
      });
    }
  }

  /** Resolves when the server ends the stream. */
  async ended$(): Promise<void> {
    await this.done;
  }

  close(): Promise<void> {
    this.abort.abort();
    return this.done;
  }
}

/**
 * The streams a suite opens: `ready` signs `username` in, opens a stream (resuming after
 * `lastEventId` when given) and waits for its `ready`; `closeAll` ends them in afterAll.
 */
export class LiveStreams {
  private readonly opened: LiveStream[] = [];

  async ready(username: string, lastEventId?: string): Promise<LiveStream> {
    const s = await LiveStream.open(await login(username), lastEventId);
    this.opened.push(s);
    if (s.status !== 200) throw new Error(`live stream for ${username} answered ${s.status}: ${s.messages[0]?.data ?? ''}`);
    await s.next(`ready for ${username}`, (m) => m.event === 'ready');
    return s;
  }

  /** Keeps a stream opened some other way, to be closed with the rest. */
  keep(s: LiveStream): LiveStream {
    this.opened.push(s);
    return s;
  }

  async closeAll(): Promise<void> {
    await Promise.all(this.opened.map((s) => s.close()));
  }
}
