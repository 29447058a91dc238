import * as fs from 'node:fs';
import * as path from 'node:path';
import { ServiceEntity } from '../../../src/directory/service.entity';
import { createService } from '../../factories';
import { auth, startTestApp, TestApp } from '../../helpers/test-app';

const SEED = fs.readFileSync(path.join(__dirname, '../../fixtures/activity-map.tsv'), 'utf8');
const TSV = 'text/tab-separated-values';

describe('activity map: import and summary', () => {
  let t: TestApp;
  let hr: string;
  beforeAll(async () => {
    t = await startTestApp();
    hr = await t.tokenFor('hr');
    // A service the directory already knows under another name: the import must not rename it.
    await createService(t.dataSource, { code: 'PL', name: 'Servizi Sociali e Immigrazione' });
  });
  afterAll(() => t.close());

  const countActivities = async () => Number((await t.dataSource.query('SELECT COUNT(*) AS n FROM activities'))[0].n);

  it('a dry run of the seed file reports what it would create and writes nothing', async () => {
    const res = await t.http().post('/api/v1/activities/import?dryRun=true').set(auth(hr)).set('content-type', TSV).send(SEED).expect(200);
    expect(res.body).toMatchObject({ dryRun: true, valid: true, format: 'tsv', rows: 676, created: 676, updated: 0, unchanged: 0, errors: [] });
    expect(res.body.servicesCreated).toHaveLength(22);
    expect(await countActivities()).toBe(0);
  });

  it('imports the seed file: 676 activities; missing services created by code and name, existing ones never renamed', async () => {
    const res = await t.http().post('/api/v1/activities/import').set(auth(hr)).set('content-type', TSV).send(SEED).expect(200);
    expect(res.body).toMatchObject({ dryRun: false, valid: true, rows: 676, created: 676, updated: 0, unchanged: 0 });
    expect(res.body.servicesCreated).toHaveLength(22);
    expect(res.body.servicesCreated).toContainEqual({ code: 'SD', name: 'Sistema Informativo' });
    expect(res.body.serviceNameDifferences).toEqual([{ code: 'PL', nameInFile: 'Sociale e Immigrazione', nameInDirectory: 'Servizi Sociali e Immigrazione' }]);
    const pl = await t.dataSource.getRepository(ServiceEntity).findOneByOrFail({ code: 'PL' });
    expect(pl.name).toBe('Servizi Sociali e Immigrazione');
    expect(await countActivities()).toBe(676);
  });

  it('reports 151 macro-activities, 676 activities, 544 remote-capable (137 fully + 407 partially): the document’s figures, no difference to note', async () => {
    const res = await t
      .http()
      .get('/api/v1/activities/summary')
      .set(auth(await t.tokenFor('rtd')))
      .expect(200);
    expect(res.body.totals).toEqual({
      macroActivities: 151,
      activities: 676,
      remoteCapable: 544,
      byMode: { in_presence: 111, fully_remote: 137, partially_remote: 407, outsourced: 21 },
    });
    expect(res.body.documentFigures).toMatchObject({ macroActivities: 151, activities: 676, remoteCapable: 544 });
    expect(res.body.notes).toEqual([]);
    expect(res.body.services).toHaveLength(23);
    const sum = (k: 'activities' | 'macroActivities' | 'remoteCapable') => res.body.services.reduce((n: number, s: Record<string, number>) => n + s[k], 0);
    expect([sum('macroActivities'), sum('activities'), sum('remoteCapable')]).toEqual([151, 676, 544]);
    const sd = res.body.services.find((s: { serviceCode: string }) => s.serviceCode === 'SD');
    expect(sd.serviceName).toBe('Sistema Informativo');
  });

  it('re-importing the same file is idempotent: no duplicates, everything unchanged, same figures', async () => {
    const res = await t.http().post('/api/v1/activities/import').set(auth(hr)).set('content-type', TSV).send(SEED).expect(200);
    expect(res.body).toMatchObject({ created: 0, updated: 0, unchanged: 676, servicesCreated: [] });
    expect(await countActivities()).toBe(676);
    const summary = await t.http().get('/api/v1/activities/summary').set(auth(hr)).expect(200);
    expect(summary.body.totals).toMatchObject({ macroActivities: 151, activities: 676, remoteCapable: 544 });
  });

  it('a changed mode (same activity, different capitalisation) updates in place', async () => {
    const csv =
      'service_code,service,macro_activity,activity,mode,notes\nCP,Polizia Municipale,Gestione del contenzioso,COORDINAMENTO E CONTROLLO SULLA GESTIONE DELLA RISCOSSIONE COATTIVA,fully_remote,\n';
    const res = await t.http().post('/api/v1/activities/import').set(auth(hr)).set('content-type', 'text/csv').send(csv).expect(200);
    expect(res.body).toMatchObject({ format: 'csv', created: 0, updated: 1, unchanged: 0 });
    expect(await countActivities()).toBe(676);
    // Put the seed back so the figures stay the seed's.
    await t.http().post('/api/v1/activities/import').set(auth(hr)).set('content-type', TSV).send(SEED).expect(200);
  });

  it('a file with bad rows: the dry run lists every one with line and column; the commit refuses and writes nothing', async () => {
    const bad = [
      'service_code\tservice\tmacro_activity\tactivity\tmode\tnotes',
      'SD\tSistema Informativo\tReti\tNuova attività VPN\tfully_remote\t',
      'SD\tSistema Informativo\tReti\tAltra attività\tsmart\t',
      '\tSistema Informativo\tReti\tSenza servizio\tin_presence\t',
    ].join('\n');
    const dry = await t.http().post('/api/v1/activities/import?dryRun=true').set(auth(hr)).set('content-type', TSV).send(bad).expect(200);
    expect(dry.body.valid).toBe(false);
    expect(dry.body.errors.map((e: { line: number; column: string; code: string }) => [e.line, e.column, e.code])).toEqual([
      [3, 'mode', 'BAD_MODE'],
      [4, 'service_code', 'MISSING_FIELD'],
    ]);
    const commit = await t.http().post('/api/v1/activities/import').set(auth(hr)).set('content-type', TSV).send(bad).expect(400);
    expect(commit.body.error.code).toBe('ACTIVITY_IMPORT_INVALID');
    expect(commit.body.error.details.errors).toHaveLength(2);
    expect(await countActivities()).toBe(676);
  });

  it('refuses a JSON body, and callers whose role may not import', async () => {
    const json = await t.http().post('/api/v1/activities/import').set(auth(hr)).send({ rows: [] }).expect(400);
    expect(json.body.error.code).toBe('IMPORT_BODY_REQUIRED');
    await t
      .http()
      .post('/api/v1/activities/import')
      .set(auth(await t.tokenFor('manager')))
      .set('content-type', TSV)
      .send(SEED)
      .expect(403);
    await t
      .http()
      .get('/api/v1/activities/summary')
      .set(auth(await t.tokenFor('technician')))
      .expect(403);
  });

  it('lists activities with filters', async () => {
    const res = await t.http().get('/api/v1/activities?serviceCode=sd&mode=fully_remote&limit=1000').set(auth(hr)).expect(200);
    const expected = SEED.split('\n').filter((l) => l.startsWith('SD\t') && l.includes('\tfully_remote\t')).length;
    expect(res.body.items).toHaveLength(expected);
    expect(res.body.nextCursor).toBeNull();
    expect(
      res.body.items.every(
        (a: { serviceCode: string; mode: string; remoteCapable: boolean }) => a.serviceCode === 'SD' && a.mode === 'fully_remote' && a.remoteCapable,
      ),
    ).toBe(true);
    const remote = await t.http().get('/api/v1/activities?remoteCapable=true&limit=1000').set(auth(hr)).expect(200);
    expect(remote.body.items).toHaveLength(544);
    // the same 544 through pages of 100, in the same order, each once
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/activities?remoteCapable=true&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page = (await t.http().get(url).set(auth(hr)).expect(200)).body as { items: { id: string }[]; nextCursor: string | null };
      paged.push(...page.items.map((a) => a.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(remote.body.items.map((a: { id: string }) => a.id));
    expect((await t.http().get('/api/v1/activities?cursor=nonsense').set(auth(hr)).expect(400)).body.error.code).toBe('INVALID_CURSOR');
    const q = await t.http().get('/api/v1/activities?q=Dopo%20di%20Noi').set(auth(hr)).expect(200);
    expect(q.body.items.map((a: { name: string }) => a.name)).toEqual(['Gestione del progetto "Dopo di Noi"']);
    await t.http().get('/api/v1/activities?mode=smart').set(auth(hr)).expect(400);
  });
});
