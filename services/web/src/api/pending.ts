import { ApiError } from './client.js';

/** The answer of an API that colleagues may not have shipped yet: its rows, or "not yet there" (404). */
export type Maybe<T> = { available: true; data: T } | { available: false };

export async function ifAvailable<T>(call: () => Promise<T>): Promise<Maybe<T>> {
  try {
    return { available: true, data: await call() };
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return { available: false };
    throw err;
  }
}
