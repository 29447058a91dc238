import { auth, TestApp } from '../../helpers/test-app';

/** HTTP helpers for inventory tests: models, lots and assets are created through the API under test. */
export interface Inv {
  t: TestApp;
  tech: string;
}

export async function inventoryContext(t: TestApp): Promise<Inv> {
  return { t, tech: await t.tokenFor('technician', 'Luca Bianchi') };
}

let n = 0;
export const unique = (prefix: string) => `${prefix}${Date.now().toString(36).toUpperCase()}${(n++).toString(36).toUpperCase()}`;

export async function createModel(
  inv: Inv,
  kind: string,
  model = unique('Model '),
  manufacturer = 'Lenovo',
): Promise<{ id: string; kind: string; manufacturer: string; model: string }> {
  const res = await inv.t
    .http()
    .post('/api/v1/models')
    .set(auth(inv.tech))
    .send({ kind, manufacturer, model, specs: { note: 'test' } });
  if (res.status !== 201) throw new Error(`model: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function createLot(
  inv: Inv,
  modelId: string,
  overrides: Record<string, unknown> = {},
): Promise<{ id: string; quantity: number; received: number }> {
  const res = await inv.t
    .http()
    .post('/api/v1/lots')
    .set(auth(inv.tech))
    .send({
      modelId,
      supplier: 'Converge S.p.A.',
      consipConvention: 'PC Portatili 4',
      consipLot: 'Lotto 1',
      cig: '8563412A7F',
      orderNumber: unique('ODA-'),
      orderDate: '2021-03-01',
      deliveryDate: '2021-04-15',
      quantity: 60,
      unitPriceCents: 69900,
      warrantyMonths: 36,
      ...overrides,
    });
  if (res.status !== 201) throw new Error(`lot: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.lot;
}

export async function createAsset(
  inv: Inv,
  modelId: string,
  extra: Record<string, unknown> = {},
): Promise<{ id: string; assetTag: string; serial: string; kind: string; state: string }> {
  const res = await inv.t
    .http()
    .post('/api/v1/assets')
    .set(auth(inv.tech))
    .send({ modelId, serial: unique('SN'), ...extra });
  if (res.status !== 201) throw new Error(`asset: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A ready kit: laptop, docking station, headset in stock. */
export async function kit(inv: Inv): Promise<{
  laptop: { id: string; assetTag: string; serial: string };
  dock: { id: string; assetTag: string; serial: string };
  headset: { id: string; assetTag: string; serial: string };
}> {
  const [lm, dm, hm] = [
    await createModel(inv, 'laptop', unique('ThinkPad ')),
    await createModel(inv, 'docking_station', unique('Dock ')),
    await createModel(inv, 'headset', unique('Evolve '), 'Jabra'),
  ];
  return { laptop: await createAsset(inv, lm.id), dock: await createAsset(inv, dm.id), headset: await createAsset(inv, hm.id) };
}

export async function countRows(t: TestApp, table: string, where = '1=1'): Promise<number> {
  const rows: { n: string | number }[] = await t.dataSource.query(`SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`);
  return Number(rows[0].n);
}

export async function auditActions(t: TestApp): Promise<string[]> {
  const rows: { action: string }[] = await t.dataSource.query('SELECT action FROM audit_events ORDER BY seq');
  return rows.map((r) => r.action);
}
export { pdfText } from '../../helpers/pdf-text';

/** supertest parser: collect a binary body (a PDF) as a Buffer. */

export function binaryParser(res: any, callback: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}
