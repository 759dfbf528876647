import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { closeDb, db } from '../harness/index.js';
import { act, register } from '../ledger/fixtures.js';
import { closeBrowser, SCREENSHOT_DIR, screenshot } from './browser.js';
import { Users } from './console.js';

/** Our own category and enterprises: the synthetic rows touch no other test's figures and are removed afterwards. */
const CATEGORY = '浏览器测试台账';
const ENTERPRISES: [string, string][] = [["'E001'", "'W901'"], ["'E002'", "'W902'"]];
const TARGET = 10_000;
/** Synthetic row numbers far above those the benchmarks use, so ledger numbers never collide. */
const FIRST_K = 1_300_000;

const here = dirname(fileURLToPath(import.meta.url));
const users = new Users();

beforeAll(async () => {
  // The benchmarks' generator (bench/lib/synthetic-ledger.mjs), with our category and row numbers.
  const bench = (await import(pathToFileURL(resolve(here, '../../../bench/lib/synthetic-ledger.mjs')).href)) as { FILL_SQL: string };
  const FILL_SQL = ENTERPRISES.reduce((sql, [from, to]) => sql.replaceAll(from, to), bench.FILL_SQL);
  expect(FILL_SQL).not.toContain("'E001'");
  const client = await db().connect();
  try {
    await client.query('SET statement_timeout = 300000');
    await client.query('DELETE FROM issues.problems WHERE category = $1', [CATEGORY]);
    await client.query(FILL_SQL, [FIRST_K, FIRST_K + TARGET - 1, CATEGORY]);
    await client.query('ANALYZE issues.problems');
  } finally {
    client.release();
  }
}, 300_000);

afterAll(async () => {
  await db().query('DELETE FROM issues.problems WHERE category = $1', [CATEGORY]);
  await users.close();
  await closeBrowser();
  await closeDb();
}, 120_000);

/** Milliseconds from navigation until the ledger's rows and total are on screen. */
async function timeLedger(page: Page, path: string): Promise<number> {
  const t0 = Date.now();
  await page.goto(path);
  await page.getByTestId('ledger-table').locator('tbody tr.ant-table-row').first().waitFor();
  await page.getByTestId('ledger-total').waitFor();
  return Date.now() - t0;
}

describe('the console with a 10 000-problem ledger', () => {
  it('shows the ledger page interactive quickly (measured, reported)', async () => {
    const synthetic = (await db().query('SELECT count(*)::int AS n FROM issues.problems WHERE category = $1', [CATEGORY])).rows[0].n;
    expect(synthetic).toBe(TARGET);
    const page = await users.as('jiandu');
    const cold = await timeLedger(page, '/ledger');
    const warm = await timeLedger(page, '/ledger?sort=deadline&order=asc');
    // Evaluated in the page (a string: the test project has no DOM types).
    const nav = (await page.evaluate(`(() => {
      const e = performance.getEntriesByType('navigation')[0];
      return e ? { domInteractive: Math.round(e.domInteractive), domContentLoaded: Math.round(e.domContentLoadedEventEnd) } : null;
    })()`)) as { domInteractive: number; domContentLoaded: number } | null;
    // A filter as a user types it: overdue problems of one enterprise, soonest deadline first.
    const t0 = Date.now();
    await page.getByTestId('ledger-filters').getByRole('switch').click();
    await page.getByTestId('ledger-filters').getByRole('button', { name: /查\s*询/ }).click();
    await page.waitForURL(/overdue=true/);
    await page.getByTestId('ledger-table').locator('tbody tr[data-overdue=true]').first().waitFor();
    const filtered = Date.now() - t0;
    const total = await page.getByTestId('ledger-total').innerText();
    expect(total).toMatch(/共 \d+ 条|超过 \d+ 条/);
    expect(await page.getByTestId('ledger-table').locator('tbody tr.ant-table-row').count()).toBe(20);
    await screenshot(page, 'ledger-10k-overdue');

    const figures = { problemsInLedger: total, firstLoadMs: cold, sortedReloadMs: warm, overdueFilterMs: filtered, navigation: nav };
    writeFileSync(join(SCREENSHOT_DIR, '..', 'ledger-10k.json'), `${JSON.stringify(figures, null, 2)}\n`);
    console.log(`ledger page with ${TARGET} synthetic problems: interactive after ${cold} ms (first load), ${warm} ms (sorted reload), overdue filter ${filtered} ms`);
  });

  it('saves screenshots of the main pages', async () => {
    const officer = await users.as('jiandu');
    await officer.goto('/ledger');
    await officer.getByTestId('ledger-table').locator('tbody tr.ant-table-row').first().waitFor();
    await screenshot(officer, 'ledger');

    await officer.goto('/supervision');
    await officer.getByTestId('board-enterprises').locator('tbody tr.ant-table-row').first().waitFor();
    await officer.getByTestId('chart-ageing').locator('canvas').waitFor();
    await screenshot(officer, 'supervision-board');

    await officer.goto('/indicators');
    await officer.getByTestId('indicator-table').locator('tbody tr.ant-table-row').first().waitFor();
    await officer.getByTestId('chart-trend').locator('canvas').waitFor();
    await screenshot(officer, 'indicators');

    // A problem of E001 waiting for its business department's plan.
    const waiting = await register('e001-audit');
    expect((await act('e001-audit', waiting.ledgerNo, 'responsibility', { responsibility: { leadDepartment: '财务部', cooperatingDepartments: [], responsiblePersons: ['王五'] } })).status).toBe(200);
    const business = await users.as('e001-business');
    await business.goto('/work');
    await business.getByTestId('task-list').locator('tbody tr.ant-table-row').first().waitFor();
    expect(await business.getByTestId('task-list').locator('tbody tr.ant-table-row').first().innerText()).toMatch(/E001-\d{4}-\d{5}/);
    expect(await business.getByTestId('task-list').getByText('W901-').count()).toBe(0);
    await screenshot(business, 'my-work');
    await business.goto('/work?tab=inbox');
    await business.getByTestId('inbox-unread').waitFor();
    await screenshot(business, 'inbox');

    const office = await users.as('lianxi');
    await office.goto('/joint-meeting');
    await office.getByText('推送事项跟踪').waitFor();
    await screenshot(office, 'joint-meeting');
  });
});
