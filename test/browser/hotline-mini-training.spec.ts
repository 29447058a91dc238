import { Browser, Page } from 'playwright-core';
import { calendarDate, FixedClock } from '../../src/common/clock';
import { createProvisionableEmployee } from '../factories';
import { auth, startTestApp, TestApp } from '../helpers/test-app';
import { launchChromium, loginWithToken, openSession, OperatorSession, press } from './support/operator-browser';

jest.setTimeout(120_000);

/** The hot-line records the VPN and remote-desktop mini-training (seed 1.2) from the account page, in one click, once a day. */
describe("the hot-line's mini-training button", () => {
  const clock = new FixedClock(new Date(Math.floor(Date.now() / 1000) * 1000));
  const today = calendarDate(clock.now(), 'Europe/Rome');
  let t: TestApp;
  let browser: Browser;
  let s: OperatorSession;
  let page: Page;
  let hotline: string;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    hotline = await t.tokenFor('hotline', 'Sara Neri');
    browser = await launchChromium();
    s = await openSession(browser, t.url);
    page = s.page;
    await loginWithToken(page, hotline, '/ui/hotline');
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('records it, then says it was already recorded and writes nothing', async () => {
    const { employee } = await createProvisionableEmployee(t.dataSource, {
      today,
      employee: { firstName: 'Marta', lastName: 'Gialli', username: 'marta.gialli' },
    });
    const account = (await t.http().post('/api/v1/vpn/accounts').set(auth(hotline)).send({ employeeId: employee.id, profile: 'dipendenti' }).expect(201)).body;
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
