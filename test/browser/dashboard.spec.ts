import * as fs from 'node:fs';
import * as path from 'node:path';
import { Browser, Page } from 'playwright-core';
import { FixedClock } from '../../src/common/clock';
import { createActivity, createAgreementInForce, createEmployee, createManager, createService, linkActivities } from '../factories';
import { auth, startTestApp, TestApp } from '../helpers/test-app';
import { launchChromium } from './support/operator-browser';
import { createAsset, createLot, handOver, postOk, vpnAccount } from './support/seed';

jest.setTimeout(240_000);

const ROOT = path.resolve(__dirname, '..', '..');
const ARTIFACTS = path.join(ROOT, 'test-artifacts', 'dashboard');
const AXE = path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');

type Api = Record<string, any>;

/** What the page's Chart.js instance holds, read in the browser (labels and each dataset's numbers). */
interface ChartData {
  rendered: boolean;
  labels: string[];
  datasets: { label: string; data: (number | null)[] }[];
}

async function chartData(page: Page, key: string): Promise<ChartData> {
  return page.evaluate((k) => {
    const g = globalThis as unknown as {
      document: { getElementById(id: string): { dataset: Record<string, string> } | null };
      Chart: { getChart(c: unknown): { data: { labels: string[]; datasets: { label: string; data: (number | null)[] }[] } } | undefined };
    };
    const canvas = g.document.getElementById(`chart-${k}`);
    const chart = canvas ? g.Chart.getChart(canvas) : undefined;
    return {
      rendered: Boolean(canvas && canvas.dataset.rendered === 'true' && chart),
      labels: chart ? chart.data.labels.map(String) : [],
      datasets: chart ? chart.data.datasets.map((d) => ({ label: d.label, data: [...d.data] })) : [],
    };
  }, key);
}

/** An operational indicator of the report (the cards and charts); Part 4's 22 are `report.indicators`. */
const indicator = (report: Api, id: string) => report.operational.find((i: Api) => i.id === id);
const polaIndicator = (report: Api, id: string) => report.indicators.find((i: Api) => i.id === id);

/**
 * The RTD dashboard in headless Chromium: sign in through the token form, every chart drawn by Chart.js with the
 * same numbers as the JSON API, the year can be changed, tables download as CSV, axe-core finds no serious or
 * critical problem, nothing is loaded from outside the service. Screenshots in test-artifacts/dashboard/.
 */
