import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { calendarDate } from '../../src/common/clock';
import { arg, rng, serialsCsv } from './inventory-bench-common';
import { ROOT, Service } from './load-http-service';

/** Seeding the load bench through the public API (not measured): services, employees, agreements, lots, kits. */
export const EMPLOYEES = arg('employees', 927);
export const PROVISIONABLE = arg('provisionable', 150);
export const SEED_KITS = arg('kits', 100);
export const PLAN: [kind: string, manufacturer: string, model: string, count: number][] = [
  ['laptop', 'Lenovo', 'ThinkPad T14 Gen 2', 3_000],
  ['docking_station', 'Lenovo', 'ThinkPad USB-C Dock', 1_000],
  ['monitor', 'Dell', 'P2422H', 700],
  ['headset', 'Jabra', 'Evolve 20', 500],
  ['webcam', 'Logitech', 'C920', 300],
];
export const SURNAMES = [
  'Rossi',
  'Russo',
  'Ferrari',
  'Esposito',
  'Bianchi',
  'Romano',
  'Colombo',
  'Ricci',
  'Marino',
  'Greco',
  'Bruno',
  'Gallo',
  'Conti',
  'De Luca',
  'Mancini',
  'Costa',
  'Giordano',
  'Rizzo',
  'Lombardi',
  'Moretti',
];
export const NAMES = ['Maria', 'Giuseppe', 'Anna', 'Giovanni', 'Francesca', 'Luca', 'Sara', 'Marco', 'Chiara', 'Paolo', 'Elena', 'Andrea'];

export async function must<T = Record<string, unknown>>(
  s: Service,
  token: string,
  method: string,
  url: string,
  body?: unknown,
  contentType = 'application/json',
): Promise<T> {
  const res = await fetch(`${s.url}${url}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': contentType }) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${text.slice(0, 500)}`);
  return (text ? JSON.parse(text) : null) as T;
}

/** Runs `fn` over `items`, `concurrency` at a time (a few operators at their desks, not a storm). */
export async function inParallel<T>(items: T[], concurrency: number, fn: (item: T, i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        await fn(items[i], i);
      }
    }),
  );
}

