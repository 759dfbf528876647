import { LIVE_SOURCES, type LiveSource } from '@rectify/contracts';

/** A position in one source's log: the writing transaction's id, then the row id (both decimal). */
export interface LogPosition {
  tx: bigint;
  id: bigint;
}

/** A position in every source: what the stream's `id:` lines and `Last-Event-ID` carry. */
export type LiveCursor = Record<LiveSource, LogPosition>;

const ZERO: LogPosition = { tx: 0n, id: 0n };

export function startCursor(): LiveCursor {
  return Object.fromEntries(LIVE_SOURCES.map((s) => [s, ZERO])) as LiveCursor;
}

export function isAfter(a: LogPosition, b: LogPosition): boolean {
  return a.tx > b.tx || (a.tx === b.tx && a.id > b.id);
}

export function later(a: LogPosition, b: LogPosition): LogPosition {
  return isAfter(a, b) ? a : b;
}

/** `<tx>-<id>` per source, in LIVE_SOURCES order, joined by `.` (e.g. `812-45.790-12.0-0`). */
export function formatCursor(cursor: LiveCursor): string {
  return LIVE_SOURCES.map((s) => `${cursor[s].tx}-${cursor[s].id}`).join('.');
}

const PART = /^(\d{1,20})-(\d{1,20})$/;

/** The shape of a cursor: one `<tx>-<id>` per source, joined by `.`. */
export const CURSOR_PATTERN = new RegExp(`^\\d{1,20}-\\d{1,20}(\\.\\d{1,20}-\\d{1,20}){${LIVE_SOURCES.length - 1}}$`);

/** The cursor a client sent back, or null when it is not one this gateway wrote. */
export function parseCursor(text: string): LiveCursor | null {
  const parts = text.trim().split('.');
  if (parts.length !== LIVE_SOURCES.length) return null;
  const cursor = startCursor();
  for (const [i, source] of LIVE_SOURCES.entries()) {
    const m = PART.exec(parts[i]!);
    if (!m) return null;
    cursor[source] = { tx: BigInt(m[1]!), id: BigInt(m[2]!) };
  }
  return cursor;
}
