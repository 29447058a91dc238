import * as fs from 'node:fs';
import * as path from 'node:path';
import { Browser, BrowserContext, chromium, Locator, Page } from 'playwright-core';

/**
 * Headless Debian Chromium for the operator pages' browser tests: a context that records every request that
 * leaves the service (the pages must load nothing from outside), console errors, and helpers to log in
 * through /ui/login, run axe-core and save screenshots under test-artifacts/.
 */
export const ARTIFACTS = path.resolve(__dirname, '..', '..', '..', 'test-artifacts', 'operator-pages');
const AXE = path.resolve(__dirname, '..', '..', '..', 'node_modules', 'axe-core', 'axe.min.js');

/** `executablePath`: another Chromium, or a wrapper that starts it elsewhere (inside a network namespace). */
export function launchChromium(executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'): Promise<Browser> {
  return chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface OperatorSession {
  context: BrowserContext;
  page: Page;
  /** requests to anything but the service under test */
  external: string[];
  /** console errors and uncaught page errors */
  errors: string[];
}

export async function openSession(browser: Browser, baseUrl: string): Promise<OperatorSession> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    acceptDownloads: true,
    viewport: { width: 1366, height: 900 },
    locale: 'it-IT',
    timezoneId: 'Europe/Rome',
  });
  const external: string[] = [];
  const errors: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(baseUrl + '/') || url === baseUrl || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    external.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  page.on('console', (m) => {
    // 4xx answers are part of the flows under test (a refused handover); the page shows them itself.
    if (m.type() === 'error' && !/Failed to load resource: the server responded with a status of 4\d\d/.test(m.text())) errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  return { context, page, external, errors };
}

/** Logs in through the login page with a token, as a person would, and lands on `next`. */
export async function loginWithToken(page: Page, token: string, next: string): Promise<void> {
  await page.goto(`/ui/login?next=${encodeURIComponent(next)}`);
  await page.locator('#token').fill(token);
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => u.pathname === next.split('?')[0]);
  await page.locator('header.top').waitFor();
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core on the current page: the violations rated serious or critical. */
export async function seriousA11yViolations(page: Page): Promise<AxeViolation[]> {
  // Not page.addScriptTag: the pages' CSP (script-src 'self') rightly refuses an inline <script>, and
  // bypassCSP would also hide the pages' own CSP mistakes. DevTools evaluation is not subject to the CSP.
  await page.evaluate(fs.readFileSync(AXE, 'utf8'));
  // A string: the test's TypeScript has no DOM types, and the code runs in the page anyway.
  const result = await page.evaluate<{ violations: AxeViolation[] }>("window.axe.run(document, { resultTypes: ['violations'] })");
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** Types a code and presses Enter, as a barcode scanner does. */
export async function scan(page: Page, code: string): Promise<void> {
  await page.keyboard.type(code);
  await page.keyboard.press('Enter');
}

/** Activates a control with the keyboard only: focus, then Enter (buttons, links) or Space (checkboxes). */
export async function press(target: Locator, key = 'Enter'): Promise<void> {
  await target.focus();
  await target.page().keyboard.press(key);
}

export async function activeId(page: Page): Promise<string> {
  return page.evaluate('document.activeElement && document.activeElement.id');
}

/** Waits until the element with this id has the focus: the page's script has run and put it there. */
export async function focused(page: Page, id: string): Promise<void> {
  // Polled from here: page.waitForFunction evaluates with eval inside the page, which the CSP rightly refuses.
  const end = Date.now() + 10_000;
  while ((await activeId(page)) !== id) {
    if (Date.now() > end) throw new Error(`#${id} never got the focus (it is on #${await activeId(page)})`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Picks an employee in the page's picker by typing their name and pressing Enter twice (search, then the only match). */
export async function pickEmployee(page: Page, prefix: string, name: string): Promise<void> {
  await page.locator(`#${prefix}-q`).focus();
  await page.keyboard.type(name);
  await page.keyboard.press('Enter');
  await page.locator('.picker-results tbody button').first().waitFor();
  expect(await page.locator('.picker-results tbody tr').count()).toBe(1);
  await page.keyboard.press('Enter'); // the only match has the focus
}