/** Every page of a cursor-paginated listing. */
export async function allPages<T>(s: Service, token: string, url: string): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: T[]; nextCursor: string | null } = await must(
      s,
      token,
      'GET',
      `${url}${url.includes('?') ? '&' : '?'}limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

export const minusDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

export interface Seeded {
  tech: string;
  hotline: string;
  rtd: string;
  employeeIds: string[];
  provisionable: string[];
  assetIds: string[];
  stockLaptops: string[];
  monitorModelId: string;
  counts: Record<string, number>;
  seconds: number;
}

export async function seed(s: Service): Promise<Seeded> {
  const t0 = performance.now();
  const token = async (role: string, name: string) => (await must<{ token: string }>(s, s.admin, 'POST', '/api/v1/tokens', { name, role })).token;
  const tech = await token('technician', 'Luca Bianchi');
  const hotline = await token('hotline', 'Sara Neri');
  const rtd = await token('rtd', 'Responsabile transizione digitale');
  const hr = await token('hr', 'Ufficio personale');
  // The second person who confirms the countersignatures HR records from paper (not the creator of HR's token).
  const confirmer = await token('admin', 'Amministratore: conferme firme');

  // The POLA activity map: creates the 23 services and 676 activities (544 remote-capable).
  const tsv = fs.readFileSync(path.join(ROOT, 'test/fixtures/activity-map.tsv'), 'utf8');
  await must(s, hr, 'POST', '/api/v1/activities/import', tsv, 'text/tab-separated-values');
  const services = await must<{ code: string }[]>(s, hr, 'GET', '/api/v1/services');
  const remote = (await must<{ items: { id: string; serviceCode: string }[] }>(s, hr, 'GET', '/api/v1/activities?remoteCapable=true&limit=1000')).items;
  const activityOf = new Map<string, string>();
  for (const a of remote) if (!activityOf.has(a.serviceCode)) activityOf.set(a.serviceCode, a.id);

  // 927 employees over the services, through the CSV import; the first of each service is its manager.
  const random = rng(11);
  const lines = ['employee_number,first_name,last_name,service_code,username,email,is_manager'];
  for (let i = 0; i < EMPLOYEES; i++) {
    const service = services[i % services.length].code;
    const first = NAMES[Math.floor(random() * NAMES.length)];
    const last = SURNAMES[Math.floor(random() * SURNAMES.length)];
    const n = String(i + 1).padStart(6, '0');
    lines.push(`M${n},${first},${last},${service},u${n},u${n}@comune.example.it,${i < services.length ? 'true' : 'false'}`);
  }
  // The file flags the managers: signing authority is granted by an admin, not by HR.
  await must(s, s.admin, 'POST', '/api/v1/employees/import', lines.join('\n') + '\n', 'text/csv');
  const employees = await allPages<{ id: string; serviceCode: string; isManager: boolean }>(s, tech, '/api/v1/employees?sort=employeeNumber');
  const managerOf = new Map(employees.filter((e) => e.isManager).map((e) => [e.serviceCode, e.id]));

  // Provisionable employees, the way HR does it: a remote-capable activity, an agreement started a month ago
  // with the safety notice delivered today, signed by the employee and countersigned by the manager (recorded
  // from paper by HR, confirmed by an admin).
  const today = calendarDate(new Date(), 'Europe/Rome');
  const candidates = employees.filter((e) => !e.isManager && activityOf.has(e.serviceCode) && managerOf.has(e.serviceCode)).slice(0, PROVISIONABLE);
  const documentSha256 = 'c0ffee'.padEnd(64, '0');
  await inParallel(candidates, 4, async (e) => {
    await must(s, hr, 'PUT', `/api/v1/employees/${e.id}/activities`, { activityIds: [activityOf.get(e.serviceCode)] });
    const agreement = await must<{ id: string }>(s, hr, 'POST', '/api/v1/agreements', {
      employeeId: e.id,
      startDate: minusDays(today, 30),
      remoteDaysPerWeek: 2,
      places: ['domicilio'],
      contactBand: '09:30-12:30',
      nonOperabilityBand: '20:00-07:30',
      rightToDisconnect: 'Nessuna comunicazione di lavoro nella fascia di inoperabilità.',
      toolsProvided: ['notebook'],
      objectives: 'Istruttoria delle pratiche assegnate',
      resultsMonitoring: 'Report mensile al dirigente',
      safetyNoticeDeliveredOn: today,
    });
    await must(s, hr, 'POST', `/api/v1/agreements/${agreement.id}/sign`, { party: 'employee', signerEmployeeId: e.id, documentSha256 });
    await must(s, hr, 'POST', `/api/v1/agreements/${agreement.id}/sign`, {
      party: 'manager',
      signerEmployeeId: managerOf.get(e.serviceCode),
      documentSha256,
      documentReference: `prot. bench ${e.id}`,
    });
    await must(s, confirmer, 'POST', `/api/v1/agreements/${agreement.id}/countersignature/confirm`, {});
  });
  const provisionable = candidates.map((e) => e.id);
  if (provisionable.length < PROVISIONABLE) throw new Error(`only ${provisionable.length} provisionable employees could be prepared`);

  // Purchase lots and their assets through the CSV intake.
  const models: Record<string, string> = {};
  let offset = 0;
  for (const [kind, manufacturer, model, count] of PLAN) {
    models[kind] = (await must<{ id: string }>(s, tech, 'POST', '/api/v1/models', { kind, manufacturer, model })).id;
    const lot = (
      await must<{ lot: { id: string } }>(s, tech, 'POST', '/api/v1/lots', {
        modelId: models[kind],
        supplier: 'Converge S.p.A.',
        consipConvention: 'PC Portatili e Tablet 4',
        cig: '8563412A7F',
        orderNumber: `ODA-2021-${kind}`,
        orderDate: '2021-03-01',
        deliveryDate: '2021-04-15',
        quantity: count,
        unitPriceCents: 65_000,
        warrantyMonths: 36,
        ...(count > 100 ? { overrideReason: 'load benchmark lot' } : {}),
      })
    ).lot;
    await must(s, tech, 'POST', `/api/v1/assets/import?lotId=${lot.id}`, serialsCsv(kind.slice(0, 2).toUpperCase(), count, offset), 'text/csv');
    offset += count;
  }

  // Kits out: laptop, dock and headset to the first provisionable employees, through the handover API.
  const inStock = async (kind: string) => (await allPages<{ id: string }>(s, tech, `/api/v1/assets?kind=${kind}&state=in_stock&sort=serial`)).map((a) => a.id);
  const [laptops, docks, headsets] = [await inStock('laptop'), await inStock('docking_station'), await inStock('headset')];
  const kits = provisionable.slice(0, SEED_KITS);
  await inParallel(kits, 4, async (employeeId, i) => {
    await must(s, tech, 'POST', '/api/v1/handovers', {
      employeeId,
      assetIds: [laptops[i], docks[i], headsets[i]],
      conditions: 'Nuovi, in confezione originale',
    });
  });
  const assetIds = (await allPages<{ id: string }>(s, tech, '/api/v1/assets')).map((a) => a.id);
  return {
    tech,
    hotline,
    rtd,
    employeeIds: employees.map((e) => e.id),
    provisionable,
    assetIds,
    stockLaptops: laptops.slice(kits.length),
    monitorModelId: models.monitor,
    counts: {
      services: services.length,
      activities: remote.length,
      employees: employees.length,
      provisionable: provisionable.length,
      assets: assetIds.length,
      kitsHandedOver: kits.length,
    },
    seconds: +((performance.now() - t0) / 1000).toFixed(1),
  };
}
