import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, writeLog } from '@rectify/platform';
import type { GatewayConfig } from '../config.js';

const hashOf = (secret: string) => createHash('sha256').update(secret).digest();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface IssuedSession {
  sessionId: string;
  /** `<session id>.<secret>`: only its SHA-256 is stored. */
  refreshToken: string;
  refreshExpiresIn: number;
}

/**
 * Login sessions (identity.sessions). A session holds the SHA-256 of its current refresh token;
 * each refresh replaces it, and presenting a replaced one ends the session (it was copied) — except
 * the token just replaced, within REFRESH_REUSE_GRACE_SECONDS of its replacement: that is a refresh
 * whose answer never reached the page (it reloaded or navigated meanwhile), and it is answered with a
 * new pair that replaces the lost one. A
 * session ends at logout, at a password change (every other session of the user), when the user
 * is deactivated (a trigger on identity.users), or REFRESH_TOKEN_TTL_SECONDS after login.
 */
@Injectable()
export class Sessions {
  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async open(userId: string): Promise<IssuedSession> {
    const sessionId = randomUUID();
    const secret = randomBytes(32).toString('base64url');
    await this.db.query(
      `INSERT INTO identity.sessions (id, user_id, refresh_hash, expires_at) VALUES ($1, $2, $3, now() + make_interval(secs => $4))`,
      [sessionId, userId, hashOf(secret), this.config.REFRESH_TOKEN_TTL_SECONDS],
    );
    return { sessionId, refreshToken: `${sessionId}.${secret}`, refreshExpiresIn: this.config.REFRESH_TOKEN_TTL_SECONDS };
  }

  /**
   * Exchanges a refresh token for a new one; returns the user id. Refused (401) when the session
   * has ended, expired, its user is inactive, or the token is not the session's current one.
   */
  async rotate(refreshToken: string): Promise<{ userId: string } & IssuedSession> {
    const [sessionId, secret] = refreshToken.split('.');
    const refused = () => new UnauthorizedException('登录已失效，请重新登录');
    if (!sessionId || !secret || !UUID.test(sessionId)) throw refused();
    const outcome = await this.db.transaction(async (tx: EntityManager): Promise<({ userId: string } & IssuedSession) | null> => {
      const rows: { user_id: string; refresh_hash: Buffer; previous_hash: Buffer | null; in_grace: boolean; live: boolean; active: boolean; expires_in: number }[] = await tx.query(
        `SELECT s.user_id, s.refresh_hash, s.previous_hash, coalesce(s.previous_valid_until > now(), false) AS in_grace,
                (s.revoked_at IS NULL AND s.expires_at > now()) AS live, u.active,
                extract(epoch FROM s.expires_at - now())::int AS expires_in
           FROM identity.sessions s JOIN identity.users u ON u.id = s.user_id
          WHERE s.id = $1 FOR UPDATE OF s`,
        [sessionId],
      );
      const row = rows[0];
      if (!row || !row.live || !row.active) return null;
      const presented = hashOf(secret);
      const current = timingSafeEqual(row.refresh_hash, presented);
      const lostAnswer = !current && row.in_grace && row.previous_hash !== null && timingSafeEqual(row.previous_hash, presented);
      if (!current && !lostAnswer) {
        // committed before the refusal: whoever holds the current token is refused from now on too
        await tx.query(`UPDATE identity.sessions SET revoked_at = now(), revoked_reason = 'refresh-token-reused' WHERE id = $1`, [sessionId]);
        writeLog('warn', 'Login', 'a replaced refresh token came back: session ended', { event: 'session-ended', reason: 'refresh-token-reused', sessionId, userId: row.user_id });
        return null;
      }
      const next = randomBytes(32).toString('base64url');
      if (current) {
        await tx.query(
          `UPDATE identity.sessions SET refresh_hash = $2, previous_hash = refresh_hash,
                  previous_valid_until = now() + make_interval(secs => $3), refreshed_at = now() WHERE id = $1`,
          [sessionId, hashOf(next), this.config.REFRESH_REUSE_GRACE_SECONDS],
        );
      } else {
        // the replaced token again, within its grace: the pair issued for it is replaced in turn; the grace is not extended
        await tx.query(`UPDATE identity.sessions SET refresh_hash = $2, refreshed_at = now() WHERE id = $1`, [sessionId, hashOf(next)]);
      }
      return { userId: row.user_id, sessionId, refreshToken: `${sessionId}.${next}`, refreshExpiresIn: row.expires_in };
    });
    if (!outcome) throw refused();
    return outcome;
  }

  /** Whether the session is still open and its user active (the gateway's own routes check this). */
  async isLive(sessionId: string | null, userId: string): Promise<boolean> {
    if (!sessionId || !UUID.test(sessionId)) return false;
    const rows: unknown[] = await this.db.query(
      `SELECT 1 FROM identity.sessions s JOIN identity.users u ON u.id = s.user_id
        WHERE s.id = $1 AND s.user_id = $2 AND s.revoked_at IS NULL AND s.expires_at > now() AND u.active`,
      [sessionId, userId],
    );
    return rows.length > 0;
  }

  async end(sessionId: string, reason: string): Promise<void> {
    await this.db.query(`UPDATE identity.sessions SET revoked_at = now(), revoked_reason = $2 WHERE id = $1 AND revoked_at IS NULL`, [sessionId, reason]);
  }

  /** Ends every session of the user but `keep`. */
  async endOthers(userId: string, keep: string | null, reason: string): Promise<void> {
    await this.db.query(
      `UPDATE identity.sessions SET revoked_at = now(), revoked_reason = $3 WHERE user_id = $1 AND revoked_at IS NULL AND id IS DISTINCT FROM $2`,
      [userId, keep, reason],
    );
  }
}
