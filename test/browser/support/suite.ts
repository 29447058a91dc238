import * as fs from 'node:fs';
import { Browser, Page } from 'playwright-core';
import { TestApp } from '../../helpers/test-app';
import { launchChromium, loginWithToken, openSession, OperatorSession } from './operator-browser';

/** What a browser suite starts in its beforeAll, beside the app: Chromium and one operator session (its first tab). */
export interface BrowserRun {
  browser: Browser;
  s: OperatorSession;
  page: Page;
}

/**
 * Chromium with one operator session on the app under test, logged in through the login page with `login.token`
 * and landed on `login.next` when given. A failed login closes the browser again.
 */
export async function startBrowser(t: TestApp, login?: { token: string; next: string }): Promise<BrowserRun> {
  const browser = await launchChromium();
  try {
    const s = await openSession(browser, t.url);
    if (login) await loginWithToken(s.page, login.token, login.next);
    return { browser, s, page: s.page };
  } catch (e) {
    await browser.close();
    throw e;
  }
}

/**
 * For afterAll: closes the browser, then the app, then removes the suite's temporary folders, each only if it was
 * made (a failed beforeAll leaves some unset).
 */
export async function stopAll(browser: Browser | undefined, t: TestApp | undefined, ...tempDirs: (string | undefined)[]): Promise<void> {
  await browser?.close();
  await t?.close();
  for (const dir of tempDirs) if (dir) fs.rmSync(dir, { recursive: true, force: true });
}

/** For afterEach: since the last check no page of the session reached outside the service, and none threw or logged an error. */
export function expectSelfContained(s: OperatorSession): void {
  const [external, errors] = [s.external.splice(0), s.errors.splice(0)];
  expect(external).toEqual([]);
  expect(errors).toEqual([]);
}
