import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { auth, TestApp } from '../../helpers/test-app';

/**
 * A copy of config/ with the given kpi-targets.tsv, so a test's targets do not follow edits of the real file; `pola`
 * replaces rows of pola-targets.tsv (indicator → its cells after the id: baseline_year, baseline, 2021, 2022, 2023).
 */
export function configDirWithTargets(targetsTsv: string, pola: Record<string, string[]> = {}): string {
  const dir = fs.mkdtempSync(path.join(process.env.TEST_TMP ?? os.tmpdir(), 'rw-kpi-config-'));
  const source = path.resolve(__dirname, '..', '..', '..', 'config');
  for (const f of fs.readdirSync(source)) fs.copyFileSync(path.join(source, f), path.join(dir, f));
  fs.writeFileSync(path.join(dir, 'kpi-targets.tsv'), targetsTsv);
  const polaFile = path.join(dir, 'pola-targets.tsv');
  const lines = fs.readFileSync(polaFile, 'utf8').split('\n');
  const replaced = lines.map((line) => {
    const id = line.split('\t')[0];
    return pola[id] ? [id, ...pola[id]].join('\t') : line;
  });
  fs.writeFileSync(polaFile, replaced.join('\n'));
  return dir;
}

let n = 0;
const unique = (prefix: string) => `${prefix}${Date.now().toString(36).toUpperCase()}${(n++).toString(36).toUpperCase()}`;

/** HTTP helpers: inventory through its API, as a technician would, at whatever date the test clock shows. */
export class InventoryDriver {
  constructor(
    private readonly t: TestApp,
    private readonly tech: string,
  ) {}

  private async post(url: string, body: unknown, expected = 201): Promise<Record<string, unknown>> {
    const res = await this.t
      .http()
      .post(url)
      .set(auth(this.tech))
      .send(body as object);
    if (res.status !== expected) throw new Error(`${url}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  async model(kind: string): Promise<string> {
    return (await this.post('/api/v1/models', { kind, manufacturer: 'Lenovo', model: unique(`${kind} `), specs: {} })).id as string;
  }

  async lot(modelId: string, quantity: number, unitPriceCents: number, deliveryDate: string): Promise<string> {
    const body = await this.post('/api/v1/lots', {
      modelId,
      supplier: 'Converge S.p.A.',
      cig: '8563412A7F',
      orderNumber: unique('ODA-'),
      orderDate: deliveryDate,
      deliveryDate,
      quantity,
      unitPriceCents,
      warrantyMonths: 36,
    });
    return (body.lot as { id: string }).id;
  }

  async asset(modelId: string, lotId: string): Promise<string> {
    return (await this.post('/api/v1/assets', { modelId, lotId, serial: unique('SN') })).id as string;
  }

  async handover(employeeId: string, assetIds: string[]): Promise<string> {
    return (await this.post('/api/v1/handovers', { employeeId, assetIds })).id as string;
  }

  async returnLaptop(handoverId: string, assetId: string): Promise<void> {
    await this.post(
      `/api/v1/handovers/${handoverId}/return`,
      { items: [{ assetId, condition: 'good' }], dataWipe: [{ assetId, method: 'NIST 800-88 purge', confirmed: true }] },
      201,
    );
  }

  async declare(employeeId: string, kind: 'laptop' | 'broadband'): Promise<void> {
    await this.post(`/api/v1/employees/${employeeId}/declared-equipment`, { kind });
  }
}
