import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID, scryptSync } from 'node:crypto';
import { closeSync, openSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { api, closeDb, db, DEMO_PASSWORD, eventually, payloadKeyEnv, stack, tokenKeyEnvironment, type LoginAnswer } from '../harness/index.js';

/**
 * Login throttling, sessions and tokens (docs/login-and-tokens.md), against the running stack and
 * a second gateway of this test's own that believes X-Forwarded-For from loopback (TRUST_PROXY),
 * so that requests can come from several client addresses.
 */
const REPO = resolve(fileURLToPath(import.meta.url), '../../../..');
const B_ADDRESS_FREE_FAILURES = 8;

let second: ChildProcess | undefined;
let secondUrl = '';

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

beforeAll(async () => {
  const s = stack();
  const port = await freePort();
  secondUrl = `http://127.0.0.1:${port}`;
  const log = openSync(join(s.logDir, 'login-test-gateway.log'), 'w');
  second = spawn(process.execPath, ['--enable-source-maps', join(REPO, 'services', 'gateway', 'dist', 'main.js')], {
    cwd: REPO,
    env: {
      PATH: process.env['PATH'], NODE_ENV: 'development', HOST: '127.0.0.1', PORT: String(port),
      DATABASE_URL: s.infra.databaseUrl, TEMPORAL_ADDRESS: s.infra.temporalAddress, TEMPORAL_NAMESPACE: s.infra.temporalNamespace,
      ...tokenKeyEnvironment(),
      ...payloadKeyEnv(),
      ISSUES_URL: `http://127.0.0.1:${s.ports['issues']}`, NOTIFICATIONS_URL: `http://127.0.0.1:${s.ports['notifications']}`,
      JOINT_MEETING_URL: `http://127.0.0.1:${s.ports['joint-meeting']}`, ASSESSMENT_URL: `http://127.0.0.1:${s.ports['assessment']}`,
      TRUST_PROXY: 'loopback', LOGIN_HASH_CONCURRENCY: '1', LOGIN_QUEUE_PER_ADDRESS: '16', LOGIN_ADDRESS_FREE_FAILURES: String(B_ADDRESS_FREE_FAILURES),
      MIGRATIONS_RUN: 'auto', LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  await eventually('the test\'s gateway (/health)', async () => {
    if (second!.exitCode !== null) throw new Error(`exited ${second!.exitCode}; see login-test-gateway.log`);
    return (await fetch(`${secondUrl}/health`)).ok;
  }, 120_000);
}, 180_000);

afterAll(async () => {
  second?.kill('SIGTERM');
  await closeDb();
});

/** A login on the test's gateway from `address` (X-Forwarded-For). */
async function loginFrom(address: string, username: string, password: string) {
  const res = await fetch(`${secondUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
    body: JSON.stringify({ username, password }),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as Record<string, unknown>, retryAfter: res.headers.get('retry-after') };
}

/** A user of this test alone (the demo password), so that slowing it down slows no other test. */
async function newUser(prefix: string, passwordHash?: string): Promise<string> {
  const username = `${prefix}-${randomUUID().slice(0, 8)}`;
  await db().query(
    `INSERT INTO identity.users (username, display_name, password_hash, role)
     SELECT $1, '登录测试', COALESCE($2, password_hash), 'commission_division' FROM identity.users WHERE username = 'chushi'`,
    [username, passwordHash ?? null],
  );
  return username;
}

const bearer = (token: string) => ({ token });

/** A client address of this run alone (the counters outlive a run by LOGIN_WINDOW_SECONDS). */
const address = () => `10.${randomBytes(3).join('.')}`;

/**
 * Checks that the failures so far blocked `username` for `seconds`, and starts that block anew
 * from now: the next attempt then meets the block even when a busy machine took longer than the
 * block itself between the last failure's answer and that attempt.
 */
async function blockedFor(username: string, seconds: number): Promise<void> {
  const { rows } = await db().query<{ wait: number }>(
    `UPDATE identity.login_throttle SET blocked_until = now() + (blocked_until - last_failure_at), last_failure_at = now()
     WHERE key = $1 RETURNING round(extract(epoch FROM blocked_until - last_failure_at))::int AS wait`, [`user:${username}`]);
  expect(rows.map((r) => r.wait)).toEqual([seconds]);
}

describe('login throttling', () => {
  it('counts failures in PostgreSQL: five failures on one gateway make the next attempt on another wait (429, Retry-After, Chinese)', async () => {
    const username = await newUser('throttle-shared');
    for (let i = 0; i < 5; i += 1) {
      expect((await api('POST', '/api/auth/login', { body: { username, password: `wrong-${i}` } })).status).toBe(401);
    }
    await blockedFor(username, 2);
    const res = await loginFrom(address(), username, DEMO_PASSWORD);
    expect(res.status).toBe(429);
    expect(Number(res.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(res.retryAfter)).toBeLessThanOrEqual(2);
    expect(res.body['message']).toBe(`登录失败次数过多：请在 ${res.retryAfter} 秒后再试`);
  });

  it('delays rather than locks: once the short wait has passed, the owner logs in from another address', async () => {
    const username = await newUser('throttle-delay');
    const guesser = address();
    const owner = address();
    for (let i = 0; i < 5; i += 1) expect((await loginFrom(guesser, username, `guess-${i}`)).status).toBe(401);
    await blockedFor(username, 2);
    const refused = await loginFrom(owner, username, DEMO_PASSWORD);
    expect(refused.status).toBe(429);
    await new Promise((r) => setTimeout(r, (Number(refused.retryAfter) + 0.5) * 1000));
    expect((await loginFrom(owner, username, DEMO_PASSWORD)).status).toBe(200);
  });

  it('grows the wait with every further failure', async () => {
    const username = await newUser('throttle-grow');
    const waits: number[] = [];
    for (let i = 0; i < 8; i += 1) {
      const { rows } = await db().query<{ blocked: boolean }>(`SELECT blocked_until > now() AS blocked FROM identity.login_throttle WHERE key = $1`, [`user:${username}`]);
      if (rows[0]?.blocked) await db().query(`UPDATE identity.login_throttle SET blocked_until = now() WHERE key = $1`, [`user:${username}`]); // skip the wait itself
      expect((await loginFrom(address(), username, `guess-${i}`)).status).toBe(401);
      const { rows: after } = await db().query<{ wait: number }>(
        `SELECT round(extract(epoch FROM blocked_until - last_failure_at))::int AS wait FROM identity.login_throttle WHERE key = $1`, [`user:${username}`]);
      waits.push(after[0]!.wait);
    }
    expect(waits).toEqual([0, 0, 0, 0, 2, 4, 8, 16]);
  });

  it('limits unknown usernames the same way, with the same answers', async () => {
    const known = await newUser('throttle-known');
    const unknown = `nobody-${randomUUID().slice(0, 8)}`;
    const answers: Record<string, { status: number; message: unknown }[]> = { known: [], unknown: [] };
    for (const [which, username] of [['known', known], ['unknown', unknown]] as const) {
      const from = address();
      for (let i = 0; i < 6; i += 1) {
        if (i === 5) await blockedFor(username, 2);
        const res = await loginFrom(from, username, `guess-${i}`);
        answers[which]!.push({ status: res.status, message: String(res.body['message']).replace(/\d+/, 'N') });
      }
    }
    expect(answers['unknown']).toEqual(answers['known']);
    expect(answers['unknown']!.map((a) => a.status)).toEqual([401, 401, 401, 401, 401, 429]);
  });

  it('slows one client address trying many names, not the others (the real address behind TRUST_PROXY)', async () => {
    const sprayer = address();
    const statuses: number[] = [];
    for (let i = 0; i < B_ADDRESS_FREE_FAILURES + 1; i += 1) {
      statuses.push((await loginFrom(sprayer, `spray-${randomUUID().slice(0, 8)}`, 'Password1234')).status);
    }
    expect(statuses.slice(0, B_ADDRESS_FREE_FAILURES)).toEqual(Array(B_ADDRESS_FREE_FAILURES).fill(401));
    expect(statuses.at(-1)).toBe(429);
    expect((await loginFrom(address(), `spray-${randomUUID().slice(0, 8)}`, 'Password1234')).status).toBe(401);
  });

  it('lets a real login through before nine parallel guessers from one address have had their turns', async () => {
    const username = await newUser('throttle-fair');
    const finished: string[] = [];
    const guesser = address();
    const guessers = Array.from({ length: 9 }, (_, i) =>
      loginFrom(guesser, `guesser-${i}-${randomUUID().slice(0, 6)}`, 'guess').then((r) => { finished.push(`guess-${r.status}`); }));
    // sent right after them: the guessers are queued for the one hashing slot, or about to be
    const real = loginFrom(address(), username, DEMO_PASSWORD).then((r) => { finished.push(`real-${r.status}`); });
    await Promise.all([...guessers, real]);
    const position = finished.findIndex((f) => f.startsWith('real'));
    expect(finished[position]).toBe('real-200');
    // a FIFO would answer it last (position 9); taken address by address it goes after at most
    // the guess being hashed and the one that took the slot before it arrived
    expect(position).toBeLessThanOrEqual(3);
  });
});

describe('sessions and tokens', () => {
  async function login(username: string, password = DEMO_PASSWORD): Promise<LoginAnswer> {
    const res = await api<LoginAnswer>('POST', '/api/auth/login', { body: { username, password } });
    expect(res.status).toBe(200);
    return res.body;
  }

  it('issues a 15-minute EdDSA access token with kid and a session refresh token', async () => {
    const answer = await login(await newUser('tokens'));
    const header = JSON.parse(Buffer.from(answer.accessToken.split('.')[0]!, 'base64url').toString()) as Record<string, unknown>;
    const payload = JSON.parse(Buffer.from(answer.accessToken.split('.')[1]!, 'base64url').toString()) as Record<string, number>;
    expect(header['alg']).toBe('EdDSA');
    expect(typeof header['kid']).toBe('string');
    expect(payload['exp']! - payload['iat']!).toBe(900);
    expect(answer.expiresIn).toBe(900);
    expect(answer.refreshToken).toMatch(/^[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}$/);
    const { rows } = await db().query<{ refresh_hash: Buffer }>(`SELECT refresh_hash FROM identity.sessions WHERE id = $1`, [answer.refreshToken.split('.')[0]]);
    expect(rows[0]!.refresh_hash.toString('base64url')).not.toContain(answer.refreshToken.split('.')[1]);
  });

  it('refreshes with a new pair; a replaced refresh token ends the session, unless its answer was just lost', async () => {
    const first = await login(await newUser('refresh'));
    const sessionId = first.refreshToken.split('.')[0];
    const renewed = await api<LoginAnswer>('POST', '/api/auth/refresh', { body: { refreshToken: first.refreshToken } });
    expect(renewed.status).toBe(200);
    expect((await api('GET', '/api/issues/about', bearer(renewed.body.accessToken))).status).toBe(200);

    // the page reloaded while that refresh was in flight and never saw its answer: the replaced token,
    // within the grace, answers a pair that replaces the lost one
    const repeated = await api<LoginAnswer>('POST', '/api/auth/refresh', { body: { refreshToken: first.refreshToken } });
    expect(repeated.status).toBe(200);
    expect(repeated.body.refreshToken).not.toBe(renewed.body.refreshToken);
    expect((await api('GET', '/api/issues/about', bearer(repeated.body.accessToken))).status).toBe(200);

    // the lost pair's refresh token is neither current nor in grace: presenting it means a copy
    const lost = await api('POST', '/api/auth/refresh', { body: { refreshToken: renewed.body.refreshToken } });
    expect(lost.status).toBe(401);
    expect(lost.body.message).toBe('登录已失效，请重新登录');
    expect((await api('POST', '/api/auth/refresh', { body: { refreshToken: repeated.body.refreshToken } })).status).toBe(401);
    const { rows } = await db().query<{ revoked_reason: string }>(`SELECT revoked_reason FROM identity.sessions WHERE id = $1`, [sessionId]);
    expect(rows[0]!.revoked_reason).toBe('refresh-token-reused');
  });

  it('ends the session when a replaced refresh token comes back after the grace', async () => {
    const first = await login(await newUser('refresh-late'));
    const renewed = await api<LoginAnswer>('POST', '/api/auth/refresh', { body: { refreshToken: first.refreshToken } });
    expect(renewed.status).toBe(200);
    await db().query(`UPDATE identity.sessions SET previous_valid_until = now() - interval '1 second' WHERE id = $1`, [first.refreshToken.split('.')[0]]);
    const replay = await api('POST', '/api/auth/refresh', { body: { refreshToken: first.refreshToken } });
    expect(replay.status).toBe(401);
    expect((await api('POST', '/api/auth/refresh', { body: { refreshToken: renewed.body.refreshToken } })).status).toBe(401);
  });

  it('logs out: the refresh token stops working and the gateway refuses the session', async () => {
    const answer = await login(await newUser('logout'));
    expect((await api('POST', '/api/auth/logout', bearer(answer.accessToken))).status).toBe(204);
    expect((await api('POST', '/api/auth/refresh', { body: { refreshToken: answer.refreshToken } })).status).toBe(401);
    expect((await api('GET', '/api/auth/me', bearer(answer.accessToken))).status).toBe(401);
  });

  it('ends every session of a deactivated user', async () => {
    const username = await newUser('deactivated');
    const answer = await login(username);
    await db().query(`UPDATE identity.users SET active = false WHERE username = $1`, [username]);
    expect((await api('POST', '/api/auth/refresh', { body: { refreshToken: answer.refreshToken } })).status).toBe(401);
    expect((await api('GET', '/api/auth/me', bearer(answer.accessToken))).status).toBe(401);
    const { rows } = await db().query<{ revoked_reason: string }>(`SELECT revoked_reason FROM identity.sessions WHERE id = $1`, [answer.refreshToken.split('.')[0]]);
    expect(rows[0]!.revoked_reason).toBe('user-deactivated');
    expect((await api('POST', '/api/auth/login', { body: { username, password: DEMO_PASSWORD } })).status).toBe(401);
  });

  it('changes a password under the minimum policy, naming the field; other sessions end', async () => {
    const username = await newUser('password');
    const mine = await login(username);
    const other = await login(username);
    const change = (currentPassword: string, newPassword: string) => api('POST', '/api/auth/password', { ...bearer(mine.accessToken), body: { currentPassword, newPassword } });

    const wrong = await change('not-my-password', '整改台账-春天的第七个早晨');
    expect(wrong.status).toBe(400);
    expect(wrong.body.message).toEqual(['currentPassword：当前密码不正确']);
    expect((await change(DEMO_PASSWORD, 'short')).body.message).toEqual(['newPassword：新密码至少 12 个字符']);
    expect((await change(DEMO_PASSWORD, username)).body.message).toEqual(['newPassword：新密码不能与用户名相同']);
    expect((await change(DEMO_PASSWORD, 'Password1234')).body.message).toEqual(['newPassword：新密码过于常见，请换一个不易猜到的密码']);

    expect((await change(DEMO_PASSWORD, '整改台账-春天的第七个早晨')).status).toBe(204);
    expect((await api('POST', '/api/auth/login', { body: { username, password: DEMO_PASSWORD } })).status).toBe(401);
    await login(username, '整改台账-春天的第七个早晨');
    expect((await api('POST', '/api/auth/refresh', { body: { refreshToken: other.refreshToken } })).status).toBe(401);
    expect((await api('POST', '/api/auth/refresh', { body: { refreshToken: mine.refreshToken } })).status).toBe(200);
  });

  it('rehashes an old, cheaper hash at the next good login', async () => {
    const salt = randomBytes(16);
    const old = ['scrypt', 16384, 8, 1, salt.toString('base64'), scryptSync('旧的密码-足够长了', salt, 32, { N: 16384, r: 8, p: 1 }).toString('base64')].join('$');
    const username = await newUser('rehash', old);
    await login(username, '旧的密码-足够长了');
    const { rows } = await db().query<{ password_hash: string }>(`SELECT password_hash FROM identity.users WHERE username = $1`, [username]);
    expect(rows[0]!.password_hash).toMatch(/^scrypt\$131072\$8\$1\$/);
    await login(username, '旧的密码-足够长了');
  });
});
