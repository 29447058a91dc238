import * as fs from 'node:fs';
import * as path from 'node:path';
import { createEmployee } from '../../factories';
import { auth, startTestApp, TestApp } from '../../helpers/test-app';

const MAP = fs.readFileSync(path.join(__dirname, '../../fixtures/activity-map.tsv'), 'utf8');
const TABLE = fs.readFileSync(path.join(__dirname, '../../fixtures/transversal-activities.tsv'), 'utf8');
const TSV = 'text/tab-separated-values';

/** The 11 transversal activities (Allegato 1, last table): imported per service, counted for eligibility, apart from the map's 676 / 544. */
describe('transversal activities', () => {
  let t: TestApp;
  let hr: string;
  const count = async (table: string) => Number((await t.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
  const find = async (service: string, macro: string, name: string) =>
    (
      await t
        .http()
        .get(`/api/v1/activities?serviceCode=${service}&macroActivity=${encodeURIComponent(macro)}&q=${encodeURIComponent(name)}`)
        .set(auth(hr))
        .expect(200)
    ).body.items[0];

  beforeAll(async () => {
    t = await startTestApp();
    hr = await t.tokenFor('hr');
    await t.http().post('/api/v1/activities/import').set(auth(hr)).set('content-type', TSV).send(MAP).expect(200);
  });
  afterAll(() => t.close());

  it('a table with a bad cell is refused whole, naming line and column', async () => {
    const before = [await count('activities'), await count('audit_events')];
    const bad = TABLE.replace('CP\tPolizia Municipale\tP', 'CP\tPolizia Municipale\tX');
    const res = await t.http().post('/api/v1/activities/transversal/import').set(auth(hr)).set('content-type', TSV).send(bad).expect(400);
    expect(res.body.error.code).toBe('TRANSVERSAL_IMPORT_INVALID');
    expect(res.body.error.details.errors[0]).toMatchObject({ line: 2, code: 'BAD_MODE' });
    expect([await count('activities'), await count('audit_events')]).toEqual(before);
    await t
      .http()
      .post('/api/v1/activities/transversal/import')
      .set(auth(await t.tokenFor('rtd')))
      .set('content-type', TSV)
      .send(TABLE)
      .expect(403);
  });

  it('imports one activity per filled cell; the map keeps its 676 / 544 and the transversal ones are counted apart', async () => {
    const res = await t.http().post('/api/v1/activities/transversal/import').set(auth(hr)).set('content-type', TSV).send(TABLE).expect(200);
    expect(res.body).toMatchObject({ valid: true, rows: 24, created: 206, updated: 0, servicesCreated: [] });
    expect(res.body.serviceNameDifferences).toContainEqual({
      code: 'SE',
      nameInFile: 'Gare, Appalti e Provveditorato',
      nameInDirectory: 'Gare, Provveditorato e Contratti',
    });
    const [audit] = await t.dataSource.query('SELECT action FROM audit_events ORDER BY seq DESC LIMIT 1');
    expect(audit.action).toBe('activities.transversal_import');

    const summary = (await t.http().get('/api/v1/activities/summary').set(auth(hr)).expect(200)).body;
    expect(summary.totals).toMatchObject({ macroActivities: 151, activities: 676, remoteCapable: 544 });
    expect(summary.notes).toEqual([]);
    expect(summary.transversal).toEqual({
      activities: 206,
      remoteCapable: 179,
      services: 23,
      byMode: { in_presence: 27, fully_remote: 106, partially_remote: 73, outsourced: 0 },
    });

    const again = await t.http().post('/api/v1/activities/transversal/import').set(auth(hr)).set('content-type', TSV).send(TABLE).expect(200);
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 206 });
    expect(await count('activities')).toBe(676 + 206);
  });

  it('an employee linked only to a transversal activity is eligible when its mode is remote-capable for their service', async () => {
    const pgService = (await t.dataSource.query(`SELECT id FROM services WHERE code = 'PG'`))[0].id as string;
    const pe = (await t.dataSource.query(`SELECT id FROM services WHERE code = 'PE'`))[0].id as string;
    // PG (Urbanistica): "Attività di programmazione economico finanziaria" is N; PE (Demografici): T.
    const inPresence = await find('PG', 'Attività trasversali', 'programmazione economico');
    const remote = await find('PE', 'Attività trasversali', 'programmazione economico');
    expect([inPresence.mode, remote.mode]).toEqual(['in_presence', 'fully_remote']);
    const sr = await find('SR', 'Attività trasversali (Risorse Finanziarie)', 'programmazione economico');
    expect(sr.mode).toBe('fully_remote');
    expect((await find('SR', 'Attività trasversali', 'programmazione economico')).mode).toBe('partially_remote');

    const [a, b] = [await createEmployee(t.dataSource, { serviceId: pgService }), await createEmployee(t.dataSource, { serviceId: pe })];
    await t
      .http()
      .put(`/api/v1/employees/${a.id}/activities`)
      .set(auth(hr))
      .send({ activityIds: [inPresence.id] })
      .expect(200);
    await t
      .http()
      .put(`/api/v1/employees/${b.id}/activities`)
      .set(auth(hr))
      .send({ activityIds: [remote.id] })
      .expect(200);
    expect((await t.http().get(`/api/v1/employees/${a.id}/eligibility`).set(auth(hr)).expect(200)).body.eligible).toBe(false);
    expect((await t.http().get(`/api/v1/employees/${b.id}/eligibility`).set(auth(hr)).expect(200)).body.eligible).toBe(true);
  });
});
