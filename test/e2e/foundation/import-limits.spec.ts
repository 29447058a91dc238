import { createService } from '../../factories';
import { auth, startTestApp, TestApp } from '../../helpers/test-app';
import { createLot, createModel, inventoryContext } from '../inventory/inventory-fixtures';

/** A 7.9 MB file whose header has 1,000,000 columns, and one data line as wide (issue 11 item 12). */
function wideCsv(delimiter: string): string {
  const header = Array.from({ length: 1_000_000 }, (_, i) => `col${i % 10_000}`).join(delimiter);
  return `${header}\n${'x'.concat(delimiter).repeat(100_000)}x\n`;
}

interface Timed {
  status: number;
  bytes: number;
  body: { error?: { code: string; details?: Record<string, unknown> } } & Record<string, unknown>;
  ms: number;
}

/**
 * Issue 11 item 12: every CSV import (assets intake, employees, activity map) reads the file through the same
 * limits and reports errors the same way: a file far wider than a spreadsheet export is refused whole, at once,
 * with a small 400 and a stable code, while /health keeps answering; a file with thousands of bad rows answers
 * the first 100 errors and the count.
 */
describe('CSV imports: column and line limits, the first 100 errors and the count', () => {
  let t: TestApp;
  let hr: string;
  let tech: string;
  let lotId: string;
  let serviceCode: string;

  beforeAll(async () => {
    t = await startTestApp();
    hr = await t.tokenFor('hr');
    const inv = await inventoryContext(t);
    tech = inv.tech;
    const laptop = await createModel(inv, 'laptop', 'ThinkPad T14 Gen 5');
    lotId = (await createLot(inv, laptop.id, { quantity: 6000, overrideReason: 'Fornitura straordinaria per il test dei limiti di importazione' })).id;
    serviceCode = (await createService(t.dataSource, { code: 'LIM1' })).code;
  });
  afterAll(() => t.close());

  const routes = () => [
    { name: 'assets intake', path: `/api/v1/assets/import?lotId=${lotId}&dryRun=true`, token: tech, type: 'text/csv', delimiter: ',' },
    { name: 'employee import', path: '/api/v1/employees/import?dryRun=true', token: hr, type: 'text/csv', delimiter: ',' },
    { name: 'activity map import', path: '/api/v1/activities/import?dryRun=true', token: hr, type: 'text/tab-separated-values', delimiter: '\t' },
  ];

  async function timedPost(path: string, token: string, type: string, body: string): Promise<Timed> {
    const started = Date.now();
    const res = await fetch(`${t.url}${path}`, { method: 'POST', headers: { ...auth(token), 'Content-Type': type }, body });
    const text = await res.text();
    return { status: res.status, bytes: Buffer.byteLength(text), body: JSON.parse(text), ms: Date.now() - started };
  }

  /** /health, again and again until `until` settles: the slowest answer. */
  async function slowestHealthWhile(until: Promise<unknown>): Promise<number> {
    let settled = false;
    void until.finally(() => (settled = true));
    let slowest = 0;
    do {
      const started = Date.now();
      const res = await fetch(`${t.url}/health`);
      expect(res.status).toBe(200);
      slowest = Math.max(slowest, Date.now() - started);
    } while (!settled);
    return slowest;
  }

  it('refuses a 1,000,000-column file on every import route at once, with a small 400 CSV_TOO_MANY_COLUMNS, while /health answers', async () => {
    for (const r of routes()) {
      const csv = wideCsv(r.delimiter);
      expect(csv.length).toBeGreaterThan(7_000_000);
      const upload = timedPost(r.path, r.token, r.type, csv);
      const slowestHealth = await slowestHealthWhile(upload);
      const res = await upload;
      expect({ route: r.name, status: res.status, code: res.body.error?.code }).toEqual({ route: r.name, status: 400, code: 'CSV_TOO_MANY_COLUMNS' });
      expect(res.body.error?.details).toEqual({ line: 1, limit: 200 });
      expect(res.bytes).toBeLessThan(1000);
      // Against the same upload to a route that does nothing with it, measured now on this machine (its load
      // varies): was a timeout after 60 s having answered 160-260 MB, with /health stalled for 8 s.
      const reference = timedPost('/api/v1/no-such-route', r.token, r.type, csv);
      const referenceHealth = await slowestHealthWhile(reference);
      const baseline = await reference;
      expect(baseline.status).toBe(404);
      // Margins for a loaded CI machine (2,609 ms against 3 × 87 + 2,000 once): the regression they catch took 60 s.
      expect(res.ms).toBeLessThan(3 * baseline.ms + 8000);
      expect(slowestHealth).toBeLessThan(3 * referenceHealth + 3000);
    }
  });

  it('refuses a line far longer than any export with CSV_LINE_TOO_LONG', async () => {
    for (const r of routes()) {
      const csv = `serial${r.delimiter}notes\nX1${r.delimiter}${'n'.repeat(200_000)}\n`;
      const res = await timedPost(r.path, r.token, r.type, csv);
      expect({ route: r.name, status: res.status, code: res.body.error?.code }).toEqual({ route: r.name, status: 400, code: 'CSV_LINE_TOO_LONG' });
      expect(res.bytes).toBeLessThan(1000);
    }
  });

  it('answers a file with 5,000 bad rows with the first 100 errors and errorCount 5000, dry run and real run alike', async () => {
    const files = {
      'assets intake': ['serial', ...Array.from({ length: 5000 }, (_, i) => `bad serial ${i}`)],
      'employee import': [
        'employee_number,first_name,last_name,service_code,email',
        ...Array.from({ length: 5000 }, (_, i) => `E${i},Anna,Rossi,${serviceCode},not-an-email-${i}`),
      ],
      'activity map import': [
        'service_code\tservice\tmacro_activity\tactivity\tmode',
        ...Array.from({ length: 5000 }, (_, i) => `LIM1\tServizio\tMacro\tAttivita ${i}\tsometimes`),
      ],
    } as Record<string, string[]>;
    for (const r of routes()) {
      const csv = files[r.name].join('\n') + '\n';
      const dry = await timedPost(r.path, r.token, r.type, csv);
      expect({ route: r.name, status: dry.status }).toEqual({ route: r.name, status: 200 });
      expect(dry.body.errors).toHaveLength(100);
      expect(dry.body).toMatchObject({ errorCount: 5000, truncated: true });
      expect((dry.body.errors as { line: number }[])[0].line).toBe(2);
      expect(dry.bytes).toBeLessThan(100_000);

      const real = await timedPost(r.path.replace('dryRun=true', 'dryRun=false'), r.token, r.type, csv);
      expect({ route: r.name, status: real.status }).toEqual({ route: r.name, status: r.name === 'activity map import' ? 400 : 422 });
      expect(real.body.error?.details).toMatchObject({ errorCount: 5000, truncated: true });
      expect(real.body.error?.details?.errors).toHaveLength(100);
    }
    expect(Number((await t.dataSource.query('SELECT COUNT(*) AS n FROM assets'))[0].n)).toBe(0);
  });

  it('reports a file with a few errors whole (truncated false)', async () => {
    const res = await timedPost(
      '/api/v1/employees/import?dryRun=true',
      hr,
      'text/csv',
      `employee_number,first_name,last_name,service_code,email\nE1,Anna,Rossi,${serviceCode},nope\n`,
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ errorCount: 1, truncated: false });
    expect(res.body.errors).toHaveLength(1);
  });
});
