import { afterAll, describe, expect, it } from '@jest/globals';
import { api, closeDb } from '../harness/index.js';
import { closeBrowser, newPage, signIn, signOut } from './browser.js';

/** The console's session (services/web/src/auth/session.ts) as kept in sessionStorage. */
interface Session {
  accessToken: string;
  expiresAt: number;
  refreshToken: string;
  refreshExpiresAt: number;
}

afterAll(async () => {
  await closeBrowser();
  await closeDb();
});

describe('the console keeps its session with short access tokens', () => {
  it('renews an access token about to run out, and one the server refuses, without asking to sign in again; signing out ends the session', async () => {
    const { context, page } = await newPage();
    try {
      await signIn(page, 'jiandu');
      const read = async () => JSON.parse((await page.evaluate<string | null>('sessionStorage.getItem("rectify.session")')) ?? 'null') as Session;
      const write = (s: Session) => page.evaluate(`sessionStorage.setItem("rectify.session", ${JSON.stringify(JSON.stringify(s))})`);
      const first = await read();
      expect(first.expiresAt - Date.now()).toBeGreaterThan(10 * 60_000);

      // about to run out: renewed before the next request
      // A function, not a string: the console's CSP (script-src 'self') refuses eval of a string predicate.
      const renewed = (from: string) =>
        page.waitForFunction(
          (token) => {
            const kept = (JSON.parse((globalThis as unknown as { sessionStorage: { getItem(k: string): string | null } }).sessionStorage.getItem('rectify.session') ?? '{}') as { accessToken?: string }).accessToken;
            return kept !== undefined && kept !== token; // renewed, not ended
          },
          from,
        );
      await write({ ...first, expiresAt: Date.now() + 5_000 });
      await page.goto('/ledger');
      await renewed(first.accessToken);
      await page.getByTestId('ledger-table').waitFor();
      const second = await read();
      expect(second.accessToken).not.toBe(first.accessToken);
      expect(second.refreshToken).not.toBe(first.refreshToken);
      expect(new URL(page.url()).pathname).toBe('/ledger');

      // refused by the server although the page thought it good (another key, a clock): renewed once and retried
      await write({ ...second, accessToken: 'not.a.token' });
      await page.goto('/ledger');
      await renewed('not.a.token');
      await page.getByTestId('ledger-table').locator('tr.ant-table-row, .ant-empty-description').first().waitFor(); // the ledger answered
      const third = await read();
      expect(third.accessToken).not.toBe('not.a.token');
      expect(new URL(page.url()).pathname).toBe('/ledger');
      expect(await page.getByTestId('current-user').count()).toBe(1);

      await signOut(page);
      const afterLogout = await api('POST', '/api/auth/refresh', { body: { refreshToken: third.refreshToken } });
      expect(afterLogout.status).toBe(401);
    } finally {
      await context.close();
    }
  });
});
