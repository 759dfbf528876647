import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { api, closeDb, eventually, login } from '../harness/index.js';
import { register } from '../ledger/fixtures.js';
import { closeBrowser, screenshot } from './browser.js';
import { fillTags, openProblem, startAction, Users } from './console.js';

/**
 * Live updates in the console (docs/web.md, "Live updates"): one user acts, another user's open
 * pages show it without a reload. The delay is measured and reported (test/artifacts/live-browser.json),
 * not asserted: the machine is shared.
 */
const users = new Users();
const figures: Record<string, number> = {};

afterAll(async () => {
  const file = resolve(dirname(fileURLToPath(import.meta.url)), '../../artifacts/live-browser.json');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(figures, null, 2)}\n`);
  await users.close();
  await closeBrowser();
  await closeDb();
});

/** Waits until the page's live stream is connected, then marks the document: a reload would lose the mark. */
async function liveAndMarked(page: Page): Promise<void> {
  await page.locator('[data-testid="live-status"][data-state="live"]').waitFor();
  await page.evaluate(() => { (globalThis as unknown as { rectifyNotReloaded: boolean }).rectifyNotReloaded = true; });
}
const notReloaded = (page: Page) => page.evaluate(() => (globalThis as unknown as { rectifyNotReloaded?: boolean }).rectifyNotReloaded === true);

describe('live updates in the console', () => {
  it('shows an enterprise’s stage action on the Commission’s problem page and ledger without a reload', async () => {
    const { ledgerNo } = await register('e001-audit', { title: '实时跟踪浏览器测试问题' });

    // jiandu watches the problem page, fenguan the ledger filtered to it.
    const watcher = await users.as('jiandu');
    await openProblem(watcher, ledgerNo);
    await watcher.getByTestId('problem-stage').filter({ hasText: '责任分解' }).waitFor();
    const trailBefore = await watcher.getByTestId('timeline-event').count();
    await liveAndMarked(watcher);
    const ledger = await users.as('fenguan');
    await ledger.goto(`/ledger?q=${ledgerNo}`);
    const row = ledger.getByTestId('ledger-table').locator(`tr[data-row-key="${ledgerNo}"]`);
    await row.filter({ hasText: '责任分解' }).waitFor();
    await liveAndMarked(ledger);

    // e001-audit assigns responsibility in its own browser.
    const actor = await users.as('e001-audit');
    await openProblem(actor, ledgerNo);
    await startAction(actor, 'assignResponsibility');
    await actor.locator('#act_responsibility_leadDepartment').fill('财务部');
    await fillTags(actor, 'act_responsibility_responsiblePersons', ['王五']);
    await actor.getByTestId('action-submit').click();
    const [actorSaw, watcherSaw, ledgerSaw] = await Promise.all([
      actor.getByTestId('problem-stage').filter({ hasText: '制定方案' }).waitFor().then(() => Date.now()),
      watcher.getByTestId('problem-stage').filter({ hasText: '制定方案' }).waitFor().then(() => Date.now()),
      row.filter({ hasText: '制定方案' }).waitFor().then(() => Date.now()),
    ]);
    figures['problemPageAfterActorMs'] = watcherSaw - actorSaw;
    figures['ledgerRowAfterActorMs'] = ledgerSaw - actorSaw;

    // The trail grew on the watcher's page too, and neither page was reloaded.
    await eventually('the new trail event on the watcher’s page', async () => (await watcher.getByTestId('timeline-event').count()) === trailBefore + 1);
    expect(await notReloaded(watcher)).toBe(true);
    expect(await notReloaded(ledger)).toBe(true);
    await screenshot(watcher, 'live-problem-page-updated');
  }, 240_000);

  it('raises the supervision lead’s inbox badge when a notice reaches him, without a reload', async () => {
    const lead = await users.as('fenguan');
    await lead.goto('/work');
    await liveAndMarked(lead);
    const badge = lead.getByTestId('unread-badge');
    const shown = async () => Number((await badge.locator('sup[title]').getAttribute('title').catch(() => '0')) ?? '0');
    await eventually('the badge showing the unread count', async () => (await shown()) === (await api('GET', '/api/notifications/inbox/unread-count', { token: await login('fenguan') })).body.unread);
    const before = await shown();

    // A deadline past the hard limit with a special reason: the workflow tells the lead (延期申请).
    const registeredAt = Date.now();
    await register('e001-audit', { deadline: '2027-06-30', specialReason: '需跨年度完成资产处置（浏览器测试）' });
    await eventually('the badge rising', async () => (await shown()) > before);
    figures['inboxBadgeAfterRegistrationMs'] = Date.now() - registeredAt;
    expect(await notReloaded(lead)).toBe(true);
  }, 240_000);
});
