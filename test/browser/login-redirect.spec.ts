import { Browser } from 'playwright-core';
import { startTestApp, TestApp } from '../helpers/test-app';
import { OperatorSession } from './support/operator-browser';
import { startBrowser, stopAll } from './support/suite';

jest.setTimeout(120_000);

/**
 * Issue 11 item 10: after login the page follows `next`, and the browser's URL parser reads `/\host`, `/<tab>/host`
 * and `/\\host` as another site. In headless Chromium, signing in with each such `next` must land on this
 * service's origin, with no request ever made to the other host (the session records any request leaving it).
 */
describe('login page: `next` never leads off the service', () => {
  let t: TestApp;
  let browser: Browser;
  let s: OperatorSession;
  let token: string;

  beforeAll(async () => {
    t = await startTestApp();
    token = await t.tokenFor('technician', 'Luca Bianchi');
    ({ browser, s } = await startBrowser(t));
  });
  afterAll(() => stopAll(browser, t));

  const signInWith = async (rawNextQuery: string): Promise<URL> => {
    const { page } = s;
    s.external.length = 0; // each sign-in is judged on its own requests
    await page.goto(`/ui/login?next=${rawNextQuery}`);
    await page.locator('#token').fill(token);
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => !u.pathname.startsWith('/ui/login'), { timeout: 15_000 });
    return new URL(page.url());
  };

  it.each([
    ['/%5Cevil.example/x'],
    ['/%09/evil.example/x'],
    ['/%5C%5Cevil.example/x'],
    ['%2F%2Fevil.example%2Fx'],
    ['/%5C/evil.example/x'],
    ['https://evil.example/x'],
  ])('next=%s lands on the service', async (next) => {
    const landed = await signInWith(next);
    expect({ next, origin: landed.origin, path: landed.pathname }).toEqual({ next, origin: t.url, path: '/ui' });
    await s.page.locator('header.top').waitFor();
    expect(s.external).toEqual([]);
  });

  it('still follows a next on the service, with its query', async () => {
    const landed = await signInWith(encodeURIComponent('/ui?vista=1'));
    expect(landed.href).toBe(`${t.url}/ui?vista=1`);
    expect(s.external).toEqual([]);
    expect(s.errors).toEqual([]);
  });
});
