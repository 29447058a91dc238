import autocannon from 'autocannon';
import { percentile, rng } from './inventory-bench-common';
import { Seeded, SURNAMES } from './load-http-seed';
import { Service } from './load-http-service';

/** The load bench's scenarios (reads and writes against the seeded service) and their measurement. */
export interface Scenario {
  name: string;
  kind: 'read' | 'write';
  /** Shown in the table: the route and the query shape. */
  route: string;
  token?: string;
  /** Called for every request: method, path and body. */
  next(): { method: 'GET' | 'POST'; path: string; body?: string };
  /** Set by `next` when the bench itself could not make a valid request (reported, and the run fails). */
  problem?: string;
}

export interface ScenarioResult {
  name: string;
  kind: 'read' | 'write';
  route: string;
  connections: number;
  seconds: number;
  requests: number;
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  /** The first few non-2xx bodies and connection errors, to say what went wrong. */
  samples: string[];
}

export async function runScenario(s: Service, sc: Scenario, connections: number, seconds: number, record = true): Promise<ScenarioResult> {
  const times: number[] = [];
  const samples: string[] = [];
  const statusCodes: Record<string, number> = {};
  let instance!: autocannon.Instance;
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(
      {
        url: s.url,
        connections,
        duration: seconds,
        headers: { ...(sc.token ? { authorization: `Bearer ${sc.token}` } : {}), 'content-type': 'application/json' },
        requests: [
          {
            setupRequest: (req) => {
              const r = sc.next();
              return { ...req, method: r.method, path: r.path, body: r.body };
            },
            onResponse: (status, body) => {
              statusCodes[status] = (statusCodes[status] ?? 0) + 1;
              if ((status < 200 || status >= 300) && samples.length < 5) samples.push(`${status} ${body.slice(0, 400)}`);
            },
          },
        ],
      },
      (err, result) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve(result)),
    );
  });
  instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
    times.push(responseTime);
  });
  instance.on('reqError', (err: Error) => {
    if (samples.length < 5) samples.push(`error ${err.message}`);
  });
  const result = await done;
  const requests = times.length;
  const out: ScenarioResult = {
    name: sc.name,
    kind: sc.kind,
    route: sc.route,
    connections,
    seconds: result.duration,
    requests,
    requestsPerSecond: Math.round(requests / result.duration),
    p50: requests ? +percentile(times, 50).toFixed(1) : 0,
    p95: requests ? +percentile(times, 95).toFixed(1) : 0,
    p99: requests ? +percentile(times, 99).toFixed(1) : 0,
    max: +times.reduce((m, t) => Math.max(m, t), 0).toFixed(1),
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes,
    samples: sc.problem ? [`bench: ${sc.problem}`, ...samples] : samples,
  };
  if (record)
    process.stderr.write(
      `${sc.name}: ${out.requestsPerSecond} req/s, p50 ${out.p50} ms, p95 ${out.p95} ms, p99 ${out.p99} ms, non-2xx ${out.non2xx}, errors ${out.errors}\n`,
    );
  return out;
}

