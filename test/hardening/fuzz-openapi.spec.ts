import fc from 'fast-check';
import type { Test } from 'supertest';
import { calendarDate } from '../../src/common/clock';
import { handOverLaptop, hotlineApi, provisionable } from '../e2e/vpn/vpn-fixtures';
import { createModel, createAsset, inventoryContext } from '../e2e/inventory/inventory-fixtures';
import { generatePeople, LdapSandbox } from '../fixtures/ldap/directory-fixture';
import { auth, startTestApp, TestApp } from '../helpers/test-app';
import { makeCsr } from '../integration/pki/pki-test-tools';
import { differences, fingerprint, Fingerprint } from './support/database';
import { FuzzRequest, OpenApiDocument, RequestArbitraries } from './support/openapi-arbitraries';
import { note, tempDir } from './support/service-process';

const RUNS = Number(process.env.FUZZ_RUNS ?? 30);
const SEED = Number(process.env.FUZZ_SEED ?? 20261127);
const BUDGET_MS = Number(process.env.FUZZ_BUDGET_MS ?? 150_000);

jest.setTimeout(BUDGET_MS + 120_000);

/** What a refused request may leave behind: its own audit event (SPEC: a refusal leaves no trace but that). */
const REFUSAL_ACTIONS = /(refused|failed)$/;
const INTERNALS = /QueryFailedError|SQLITE_|at [\w.<>]+ \(|node_modules|\/src\/|duplicate key value|violates .* constraint/;

/**
 * Every JSON endpoint of the OpenAPI document (read at run time: new routes are fuzzed without anyone listing
 * them), as admin, with RUNS generated requests each (seeded: FUZZ_SEED; bounded: FUZZ_RUNS, FUZZ_BUDGET_MS).
 * Properties: never a 5xx; a 4xx has the error shape with a stable code, leaks no internals and changes nothing
 * (row counts of every table and the audit head equal before and after, but for the refusal's own audit event).
 * Workers are off (RUN_WORKERS=false) so that only the request under test can change the state.
 */
describe('fuzzing every endpoint of the OpenAPI document', () => {
  let t: TestApp;
  let sandbox: LdapSandbox;
  let doc: OpenApiDocument;
  let tables: string[];
  const pool: string[] = [];
  let csrPem = '';

  beforeAll(async () => {
    sandbox = await LdapSandbox.create(generatePeople(3, 'fz'), { 'vpn-users': [], 'rw-hotline': [] });
    t = await startTestApp({ env: { RUN_WORKERS: 'false', IMPORT_BODY_LIMIT: '2mb', ...sandbox.serviceEnv() } });
    doc = (await t.http().get('/api/docs-json').expect(200)).body;
    tables = (
      t.config.database.kind === 'postgres'
        ? await t.dataSource.query(
            "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'migrations'",
          )
        : await t.dataSource.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'migrations'")
    ).map((r: { name: string }) => r.name);

    // a little of everything, so that generated ids reach existing rows in every state machine
    const today = calendarDate(new Date(), 'Europe/Rome');
    const hotline = await t.tokenFor('hotline');
    const dir = tempDir('rw-fuzz-');
    for (let i = 0; i < 2; i++) {
      const person = await provisionable(t, today, { username: `fuzz.user${i}` });
      const laptop = await handOverLaptop(t, person.id);
      pool.push(person.id, laptop.id);
      const api = hotlineApi(t, hotline);
      const account = await api.create(person.id);
      pool.push(account.body.id);
      await api.approve(account.body.id);
      ({ csrPem } = await makeCsr(dir, person.username));
      if (i === 0) {
        const issued = await api.issue(account.body.id, { csrPem, stationAssetId: laptop.id });
        pool.push(issued.body.certificate.serial);
      }
    }
    const inv = await inventoryContext(t);
    const model = await createModel(inv, 'headset');
    pool.push(model.id, (await createAsset(inv, model.id)).id);
    const ids: { id: string }[] = await t.dataSource.query(
      'SELECT id FROM agreements UNION ALL SELECT id FROM handovers UNION ALL SELECT id FROM vpn_gateways UNION ALL SELECT id FROM services',
    );
    pool.push(...ids.map((r) => r.id));
  });

  afterAll(async () => {
    await t?.close();
    await sandbox?.destroy().catch(() => undefined);
  });

  const snapshot = () => fingerprint(t.dataSource, tables);

  const send = (method: string, req: FuzzRequest): Test => {
    const qs = new URLSearchParams(req.query).toString();
    const agent = t.http() as unknown as Record<string, (url: string) => Test>;
    let r = agent[method](`${req.path}${qs ? `?${qs}` : ''}`).set(auth(t.adminToken));
    if (req.raw) r = r.set('Content-Type', req.raw.contentType).send(req.raw.body);
    else if (req.json !== undefined && method !== 'get' && method !== 'delete') r = r.set('Content-Type', 'application/json').send(JSON.stringify(req.json));
    return r;
  };

  /** New audit events since `before`: all refusals? */
  const onlyRefusals = async (before: Fingerprint): Promise<string[]> => {
    const since = before.counts.audit_events;
    const rows: { action: string }[] = await t.dataSource.query(
      `SELECT action FROM audit_events ORDER BY seq DESC LIMIT ${Math.max(1, (await snapshot()).counts.audit_events - since)}`,
    );
    return rows.map((r) => r.action).filter((a) => !REFUSAL_ACTIONS.test(a));
  };

  it('never answers 5xx, and a refused request changes nothing', async () => {
    const arbitraries = new RequestArbitraries(doc, pool, { csrPem });
    const operations = Object.entries(doc.paths)
      .flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ path, method, op })))
      .filter(({ method }) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
      .sort((a, b) => `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`));
    const violations: string[] = [];
    const statuses: Record<string, number> = {};
    const started = Date.now();
    let requests = 0;
    let shortened = 0;
    for (const [index, { path, method, op }] of operations.entries()) {
      const overBudget = Date.now() - started > BUDGET_MS;
      if (overBudget) shortened += 1;
      const samples = fc.sample(arbitraries.request(path, op), { numRuns: overBudget ? 3 : RUNS, seed: SEED + index });
      for (const req of samples) {
        const before = await snapshot();
        const res = await send(method, req);
        requests += 1;
        statuses[String(res.status)] = (statuses[String(res.status)] ?? 0) + 1;
        const label = `${method.toUpperCase()} ${path} → ${res.status} ${JSON.stringify({ path: req.path, query: req.query, body: req.json ?? req.raw?.body }).slice(0, 300)}`;
        if (res.status >= 500) {
          violations.push(`5xx: ${label} ${JSON.stringify(res.body).slice(0, 200)}`);
          continue;
        }
        if (res.status >= 400) {
          const isJson = (res.headers['content-type'] ?? '').includes('json');
          if (isJson && !/^[A-Z][A-Z0-9_]+$/.test(res.body?.error?.code ?? '')) violations.push(`error shape: ${label} ${res.text.slice(0, 200)}`);
          // the document lists every code a route may answer (@ApiErrors and the generic ones): a code it does not list is a gap
          const declared = (op as { 'x-error-codes'?: string[] })['x-error-codes'] ?? [];
          if (isJson && res.body?.error?.code && !declared.includes(res.body.error.code)) violations.push(`undeclared code ${res.body.error.code}: ${label}`);
          if (INTERNALS.test(res.text)) violations.push(`internals leaked: ${label} ${res.text.slice(0, 200)}`);
          const after = await snapshot();
          const changed = differences(before, after, ['audit_events', 'audit_head']);
          if (changed.length) violations.push(`state changed on ${res.status}: ${label} ${changed.join(', ')}`);
          if (after.counts.audit_events !== before.counts.audit_events) {
            const notRefusals = await onlyRefusals(before);
            if (notRefusals.length) violations.push(`audited a change on ${res.status}: ${label} ${notRefusals.join(', ')}`);
          }
        }
      }
    }
    note('fuzz-openapi', {
      operations: operations.length,
      requests,
      seed: SEED,
      runsPerOperation: RUNS,
      shortenedByBudget: shortened,
      seconds: Math.round((Date.now() - started) / 1000),
      statuses,
      violations: violations.length,
    });
    expect(violations.slice(0, 25)).toEqual([]);
    expect(operations.length).toBeGreaterThan(80);
  });
});
