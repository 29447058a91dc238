import * as fs from 'node:fs';
import * as path from 'node:path';
import { Browser, Dialog, Page } from 'playwright-core';
import { createEmployee, createProvisionableEmployee, makeEligible } from '../factories';
import { handOverLaptop, nowClock } from '../e2e/vpn/vpn-fixtures';
import { auth, startTestApp, TestApp } from '../helpers/test-app';
import { makeCsr, tempDir } from '../integration/pki/pki-test-tools';
import { OperatorSession, press, screenshot, seriousA11yViolations } from './support/operator-browser';
import { AccountStep, vpnAccount } from './support/seed';
import { expectSelfContained, startBrowser, stopAll } from './support/suite';

jest.setTimeout(240_000);

const WEB = path.resolve(__dirname, '..', '..', 'web');

/**
 * Issue 15, what operators hit walking through the hot-line pages: who the gate will refuse, in the queue; the
 * expiring certificates most urgent first, with "Rinnova"; no "issue the certificate" beside a certificate that
 * works; a revocation confirmed with its consequences; the one-time password not lost by leaving the page; a
 * favicon on every page. (The dashboard's print sheet: test/browser/dashboard.spec.ts, "prints without buttons".)
 */
describe('hot-line walk-through in a browser', () => {
  const { clock, today } = nowClock();
  let t: TestApp;
  let browser: Browser;
  let s: OperatorSession;
  let page: Page;
  let hotline: string;
  let dir: string;
  const ids: Record<'anna' | 'bruno' | 'carla' | 'paola' | 'paolo', string> = { anna: '', bruno: '', carla: '', paola: '', paolo: '' };

  const account = async (id: string) => (await t.http().get(`/api/v1/vpn/accounts/${id}`).set(auth(hotline)).expect(200)).body;
  /** A provisionable employee with a laptop in hand and a VPN account brought to `upTo` (the certificate from a CSR). */
  const onboard = async (firstName: string, lastName: string, upTo: AccountStep) => {
    const username = `${firstName}.${lastName}`.toLowerCase();
    const { employee } = await createProvisionableEmployee(t.dataSource, { today, employee: { firstName, lastName, username } });
    const laptop = await handOverLaptop(t, employee.id);
    const certificate = upTo === 'issued' || upTo === 'active' ? { stationAssetId: laptop.id, csrPem: (await makeCsr(dir, username)).csrPem } : undefined;
    return (await vpnAccount(t, hotline, employee.id, upTo, certificate)).id;
  };

  beforeAll(async () => {
    t = await startTestApp({ clock, env: { MUNICIPALITY_NAME: 'Comune di Prato' } });
    hotline = await t.tokenFor('hotline', 'Sara Neri');
    dir = tempDir('rw-hotline-walk-');
    ids.anna = await onboard('Anna', 'Rossi', 'active');
    clock.advance(120_000); // Bruno's certificate expires two minutes after Anna's, and is the newer one
    ids.bruno = await onboard('Bruno', 'Galli', 'issued');
    ids.carla = await onboard('Carla', 'Fabbri', 'approved');
    ids.paola = await onboard('Paola', 'Conti', 'requested');
    const paolo = await createEmployee(t.dataSource, { firstName: 'Paolo', lastName: 'Senzaccordo', username: 'paolo.senzaccordo' });
    await makeEligible(t.dataSource, paolo);
    ids.paolo = (await vpnAccount(t, hotline, paolo.id)).id;
    ({ browser, s, page } = await startBrowser(t, { token: hotline, next: '/ui/hotline' }));
  });

  afterAll(() => stopAll(browser, t, dir));

  afterEach(() => expectSelfContained(s));

  it('the queue says, per request and approval, whether the gate lets the employee through today and why not', async () => {
    const gateRequests: string[] = [];
    const onRequest = (r: { url: () => string }) => r.url().includes('/provisioning-status') && gateRequests.push(r.url());
    page.on('request', onRequest);
    await page.goto('/ui/hotline');
    const paola = page.locator('#requested tbody tr', { hasText: 'Conti' });
    const paolo = page.locator('#requested tbody tr', { hasText: 'Senzaccordo' });
    await paola.locator('.badge.ok', { hasText: 'Passa' }).waitFor();
    await paolo.locator('.badge.err', { hasText: 'Rifiutato' }).waitFor();
    expect(await paolo.innerText()).toContain('Non esiste un accordo individuale di lavoro agile per il dipendente.');
    expect(await paolo.innerText()).toContain('AGREEMENT_MISSING');
    await page.locator('#approved tbody tr', { hasText: 'Fabbri' }).locator('.badge.ok').waitFor();
    expect(await page.locator('#requested thead').innerText()).toContain('Requisiti oggi');
    page.off('request', onRequest);
    expect(gateRequests).toHaveLength(3); // one per employee of the queue, none per anything else
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'walk-hotline-queue-gate');
  });

  it('lists the expiring certificates most urgent first, and renews one with "Rinnova"', async () => {
    // the API decides the order: soonest notAfter first, across pages too
    const api = async (qs: string) => (await t.http().get(`/api/v1/certificates?${qs}`).set(auth(hotline)).expect(200)).body;
    const first = await api('expiringWithinDays=400&status=valid&kind=station&limit=1');
    const second = await api(`expiringWithinDays=400&status=valid&kind=station&limit=1&cursor=${first.nextCursor}`);
    expect([first.items[0].subjectCn, second.items[0].subjectCn]).toEqual(['anna.rossi', 'bruno.galli']);
    expect(first.items[0].notAfter < second.items[0].notAfter).toBe(true);

    await page.goto('/ui/hotline/certificates');
    await page.locator('#expiringWithinDays').fill('400');
    await press(page.locator('#days-form button[type=submit]'));
    await page.locator('#expiring tbody tr', { hasText: 'bruno.galli' }).waitFor();
    const users = await page.locator('#expiring tbody tr td:first-child').allInnerTexts();
    expect(users).toEqual(['anna.rossi', 'bruno.galli']);

    const before = await account(ids.anna);
    await press(page.locator('#expiring tbody tr', { hasText: 'anna.rossi' }).getByRole('button', { name: 'Rinnova il certificato di anna.rossi' }));
    await page.locator('#flash.alert.ok', { hasText: 'Certificato di anna.rossi rinnovato' }).waitFor();
    const after = await account(ids.anna);
    expect(after.state).toBe('active');
    expect(after.certificate.serial).not.toBe(before.certificate.serial);
    expect(after.certificate.notAfter > before.certificate.notAfter).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);

    // a second renewal while the first waits out its grace period is refused, with the reason on the page
    const again = page.locator('#expiring tbody tr', { hasText: 'anna.rossi' }).getByRole('button', { name: 'Rinnova il certificato di anna.rossi' });
    await press(again.first());
    await page.locator('#flash.alert.error', { hasText: 'Rinnovo per anna.rossi non riuscito' }).waitFor();
    expect((await account(ids.anna)).certificate.serial).toBe(after.certificate.serial);
    // Bruno's laptop has not confirmed the installation yet: not renewed either
    await t.http().post(`/api/v1/vpn/accounts/${ids.bruno}/renew`).set(auth(hotline)).expect(409);
    const tech = await t.tokenFor('technician', 'Luca Bianchi');
    await t.http().post(`/api/v1/vpn/accounts/${ids.bruno}/renew`).set(auth(tech)).expect(403);
  });

  it('an active account with a working certificate offers a replacement, apart, not "Emetti il certificato"', async () => {
    await page.goto(`/ui/hotline/account?id=${ids.anna}`);
    await page.locator('#facts', { hasText: 'anna.rossi' }).waitFor();
    await page.waitForSelector('body[data-state="ready"]'); // the account is read and its actions shown
    expect(await page.locator('#suspend-form').isVisible()).toBe(true);
    expect(await page.locator('#issue-form').isHidden()).toBe(true);
    expect(await page.getByRole('button', { name: 'Emetti il certificato', exact: true }).count()).toBe(0);
    const replace = page.locator('#replace-open');
    expect(await replace.isVisible()).toBe(true);
    await press(replace);
    await page.locator('#issue-form:not([hidden])').waitFor();
    expect(await page.locator('#issue-form button[type=submit]').innerText()).toBe('Emetti un certificato sostitutivo');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // an approved account without a certificate still gets the plain step
    await page.goto(`/ui/hotline/account?id=${ids.carla}`);
    await page.waitForSelector('body[data-state="ready"]');
    expect(await page.locator('#issue-form button[type=submit]').innerText()).toBe('Emetti il certificato');
    expect(await page.locator('#replace-open').isHidden()).toBe(true);
  });

  it('asks before revoking, in a modal dialog with the consequences; cancelling changes nothing', async () => {
    await page.goto(`/ui/hotline/account?id=${ids.bruno}`);
    await page.waitForSelector('body[data-state="ready"]');
    await page.locator('#revoke-reason').selectOption('privilegeWithdrawn');
    const submit = page.locator('#revoke-form button[type=submit]');
    await press(submit);
    const dialog = page.locator('dialog[open]');
    await dialog.waitFor();
    expect(await dialog.getAttribute('aria-labelledby')).toBeTruthy();
    const text = await dialog.innerText();
    expect(text).toContain("Revocare l'account bruno.galli?");
    expect(text).toContain('definitiva');
    expect(text).toContain('CRL');
    expect(await page.evaluate('document.activeElement && document.activeElement.dataset.role')).toBe('cancel');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'walk-hotline-revoke-confirm');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await page.evaluate('document.activeElement && document.activeElement.textContent')).toBe("Revoca l'account");
    expect((await account(ids.bruno)).state).toBe('issued');

    await press(submit);
    await press(page.locator('dialog[open] [data-role=confirm]'));
    await page.locator('#flash', { hasText: 'Account revocato' }).waitFor();
    expect((await account(ids.bruno)).state).toBe('revoked');
  });

  it('asks before leaving while the one-time password is on screen, and not once it is acknowledged', async () => {
    const p = await s.context.newPage();
    const prompts: string[] = [];
    p.on('dialog', (d: Dialog) => {
      prompts.push(d.type());
      void d.dismiss();
    });
    await p.goto(`/ui/hotline/account?id=${ids.carla}`);
    await p.waitForSelector('body[data-state="ready"]');
    await p.locator('#issue-form input[value=generate]').focus();
    await p.keyboard.press('Space');
    await press(p.locator('#issue-form button[type=submit]'));
    await p.locator('#otp').waitFor({ timeout: 120_000 });
    await p.close({ runBeforeUnload: true });
    await new Promise((r) => setTimeout(r, 500));
    expect(prompts).toEqual(['beforeunload']);
    expect(p.isClosed()).toBe(false); // the operator stayed: the password is still there
    expect(await p.locator('#otp').count()).toBe(1);

    await press(p.locator('#issued button', { hasText: 'nascondi la password' }));
    const closed = new Promise((r) => p.once('close', r));
    await p.close({ runBeforeUnload: true });
    await closed;
    expect(prompts).toEqual(['beforeunload']);
  });

  it('every page links a favicon, and /favicon.ico answers it (no 404 in the console)', async () => {
    for (const file of fs.readdirSync(WEB).filter((f) => f.endsWith('.html'))) {
      const head = fs.readFileSync(path.join(WEB, file), 'utf8').split('</head>')[0];
      expect({ file, icon: head.includes('<link rel="icon" href="/ui/assets/favicon.svg" type="image/svg+xml">') }).toEqual({ file, icon: true });
    }
    for (const url of ['/favicon.ico', '/ui/assets/favicon.svg']) {
      const res = await t.http().get(url).expect(200);
      expect(res.headers['content-type']).toMatch(/^image\/svg\+xml/);
      expect(Buffer.isBuffer(res.body) ? res.body.toString() : String(res.text ?? '')).toContain('<svg');
    }
    const failed: string[] = [];
    page.on('response', (r) => r.status() >= 400 && failed.push(`${r.status()} ${r.url()}`));
    await page.goto('/ui/hotline');
    await page.locator('#requested table').waitFor();
    expect(await page.evaluate("fetch(document.querySelector('link[rel=icon]').href).then((r) => r.status)")).toBe(200);
    expect(failed).toEqual([]);
  });
});
