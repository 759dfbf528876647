import { afterAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { problemWorkflowId } from '@rectify/contracts';
import { closeDb, stack } from '../harness/index.js';
import { register } from '../ledger/fixtures.js';
import { closeBrowser, newPage, screenshot, signIn, signOut } from './browser.js';

afterAll(async () => {
  await closeBrowser();
  await closeDb();
});

/** The browser's document, typed here (the test project has no DOM types); used inside functions run in the page. */
type InPage = { document: { body: { innerText: string } } };

/** The payload encoding "binary/encrypted" as the UI prints it when it cannot decode (base64 metadata). */
const CIPHERTEXT_MARK = 'YmluYXJ5L2VuY3J5cHRlZA';

describe('the Temporal UI decodes payloads only for a signed-in operator (docs/security.md)', () => {
  it('shows a confidential problem\'s workflow input as ciphertext, in clear after the operator signs in to the console, and as ciphertext again after an enterprise user does', async () => {
    const ui = stack().urls.temporalUi;
    expect(ui).toBeTruthy();
    const problem = await register('e001-audit', { title: '临时测试：Temporal 界面解码', confidentiality: 'confidential' });
    const workflowPage = `${ui}/namespaces/${stack().infra.temporalNamespace}/workflows/${problemWorkflowId(problem.ledgerNo)}`;
    const { context, page } = await newPage();
    try {
      // The one-time browser setting of the embedded stack: this endpoint, with credentials.
      await page.goto(ui!);
      // (The UI's own keys in localStorage, JSON values: what its codec settings dialog saves.)
      const endpoint = JSON.stringify(JSON.stringify(`${stack().urls.gateway}/api/codec`));
      await page.evaluate(`(() => {
        localStorage.setItem('endpoint', ${endpoint});
        localStorage.setItem('includeCredentials', 'true');
        localStorage.setItem('overrideRemoteCodecConfiguration', 'true');
      })()`);

      /** The workflow's page once its input is shown, and whether it shows the problem's id in clear. */
      const inputShows = async (p: Page, expectClear: boolean): Promise<string> => {
        await p.goto(workflowPage);
        await p.waitForFunction((text) => (globalThis as unknown as InPage).document.body.innerText.includes(text), expectClear ? problem.id : CIPHERTEXT_MARK, { timeout: 30_000 });
        return p.evaluate(() => (globalThis as unknown as InPage).document.body.innerText);
      };

      // Nobody signed in: ciphertext, and the problem id (only in the input) nowhere.
      const anonymous = await inputShows(page, false);
      expect(anonymous).not.toContain(problem.id);

      // The operator signs in to the console in the same browser: the UI decodes through the gateway.
      await signIn(page, 'yunwei');
      const decoded = await inputShows(page, true);
      expect(decoded).toContain(problem.id);
      expect(decoded).not.toContain(CIPHERTEXT_MARK);
      await screenshot(page, 'temporal-ui-decoded-for-operator');

      // Signing out clears the cookie: ciphertext again.
      await page.goto('/');
      await signOut(page);
      // The console's sign-out asks the gateway to clear the cookie (a request of its own): wait for it.
      for (let i = 0; i < 50 && (await context.cookies()).some((c) => c.name === 'rectify_codec_session'); i++) await page.waitForTimeout(100);
      expect((await context.cookies()).map((c) => c.name)).not.toContain('rectify_codec_session');
      expect(await inputShows(page, false)).not.toContain(problem.id);

      // An enterprise user signed in: ciphertext.
      await signIn(page, 'e001-audit');
      expect(await inputShows(page, false)).not.toContain(problem.id);
    } finally {
      await context.close();
    }
  });
});
