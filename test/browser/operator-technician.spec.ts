import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { Browser, Page } from 'playwright-core';
import { FixedClock } from '../../src/common/clock';
import { TECHNICIAN_PAGES } from '../../src/operator-pages/operator-pages';
import { AgreementEntity } from '../../src/agreements/agreement.entity';
import { createProvisionableEmployee } from '../factories';
import { auth, startTestApp, TestApp } from '../helpers/test-app';
import { activeId, focused, loginWithToken, OperatorSession, pickEmployee, press, scan, screenshot, seriousA11yViolations } from './support/operator-browser';
import { createAsset, createModels, handOver, ModelKind } from './support/seed';
import { expectSelfContained, startBrowser, stopAll } from './support/suite';

jest.setTimeout(180_000);

const TODAY = '2026-03-10';

describe('technician pages in a browser', () => {
  let t: TestApp;
  let browser: Browser;
  let s: OperatorSession;
  let page: Page;
  let tech: string;
  let models: Record<ModelKind, { id: string }>;

  const get = async (path: string) => (await t.http().get(path).set(auth(tech)).expect(200)).body;
  const asset = (kind: ModelKind, serial?: string) => createAsset(t, tech, models[kind].id, serial);

  beforeAll(async () => {
    t = await startTestApp({ clock: new FixedClock(new Date(`${TODAY}T09:00:00Z`)), env: { MUNICIPALITY_NAME: 'Comune di Prato' } });
    tech = await t.tokenFor('technician', 'Luca Bianchi');
    models = await createModels(t, tech, ['laptop', 'docking_station', 'headset']);
    ({ browser, s, page } = await startBrowser(t, { token: tech, next: '/ui/technician' }));
  });

  afterAll(() => stopAll(browser, t));

  // No page may reach outside the service or throw.
  afterEach(() => expectSelfContained(s));

  it('shows every technician page of the server’s list in the sections bar, this page marked current', async () => {
    const served = (await get('/api/v1/ui/navigation')).areas[0].sections as { href: string; label: string }[];
    expect(served).toHaveLength(Object.keys(TECHNICIAN_PAGES).length);
    for (const [key, path] of [
      ['home', '/ui/technician'],
      ['labels', '/ui/technician/labels'],
      ['tasks', '/ui/technician/tasks'],
    ]) {
      await page.goto(path);
      const links = page.locator('nav.sections a');
      await links.first().waitFor();
      expect(await links.allInnerTexts()).toEqual(Object.values(TECHNICIAN_PAGES).map((p) => p.label));
      expect(await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual(served.map((s) => s.href));
      expect(await page.locator('nav.sections a[aria-current="page"]').innerText()).toBe(TECHNICIAN_PAGES[key as keyof typeof TECHNICIAN_PAGES].label);
    }
    // the header: the links the technician's routes open, and the role's name, both from the server
    expect(await page.locator('header.top nav a').allInnerTexts()).toEqual(['Inizio', 'Tecnici']);
    expect(await page.locator('header.top .who').innerText()).toContain('Tecnico');
  });

  it('hands a kit to an employee with a signed agreement: scan, confirm, receipt, signatures', async () => {
    const { employee } = await createProvisionableEmployee(t.dataSource, { today: TODAY, employee: { firstName: 'Giulia', lastName: 'Verdi' } });
    const laptop = await asset('laptop');
    const dock = await asset('docking_station');
    const headset = await asset('headset');

    await page.goto('/ui/technician/handover');
    await focused(page, 'employee-q');
    await pickEmployee(page, 'employee', 'Verdi');
    await page.locator('#gate .badge.ok').waitFor();
    expect(await page.locator('#gate').innerText()).toContain('Il dipendente può ricevere dispositivi e accesso VPN');
    await focused(page, 'code');

    // The scanner: each code typed and ended by Enter; the field keeps the focus.
    await scan(page, laptop.assetTag);
    await scan(page, dock.serial);
    await scan(page, 'NOPE-404');
    await page.locator('#code-error').waitFor();
    expect(await page.locator('#code-error').innerText()).toContain('Nessun dispositivo con etichetta o numero di serie “NOPE-404”');
    await scan(page, headset.assetTag.toLowerCase());
    await scan(page, laptop.serial);
    await page.locator('#kit caption', { hasText: '3 dispositivi' }).waitFor();
    expect(await page.locator('#code-error').innerText()).toContain(`${laptop.assetTag} è già nel kit`);
    expect(await page.locator('#kit tbody tr').allInnerTexts()).toEqual([
      expect.stringContaining(laptop.assetTag),
      expect.stringContaining(dock.assetTag),
      expect.stringContaining(headset.assetTag),
    ]);
    expect(await activeId(page)).toBe('code');

    await press(page.locator('#confirm'));
    await page.locator('#step3:not([hidden])').waitFor();
    expect(await page.locator('#done').innerText()).toContain(`Consegna registrata il 10/03/2026 a Verdi Giulia`);
    expect(await activeId(page)).toBe('step3-title');
    await screenshot(page, 'flow-handover-done');

    const [receipt] = await Promise.all([page.waitForEvent('download'), press(page.locator('#receipt'))]);
    const pdf = fs.readFileSync(await receipt.path());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');

    // Signatures: the employee's, then the technician's with the scanned signed receipt (its SHA-256 is kept).
    await press(page.locator('#sign-form button[type=submit]'));
    await page.locator('#signatures', { hasText: 'Firma del dipendente registrata' }).waitFor();
    await page.locator('#sign-form input[value=employee]').focus();
    await page.keyboard.press('ArrowDown'); // the radio group moves to "il tecnico"
    const scanned = Buffer.from('%PDF-1.4 verbale firmato scansionato');
    await page.locator('#scan-file').setInputFiles({ name: 'verbale-firmato.pdf', mimeType: 'application/pdf', buffer: scanned });
    await press(page.locator('#sign-form button[type=submit]'));
    await page.locator('#signatures', { hasText: 'Firma del tecnico registrata' }).waitFor();

    const handovers = await get(`/api/v1/handovers?employeeId=${employee.id}`);
    expect(handovers.items).toHaveLength(1);
    const h = handovers.items[0];
    expect(h).toMatchObject({ gated: true, status: 'open', itemsCount: 3, conditions: 'Nuovi, in confezione originale' });
    expect(h.employeeSignedAt).not.toBeNull();
    expect(h.technicianSignedAt).not.toBeNull();
    expect(h.signedScanSha256).toBe(createHash('sha256').update(scanned).digest('hex'));
    expect(createHash('sha256').update(pdf).digest('hex')).toBe(h.receiptSha256);
    for (const a of [laptop, dock, headset]) expect(await get(`/api/v1/assets/${a.id}`)).toMatchObject({ state: 'assigned', holderEmployeeId: employee.id });
  });

  it('refuses the kit at confirmation when the gate closed after the scan, and shows the reason on the page', async () => {
    const { employee, agreement } = await createProvisionableEmployee(t.dataSource, {
      today: TODAY,
      employee: { firstName: 'Paolo', lastName: 'Senzaccordo' },
    });
    const laptop = await asset('laptop');

    await page.goto('/ui/technician/handover');
    await focused(page, 'employee-q');
    await pickEmployee(page, 'employee', 'Senzaccordo');
    await page.locator('#gate .badge.ok').waitFor();
    await scan(page, laptop.assetTag);
    await page.locator('#kit tbody tr').waitFor();
    // Between the scan (accepted) and the confirmation the agreement is withdrawn: the API decides again.
    await t.dataSource.getRepository(AgreementEntity).delete({ id: agreement.id });
    await press(page.locator('#confirm'));
    const box = page.locator('#handover-form [data-role=form-error]');
    await box.locator('.gate-refusal').waitFor();
    const text = await box.innerText();
    // first the server's Italian sentence (the catalog's GATE_REFUSED with the gate's reasons), nothing of the page's before it
    const sentence =
      'Il dipendente non ha i requisiti richiesti per questa operazione. Non esiste un accordo individuale di lavoro agile per il dipendente. (codice: GATE_REFUSED)';
    expect(text.slice(0, sentence.length)).toBe(sentence);
    expect(text).toContain('AGREEMENT_MISSING');
    expect(await box.evaluate((n) => n === n.ownerDocument.activeElement)).toBe(true);
    await screenshot(page, 'flow-handover-refused');
    expect(await seriousA11yViolations(page)).toEqual([]);

    expect((await get(`/api/v1/assets/${laptop.id}`)).state).toBe('in_stock');
    expect((await get(`/api/v1/handovers?employeeId=${employee.id}`)).items).toEqual([]);
  });

  it('registers a lot, receives it by scanning (repeats, registered serials and overflow refused) and prints QR labels', async () => {
    const existing = await asset('laptop', 'PF5EXIST01');

    await page.goto('/ui/technician/lots');
    await page.locator('#modelId option', { hasText: 'ThinkPad T14 Gen 2' }).waitFor({ state: 'attached' });
    await page.locator('#modelId').selectOption({ label: 'Portatile – Lenovo ThinkPad T14 Gen 2' });
    await page.locator('#quantity').fill('3');
    await page.locator('#supplier').fill('Converge S.p.A.');
    await page.locator('#cig').fill('BAD');
    await page.locator('#orderNumber').fill('ODA-2026-77');
    await page.locator('#orderDate').fill('2026-03-01');
    await page.locator('#unitPriceCents').fill('699,00');
    await page.locator('#warrantyMonths').fill('36');
    await press(page.locator('#lot-form button[type=submit]'));
    // The API's field error, next to the field.
    await page.locator('#cig-error').waitFor();
    expect(await page.locator('#cig').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#cig-error').innerText()).toContain('deve avere 10 caratteri tra lettere e cifre'); // the pages ask for Italian field messages
    await page.locator('#cig').fill('8563412A7F');
    await press(page.locator('#lot-form button[type=submit]'));
    const created = page.locator('#lot-result .alert.ok');
    await created.waitFor();
    expect(await created.innerText()).toContain('Lotto registrato: CIG 8563412A7F, ordine ODA-2026-77, 3 × Lenovo ThinkPad T14 Gen 2');
    expect(await created.innerText()).toContain('LOT_SMALL');
    await page.locator('#lots tbody tr', { hasText: 'ODA-2026-77' }).waitFor();
    await press(created.locator('a'));

    await page.waitForURL(/\/ui\/technician\/receive\?lot=/);
    await page.locator('#counter', { hasText: 'Ricevuti 0 di 3' }).waitFor();
    await focused(page, 'serial');
    for (const code of ['pf5new01', 'PF5NEW02', 'PF5NEW01', existing.serial, 'PF5NEW03', 'PF5NEW04']) await scan(page, code);
    await page.locator('#refused li').nth(2).waitFor();
    await page.locator('#counter', { hasText: 'in questa sessione 3' }).waitFor();
    expect(await page.locator('#accepted li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-serial')))).toEqual([
      'PF5NEW01',
      'PF5NEW02',
      'PF5NEW03',
    ]);
    const refused = await page.locator('#refused li').allInnerTexts();
    expect(refused).toHaveLength(3);
    expect(refused[0]).toMatch(/^PF5NEW04 – .*LOT_OVERFLOW/);
    expect(refused[1]).toMatch(/^PF5EXIST01 – Già registrato.*DUPLICATE_IN_DATABASE/);
    expect(refused[2]).toMatch(/^PF5NEW01 – Già scansionato in questa sessione.*DUPLICATE_IN_FILE/);
    expect(await page.locator('#counter').innerText()).toBe('Ricevuti 0 di 3 · in questa sessione 3 · ne mancano 0');
    expect(await page.locator('#serial').getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'flow-receive-scanning');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await press(page.locator('#commit'));
    const done = page.locator('#commit-result .alert.ok');
    await done.waitFor();
    expect(await done.innerText()).toMatch(/Registrati 3 dispositivi \(etichette da INV-\d{7} a INV-\d{7}\)\. Il lotto ha ricevuto 3 di 3\./);
    const lotId = new URL(page.url()).searchParams.get('lot')!;
    expect(await get(`/api/v1/lots/${lotId}`)).toMatchObject({ quantity: 3, received: 3, outstanding: 0 });
    const assets = (await get(`/api/v1/assets?lotId=${lotId}&sort=assetTag`)).items as { assetTag: string; serial: string }[];
    expect(assets.map((a) => a.serial).sort()).toEqual(['PF5NEW01', 'PF5NEW02', 'PF5NEW03']);

    await press(done.locator('a'));
    await page.waitForURL(/\/ui\/technician\/labels\?lot=/);
    await page.locator('.label img').nth(2).waitFor();
    expect(await page.locator('.label .tag').allInnerTexts()).toEqual(assets.map((a) => a.assetTag));
    expect(await page.locator('.label').first().innerText()).toContain('Comune di Prato');
    const images = await page
      .locator('.label img')
      .evaluateAll((imgs) =>
        imgs.map((i) => ({ alt: i.getAttribute('alt'), src: i.getAttribute('src'), ok: (i as unknown as { naturalWidth: number }).naturalWidth > 0 })),
      );
    for (const [i, img] of images.entries()) {
      expect(img.alt).toBe(`Codice QR dell'etichetta ${assets[i].assetTag}`);
      expect(decodeURIComponent(img.src!.split(',')[1])).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 \d+ \d+"/);
      expect(img.ok).toBe(true);
    }
    await screenshot(page, 'flow-labels');
  });

  it('takes a kit back: scan, condition, data-wipe confirmation refused then given, return receipt', async () => {
    const { employee } = await createProvisionableEmployee(t.dataSource, { today: TODAY, employee: { firstName: 'Marco', lastName: 'Rientri' } });
    const laptop = await asset('laptop');
    const headset = await asset('headset');
    const handover = await handOver(t, tech, employee.id, [laptop.id, headset.id]);

    await page.goto('/ui/technician/return');
    await focused(page, 'code');
    await scan(page, laptop.assetTag);
    await page.locator('#items fieldset').nth(1).waitFor();
    expect(await page.locator('#handover-title').innerText()).toContain('Rientri Marco');
    const laptopSet = page.locator(`fieldset[data-asset="${laptop.id}"]`);
    const headsetSet = page.locator(`fieldset[data-asset="${headset.id}"]`);
    expect(await laptopSet.locator('[data-role=back]').isChecked()).toBe(true);
    expect(await headsetSet.locator('[data-role=back]').isChecked()).toBe(false);
    await scan(page, headset.serial);
    await expect_(() => headsetSet.locator('[data-role=back]').isChecked());
    await laptopSet.locator('[data-role=condition]').selectOption('worn');

    // No wipe confirmation for the laptop: the API refuses and the page points at the laptop's wipe field.
    await press(page.locator('#return-form button[type=submit]'));
    const wipeMethod = laptopSet.locator('[data-role=wipe-method]');
    await page.locator('#return-form [data-role=form-error]:not([hidden])').waitFor();
    expect(await page.locator('#return-form [data-role=form-error]').innerText()).toContain('DATA_WIPE_REQUIRED');
    expect(await wipeMethod.getAttribute('aria-invalid')).toBe('true');
    expect(await laptopSet.locator('.field-error').innerText()).toBe(
      'Manca la conferma della cancellazione sicura dei dati: ogni portatile restituito la richiede (metodo e conferma) (codice: DATA_WIPE_REQUIRED)',
    );
    expect((await get(`/api/v1/assets/${laptop.id}`)).state).toBe('assigned');

    await wipeMethod.fill('NIST SP 800-88 Purge (secure erase SSD)');
    await laptopSet.locator('[data-role=wipe-ref]').fill('WIPE-2026-0042');
    await press(laptopSet.locator('[data-role=wipe-ok]'), 'Space');
    await press(page.locator('#return-form button[type=submit]'));
    await page.locator('#done:not([hidden])').waitFor();
    expect(await page.locator('#done-body').innerText()).toContain('La consegna è chiusa: tutti i dispositivi sono rientrati.');
    expect(await activeId(page)).toBe('done-title');
    await screenshot(page, 'flow-return-done');

    const [receipt] = await Promise.all([page.waitForEvent('download'), press(page.locator('#receipt'))]);
    expect(
      fs
        .readFileSync(await receipt.path())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');

    const after = await get(`/api/v1/handovers/${handover.id}`);
    expect(after).toMatchObject({ status: 'closed', outstandingCount: 0 });
    expect(after.returns[0].dataWipe).toEqual([
      { assetId: laptop.id, method: 'NIST SP 800-88 Purge (secure erase SSD)', confirmed: true, reference: 'WIPE-2026-0042' },
    ]);
    expect(after.items.find((i: { assetId: string }) => i.assetId === laptop.id).returnCondition).toBe('worn');
    expect((await get(`/api/v1/assets/${laptop.id}`)).state).toBe('in_stock');
  });

  it('reports an asset stolen with the police report, and shows the API refusal of an impossible report next to the form', async () => {
    const laptop = await asset('laptop');
    await page.goto('/ui/technician/report');
    await focused(page, 'code');
    await scan(page, laptop.assetTag);
    await page.locator('#report:not([hidden])').waitFor();
    await focused(page, 'status');
    // A laptop on the shelf cannot "come back" to the shelf: the API says so, the page shows it.
    await page.locator('#status').selectOption('in_stock');
    await page.locator('#note').fill('Prova di rientro');
    await press(page.locator('#report-form button[type=submit]'));
    await page.locator('#report-form [data-role=form-error]:not([hidden])').waitFor();
    expect((await get(`/api/v1/assets/${laptop.id}`)).state).toBe('in_stock');

    await page.locator('#status').selectOption('stolen');
    await page.locator('#note').fill("Rubato dall'auto durante la trasferta");
    await page.locator('#policeReportRef').fill('Denuncia CC Prato 2026/123');
    await press(page.locator('#report-form button[type=submit]'));
    await page.locator('#result.alert.ok').waitFor();
    expect(await page.locator('#result').innerText()).toContain(`Segnalazione registrata: ${laptop.assetTag} ora è “Rubato”.`);
    const after = await get(`/api/v1/assets/${laptop.id}`);
    expect(after.state).toBe('stolen');
    expect(after.reports[0]).toMatchObject({ status: 'stolen', policeReportRef: 'Denuncia CC Prato 2026/123' });
  });

  it('finds assets by serial ending and by holder, and shows the gate status of an employee in plain words', async () => {
    const { employee } = await createProvisionableEmployee(t.dataSource, { today: TODAY, employee: { firstName: 'Anna', lastName: 'Cercata' } });
    const laptop = await asset('laptop', 'PF7XYZ9876');
    await handOver(t, tech, employee.id, [laptop.id]);

    await page.goto('/ui/technician/assets');
    await focused(page, 'q');
    await page.locator('#q').fill('9876');
    await press(page.locator('#contains'), 'Space');
    await press(page.locator('#search-form button[type=submit]'));
    await page.locator('#results tbody tr').waitFor();
    expect(await page.locator('#results tbody tr').allInnerTexts()).toEqual([expect.stringContaining('PF7XYZ9876')]);
    expect(await page.locator('#results tbody tr').innerText()).toContain('Cercata Anna');
    await pickEmployee(page, 'holder', 'Cercata');
    await page.locator('#holder-chosen', { hasText: 'Cercata Anna' }).waitFor();
    await page.locator('#results caption', { hasText: 'Dispositivi trovati: 1' }).waitFor();

    await page.goto(`/ui/technician/employee?employee=${employee.id}`);
    await page.locator('#gate .badge.ok').waitFor();
    await page.locator('#assets tbody tr').waitFor();
    expect(await page.locator('#assets').innerText()).toContain(laptop.assetTag);
    expect(await page.locator('#handovers tbody tr').count()).toBe(1);
  });

  it('makes label QR codes only for technicians, and only of printable values', async () => {
    const ok = await t
      .http()
      .post('/api/v1/labels/qr-codes')
      .set(auth(tech))
      .send({ values: ['INV-0000001'] })
      .expect(200);
    expect(ok.body.codes).toEqual([{ value: 'INV-0000001', svg: expect.stringMatching(/^<svg /) }]);
    const bad = await t
      .http()
      .post('/api/v1/labels/qr-codes')
      .set(auth(tech))
      .send({ values: ['ok', 'tab\there', ''] })
      .expect(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    expect(bad.body.error.details.fields.map((f: { field: string }) => f.field)).toEqual(['values']);
    await t.http().post('/api/v1/labels/qr-codes').set(auth(tech)).send({ values: [] }).expect(400);
    await t
      .http()
      .post('/api/v1/labels/qr-codes')
      .set(auth(tech))
      .send({ values: Array.from({ length: 201 }, (_, i) => `T${i}`) })
      .expect(400);
    const rtd = await t
      .http()
      .post('/api/v1/labels/qr-codes')
      .set(auth(await t.tokenFor('rtd')))
      .send({ values: ['x'] })
      .expect(403);
    expect(rtd.body.error.code).toBe('FORBIDDEN');
    await t
      .http()
      .post('/api/v1/labels/qr-codes')
      .send({ values: ['x'] })
      .expect(401);
  });

  it('sends a browser without a session to the login page, and tells another role plainly it may not open the page', async () => {
    const anonymous = await browser.newContext({ baseURL: t.url });
    const p = await anonymous.newPage();
    await p.goto('/ui/technician/handover');
    expect(new URL(p.url()).pathname).toBe('/ui/login');
    expect(new URL(p.url()).searchParams.get('next')).toBe('/ui/technician/handover');
    await loginWithToken(p, await t.tokenFor('hotline', 'Sara Neri'), '/ui/hotline');
    const res = await p.goto('/ui/technician/lots');
    expect(res!.status()).toBe(403);
    expect(await p.locator('h1').innerText()).toBe('Accesso non consentito');
    await anonymous.close();
  });
});

/** Waits until a condition holds (the page updates after the API answers). */
async function expect_(condition: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
