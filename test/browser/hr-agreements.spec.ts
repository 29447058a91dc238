import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { Browser, Page } from 'playwright-core';
import { addDays } from '../../src/common/clock';
import { EmployeeEntity } from '../../src/directory/employee.entity';
import { createAgreementInForce, createEmployee, createManager, createService } from '../factories';
import { noticesEnv, TestSmtp } from '../helpers/smtp';
import { auth, startTestApp, TestApp } from '../helpers/test-app';
import { binaryParser } from '../e2e/inventory/inventory-fixtures';
import { managerSession } from '../e2e/manager/manager-fixtures';
import { nowClock } from '../e2e/vpn/vpn-fixtures';
import { OperatorSession, pickEmployee, press, screenshot, seriousA11yViolations } from './support/operator-browser';
import { expectSelfContained, startBrowser, stopAll } from './support/suite';

jest.setTimeout(180_000);

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const ggmmaaaa = (iso: string) => iso.split('-').reverse().join('/');

/**
 * HR's page in a browser: a draft with a field error shown in Italian beside the field, then fixed; the generated
 * document's SHA-256, the signed copy uploaded, both signatures recorded from the paper; once a second person
 * confirms the counterpart signature the agreement is signed and the hot-line's "accordo firmato" mail arrives at
 * the real SMTP server.
 */
