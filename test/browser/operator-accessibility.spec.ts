import { Browser } from 'playwright-core';
import { calendarDate, FixedClock } from '../../src/common/clock';
import { createProvisionableEmployee } from '../factories';
import { auth, startTestApp, TestApp } from '../helpers/test-app';
import { launchChromium, loginWithToken, openSession, OperatorSession, screenshot, seriousA11yViolations } from './support/operator-browser';

jest.setTimeout(180_000);

/**
 * Every operator page, with data on it, passes axe-core with no serious or critical violation, loads nothing
 * from outside the service and logs no script error. Screenshots go to test-artifacts/operator-pages/.
 */
describe('operator pages: accessibility and self-containment', () => {
  let t: TestApp;
  let browser: Browser;
  let s: OperatorSession;
  let tech: string;
  const ids: Record<string, string> = {};
  const clock = new FixedClock(new Date(Math.floor(Date.now() / 1000) * 1000));
  const today = calendarDate(clock.now(), 'Europe/Rome');

  beforeAll(async () => {
    t = await startTestApp({ clock });
    tech = await t.tokenFor('technician', 'Luca Bianchi');
    const hotline = await t.tokenFor('hotline', 'Sara Neri');
    const { employee } = await createProvisionableEmployee(t.dataSource, {
      today,
      employee: { firstName: 'Giulia', lastName: 'Verdi', username: 'giulia.verdi' },
    });
    const other = await createProvisionableEmployee(t.dataSource, { today, employee: { firstName: 'Marco', lastName: 'Bianchi', username: 'marco.bianchi' } });
    const post = async (path: string, body: unknown, token = tech) => {
      const res = await t
        .http()
        .post(path)
        .set(auth(token))
        .send(body as object);
      if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    };
    const model = await post('/api/v1/models', { kind: 'laptop', manufacturer: 'Lenovo', model: 'ThinkPad T14 Gen 2' });
    const { lot } = await post('/api/v1/lots', {
      modelId: model.id,
      supplier: 'Converge S.p.A.',
      cig: '8563412A7F',
      orderNumber: 'ODA-2026-1',
      orderDate: '2026-02-01',
      quantity: 60,
      unitPriceCents: 69900,
      warrantyMonths: 36,
    });
    const a1 = await post('/api/v1/assets', { modelId: model.id, lotId: lot.id, serial: 'PF3A11Y1' });
    await post('/api/v1/assets', { modelId: model.id, lotId: lot.id, serial: 'PF3A11Y2' });
    const handover = await post('/api/v1/handovers', { employeeId: employee.id, assetIds: [a1.id] });
    // The hot-line's queue and an account with a certificate.
    const account = await post('/api/v1/vpn/accounts', { employeeId: employee.id, profile: 'dipendenti' }, hotline);
    await post(`/api/v1/vpn/accounts/${account.id}/approve`, {}, hotline);
    await post(`/api/v1/vpn/accounts/${account.id}/certificates`, { stationAssetId: a1.id, generateKey: true }, hotline);
    await post('/api/v1/vpn/accounts', { employeeId: other.employee.id, profile: 'dipendenti' }, hotline);
    Object.assign(ids, { lot: lot.id, asset: a1.id, employee: employee.id, handover: handover.id, account: account.id });
    browser = await launchChromium();
    s = await openSession(browser, t.url);
    // An administrator opens every page of both roles in one session.
    await loginWithToken(s.page, t.adminToken, '/ui/technician');
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const pages: [string, () => string, string][] = [
    ['technician-home', () => '/ui/technician', '#cards .card'],
    ['technician-lots', () => '/ui/technician/lots', '#lots table'],
    ['technician-receive', () => `/ui/technician/receive?lot=${ids.lot}`, '#counter:not(:empty)'],
    ['technician-labels', () => `/ui/technician/labels?lot=${ids.lot}`, '.label img'],
    ['technician-assets', () => '/ui/technician/assets?q=PF3A11Y', '#results table'],
    ['technician-employee', () => `/ui/technician/employee?employee=${ids.employee}`, '#gate .badge'],
    ['technician-handover', () => `/ui/technician/handover?employee=${ids.employee}`, '#gate .badge'],
    ['technician-return', () => `/ui/technician/return?asset=${ids.asset}`, '#items fieldset'],
    ['technician-report', () => `/ui/technician/report?asset=${ids.asset}`, '#asset strong'],
    ['technician-stock', () => '/ui/technician/stock', '#by-kind table'],
    ['technician-tasks', () => '/ui/technician/tasks', '#tasks p, #tasks table'],
    ['hotline-queue', () => '/ui/hotline', '#requested table'],
    ['hotline-account', () => `/ui/hotline/account?id=${ids.account}`, '#certs table'],
    ['hotline-certificates', () => '/ui/hotline/certificates', '#crl .badge'],
  ];

  it.each(pages)('%s has no serious or critical axe violations', async (name, url, ready) => {
    await s.page.goto(url());
    await s.page.locator(ready).first().waitFor();
    await screenshot(s.page, name);
    expect(await seriousA11yViolations(s.page)).toEqual([]);
    expect(s.external.splice(0)).toEqual([]);
    expect(s.errors.splice(0)).toEqual([]);
  });
});
