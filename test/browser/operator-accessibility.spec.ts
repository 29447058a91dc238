import { Browser } from 'playwright-core';
import { createProvisionableEmployee } from '../factories';
import { nowClock } from '../e2e/vpn/vpn-fixtures';
import { startTestApp, TestApp } from '../helpers/test-app';
import { OperatorSession, screenshot, seriousA11yViolations } from './support/operator-browser';
import { createAsset, createLot, createModels, handOver, vpnAccount } from './support/seed';
import { startBrowser, stopAll } from './support/suite';

jest.setTimeout(180_000);

/**
 * Every operator page, with data on it, passes axe-core with no serious or critical violation, loads nothing
 * from outside the service and logs no script error. Screenshots go to test-artifacts/operator-pages/.
 */
describe('operator pages: accessibility and self-containment', () => {
  let t: TestApp;
  let browser: Browser;
  let s: OperatorSession;
  const ids: Record<string, string> = {};
  const { clock, today } = nowClock();

  beforeAll(async () => {
    t = await startTestApp({ clock });
    const tech = await t.tokenFor('technician', 'Luca Bianchi');
    const hotline = await t.tokenFor('hotline', 'Sara Neri');
    const { employee } = await createProvisionableEmployee(t.dataSource, {
      today,
      employee: { firstName: 'Giulia', lastName: 'Verdi', username: 'giulia.verdi' },
    });
    const other = await createProvisionableEmployee(t.dataSource, { today, employee: { firstName: 'Marco', lastName: 'Bianchi', username: 'marco.bianchi' } });
    const { laptop } = await createModels(t, tech, ['laptop']);
    const lot = await createLot(t, tech, laptop.id, {
      orderNumber: 'ODA-2026-1',
      orderDate: '2026-02-01',
      quantity: 60,
      unitPriceCents: 69900,
      warrantyMonths: 36,
    });
    const a1 = await createAsset(t, tech, laptop.id, 'PF3A11Y1', { lotId: lot.id });
    await createAsset(t, tech, laptop.id, 'PF3A11Y2', { lotId: lot.id });
    const handover = await handOver(t, tech, employee.id, [a1.id]);
    // The hot-line's queue and an account with a certificate.
    const account = await vpnAccount(t, hotline, employee.id, 'issued', { stationAssetId: a1.id, generateKey: true });
    await vpnAccount(t, hotline, other.employee.id);
    Object.assign(ids, { lot: lot.id, asset: a1.id, employee: employee.id, handover: handover.id, account: account.id });
    // An administrator opens every page of both roles in one session.
    ({ browser, s } = await startBrowser(t, { token: t.adminToken, next: '/ui/technician' }));
  });

  afterAll(() => stopAll(browser, t));

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
