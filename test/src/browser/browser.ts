import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { DEMO_PASSWORD, stack } from '../harness/index.js';
import { ensureChromium } from './chromium.js';

/** test/artifacts/screenshots (git-ignored): the main pages as the tests saw them. */
export const SCREENSHOT_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../artifacts/screenshots');

let browser: Browser | undefined;

/** One headless Chromium per test file. */
export async function launchBrowser(): Promise<Browser> {
  browser ??= await chromium.launch({ executablePath: ensureChromium(), args: ['--no-sandbox', '--disable-dev-shm-usage'], headless: true });
  return browser;
}

export async function closeBrowser(): Promise<void> {
  await browser?.close();
  browser = undefined;
}

/** A fresh browser context (its own session storage) on the gateway, in Chinese. */
export async function newPage(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await (await launchBrowser()).newContext({
    baseURL: stack().urls.gateway,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1440, height: 900 },
    acceptDownloads: true,
    // The console honours the system's "reduce motion": no dialog is clicked half-way through its
    // opening animation on a slow machine.
    reducedMotion: 'reduce',
  });
  const page = await context.newPage();
  // Generous: the browser suites share two cores with the rest of `npm test`.
  page.setDefaultTimeout(60_000);
  return { context, page };
}

/** Signs `username` in through the login form and waits for the console's frame. */
export async function signIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('current-user').waitFor();
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: /退出登录/ }).click();
  await page.locator('#username').waitFor();
}

/** A full-page screenshot into the artefact folder. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true, animations: 'disabled' });
  return path;
}