describe('RTD dashboard in a browser', () => {
  const clock = new FixedClock(new Date('2021-01-05T09:00:00Z'));
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let rtd: string;
  const external: string[] = [];
  const errors: string[] = [];
  const at = (date: string) => clock.set(`${date}T09:00:00Z`);

  beforeAll(async () => {
    t = await startTestApp({ clock });
    rtd = await t.tokenFor('rtd', 'Responsabile Transizione Digitale');
    const ds = t.dataSource;
    const tech = await t.tokenFor('technician', 'Luca Bianchi');
    const hotline = await t.tokenFor('hotline', 'Sara Neri');
    const [a, b] = [await createService(ds, { code: 'DA', name: 'Servizi Demografici' }), await createService(ds, { code: 'DB', name: 'Sistema Informativo' })];
    const remoteA = await createActivity(ds, a, { mode: 'partially_remote' });
    const remoteB = await createActivity(ds, b, { mode: 'fully_remote' });
    const [ma, mb] = [await createManager(ds, a.id), await createManager(ds, b.id)];
    const people = [];
    for (const [service, activity, name] of [
      [a, remoteA, 'giulia.verdi'],
      [a, remoteA, 'marco.neri'],
      [b, remoteB, 'sara.conti'],
      [b, remoteB, 'luca.galli'],
      [b, remoteB, 'anna.ricci'],
    ] as const) {
      const e = await createEmployee(ds, { serviceId: service.id, username: name });
      await linkActivities(ds, e.id, [activity.id]);
      people.push(e);
    }
    const [e1, e2, e3, e4] = people;
    for (const [e, m, start] of [
      [e1, ma, '2021-01-10'],
      [e2, ma, '2021-01-10'],
      [e3, mb, '2021-03-01'],
      [e4, mb, '2022-02-01'],
    ] as const) {
      await createAgreementInForce(ds, e, { startDate: start, today: start, safetyNoticeDeliveredOn: start, managerSignerId: m.id });
    }
    const model = async (kind: string, name: string) => (await postOk(t, '/api/v1/models', { kind, manufacturer: 'Lenovo', model: name }, tech)).id as string;
    const lot = async (modelId: string, quantity: number, price: number, date: string) =>
      (
        await createLot(t, tech, modelId, {
          orderNumber: `ODA-${modelId.slice(0, 6)}-${date}`,
          orderDate: date,
          deliveryDate: date,
          quantity,
          unitPriceCents: price,
          warrantyMonths: 36,
        })
      ).id;
    const asset = async (modelId: string, lotId: string) => (await createAsset(t, tech, modelId, undefined, { lotId })).id;
    const post = (url: string, body: unknown) => postOk(t, url, body, tech);
    const [laptop, headset, webcam] = [await model('laptop', 'ThinkPad T14'), await model('headset', 'Evolve 20'), await model('webcam', 'C270')];
    const laptops = await lot(laptop, 50, 64_900, '2021-01-20');
    const headsets = await lot(headset, 50, 1_400, '2021-01-20');
    const webcams = await lot(webcam, 50, 2_900, '2022-01-20');

    at('2021-02-01');
    const l1 = await asset(laptop, laptops);
    await handOver(t, tech, e1.id, [l1, await asset(headset, headsets)]);
    await handOver(t, tech, e2.id, [await asset(laptop, laptops)]);
    at('2021-04-12');
    await handOver(t, tech, e3.id, [await asset(headset, headsets)]);
    // The yearly safety notice, delivered again to everyone.
    await ds.query(`UPDATE agreements SET safety_notice_delivered_on = '2022-02-01'`);
    at('2022-02-10');
    await handOver(t, tech, e3.id, [await asset(laptop, laptops)]);
    await handOver(t, tech, people[4].id, [await asset(webcam, webcams)]);
    at('2022-03-10');
    await vpnAccount(t, hotline, e1.id, 'issued', { stationAssetId: l1, generateKey: true });
    await vpnAccount(t, hotline, e2.id, 'approved');
    await vpnAccount(t, hotline, e3.id);
    // Part 4 inputs: a firewall (hardware), an online service (digitalisation), a declared intranet.
    at('2022-03-11');
    await post('/api/v1/purchases', {
      date: '2022-03-01',
      supplier: 'Italware S.r.l.',
      description: 'Firewall',
      category: 'network_security',
      amountCents: 690_000,
    });
    await post('/api/v1/purchases', {
      date: '2022-03-02',
      supplier: 'Maggioli S.p.A.',
      description: 'Servizi online',
      category: 'digital_services_projects',
      amountCents: 1_234_550,
    });
    const declared = await t
      .http()
      .put('/api/v1/kpi/declared/2022/intranet_present')
      .set(auth(rtd))
      .send({ value: true, note: 'Intranet su SharePoint, verbale 12/2022' });
    if (declared.status >= 300) throw new Error(`declare: ${declared.status} ${JSON.stringify(declared.body)}`);
    clock.set('2022-03-15T10:00:00Z');

    browser = await launchChromium();
    const context = await browser.newContext({
      baseURL: t.url,
      acceptDownloads: true,
      viewport: { width: 1366, height: 900 },
      locale: 'it-IT',
      timezoneId: 'Europe/Rome',
    });
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(t.url) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
      external.push(url);
      return route.abort();
    });
    page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(String(e)));
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function openDashboard(query = ''): Promise<void> {
    await page.goto(`/dashboard${query}`);
    await page.waitForSelector('body[data-state="ready"]');
  }

  it('sends a visitor without a session to the login page, and back to the dashboard after the token form', async () => {
    await page.goto('/dashboard');
    await page.waitForURL((u) => u.pathname === '/ui/login');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/dashboard');
    await page.locator('#token').fill(rtd);
    await page.getByRole('button', { name: 'Accedi con il token' }).click();
    await page.waitForURL((u) => u.pathname === '/dashboard');
    await page.waitForSelector('body[data-state="ready"]');
    expect(await page.title()).toBe('Cruscotto POLA – Lavoro agile');
    expect(await page.locator('h1').textContent()).toContain('Cruscotto POLA');
  });

  it('draws every chart with the numbers of the API (this year: 2022, to 15 March)', async () => {
    await openDashboard();
    const series = (await t.http().get('/api/v1/kpi/series').set(auth(rtd)).expect(200)).body as Api;
    const report = (await t.http().get('/api/v1/kpi/pola?year=2022').set(auth(rtd)).expect(200)).body as Api;
    expect(await page.locator('#year').inputValue()).toBe('2022');

    const laptops = await chartData(page, 'laptops');
    expect(laptops.rendered).toBe(true);
    expect(laptops.labels).toEqual(series.points.map((p: Api) => String(p.year)));
    expect(laptops.datasets[0].data).toEqual(series.points.map((p: Api) => p.laptops));
    expect(laptops.datasets[1].data).toEqual(series.points.map((p: Api) => p.laptopsTarget));
    expect(laptops.datasets[0].data).toEqual([0, 2, 3]); // 2020, 2021, 2022: the data above
    expect(laptops.datasets[1].data).toEqual([null, 300, 350]); // config/kpi-targets.tsv

    const equipment = await chartData(page, 'equipment');
    const months = indicator(report, 'equipment_distributed').breakdown;
    expect(equipment.rendered).toBe(true);
    expect(equipment.labels).toEqual(['gen 2022', 'feb 2022', 'mar 2022']);
    expect(equipment.datasets.map((d) => d.data)).toEqual([
      months.map((m: Api) => m.values.laptop),
      months.map((m: Api) => m.values.webcam),
      months.map((m: Api) => m.values.headset),
    ]);
    expect(equipment.datasets.map((d) => d.data)).toEqual([
      [0, 1, 0],
      [0, 1, 0],
      [0, 0, 0],
    ]);

    const agreements = await chartData(page, 'agreements');
    const byService = indicator(report, 'agreements_in_force_vs_eligible_pct').breakdown;
    expect(agreements.labels).toEqual(byService.map((r: Api) => r.label));
    expect(agreements.datasets.map((d) => d.data)).toEqual([byService.map((r: Api) => r.values.eligible), byService.map((r: Api) => r.values.inForce)]);
    expect(agreements.labels).toEqual(['Servizi Demografici', 'Sistema Informativo']);
    expect(agreements.datasets.map((d) => d.data)).toEqual([
      [2, 3],
      [2, 2],
    ]);

    const vpn = await chartData(page, 'vpn');
    const states = indicator(report, 'vpn_accounts_open').breakdown;
    expect(vpn.datasets[0].data).toEqual(states.map((r: Api) => r.values.accounts));
    expect(vpn.datasets[0].data).toEqual([1, 1, 1, 0, 0, 0, 0]); // requested, approved, issued
    expect(vpn.labels[0]).toBe('Richiesti');

    const gateways = await chartData(page, 'gateways');
    const load = indicator(report, 'vpn_gateway_expected_load_pct').breakdown;
    expect(gateways.labels).toEqual(load.map((g: Api) => g.label));
    expect(gateways.datasets.map((d) => d.data)).toEqual([
      load.map((g: Api) => g.values.capacity),
      load.map((g: Api) => g.values.expectedSessions),
      load.map((g: Api) => g.values.peakSessions95),
    ]);
    expect(gateways.datasets[1].data.reduce((s, x) => (s ?? 0) + (x ?? 0), 0)).toBeGreaterThan(0); // the issued account counts

    // The cards show the same values, formatted in Italian.
    expect(await page.locator('.card[data-indicator="laptops_for_remote_work"] .value').getAttribute('data-value')).toBe(
      String(polaIndicator(report, 'laptops_for_remote_work').value.value),
    );
    expect(await page.locator('[data-indicator="certificates_expiring_within_30_days"] .value').textContent()).toBe('0');
    const crlAge = indicator(report, 'crl_age_hours');
    expect(await page.locator('[data-indicator="crl_age_hours"] .value').getAttribute('data-value')).toBe(String(crlAge.value));
    expect(await page.locator('[data-table="all"] tbody tr').count()).toBe(report.operational.length);
    // Every chart has a text alternative: an accessible name and a data table.
    for (const key of ['laptops', 'equipment', 'agreements', 'vpn', 'gateways']) {
      expect(await page.locator(`#chart-${key}`).getAttribute('aria-label')).toMatch(/^Grafico/);
      expect(await page.locator(`[data-table="${key}"] table caption`).count()).toBe(1);
    }
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'dashboard-2022.png'), fullPage: true });
  });

  it('switches year: 2021 shows the year measured on 31 December', async () => {
    await openDashboard();
    await page.locator('#year').selectOption('2021');
    await page.waitForSelector('body[data-state="ready"][data-year="2021"]');
    expect(new URL(page.url()).searchParams.get('anno')).toBe('2021');
    const report = (await t.http().get('/api/v1/kpi/pola?year=2021').set(auth(rtd)).expect(200)).body as Api;
    const equipment = await chartData(page, 'equipment');
    const months = indicator(report, 'equipment_distributed').breakdown;
    expect(equipment.labels).toHaveLength(12);
    expect(equipment.datasets[0].data).toEqual(months.map((m: Api) => m.values.laptop));
    expect(equipment.datasets[2].data).toEqual(months.map((m: Api) => m.values.headset));
    expect(equipment.datasets[0].data[1]).toBe(2); // February 2021: two laptops
    expect(await page.locator('#as-of').textContent()).toContain('31/12/2021');
    await page.screenshot({ path: path.join(ARTIFACTS, 'dashboard-2021.png'), fullPage: true });
  });

  it('downloads a table as CSV, and the indicators CSV through the API', async () => {
    await openDashboard('?anno=2022');
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-csv="agreements"]').click()]);
    expect(download.suggestedFilename()).toBe('accordi-per-servizio-2022.csv');
    const csv = fs.readFileSync(await download.path(), 'utf8');
    expect(csv.replace(/^\uFEFF/, '').split('\r\n')).toEqual([
      'Servizio;Codice;Idonei;Accordi in vigore;Copertura (%)',
      'Servizi Demografici;DA;2;2;100',
      'Sistema Informativo;DB;3;2;66.7',
      '',
    ]);
    // The year's documents: links to the API, downloaded with the session (the same bytes as the API's).
    const links = page.locator('#pola-downloads a[data-download]');
    expect(await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual([
      '/api/v1/kpi/pola.pdf?year=2022',
      '/api/v1/kpi/pola.xlsx?year=2022',
      '/api/v1/kpi/pola.csv?year=2022',
    ]);
    const [all] = await Promise.all([page.waitForEvent('download'), page.locator('#pola-downloads a[data-download="csv"]').click()]);
    expect(all.suggestedFilename()).toMatch(/\.csv$/);
    const api = await t.http().get('/api/v1/kpi/pola.csv?year=2022').set(auth(rtd)).expect(200);
    expect(fs.readFileSync(await all.path(), 'utf8')).toBe(api.text);
  });

  it("shows the 22 indicators of Part 4 in the document's groups, in Italian", async () => {
    await openDashboard('?anno=2022');
    const report = (await t.http().get('/api/v1/kpi/pola?year=2022').set(auth(rtd)).expect(200)).body as Api;
    expect(report.indicators).toHaveLength(22);
    const groups = page.locator('#pola-groups section.pola-group');
    expect(await groups.locator('h3').allTextContents()).toEqual(report.groups.map((g: Api) => g.label));
    expect(await page.locator('#pola-groups').getAttribute('data-count')).toBe('22');
    const STATUS: Record<string, string> = {
      met: 'raggiunto',
      on_track: 'in linea',
      behind: 'in ritardo',
      not_met: 'non raggiunto',
      no_target: 'senza obiettivo',
      action_required: 'azione richiesta',
      no_data: 'dati mancanti',
    };
    const SOURCE: Record<string, string> = { computed: 'calcolato', declared: 'dichiarato', imported: 'importato' };
    for (const g of report.groups) {
      const rows = page.locator(`table[data-group="${g.id}"] tbody tr`);
      expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-indicator')))).toEqual(g.indicators);
      for (const id of g.indicators) {
        const i = polaIndicator(report, id);
        const cells = page.locator(`tr[data-indicator="${id}"] > *`);
        expect(await cells.nth(0).textContent()).toContain(i.name);
        expect(await cells.nth(1).textContent()).toBe(i.baseline ? `${i.baseline.text}${i.baselineYear ? ` (${i.baselineYear})` : ''}` : '—');
        expect(await cells.nth(2).textContent()).toBe(i.target ? i.target.text : '—');
        expect(await cells.nth(4).textContent()).toBe(STATUS[i.status]);
        expect(await cells.nth(5).textContent()).toContain(SOURCE[i.source]);
      }
    }
    // Italian numbers: the firewall and the lots delivered in 2022 (50 webcams at 29 €), the online service.
    const hardware = polaIndicator(report, 'hardware_and_digital_infrastructure_investment_eur');
    expect(hardware.value).toEqual({ kind: 'number', value: 8350 });
    expect(await page.locator('tr[data-indicator="hardware_and_digital_infrastructure_investment_eur"] [data-value]').textContent()).toBe('8.350,00\u00a0€');
    expect(polaIndicator(report, 'digitalisation_investment_eur').value).toEqual({ kind: 'number', value: 12345.5 });
    expect(await page.locator('tr[data-indicator="digitalisation_investment_eur"] [data-value]').textContent()).toBe('12.345,50\u00a0€');
    // A declared value says so, with the RTD's note and the date in gg/mm/aaaa.
    const intranet = page.locator('tr[data-indicator="intranet_present"]');
    expect(await intranet.locator('[data-value]').textContent()).toBe('presente');
    expect(await intranet.locator('[data-source]').textContent()).toContain('dichiarato');
    expect(await intranet.locator('.declared').textContent()).toMatch(/^Dichiarato il 11\/03\/2022 da .+: Intranet su SharePoint, verbale 12\/2022$/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'dashboard-pola-2022.png'), fullPage: true });
  });

  it('prints without buttons, links or controls', async () => {
    await openDashboard('?anno=2022');
    const visible = () => page.locator('button:visible, a:visible, select:visible, summary:visible').count();
    expect(await visible()).toBeGreaterThan(0);
    await page.emulateMedia({ media: 'print' });
    try {
      expect(await visible()).toBe(0);
      expect(await page.locator('#pola-groups table:visible').count()).toBe(6);
      await page.screenshot({ path: path.join(ARTIFACTS, 'dashboard-print.png'), fullPage: true });
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
  });

  it('passes axe-core with no serious or critical violation, loads nothing from outside, logs no error', async () => {
    await openDashboard();
    await page.locator('[data-chart="laptops"] details summary').click(); // an open data table is checked too
    // axe-core evaluated through the debugging protocol: the page's CSP (script-src 'self') rightly refuses the
    // inline <script> that page.addScriptTag would add.
    await page.evaluate(fs.readFileSync(AXE, 'utf8'));
    const result = (await page.evaluate(() => {
      const g = globalThis as unknown as { axe: { run(ctx: unknown, o: unknown): Promise<unknown> }; document: unknown };
      return g.axe.run(g.document, { resultTypes: ['violations'] });
    })) as { violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] };
    const serious = result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => n.target) }));
    expect(serious).toEqual([]);
    expect(external).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('is refused to roles other than rtd and admin', async () => {
    const res = await t
      .http()
      .get('/dashboard')
      .set(auth(await t.tokenFor('technician')))
      .set('Accept', 'text/html');
    expect(res.status).toBe(403);
    await t.http().get('/dashboard').set(auth(t.adminToken)).set('Accept', 'text/html').expect(200);
  });
});
