import type { TokenClaims } from '@rectify/contracts';

const KEY = 'rectify.session';

export interface Session {
  /** Lives 15 minutes; renewed with the refresh token before it runs out (freshToken). */
  accessToken: string;
  /** Epoch milliseconds after which the access token is no longer accepted. */
  expiresAt: number;
  /** The login session's refresh token: each use replaces it. */
  refreshToken: string;
  /** Epoch milliseconds after which the session itself has ended (a new login is needed). */
  refreshExpiresAt: number;
  user: TokenClaims;
}

/** What login and refresh answer. */
export interface TokenAnswer {
  accessToken: string;
  expiresIn: number;
  refreshToken: string;
  refreshExpiresIn: number;
  user: TokenClaims;
}

export function sessionOf(answer: TokenAnswer, now = Date.now()): Session {
  return {
    accessToken: answer.accessToken,
    expiresAt: now + answer.expiresIn * 1000,
    refreshToken: answer.refreshToken,
    refreshExpiresAt: now + answer.refreshExpiresIn * 1000,
    user: answer.user,
  };
}

/** The signed-in session (kept in sessionStorage: closing the browser signs out). */
export function loadSession(): Session | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return null;
    const s = JSON.parse(raw) as Session;
    return typeof s.refreshToken === 'string' && s.refreshExpiresAt > Date.now() ? s : null;
  } catch {
    return null;
  }
}

export function saveSession(s: Session): void {
  sessionStorage.setItem(KEY, JSON.stringify(s));
}

export function clearSession(): void {
  sessionStorage.removeItem(KEY);
}

/** Renew this long before the access token runs out. */
const RENEW_BEFORE_MS = 60_000;
let renewing: Promise<string | null> | null = null;

/** Exchanges the refresh token for a new pair (one request at a time for the whole page). */
export function renewSession(): Promise<string | null> {
  renewing ??= (async () => {
    const s = loadSession();
    if (!s) return null;
    try {
      const res = await fetch('/api/auth/refresh', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ refreshToken: s.refreshToken }),
      });
      if (!res.ok) {
        if (res.status === 401) clearSession(); // the session has ended: log in again
        return null;
      }
      const next = sessionOf((await res.json()) as TokenAnswer);
      saveSession(next);
      return next.accessToken;
    } catch {
      return null; // the network: keep the session, the request fails on its own
    } finally {
      renewing = null;
    }
  })();
  return renewing;
}

/** The access token to send, renewed first when it is about to run out; null when signed out. */
export async function freshToken(): Promise<string | null> {
  const s = loadSession();
  if (!s) return null;
  if (s.expiresAt - Date.now() > RENEW_BEFORE_MS) return s.accessToken;
  return (await renewSession()) ?? loadSession()?.accessToken ?? null;
}
