import type { DataSource } from 'typeorm';

/** A scrape-time query waits at most this long (statement_timeout), then the last values are reported. */
export const SCRAPE_QUERY_TIMEOUT_MS = 2_000;

/**
 * Reads the rows of one cheap SQL aggregate for the gauges computed at scrape time. The gauges of
 * one scrape share a single run (results younger than a second are reused); the statement runs
 * under a 2 s statement_timeout, and a failed or timed-out run reports the previous result rather
 * than failing the scrape.
 */
export function scrapeQuery<R>(db: DataSource, sql: string, initial: R[] = []): () => Promise<R[]> {
  let last = initial;
  let cached: { at: number; rows: Promise<R[]> } | undefined;
  const run = () =>
    db.transaction(async (tx) => {
      await tx.query(`SET LOCAL statement_timeout = ${SCRAPE_QUERY_TIMEOUT_MS}`);
      return (await tx.query(sql)) as R[];
    });
  return () => {
    if (!cached || Date.now() - cached.at > 1_000) {
      cached = {
        at: Date.now(),
        rows: run().then(
          (rows) => (last = rows),
          () => last,
        ),
      };
    }
    return cached.rows;
  };
}
