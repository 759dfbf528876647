import type { BrowserContext, Page } from 'playwright-core';
import { newPage, signIn } from './browser.js';

/** One signed-in browser context per demo user, reused across a test file. */
export class Users {
  private readonly pages = new Map<string, { context: BrowserContext; page: Page }>();

  async as(username: string): Promise<Page> {
    const known = this.pages.get(username);
    if (known) return known.page;
    const opened = await newPage();
    await signIn(opened.page, username);
    this.pages.set(username, opened);
    return opened.page;
  }

  async close(): Promise<void> {
    for (const { context } of this.pages.values()) await context.close();
    this.pages.clear();
  }
}

/** Opens a problem's page and waits for its stage line. */
export async function openProblem(page: Page, ledgerNo: string): Promise<void> {
  await page.goto(`/problems/${ledgerNo}`);
  await page.getByTestId('problem-stage').waitFor();
}

/** Types a date into an antd DatePicker (by its input id) and leaves it (Enter would submit the form). */
export async function fillDate(page: Page, id: string, date: string): Promise<void> {
  const input = page.locator(`#${id}`);
  await input.click();
  await input.fill(date);
  await input.press('Tab');
}

/** Adds values to an antd tags Select (by its input id). */
export async function fillTags(page: Page, id: string, values: string[]): Promise<void> {
  const input = page.locator(`#${id}`);
  for (const v of values) {
    await input.fill(v);
    await input.press('Enter');
  }
}

/** Opens the action's dialog on the problem page (the button exists only when the user may act now). */
export async function startAction(page: Page, action: string): Promise<void> {
  await page.getByTestId(`action-${action}`).click();
  await page.getByTestId(`form-${action}`).waitFor();
}

/** Submits the open action dialog and waits until the stage line shows `stageText`. */
export async function submitAction(page: Page, stageText: RegExp | string): Promise<void> {
  await page.getByTestId('action-submit').click();
  await page.getByTestId('action-submit').waitFor({ state: 'detached' });
  await page.getByTestId('problem-stage').filter({ hasText: stageText }).waitFor();
}
