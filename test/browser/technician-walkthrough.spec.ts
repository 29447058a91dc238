import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import { Browser, Dialog, Page } from 'playwright-core';
import { FixedClock } from '../../src/common/clock';
import { ReturnTaskEntity } from '../../src/inventory/return-task.entity';
import { createEmployee, createProvisionableEmployee, makeEligible } from '../factories';
import { pdfPageCount, pdfStreamsText } from '../helpers/pdf-text';
import { auth, startTestApp, TestApp } from '../helpers/test-app';
import { focused, OperatorSession, pickEmployee, press, scan, screenshot, seriousA11yViolations } from './support/operator-browser';
import { createAsset, createLot, createModels, handOver } from './support/seed';
import { expectSelfContained, startBrowser, stopAll } from './support/suite';

jest.setTimeout(180_000);

const TODAY = '2026-03-10';

/**
 * What operators hit walking through the technicians' pages (issue 15): refusals at scan time, the gate's
 * words, the stock page without a target, one row per overdue device, the prompt before losing a scan
 * session, the receipts' pages and names, the summary cards' look.
 */
describe('technician walk-through in a browser', () => {
  let t: TestApp;
  let browser: Browser;
  let s: OperatorSession;
  let page: Page;
  let tech: string;
  let models: Record<'laptop' | 'headset', { id: string }>;
  /** beforeunload prompts the page raised (each dismissed: the technician stays) */
  const prompts: string[] = [];

  const get = async (path: string) => (await t.http().get(path).set(auth(tech)).expect(200)).body;
  const asset = (kind: keyof typeof models) => createAsset(t, tech, models[kind].id);

  const onDialog = (d: Dialog) => {
    prompts.push(d.type());
    void d.dismiss();
  };
  /** The listeners openSession puts on its page, for the tabs opened later. */
  const watch = (p: Page) => {
    p.on('dialog', onDialog);
    p.on('console', (m) => {
      if (m.type() === 'error' && !/Failed to load resource: the server responded with a status of 4\d\d/.test(m.text())) s.errors.push(m.text());
    });
    p.on('pageerror', (e) => s.errors.push(String(e)));
  };

  /** Clicks a link of the sections bar: a navigation a person makes, which a pending scan session must stop. */
  const leaveFor = async (label: string) => {
    await page.locator('nav.sections a', { hasText: label }).click();
    await page.waitForTimeout(300);
  };
  /** Leaving for the stock page with a session pending: the page asks, the technician stays on `path`. */
  const leavingIsHeldOn = async (path: string) => {
    prompts.splice(0);
    await leaveFor('Scorte');
    expect(prompts).toEqual(['beforeunload']);
    expect(new URL(page.url()).pathname).toBe(path);
  };
  /** Leaving for the stock page with nothing pending: no prompt, the stock page opens. */
  const leavesFreely = async () => {
    prompts.splice(0);
    await leaveFor('Scorte');
    await page.waitForURL((u) => u.pathname === '/ui/technician/stock');
    expect(prompts).toEqual([]);
  };

  beforeAll(async () => {
    t = await startTestApp({ clock: new FixedClock(new Date(`${TODAY}T09:00:00Z`)), env: { MUNICIPALITY_NAME: 'Comune di Prato' } });
    tech = await t.tokenFor('technician', 'Luca Bianchi');
    models = await createModels(t, tech, ['laptop', 'headset']);
    ({ browser, s, page } = await startBrowser(t, { token: tech, next: '/ui/technician' }));
    page.on('dialog', onDialog);
  });

  afterAll(() => stopAll(browser, t));

  afterEach(async () => {
    // A fresh tab for the next test: a page left with a pending scan session would hold it up at its prompt.
    await page.close();
    page = await s.context.newPage();
    watch(page);
    expectSelfContained(s);
  });

  it('refuses at scan time a laptop held by someone else and a gated device the gate refuses, in Italian beside the field', async () => {
    const { employee: holder } = await createProvisionableEmployee(t.dataSource, { today: TODAY, employee: { firstName: 'Anna', lastName: 'Detentrice' } });
    const taken = await asset('laptop');
    await handOver(t, tech, holder.id, [taken.id]);
    const { employee: ok } = await createProvisionableEmployee(t.dataSource, { today: TODAY, employee: { firstName: 'Bruno', lastName: 'Conaccordo' } });

    await page.goto('/ui/technician/handover');
    await focused(page, 'employee-q');
    await pickEmployee(page, 'employee', 'Conaccordo');
    await page.locator('#gate .badge.ok').waitFor();
    await focused(page, 'code');
    await scan(page, taken.assetTag);
    await page.locator('#code-error').waitFor();
    expect(await page.locator('#code-error').innerText()).toBe(
      `${taken.assetTag} (Portatile) è in consegna a Detentrice Anna (${holder.employeeNumber}): va prima fatto rientrare.`,
    );
    expect(await page.locator('#code').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#kit tbody tr').count()).toBe(0);
    expect(await page.locator('#confirm').isDisabled()).toBe(true);

    // The employee without an agreement: the laptop is refused with the gate's reasons, the headset goes in.
    const refused = await createEmployee(t.dataSource, { firstName: 'Carla', lastName: 'Senzaccordo' });
    await makeEligible(t.dataSource, refused);
    const laptop = await asset('laptop');
    const headset = await asset('headset');
    await press(page.locator('#change'));
    await page.locator('#employee-q').fill('');
    await pickEmployee(page, 'employee', 'Senzaccordo');
    await page.locator('#gate .badge.err').waitFor();
    expect(await page.locator('#code-error').count()).toBe(0); // the refusal was about the previous employee
    // The gate's words say what is refused and what still goes.
    const gate = await page.locator('#gate').innerText();
    expect(gate).toContain("Il dipendente non può ricevere portatili, docking station e router mobili (SIM dati) né l'accesso VPN");
    expect(gate).toContain('Può comunque ricevere monitor, tastiere, mouse, webcam e cuffie.');
    expect(gate).not.toContain('non può ricevere dispositivi');
    await focused(page, 'code');
    await scan(page, laptop.assetTag);
    await page.locator('#code-error').waitFor();
    const refusal = await page.locator('#code-error').innerText();
    expect(refusal).toContain(`${laptop.assetTag} (Portatile) non si può consegnare a Senzaccordo Carla`);
    expect(refusal).toContain('Non esiste un accordo individuale di lavoro agile per il dipendente.');
    expect(await page.locator('#kit tbody tr').count()).toBe(0);
    await scan(page, headset.assetTag);
    await page.locator('#kit tbody tr').waitFor();
    expect(await page.locator('#code-error').count()).toBe(0);
    expect(await page.locator('#kit tbody tr').allInnerTexts()).toEqual([expect.stringContaining(headset.assetTag)]);
    await screenshot(page, 'walkthrough-handover-scan-refused');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The check changes nothing, and is the technician's.
    expect((await get(`/api/v1/assets/${laptop.id}`)).state).toBe('in_stock');
    const check = await get(`/api/v1/handovers/check?employeeId=${refused.id}&assetId=${laptop.id}`);
    expect(check).toMatchObject({ allowed: false, gated: true, refusals: ['GATE_REFUSED'], gateRefusals: ['AGREEMENT_MISSING'] });
    expect(await get(`/api/v1/handovers/check?employeeId=${refused.id}&assetId=${headset.id}`)).toMatchObject({ allowed: true, gated: false, refusals: [] });
    expect((await get(`/api/v1/handovers/check?employeeId=${ok.id}&assetId=${taken.id}`)).refusals).toEqual(['ASSET_NOT_AVAILABLE']);
    const hr = await t.tokenFor('hr');
    await t.http().get(`/api/v1/handovers/check?employeeId=${ok.id}&assetId=${taken.id}`).set(auth(hr)).expect(403);
    await t.http().get(`/api/v1/handovers/check?employeeId=${ok.id}&assetId=${randomUUID()}`).set(auth(tech)).expect(404);
    await t.http().get(`/api/v1/handovers/check?employeeId=${ok.id}&assetId=nope`).set(auth(tech)).expect(400);

    // Leaving with the headset scanned and not confirmed: the page asks, the technician stays.
    await leavingIsHeldOn('/ui/technician/handover');

    // Confirmed: no prompt any more. The receipt has no blank page and names the technician as a person.
    await press(page.locator('#confirm'));
    await page.locator('#step3:not([hidden])').waitFor();
    const [receipt] = await Promise.all([page.waitForEvent('download'), press(page.locator('#receipt'))]);
    const pdf = fs.readFileSync(await receipt.path());
    const pages = pdfPageCount(pdf);
    const text = pdfStreamsText(pdf);
    expect(text).toHaveLength(pages);
    expect(text[pages - 1]).toContain(`pagina ${pages} di ${pages}`);
    expect(pages).toBe(1);
    expect(text.join('')).toContain("L'incaricato della consegnaLuca Bianchi");
    expect(text.join('')).not.toContain('web:');
    // The records keep the session actor as they did.
    const [h] = (await get(`/api/v1/handovers?employeeId=${refused.id}`)).items;
    expect(h.technicianName).toBe('web:Luca Bianchi');

    await leavesFreely();
  });

  it('opens the stock page normally without a target for the year: no error, no server path, warranties said', async () => {
    await page.goto('/ui/technician/stock');
    await page.locator('#plan .badge').waitFor();
    expect(await page.locator('#plan').innerText()).toContain("Nessun obiettivo per l'anno 2027");
    expect(await page.locator('#plan').innerText()).toContain('Anni con un obiettivo: 2021, 2022, 2023.');
    expect(await page.locator('#page-error').isHidden()).toBe(true);
    expect(await page.locator('#plan-form [data-role=form-error]').isHidden()).toBe(true);
    expect(await page.locator('#year').inputValue()).toBe('2027');
    await page.locator('#by-kind table').waitFor();
    await page.locator('#warranties p').waitFor();
    expect(await page.locator('#warranties').innerText()).toBe('Nessuna garanzia in scadenza tra il 10/03/2026 e il 08/06/2026.');
    const body = await page.locator('body').innerText();
    expect(body).not.toMatch(/kpi-targets|\.tsv|\/config\/|\/work\/|\/tmp\//);
    await screenshot(page, 'walkthrough-stock-no-target');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // A year with a target still computes.
    await page.locator('#year').fill('2023');
    await press(page.locator('#plan-form button[type=submit]'));
    await page.locator('#plan', { hasText: 'Obiettivo 2023: 400 portatili' }).waitFor();

    // The API's refusal names the year, never the server's file.
    const none = await t.http().get('/api/v1/inventory/planning?year=2030').set(auth(tech)).expect(404);
    expect(none.body.error.message).toBe('no laptop target for 2030 in the KPI targets');
    expect(await get('/api/v1/inventory/warranties')).toEqual({ from: TODAY, to: '2026-06-08', lots: [] });
  });

  it('lists an overdue device once, with both reasons, when two offboarding triggers asked for it', async () => {
    const { employee } = await createProvisionableEmployee(t.dataSource, { today: TODAY, employee: { firstName: 'Dario', lastName: 'Uscente' } });
    const laptop = await asset('laptop');
    const handover = await handOver(t, tech, employee.id, [laptop.id]);
    const repo = t.dataSource.getRepository(ReturnTaskEntity);
    const task = (trigger: string, effectiveDate: string, dueDate: string): ReturnTaskEntity => ({
      id: randomUUID(),
      caseId: randomUUID(),
      employeeId: employee.id,
      assetId: laptop.id,
      handoverId: handover.id,
      trigger,
      effectiveDate,
      dueDate,
      status: 'open',
      openedAt: `${effectiveDate}T08:00:00.000Z`,
      closedAt: null,
      closedReason: null,
      returnId: null,
    });
    await repo.insert([task('agreement_ended', '2026-02-01', '2026-02-15'), task('left_directory', '2026-02-10', '2026-02-24')]);
    expect((await get('/api/v1/return-tasks?status=overdue')).items).toHaveLength(2);

    await page.goto('/ui/technician/tasks');
    await page.locator('#tasks table').waitFor();
    const rows = page.locator('#tasks tbody tr');
    expect(await rows.count()).toBe(1);
    const row = await rows.first().innerText();
    expect(row).toContain(laptop.assetTag);
    expect(row).toContain('Accordo concluso');
    expect(row).toContain('Uscita dalla directory');
    expect(row).toContain('15/02/2026 (scaduta)');
    expect(await page.locator('#tasks caption').innerText()).toBe('Restituzioni – scadute: 1 dispositivo');
    await screenshot(page, 'walkthrough-tasks-one-row');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('asks before leaving a return with items marked and not registered, not after', async () => {
    const { employee } = await createProvisionableEmployee(t.dataSource, { today: TODAY, employee: { firstName: 'Elena', lastName: 'Rientra' } });
    const headset = await asset('headset');
    await handOver(t, tech, employee.id, [headset.id]);

    await page.goto('/ui/technician/return');
    await focused(page, 'code');
    await scan(page, headset.assetTag);
    await page.locator('#items fieldset').waitFor();
    await leavingIsHeldOn('/ui/technician/return');

    await press(page.locator('#return-form button[type=submit]'));
    await page.locator('#done:not([hidden])').waitFor();
    await leavesFreely();
  });

  it('asks before leaving a lot reception with serials scanned and not registered, not after', async () => {
    const lot = await createLot(t, tech, models.headset.id, {
      orderNumber: 'ODA-WT-1',
      orderDate: '2026-03-01',
      quantity: 5,
      unitPriceCents: 5900,
      warrantyMonths: 24,
    });
    await page.goto(`/ui/technician/receive?lot=${lot.id}`);
    await focused(page, 'serial');
    await scan(page, 'WTRECV0001');
    await page.locator('#accepted li').waitFor();
    await leavingIsHeldOn('/ui/technician/receive');

    await press(page.locator('#commit'));
    await page.locator('#commit-result .alert.ok').waitFor();
    await leavesFreely();
  });

  it('draws the summary cards as cards, not as printable label stickers', async () => {
    await page.goto('/ui/technician');
    await page.locator('#cards .card').first().waitFor();
    expect(await page.locator('#cards .card').count()).toBe(4);
    // A string: the test's TypeScript has no DOM types, and the code runs in the page anyway.
    const look = await page.evaluate<{ border: string; display: string; padding: string; fontSize: string }>(
      "(() => { const st = getComputedStyle(document.querySelector('#cards .card .label')); return { border: st.borderTopStyle, display: st.display, padding: st.paddingTop, fontSize: st.fontSize }; })()",
    );
    // the card caption (app.css .card .label): no dashed sticker border, no sticker flex layout or padding
    expect(look).toEqual({ border: 'none', display: 'block', padding: '0px', fontSize: expect.stringMatching(/px$/) });
    expect(parseFloat(look.fontSize)).toBeLessThan(16);
    await screenshot(page, 'walkthrough-technician-cards');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});
