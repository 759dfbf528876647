import type { Response } from 'express';
import { PAYLOAD_DECODERS, type Role } from '@rectify/contracts';
import { ACCESS_TOKEN_TTL_SECONDS } from '@rectify/platform';

/**
 * The console keeps its token in sessionStorage, which the Temporal UI (another origin) cannot
 * read. So that the UI's requests to the codec endpoint (`credentials: include`) carry the
 * operator's sign-in, login also sets this cookie: HttpOnly (no script reads it), SameSite=Lax
 * (no other site sends it), Path=/api/codec (no other route of the gateway ever sees it), and
 * only for a role that may decode; any other login clears it.
 */
export const CODEC_SESSION_COOKIE = 'rectify_codec_session';
export const CODEC_PATH = '/api/codec';

function cookie(value: string, maxAge: number, secure: boolean): string {
  return [`${CODEC_SESSION_COOKIE}=${value}`, `Path=${CODEC_PATH}`, `Max-Age=${maxAge}`, 'HttpOnly', 'SameSite=Lax', ...(secure ? ['Secure'] : [])].join('; ');
}

/** After a login: the cookie for a role that may decode, else an expired one (clears an earlier operator's). */
export function setCodecSession(res: Response, role: Role, token: string, secure: boolean): void {
  res.append('Set-Cookie', PAYLOAD_DECODERS.includes(role) ? cookie(token, ACCESS_TOKEN_TTL_SECONDS, secure) : cookie('', 0, secure));
}

export function clearCodecSession(res: Response, secure: boolean): void {
  res.append('Set-Cookie', cookie('', 0, secure));
}

/** The token in the codec session cookie of a request, if any. */
export function codecSessionToken(cookieHeader: string | undefined): string | undefined {
  for (const part of (cookieHeader ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === CODEC_SESSION_COOKIE) {
      const value = part.slice(eq + 1).trim();
      return value.length > 0 ? value : undefined;
    }
  }
  return undefined;
}
