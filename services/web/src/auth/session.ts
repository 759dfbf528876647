import type { TokenClaims } from '@rectify/contracts';

const KEY = 'rectify.session';

export interface Session {
  accessToken: string;
  /** Epoch milliseconds after which the token is no longer accepted. */
  expiresAt: number;
  user: TokenClaims;
}

/** The signed-in session (kept in sessionStorage: closing the browser signs out). */
export function loadSession(): Session | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return null;
    const s = JSON.parse(raw) as Session;
    return s.expiresAt > Date.now() ? s : null;
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

export function currentToken(): string | null {
  return loadSession()?.accessToken ?? null;
}
