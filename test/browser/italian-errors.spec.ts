import { Browser } from 'playwright-core';
import { startTestApp, TestApp } from '../helpers/test-app';
import { loginWithToken, OperatorSession, screenshot, seriousA11yViolations } from './support/operator-browser';
import { startBrowser, stopAll } from './support/suite';

jest.setTimeout(120_000);

const MISSING = '00000000-0000-4000-8000-000000000042';

/** The pages ask for Italian (api.js sends Accept-Language: it): an error alert is the server's Italian sentence, the code apart. */
describe('error alerts in Italian on the pages', () => {
  let t: TestApp;
  let browser: Browser;
  let s: OperatorSession;

  beforeAll(async () => {
    t = await startTestApp();
    ({ browser, s } = await startBrowser(t));
  });
  afterAll(() => stopAll(browser, t));

  it('the login page says in Italian that the access credential is not valid', async () => {
    const { page } = s;
    await page.goto('/ui/login');
    await page.locator('#token').fill('rw_this-credential-was-never-issued-0123456789');
    await page.keyboard.press('Enter');
    const alert = page.locator('#token-form [data-role="form-error"]');
    await alert.waitFor({ state: 'visible' });
    expect(await alert.innerText()).toBe('La credenziale di accesso non è valida: accedere di nuovo codice: TOKEN_INVALID');
    expect(await alert.locator('small').innerText()).toBe('codice: TOKEN_INVALID');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'italian-errors-login');
  });

  it("the hot-line's account page says in Italian that the VPN account does not exist", async () => {
    const { page } = s;
    await loginWithToken(page, await t.tokenFor('hotline', 'Sara Neri'), '/ui/hotline');
    await page.goto(`/ui/hotline/account?id=${MISSING}`);
    const alert = page.locator('#page-error');
    await alert.waitFor({ state: 'visible' });
    const text = await alert.innerText();
    expect(text).toContain(`L'utenza VPN ${MISSING} non esiste`);
    expect(text).toContain('codice: VPN_ACCOUNT_NOT_FOUND');
    expect(text).not.toMatch(/does not exist|vpn account/i);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'italian-errors-hotline-account');
    expect(s.errors).toEqual([]);
  });
});
