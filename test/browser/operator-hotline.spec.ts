import * as fs from 'node:fs';
import * as path from 'node:path';
import { Browser, Page } from 'playwright-core';
import { createEmployee, createProvisionableEmployee, makeEligible } from '../factories';
import { handOverLaptop, nowClock } from '../e2e/vpn/vpn-fixtures';
import { auth, startTestApp, TestApp } from '../helpers/test-app';
import { makeCsr, openssl, tempDir } from '../integration/pki/pki-test-tools';
import { OperatorSession, pickEmployee, press, screenshot, seriousA11yViolations } from './support/operator-browser';
import { vpnAccount } from './support/seed';
import { expectSelfContained, startBrowser, stopAll } from './support/suite';

// RSA key generation (the service's and openssl's) on a 2-core machine shared with other suites
jest.setTimeout(180_000);

/**
 * The hot-line's day in a browser: onboarding a remote worker (request, approval, certificate with a key made by
 * the service or from a CSR made on the laptop, the one-time password shown once, the .p12 and the .ovpn,
 * installed and active), suspension, resumption and revocation, and the certificates and CRL page.
 */
describe('hot-line pages in a browser', () => {
  // "Now": the certificates are opened by the real openssl against the machine's time.
  const { clock, today } = nowClock();
  let t: TestApp;
  let browser: Browser;
  let s: OperatorSession;
  let page: Page;
  let hotline: string;
  let dir: string;

  const account = async (id: string) => (await t.http().get(`/api/v1/vpn/accounts/${id}`).set(auth(hotline)).expect(200)).body;

  const download = async (trigger: () => Promise<void>) => {
    const [file] = await Promise.all([page.waitForEvent('download'), trigger()]);
    return { name: file.suggestedFilename(), bytes: fs.readFileSync(await file.path()) };
  };

  const accountIdFromUrl = () => new URL(page.url()).searchParams.get('id')!;

  beforeAll(async () => {
    t = await startTestApp({ clock, env: { MUNICIPALITY_NAME: 'Comune di Prato' } });
    hotline = await t.tokenFor('hotline', 'Sara Neri');
    dir = tempDir('rw-hotline-browser-');
    ({ browser, s, page } = await startBrowser(t, { token: hotline, next: '/ui/hotline' }));
  });

  afterAll(() => stopAll(browser, t, dir));

  afterEach(() => expectSelfContained(s));

  it('onboards a VPN user with a key made by the service: one-time password shown once, .p12 and .ovpn, installed and active', async () => {
    const { employee } = await createProvisionableEmployee(t.dataSource, {
      today,
      employee: { firstName: 'Giulia', lastName: 'Verdi', username: 'giulia.verdi' },
    });
    const laptop = await handOverLaptop(t, employee.id);

    await page.goto('/ui/hotline');
    await page.locator('#requested table, #requested p').first().waitFor();
    await pickEmployee(page, 'employee', 'Verdi');
    await page.locator('#person-gate .badge.ok').waitFor();
    expect(await page.locator('#person-accounts').innerText()).toContain('Il dipendente non ha account VPN.');
    expect(await page.locator('#profile').inputValue()).toBe('dipendenti');
    await press(page.locator('#request-form button[type=submit]'));

    await page.waitForURL(/\/ui\/hotline\/account\?id=/);
    const id = accountIdFromUrl();
    await page.locator('#flash.alert.ok', { hasText: 'Richiesta registrata' }).waitFor();
    await page.locator('#approve-form:not([hidden])').waitFor();
    expect(await page.locator('#issue-form').isHidden()).toBe(true);
    expect(await page.locator('#facts').innerText()).toContain('Utente VPN (CN del certificato): giulia.verdi');

    await press(page.locator('#approve-form button[type=submit]'));
    await page.locator('#flash', { hasText: 'Richiesta approvata' }).waitFor();
    expect(await page.locator('#approve-form').isHidden()).toBe(true);
    await page.locator('#issue-form:not([hidden])').waitFor();
    expect(await page.locator('#stationAssetId').inputValue()).toBe(laptop.id);
    expect(await page.locator('#station').innerText()).toContain(laptop.assetTag);

    await page.locator('#issue-form input[value=csr]').focus();
    await page.keyboard.press('ArrowDown'); // → "Generata dal servizio"
    expect(await page.locator('#csr-field').isHidden()).toBe(true);
    await press(page.locator('#issue-form button[type=submit]'));
    const otp = page.locator('#otp');
    await otp.waitFor();
    const password = await otp.innerText();
    expect(password.length).toBeGreaterThanOrEqual(12);
    await screenshot(page, 'flow-hotline-issued');
    expect(await seriousA11yViolations(page)).toEqual([]);

    const p12 = await download(() => press(page.locator('#download-p12')));
    expect(p12.name).toBe('giulia.verdi.p12');
    const p12File = path.join(dir, 'giulia.p12');
    fs.writeFileSync(p12File, p12.bytes);
    const opened = await openssl(['pkcs12', '-in', p12File, '-passin', `pass:${password}`, '-nodes']);
    expect(opened.code).toBe(0);
    expect(opened.stdout).toMatch(/subject=.*CN\s*=\s*giulia\.verdi/);
    expect(opened.stdout).toContain('PRIVATE KEY');

    const inline = await download(() => press(page.locator('#download-issued-ovpn')));
    expect(inline.name).toBe('giulia.verdi.ovpn');
    const inlineText = inline.bytes.toString('utf8');
    expect(inlineText).toMatch(/^remote vpn\d\.comune\.prato\.it 1194 udp$/m);
    expect(inlineText).toContain('<ca>');
    // the key only inside the PKCS#12, under the one-time password: the same file as the .p12
    const inlineP12 = (text: string) => /<pkcs12>\n([\s\S]+?)\n<\/pkcs12>/.exec(text)?.[1].replace(/\n/g, '');
    expect(inlineP12(inlineText)).toBe(p12.bytes.toString('base64'));
    expect(inlineText).not.toMatch(/PRIVATE KEY|<key>/);

    // Done with the secrets: they leave the page and cannot be shown again.
    await press(page.locator('#issued button', { hasText: 'nascondi la password' }));
    expect(await page.locator('#otp').count()).toBe(0);
    expect(await page.content()).not.toContain(password);

    // The profile downloaded later carries the same sealed PKCS#12: it works as it is, with the same password.
    const later = await download(() => press(page.locator('#ovpn')));
    expect(later.name).toBe('giulia.verdi.ovpn');
    expect(inlineP12(later.bytes.toString('utf8'))).toBe(p12.bytes.toString('base64'));
    expect(later.bytes.toString('utf8')).not.toMatch(/PRIVATE KEY|<key>/);

    expect(await page.locator('#activate-now').isChecked()).toBe(true);
    await press(page.locator('#installed-form button[type=submit]'));
    await page.locator('#flash', { hasText: 'accesso attivato' }).waitFor();
    expect(await account(id)).toMatchObject({ state: 'active', stationAssetId: laptop.id, certificate: { keyOrigin: 'generated', status: 'valid' } });

    await page.locator('#suspend-reason').fill('Congedo parentale di tre mesi');
    await press(page.locator('#suspend-form button[type=submit]'));
    await page.locator('#flash', { hasText: 'Account sospeso' }).waitFor();
    expect(await account(id)).toMatchObject({ state: 'suspended', suspensionReason: 'Congedo parentale di tre mesi', certificate: { status: 'on_hold' } });
    expect(await page.locator('#suspend-form').isHidden()).toBe(true);

    await press(page.locator('#resume-form button[type=submit]'));
    await page.locator('#flash', { hasText: 'Account riattivato' }).waitFor();
    expect(await account(id)).toMatchObject({ state: 'active', certificate: { status: 'valid' } });
    await screenshot(page, 'flow-hotline-active');
  });

  it('issues from a CSR uploaded as a file (a weak one refused with the reason) and revokes the account with a reason', async () => {
    const { employee } = await createProvisionableEmployee(t.dataSource, {
      today,
      employee: { firstName: 'Marco', lastName: 'Bianchi', username: 'marco.bianchi' },
    });
    const laptop = await handOverLaptop(t, employee.id);
    const created = await vpnAccount(t, hotline, employee.id, 'approved');

    await page.goto(`/ui/hotline/account?id=${created.id}`);
    await page.locator('#issue-form:not([hidden])').waitFor();
    const weak = await makeCsr(dir, 'marco.bianchi', 1024, 'weak');
    await page.locator('#csrPem').setInputFiles({ name: 'marco.csr', mimeType: 'application/pkcs10', buffer: Buffer.from(weak.csrPem) });
    await press(page.locator('#issue-form button[type=submit]'));
    const error = page.locator('#issue-form [data-role=form-error]');
    await error.locator('text=CSR_KEY_TOO_WEAK').waitFor();
    // the server's Italian sentence (the catalog's CSR_KEY_TOO_WEAK), nothing of the page's before it
    expect(await error.innerText()).toBe('La chiave RSA è troppo corta (1024 bit): ne servono almeno 2048 (codice: CSR_KEY_TOO_WEAK)');
    expect((await account(created.id)).state).toBe('approved');

    const good = await makeCsr(dir, 'marco.bianchi');
    await page.locator('#csrPem').setInputFiles({ name: 'marco.csr', mimeType: 'application/pkcs10', buffer: Buffer.from(good.csrPem) });
    await press(page.locator('#issue-form button[type=submit]'));
    await page.locator('#issued.alert.ok').waitFor();
    expect(await page.locator('#otp').count()).toBe(0);
    const ovpn = await download(() => press(page.locator('#download-issued-ovpn')));
    expect(ovpn.name).toBe('marco.bianchi.ovpn');
    expect(ovpn.bytes.toString('utf8')).toContain('<cert>');
    expect(ovpn.bytes.toString('utf8')).not.toContain('<key>');
    // the certificate carries the laptop's own key
    const certPem = /<cert>\s*([\s\S]*?)\s*<\/cert>/.exec(ovpn.bytes.toString('utf8'))![1];
    fs.writeFileSync(path.join(dir, 'marco.pem'), certPem + '\n');
    const certKey = (await openssl(['x509', '-in', path.join(dir, 'marco.pem'), '-noout', '-pubkey'])).stdout;
    expect(certKey).toBe((await openssl(['pkey', '-in', good.keyFile, '-pubout'])).stdout);
    expect(await account(created.id)).toMatchObject({ state: 'issued', stationAssetTag: laptop.assetTag, certificate: { keyOrigin: 'csr' } });

    await page.locator('#revoke-reason').selectOption('privilegeWithdrawn');
    await page.locator('#revoke-note').fill('Fine del progetto');
    await press(page.locator('#revoke-form button[type=submit]'));
    await press(page.locator('dialog[open] [data-role=confirm]')); // the consequences, confirmed
    await page.locator('#flash', { hasText: 'Account revocato' }).waitFor();
    expect(await account(created.id)).toMatchObject({ state: 'revoked', revocationReason: 'privilegeWithdrawn' });
    await page.locator('#certs tbody tr', { hasText: 'Revocato' }).waitFor();
    // Nothing is left to do on a revoked account.
    for (const form of ['approve', 'issue', 'installed', 'activate', 'suspend', 'resume', 'revoke'])
      expect(await page.locator(`#${form}-form`).isHidden()).toBe(true);
  });

  it('refuses to approve an employee without an agreement, with the reason on the page', async () => {
    const employee = await createEmployee(t.dataSource, { firstName: 'Paolo', lastName: 'Senzaccordo', username: 'paolo.senzaccordo' });
    await makeEligible(t.dataSource, employee);
    const created = await vpnAccount(t, hotline, employee.id);

    await page.goto(`/ui/hotline/account?id=${created.id}`);
    await page.locator('#gate .badge.err').waitFor();
    expect(await page.locator('#gate').innerText()).toContain('Non esiste un accordo individuale di lavoro agile per il dipendente.');
    await press(page.locator('#approve-form button[type=submit]'));
    const box = page.locator('#approve-form [data-role=form-error]');
    await box.locator('.gate-refusal').waitFor();
    expect(await box.innerText()).toContain('GATE_REFUSED');
    expect(await box.innerText()).toContain('AGREEMENT_MISSING');
    expect((await account(created.id)).state).toBe('requested');
  });

  it('lists the certificates expiring soon and tells how fresh the CRL is', async () => {
    await page.goto('/ui/hotline/certificates');
    await page.locator('#crl .badge.ok').waitFor();
    expect(await page.locator('#crl').innerText()).toMatch(/Aggiornata CRL numero \d+, con \d+ certificati revocati o sospesi\./);
    await page.locator('#expiring').locator('p, table').first().waitFor();
    expect(await page.locator('#expiring').innerText()).toContain('Nessun certificato in scadenza in questo periodo.');
    // Station certificates last a year: within 400 days the one issued above shows, with its account.
    await page.locator('#expiringWithinDays').fill('400');
    await press(page.locator('#days-form button[type=submit]'));
    const row = page.locator('#expiring tbody tr', { hasText: 'giulia.verdi' });
    await row.waitFor();
    await press(row.locator('a'));
    await page.waitForURL(/\/ui\/hotline\/account\?id=/);
    await page.locator('#facts', { hasText: 'giulia.verdi' }).waitFor();
  });
});
