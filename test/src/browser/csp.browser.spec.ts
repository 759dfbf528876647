import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { api, closeDb, login } from '../harness/index.js';
import { registration } from '../ledger/fixtures.js';
import { closeBrowser, newPage, screenshot, signIn } from './browser.js';

/**
 * The console and Swagger UI under the Content-Security-Policy every answer carries: each page
 * loads and draws (antd, ECharts) with no violation reported, in Debian's Chromium.
 */
const violations: string[] = [];

/** Records every CSP violation the page reports, by event and by console message. */
async function watch(page: Page): Promise<void> {
  await page.addInitScript({
    content: "document.addEventListener('securitypolicyviolation', (e) => console.error('CSP violation: ' + e.violatedDirective + ' blocked ' + e.blockedURI + ' (' + e.sourceFile + ':' + e.lineNumber + ')'));",
  });
  page.on('console', (message) => {
    const text = message.text();
    if (/Content Security Policy|CSP violation/i.test(text)) violations.push(`${page.url()}: ${text}`);
  });
  page.on('pageerror', (err) => violations.push(`${page.url()}: page error ${err.message}`));
}

let ledgerNo: string;

beforeAll(async () => {
  const res = await api('POST', '/api/issues/problems', { token: await login('e001-audit'), body: registration({ title: 'CSP 检查用问题' }) });
  expect(res.status).toBe(201);
  ledgerNo = res.body.problem.ledgerNo;
});

afterAll(async () => {
  await closeBrowser();
  await closeDb();
});

describe('the console under its Content-Security-Policy', () => {
  it('serves index.html with the policy and without X-Powered-By', async () => {
    const { context, page } = await newPage();
    const res = await page.goto('/login');
    const headers = res!.headers();
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['content-security-policy']).toContain("script-src 'self'");
    expect(headers['content-security-policy']).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(headers['x-powered-by']).toBeUndefined();
    expect(headers['x-content-type-options']).toBe('nosniff');
    await context.close();
  });

  it('loads every main page, charts included, with no CSP violation', async () => {
    const { context, page } = await newPage();
    await watch(page);
    await signIn(page, 'jiandu');
    for (const [path, ready] of [
      ['/ledger', '[data-testid=main-menu]'],
      [`/problems/${ledgerNo}`, '[data-testid=problem-stage]'],
      ['/work', '[data-testid=main-menu]'],
      ['/supervision', '[data-testid=main-menu]'],
      ['/indicators', 'canvas'],
      ['/approvals', '[data-testid=main-menu]'],
    ] as const) {
      await page.goto(path);
      await page.locator(ready).first().waitFor();
      // Lazy chunks, fonts and styles load as the page settles. Not 'networkidle': the live stream
      // (/api/events) stays open for as long as the page does — its being connected is the sign.
      await page.locator('[data-testid=live-status][data-state=live]').waitFor();
      await page.waitForLoadState('load');
      await page.evaluate(() => (globalThis as unknown as { document: { fonts: { ready: Promise<unknown> } } }).document.fonts.ready.then(() => true));
    }
    await screenshot(page, 'csp-indicators');
    await context.close();
    expect(violations).toEqual([]);
  });

  it('shows Swagger UI to a signed-in caller with no CSP violation, and refuses /docs without a token', async () => {
    const anonymous = await api('GET', '/docs');
    expect(anonymous.status).toBe(401);
    const { context, page } = await newPage();
    await context.setExtraHTTPHeaders({ authorization: `Bearer ${await login('jiandu')}` });
    await watch(page);
    await page.goto('/docs');
    await page.locator('.swagger-ui .opblock').first().waitFor();
    await page.waitForLoadState('networkidle');
    await context.close();
    expect(violations).toEqual([]);
  });

  it('cannot be framed', async () => {
    const { context, page } = await newPage();
    await watch(page);
    await page.goto('/login');
    // A page of the same origin framing the console: frame-ancestors 'none' must stop it.
    const blocked = await page.evaluate(`(async () => {
      const frame = document.createElement('iframe');
      frame.src = '/login';
      document.body.appendChild(frame);
      await new Promise((r) => setTimeout(r, 1500));
      try {
        return frame.contentDocument === null || frame.contentDocument.body === null || frame.contentDocument.body.innerHTML === '';
      } catch {
        return true;
      }
    })()`);
    await context.close();
    expect(blocked).toBe(true);
    // The refusal is reported as a violation: proof that the watcher above sees violations at all.
    expect(violations.some((v) => v.includes('frame-ancestors'))).toBe(true);
    violations.length = 0;
  });
});
