import { LIVE_EVENTS_PATH, SseParser, type LiveEvent } from '@rectify/contracts';
import { freshToken, loadSession, renewSession } from '../auth/session.js';

export type LiveStatus = 'connecting' | 'live' | 'offline';
/** A live event, or `resync`: events this page missed are gone (pruned), so it reloads everything it shows. */
export type LiveSignal = LiveEvent | { type: 'resync' };
type Listener = (event: LiveSignal) => void;
type StatusListener = (status: LiveStatus) => void;

const listeners = new Set<Listener>();
const statusListeners = new Set<StatusListener>();
let status: LiveStatus = 'offline';
/** The last id the gateway gave: sent back as Last-Event-ID, so a reconnect misses nothing. */
let lastEventId: string | null = null;
let controller: AbortController | null = null;
let retryTimer: number | undefined;

function setStatus(next: LiveStatus): void {
  status = next;
  for (const l of statusListeners) l(next);
}

/**
 * One stream per page for every component (GET /api/events with the bearer token, read with
 * fetch: EventSource cannot send the header). It ends when the access token expires, the network
 * drops or the server stops; then it reconnects with a fresh token and the last id.
 */
async function connect(): Promise<void> {
  const abort = new AbortController();
  controller = abort;
  setStatus('connecting');
  let retryMs = 3000;
  try {
    let token = await freshToken();
    if (!token) return; // signed out
    const open = (t: string) => fetch(LIVE_EVENTS_PATH, {
      headers: { authorization: `Bearer ${t}`, accept: 'text/event-stream', ...(lastEventId ? { 'last-event-id': lastEventId } : {}) },
      signal: abort.signal,
      cache: 'no-store',
    });
    let res = await open(token);
    if (res.status === 401) {
      token = await renewSession();
      if (!token) return;
      res = await open(token);
    }
    if (res.status === 400) lastEventId = null; // an id this gateway cannot resume from: start afresh
    if (!res.ok || !res.body) return;
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    const parser = new SseParser();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      for (const m of parser.push(value)) {
        if (m.id !== null) lastEventId = m.id;
        if (m.event === 'ready') setStatus('live');
        else if (m.event === 'expired') retryMs = 0;
        else if (m.event === 'resync') for (const l of listeners) l({ type: 'resync' });
        else if (m.event === 'message') {
          const event = JSON.parse(m.data) as LiveEvent;
          for (const l of listeners) l(event);
        }
      }
    }
  } catch {
    // aborted, or the network: reconnect below
  } finally {
    if (controller === abort) {
      controller = null;
      setStatus('offline');
      if (listeners.size > 0 && loadSession()) retryTimer = window.setTimeout(() => void connect(), retryMs);
    }
  }
}

function stop(): void {
  window.clearTimeout(retryTimer);
  controller?.abort();
  controller = null;
}

/** Receives every live event this user may see, while subscribed. */
export function subscribeLive(listener: Listener): () => void {
  listeners.add(listener);
  if (!controller && retryTimer === undefined) void connect();
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      stop();
      retryTimer = undefined;
    }
  };
}

export function watchLiveStatus(listener: StatusListener): () => void {
  statusListeners.add(listener);
  listener(status);
  return () => void statusListeners.delete(listener);
}