describe('HR agreements page in a browser', () => {
  // "Now": the session cookie's expiry is read by the browser against the machine's time.
  const { clock, today } = nowClock();
  const start = addDays(today, 30);
  let smtp: TestSmtp;
  let t: TestApp;
  let browser: Browser;
  let s: OperatorSession;
  let page: Page;
  let hr: string;
  let boss: EmployeeEntity;
  let employee: EmployeeEntity;

  beforeAll(async () => {
    smtp = await TestSmtp.create();
    t = await startTestApp({ clock, env: { ...noticesEnv(smtp), MUNICIPALITY_NAME: 'Comune di Prato' } });
    hr = await t.tokenFor('hr', 'Paola Rossi');
    const serviceId = (await createService(t.dataSource, { name: 'Servizio Tributi' })).id;
    boss = await createManager(t.dataSource, serviceId, { firstName: 'Mario', lastName: 'Bruni' });
    employee = await createEmployee(t.dataSource, { serviceId, firstName: 'Giulia', lastName: 'Verdi' });
    ({ browser, s, page } = await startBrowser(t, { token: hr, next: '/ui/hr' }));
  });

  afterAll(async () => {
    await stopAll(browser, t);
    await smtp?.stop();
  });

  afterEach(() => expectSelfContained(s));

  const status = (text: string) => page.locator('#page-status.alert.ok', { hasText: text }).waitFor();

  it('drafts an agreement (an Italian field error beside the field, then fixed), records the signatures from the paper, and the agreement becomes signed', async () => {
    await page.locator('#list table, #list p').first().waitFor();
    expect(await page.locator('#safety-due').innerText()).toContain('Nessuna informativa in scadenza nei prossimi 30 giorni.');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'hr-agreements-list');

    await pickEmployee(page, 'draft-employee', 'Verdi');
    await page.locator('#draft-form:not([hidden])').waitFor();
    expect(await page.locator('#draft-employee').innerText()).toContain('Verdi Giulia');
    // Keyboard only: the focus is on the first field; type, Tab to the next.
    expect(await page.evaluate('document.activeElement.id')).toBe('startDate');
    await page.keyboard.type(ggmmaaaa(start));
    await page.locator('#remoteDaysPerWeek').fill('2');
    await page.locator('#places').fill('domicilio\nsede di via Roma');
    await page.locator('#contactBand').fill('nove-dodici');
    await page.locator('#nonOperabilityBand').fill('20:00-07:30');
    await page.locator('#rightToDisconnect').fill('Nessuna comunicazione di lavoro nella fascia di inoperabilità.');
    await page.locator('#toolsProvided').fill('notebook\nrouter 4G');
    await page.locator('#objectives').fill('Istruttoria delle pratiche TARI');
    await page.locator('#resultsMonitoring').fill('Report mensile al dirigente');
    await press(page.locator('#draft-submit'));

    const bandError = page.locator('#contactBand-error');
    await bandError.waitFor();
    const bandMessage = await bandError.innerText();
    expect(bandMessage).toContain('il formato non è valido');
    expect(bandMessage.match(/09:30-12:30/g)).toHaveLength(1);
    expect(await page.locator('#contactBand').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#contactBand').getAttribute('aria-describedby')).toBe('contactBand-error');
    expect(await page.evaluate('document.activeElement.id')).toBe('contactBand');
    // the server's sentence already says to check the fields: said once, nothing of the page's around it
    expect(await page.locator('#draft-form [data-role=form-error]').innerText()).toBe(
      'Alcuni dati non sono validi: controllare i campi indicati (codice: VALIDATION_FAILED)',
    );
    expect(await t.dataSource.query('SELECT id FROM agreements')).toEqual([]);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'hr-agreements-field-error');

    await page.locator('#contactBand').fill('09:30-12:30');
    await page.keyboard.press('Enter');
    await status('Bozza salvata.');
    await page.locator('#detail:not([hidden])').waitFor();
    await page.locator('#detail-title', { hasText: 'Accordo di Verdi Giulia' }).waitFor();
    const [row] = await t.dataSource.query('SELECT id, state FROM agreements');
    expect(row.state).toBe('draft');
    const id = row.id as string;
    expect(await page.locator('#detail-body').innerText()).toContain(`dal ${ggmmaaaa(start)}, a tempo indeterminato`);

    // The document to sign: its SHA-256 as the API serves it.
    const pdf = await t.http().get(`/api/v1/agreements/${id}/document.pdf`).set(auth(hr)).buffer(true).parse(binaryParser).expect(200);
    expect(await page.locator('#generated-sha').innerText()).toBe(sha(pdf.body as Buffer));
    const [file] = await Promise.all([page.waitForEvent('download'), press(page.locator('#download-document'))]);
    expect(sha(fs.readFileSync(await file.path()))).toBe(sha(pdf.body as Buffer));

    // The signed paper, scanned, uploaded: its SHA-256 is the one the signatures carry.
    const scan = Buffer.from('%PDF-1.4\n% accordo firmato da entrambe le parti\n%%EOF\n', 'latin1');
    await page.locator('#signed-file').setInputFiles({ name: 'accordo-firmato.pdf', mimeType: 'application/pdf', buffer: scan });
    await press(page.locator('#upload-form button[type=submit]'));
    await status(`Documento firmato caricato: impronta SHA-256 ${sha(scan)}.`);
    expect(await page.locator('#recorded-sha').innerText()).toBe(sha(scan));
    expect(await page.locator('#employee-sha').inputValue()).toBe(sha(scan));

    await press(page.locator('#sign-employee-form button[type=submit]'));
    await status('Firma del dipendente registrata.');
    await page.locator('#sign-manager-form').waitFor();
    await page.locator('#countersigner').selectOption(boss.id);
    await page.locator('#manager-reference').fill('prot. 2026/0001234');
    await press(page.locator('#sign-manager-form button[type=submit]'));
    await status('Firma della controparte registrata: attende la conferma');
    expect(await page.locator('#detail-body').innerText()).toContain('In attesa di conferma della firma');
    await screenshot(page, 'hr-agreements-awaiting-confirmation');

    // The second person: an admin confirms the counterpart signature recorded from paper.
    await t.http().post(`/api/v1/agreements/${id}/countersignature/confirm`).set(auth(t.adminToken)).send({}).expect(200);
    await page.reload();
    await page.locator('#list table').waitFor();
    await press(page.locator('#list button', { hasText: 'Apri' }).first());
    await page.locator('#detail-title', { hasText: 'Accordo di Verdi Giulia' }).waitFor();
    const detail = await page.locator('#detail-body').innerText();
    expect(detail).toContain('Firmato (non ancora in vigore)');
    expect(detail).toContain('prot. 2026/0001234');
    await page.locator('#withdraw-form').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'hr-agreements-signed');

    const [mail] = await smtp.waitFor((m) => m.subject === 'Accordo di lavoro agile firmato: Giulia Verdi');
    expect(mail.envelopeTo).toEqual(['hotline@comune.test']);
    expect(mail.text).toContain(`Decorrenza: ${ggmmaaaa(start)}`);
    expect(mail.text).toContain('Comune di Prato');
  });

  it('withdraws with the notice the service computes: 90 days, "lavoratore con disabilità", shown only on this page', async () => {
    const [row] = await t.dataSource.query("SELECT id FROM agreements WHERE state = 'signed'");
    await t.dataSource.query('UPDATE employees SET disabled_worker = $1 WHERE id = $2', [true, employee.id]);
    await page.locator('#withdraw-initiated').selectOption('employer');
    await page.locator('#withdraw-notice').fill(ggmmaaaa(today));
    await page.locator('#withdraw-reason').fill('Riorganizzazione del servizio');
    await press(page.locator('#withdraw-form button[type=submit]'));
    const expected = ggmmaaaa(addDays(today, 90));
    await status(`Recesso registrato: efficace dal ${expected} (preavviso di 90 giorni: lavoratore con disabilità`);
    expect(await page.locator('#detail-body').innerText()).toContain(`efficace dal ${expected}; preavviso di 90 giorni: lavoratore con disabilità`);
    const asManager = await t
      .http()
      .get(`/api/v1/agreements/${row.id}`)
      .set(auth(await managerSession(t, boss, clock.now())))
      .expect(200);
    expect(asManager.body.withdrawal).toBeUndefined();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'hr-agreements-withdrawal');
  });

  it("finds an employee's agreements by search, suspends one in force with a reason and resumes it", async () => {
    const serviceId = (await createService(t.dataSource)).id;
    const e = await createEmployee(t.dataSource, { serviceId, firstName: 'Franco', lastName: 'Gialli' });
    await createAgreementInForce(t.dataSource, e, { today });
    await page.reload();
    await page.locator('#list table').waitFor();
    await pickEmployee(page, 'list-employee', 'Gialli');
    await page.locator('#list-filter', { hasText: 'Accordi di Gialli Franco' }).waitFor();
    expect(await page.locator('#list tbody tr').count()).toBe(1);
    await press(page.locator('#list button', { hasText: 'Apri' }));
    await page.locator('#detail-title', { hasText: 'Accordo di Gialli Franco' }).waitFor();
    await page.locator('#suspend-reason').fill('Assenza prolungata');
    await press(page.locator('#suspend-form button[type=submit]'));
    await status('Accordo sospeso.');
    // the detail and the list are drawn again after the answer: wait for them (an immediate read raced in CI)
    await page.locator('#detail-body', { hasText: 'Assenza prolungata' }).waitFor();
    await page.locator('#list tbody tr', { hasText: 'Sospeso' }).waitFor();
    await page.locator('#resume-note').fill('Rientro in servizio');
    await press(page.locator('#resume-form button[type=submit]'));
    await status('Accordo ripreso.');
    await page.locator('#detail-body', { hasText: 'In vigore' }).waitFor();
    await page.locator('#list tbody tr', { hasText: 'In vigore' }).waitFor();
    const [row] = await t.dataSource.query('SELECT state, suspended_at FROM agreements WHERE employee_id = $1', [e.id]);
    expect(row).toEqual({ state: 'active', suspended_at: null });
    // Back to every employee.
    await press(page.locator('#list-all'));
    await page.locator('#list-filter', { hasText: 'Accordi di tutti i dipendenti' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'hr-agreements-resumed');
  });
});
