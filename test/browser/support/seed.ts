import { auth, TestApp } from '../../helpers/test-app';
import { unique } from '../../e2e/inventory/inventory-fixtures';

/**
 * The data the browser tests put in place through the API under test, before a page shows it: models, lots and
 * assets as a technician registers them, VPN accounts brought to a step by the hot-line. People and agreements
 * come from test/factories (rows written directly); anything the page itself does stays in the spec.
 */

/** POSTs `body` as `token`; an answer other than 2xx fails the test with its status and body. */
export async function postOk(t: TestApp, url: string, body: unknown, token: string): Promise<any> {
  const res = await t
    .http()
    .post(url)
    .set(auth(token))
    .send(body as object);
  if (res.status >= 300) throw new Error(`${url}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** The device models the pages name (the lot form's options, the kit's rows), one per kind. */
export const MODELS = {
  laptop: { kind: 'laptop', manufacturer: 'Lenovo', model: 'ThinkPad T14 Gen 2' },
  docking_station: { kind: 'docking_station', manufacturer: 'Lenovo', model: 'USB-C Dock Gen 2' },
  headset: { kind: 'headset', manufacturer: 'Jabra', model: 'Evolve2 40' },
} as const;

export type ModelKind = keyof typeof MODELS;

/** The MODELS of these kinds, registered by the technician `tech`, by kind. */
export async function createModels<K extends ModelKind>(t: TestApp, tech: string, kinds: readonly K[]): Promise<Record<K, { id: string }>> {
  const models = {} as Record<K, { id: string }>;
  for (const kind of kinds) models[kind] = await postOk(t, '/api/v1/models', MODELS[kind], tech);
  return models;
}

export interface Asset {
  id: string;
  assetTag: string;
  serial: string;
}

/** A device of the model on the shelf (in `extra.lotId` when given), with a unique serial unless `serial` is given. */
export function createAsset(t: TestApp, tech: string, modelId: string, serial = unique('SN'), extra: { lotId?: string } = {}): Promise<Asset> {
  return postOk(t, '/api/v1/assets', { modelId, serial, ...extra }, tech);
}

export interface LotOrder {
  orderNumber: string;
  orderDate: string;
  deliveryDate?: string;
  quantity: number;
  unitPriceCents: number;
  warrantyMonths: number;
}

/** A purchase lot of the model from Converge S.p.A. (CIG 8563412A7F), registered by the technician. */
export async function createLot(t: TestApp, tech: string, modelId: string, order: LotOrder): Promise<{ id: string }> {
  return (await postOk(t, '/api/v1/lots', { modelId, supplier: 'Converge S.p.A.', cig: '8563412A7F', ...order }, tech)).lot;
}

/** A handover of these assets to the employee, by the technician. */
export function handOver(t: TestApp, tech: string, employeeId: string, assetIds: string[]): Promise<{ id: string }> {
  return postOk(t, '/api/v1/handovers', { employeeId, assetIds }, tech);
}

/** The steps of a VPN account the hot-line takes through the API, in order. */
export type AccountStep = 'requested' | 'approved' | 'issued' | 'active';

/** The certificate's request: the station (a laptop the employee holds) and a CSR, or a key made by the service. */
export type CertificateRequest = { stationAssetId: string } & ({ csrPem: string } | { generateKey: true });

/**
 * A VPN account (profile "dipendenti") for the employee, taken by the hot-line up to `upTo`: requested, approved,
 * issued with `certificate`, then installed and active.
 */
export async function vpnAccount(
  t: TestApp,
  hotline: string,
  employeeId: string,
  upTo: AccountStep = 'requested',
  certificate?: CertificateRequest,
): Promise<{ id: string }> {
  const account = await postOk(t, '/api/v1/vpn/accounts', { employeeId, profile: 'dipendenti' }, hotline);
  if (upTo === 'requested') return account;
  await postOk(t, `/api/v1/vpn/accounts/${account.id}/approve`, {}, hotline);
  if (upTo === 'approved') return account;
  if (!certificate) throw new Error(`a VPN account taken to "${upTo}" needs a certificate request`);
  await postOk(t, `/api/v1/vpn/accounts/${account.id}/certificates`, certificate, hotline);
  if (upTo === 'active') await postOk(t, `/api/v1/vpn/accounts/${account.id}/installed`, { activate: true }, hotline);
  return account;
}
