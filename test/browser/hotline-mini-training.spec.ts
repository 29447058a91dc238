import { Browser } from 'playwright-core';
import { createProvisionableEmployee } from '../factories';
import { nowClock } from '../e2e/vpn/vpn-fixtures';
import { startTestApp, TestApp } from '../helpers/test-app';
import { OperatorSession, press } from './support/operator-browser';
import { vpnAccount } from './support/seed';
import { startBrowser, stopAll } from './support/suite';

jest.setTimeout(120_000);

/** The hot-line records the VPN and remote-desktop mini-training (seed 1.2) from the account page, in one click, once a day. */
describe("the hot-line's mini-training button", () => {
  const { clock, today } = nowClock();
  let t: TestApp;
  let browser: Browser;
  let s: OperatorSession;
  let hotline: string;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    hotline = await t.tokenFor('hotline', 'Sara Neri');
    ({ browser, s } = await startBrowser(t, { token: hotline, next: '/ui/hotline' }));
  });
  afterAll(() => stopAll(browser, t));

  it('records it, then says it was already recorded and writes nothing', async () => {
    const { page } = s;
    const { employee } = await createProvisionableEmployee(t.dataSource, {
      today,
      employee: { firstName: 'Marta', lastName: 'Gialli', username: 'marta.gialli' },
    });
    const account = await vpnAccount(t, hotline, employee.id);
    const count = async () => Number((await t.dataSource.query('SELECT COUNT(*) AS n FROM training_participants'))[0].n);

    await page.goto(`/ui/hotline/account?id=${account.id}`);
    await page.locator('#facts li').first().waitFor();
    const button = page.locator('#training-form button[type=submit]');
    expect(await button.innerText()).toBe('Registra mini-formazione (VPN e desktop remoto)');
    await press(button);
    await page.locator('#flash.alert.ok', { hasText: 'Mini-formazione registrata' }).waitFor();
    expect(await count()).toBe(1);

    await press(button);
    await page.locator('#flash.alert.ok', { hasText: 'era già registrata' }).waitFor();
    expect(await count()).toBe(1);
    expect(s.errors.splice(0)).toEqual([]);
  });
});
