import { randomUUID } from 'node:crypto';
import { createActivity, createEmployee, createManager, createService } from '../../factories';
import { auth, startTestApp, TestApp } from '../../helpers/test-app';
import { managerSession } from '../manager/manager-fixtures';

describe('employee ↔ activity links and eligibility', () => {
  let t: TestApp;
  let manager: string;
  let ids: { presence: string; outsourced: string; partial: string; fully: string };
  let employeeId: string;
  beforeAll(async () => {
    t = await startTestApp();
    const service = await createService(t.dataSource, { code: 'SD', name: 'Sistema Informativo' });
    // the manager of the service, with their own login: a manager reaches only their people
    manager = await managerSession(t, await createManager(t.dataSource, service.id), new Date());
    const make = async (name: string, mode: 'in_presence' | 'outsourced' | 'partially_remote' | 'fully_remote') =>
      (await createActivity(t.dataSource, service, { name, mode })).id;
    ids = {
      presence: await make('Cablaggi', 'in_presence'),
      outsourced: await make('Manutenzione stampanti', 'outsourced'),
      partial: await make('Gestione rete', 'partially_remote'),
      fully: await make('Sviluppo applicativi', 'fully_remote'),
    };
    employeeId = (await createEmployee(t.dataSource, { serviceId: service.id })).id;
  });
  afterAll(() => t.close());

  it('an employee with no links is not eligible', async () => {
    const res = await t.http().get(`/api/v1/employees/${employeeId}/eligibility`).set(auth(manager)).expect(200);
    expect(res.body).toEqual({ employeeId, eligible: false, decidingActivities: [], linkedActivities: 0 });
  });

  it('activities in presence or outsourced do not make anyone eligible', async () => {
    const res = await t
      .http()
      .put(`/api/v1/employees/${employeeId}/activities`)
      .set(auth(manager))
      .send({ activityIds: [ids.presence, ids.outsourced] })
      .expect(200);
    expect(res.body).toMatchObject({ eligible: false, decidingActivities: [], linkedActivities: 2 });
  });

  it('linking a partially or fully remote activity makes the employee eligible, and names the deciding activities', async () => {
    const res = await t
      .http()
      .put(`/api/v1/employees/${employeeId}/activities`)
      .set(auth(await t.tokenFor('hr')))
      .send({ activityIds: [ids.presence, ids.partial, ids.fully] })
      .expect(200);
    expect(res.body.eligible).toBe(true);
    expect(res.body.linkedActivities).toBe(3);
    expect(res.body.decidingActivities.map((a: { name: string; mode: string }) => [a.name, a.mode]).sort()).toEqual([
      ['Gestione rete', 'partially_remote'],
      ['Sviluppo applicativi', 'fully_remote'],
    ]);
    const read = await t
      .http()
      .get(`/api/v1/employees/${employeeId}/eligibility`)
      .set(auth(await t.tokenFor('technician')))
      .expect(200);
    expect(read.body).toEqual(res.body);
  });

  it('PUT replaces the whole set: an empty list removes every link', async () => {
    const res = await t.http().put(`/api/v1/employees/${employeeId}/activities`).set(auth(manager)).send({ activityIds: [] }).expect(200);
    expect(res.body).toMatchObject({ eligible: false, linkedActivities: 0 });
  });

  it('unknown activities, unknown employees and malformed bodies are refused and change nothing', async () => {
    await t
      .http()
      .put(`/api/v1/employees/${employeeId}/activities`)
      .set(auth(manager))
      .send({ activityIds: [ids.fully] })
      .expect(200);
    const unknown = randomUUID();
    const res = await t
      .http()
      .put(`/api/v1/employees/${employeeId}/activities`)
      .set(auth(manager))
      .send({ activityIds: [ids.partial, unknown] })
      .expect(422);
    expect(res.body.error).toMatchObject({ code: 'UNKNOWN_ACTIVITIES', details: { activityIds: [unknown] } });
    const after = await t.http().get(`/api/v1/employees/${employeeId}/eligibility`).set(auth(manager)).expect(200);
    expect(after.body.decidingActivities.map((a: { id: string }) => a.id)).toEqual([ids.fully]);

    const missing = await t.http().put(`/api/v1/employees/${randomUUID()}/activities`).set(auth(manager)).send({ activityIds: [] }).expect(404);
    expect(missing.body.error.code).toBe('EMPLOYEE_NOT_FOUND');
    const dup = await t
      .http()
      .put(`/api/v1/employees/${employeeId}/activities`)
      .set(auth(manager))
      .send({ activityIds: [ids.fully, ids.fully] })
      .expect(400);
    expect(dup.body.error.code).toBe('VALIDATION_FAILED');
    await t
      .http()
      .put(`/api/v1/employees/${employeeId}/activities`)
      .set(auth(await t.tokenFor('rtd')))
      .send({ activityIds: [] })
      .expect(403);
  });

  it('every change of links is audited', async () => {
    const rows: { action: string }[] = await t.dataSource
      .createQueryBuilder()
      .select('a.action', 'action')
      .from('audit_events', 'a')
      .where("a.entity_type = 'employee' AND a.entity_id = :id", { id: employeeId })
      .getRawMany();
    expect(rows.filter((r) => r.action === 'employee.activities_replace').length).toBe(4);
  });
});