export function scenarios(d: Seeded): Scenario[] {
  const random = rng(99);
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
  let serial = 0;
  let laptop = 0;
  let employee = 0;
  const get = (p: string) => ({ method: 'GET' as const, path: p });
  const handover: Scenario = {
    name: 'handover (1 laptop)',
    kind: 'write',
    route: 'POST /api/v1/handovers (in-stock laptop, gate, receipt PDF)',
    token: d.tech,
    next: () => {
      // Each in-stock laptop is handed over once. Running out is the bench's fault, not the service's: the
      // last laptop is sent again (a 409) and the problem is reported.
      if (laptop >= d.stockLaptops.length) {
        handover.problem = 'the bench ran out of in-stock laptops: seed more (PLAN) or shorten --duration';
        laptop = d.stockLaptops.length - 1;
      }
      return {
        method: 'POST',
        path: '/api/v1/handovers',
        body: JSON.stringify({
          employeeId: d.provisionable[employee++ % d.provisionable.length],
          assetIds: [d.stockLaptops[laptop++]],
          conditions: 'Nuovo, in confezione originale',
        }),
      };
    },
  };
  return [
    { name: 'health', kind: 'read', route: 'GET /health', next: () => get('/health') },
    {
      name: 'assets: kind+state',
      kind: 'read',
      route: 'GET /api/v1/assets?kind=laptop&state=in_stock&limit=50',
      token: d.tech,
      next: () => get('/api/v1/assets?kind=laptop&state=in_stock&limit=50'),
    },
    {
      name: 'assets: state, newest first',
      kind: 'read',
      route: 'GET /api/v1/assets?state=assigned&sort=-createdAt&limit=50',
      token: d.tech,
      next: () => get('/api/v1/assets?state=assigned&sort=-createdAt&limit=50'),
    },
    {
      name: 'assets: serial search',
      kind: 'read',
      route: 'GET /api/v1/assets?q=LA0000xx&limit=50 (random prefix)',
      token: d.tech,
      next: () =>
        get(
          `/api/v1/assets?q=LA${String(Math.floor(random() * 3000))
            .padStart(8, '0')
            .slice(0, 6)}&limit=50`,
        ),
    },
    { name: 'asset by id', kind: 'read', route: 'GET /api/v1/assets/:id (random asset)', token: d.tech, next: () => get(`/api/v1/assets/${pick(d.assetIds)}`) },
    { name: 'employees: list', kind: 'read', route: 'GET /api/v1/employees?limit=50', token: d.tech, next: () => get('/api/v1/employees?limit=50') },
    {
      name: 'employees: search',
      kind: 'read',
      route: 'GET /api/v1/employees?q=<surname>&limit=50',
      token: d.tech,
      next: () => get(`/api/v1/employees?q=${encodeURIComponent(pick(SURNAMES))}&limit=50`),
    },
    {
      name: 'provisioning status',
      kind: 'read',
      route: 'GET /api/v1/employees/:id/provisioning-status (random employee)',
      token: d.hotline,
      next: () => get(`/api/v1/employees/${pick(d.employeeIds)}/provisioning-status`),
    },
    { name: 'stock', kind: 'read', route: 'GET /api/v1/inventory/stock', token: d.tech, next: () => get('/api/v1/inventory/stock') },
    {
      name: 'planning',
      kind: 'read',
      route: 'GET /api/v1/inventory/planning?year=2023',
      token: d.tech,
      next: () => get('/api/v1/inventory/planning?year=2023'),
    },
    {
      name: 'KPI: POLA indicators',
      kind: 'read',
      route: `GET /api/v1/kpi/pola?year=${new Date().getFullYear()}`,
      token: d.rtd,
      next: () => get(`/api/v1/kpi/pola?year=${new Date().getFullYear()}`),
    },
    {
      name: 'create asset',
      kind: 'write',
      route: 'POST /api/v1/assets (monitor, new serial)',
      token: d.tech,
      next: () => ({
        method: 'POST',
        path: '/api/v1/assets',
        body: JSON.stringify({ modelId: d.monitorModelId, serial: `LD${String(++serial).padStart(8, '0')}`, location: 'Magazzino SI, via Roma 1' }),
      }),
    },
    handover,
  ];
}

export function table(database: string, rows: ScenarioResult[]): string {
  const out = [
    `| database | endpoint | conn. | req/s | p50 ms | p95 ms | p99 ms | requests | non-2xx | errors |`,
    `|---|---|---:|---:|---:|---:|---:|---:|---:|---:|`,
  ];
  for (const r of rows)
    out.push(
      `| ${database} | ${r.name} | ${r.connections} | ${r.requestsPerSecond} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.requests} | ${r.non2xx} | ${r.errors} |`,
    );
  return out.join('\n');
}
