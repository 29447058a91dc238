import { FixedClock } from '../../../src/common/clock';
import { TrainingIndicators } from '../../../src/training';
import { createEmployee, createManager, createService } from '../../factories';
import { auth, startTestApp, TestApp } from '../../helpers/test-app';

/** Training records through HTTP: who may read names, all-or-nothing participants, the hot-line's one-step mini-training. */
describe('training records', () => {
  const clock = new FixedClock(new Date('2022-05-03T09:00:00Z'));
  let t: TestApp;
  let hr: string;
  let rtd: string;
  let hotline: string;
  let ids: { anna: string; bruno: string; left: string; manager: string };

  const count = async (table: string): Promise<number> => Number((await t.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
  const lastAudit = async () => (await t.dataSource.query('SELECT action, entity_id FROM audit_events ORDER BY seq DESC LIMIT 1'))[0];
  const course = (body: Record<string, unknown> = {}) => ({
    title: 'Lavorare in smart working: strumenti e sicurezza',
    kind: 'remote_work',
    date: '2022-03-15',
    hours: 4.5,
    provider: 'Formez PA',
    costCents: 120000,
    ...body,
  });

  beforeAll(async () => {
    t = await startTestApp({ clock });
    [hr, rtd, hotline] = [await t.tokenFor('hr'), await t.tokenFor('rtd'), await t.tokenFor('hotline')];
    const s = await createService(t.dataSource, { code: 'TR', name: 'Servizio Formazione' });
    const anna = await createEmployee(t.dataSource, { serviceId: s.id, firstName: 'Anna', lastName: 'Rossi' });
    const bruno = await createEmployee(t.dataSource, { serviceId: s.id });
    const left = await createEmployee(t.dataSource, { serviceId: s.id, firstName: 'Carla', lastName: 'Cessata', active: false });
    const manager = await createManager(t.dataSource, s.id);
    ids = { anna: anna.id, bruno: bruno.id, left: left.id, manager: manager.id };
  });
  afterAll(() => t?.close());

  it('HR records a course and its participants; each change is audited; the RTD reads the course without names', async () => {
    const before = await count('audit_events');
    const created = await t.http().post('/api/v1/training/courses').set(auth(hr)).send(course()).expect(201);
    expect(created.body).toMatchObject({ kind: 'remote_work', hours: 4.5, costCents: 120000, costEur: 1200, participantCount: 0 });
    expect(await lastAudit()).toEqual({ action: 'training.course_created', entity_id: created.body.id });

    const added = await t
      .http()
      .post(`/api/v1/training/courses/${created.body.id}/participants`)
      .set(auth(hr))
      .send({ employeeIds: [ids.anna, ids.bruno, ids.anna] })
      .expect(200);
    expect(added.body).toMatchObject({ added: [ids.anna, ids.bruno], participantCount: 2 });
    expect(await lastAudit()).toEqual({ action: 'training.participants_added', entity_id: created.body.id });
    expect(await count('audit_events')).toBe(before + 2);

    const forHr = await t.http().get(`/api/v1/training/courses/${created.body.id}`).set(auth(hr)).expect(200);
    expect(forHr.body.participants.map((p: { name: string }) => p.name)).toContain('Anna Rossi');
    const forRtd = await t.http().get(`/api/v1/training/courses/${created.body.id}`).set(auth(rtd)).expect(200);
    expect(forRtd.body.participantCount).toBe(2);
    expect(forRtd.body).not.toHaveProperty('participants');
    expect(JSON.stringify(forRtd.body)).not.toContain('Rossi');
    await t
      .http()
      .post(`/api/v1/training/courses/${created.body.id}/participants`)
      .set(auth(rtd))
      .send({ employeeIds: [ids.anna] })
      .expect(403);
    await t.http().post('/api/v1/training/courses').set(auth(rtd)).send(course()).expect(403);

    await t.http().delete(`/api/v1/training/courses/${created.body.id}/participants/${ids.bruno}`).set(auth(hr)).expect(200);
    expect(await lastAudit()).toEqual({ action: 'training.participant_removed', entity_id: created.body.id });
    const missing = await t.http().delete(`/api/v1/training/courses/${created.body.id}/participants/${ids.bruno}`).set(auth(hr)).expect(404);
    expect(missing.body.error.code).toBe('TRAINING_PARTICIPANT_NOT_FOUND');
  });

  it('refuses participants all or nothing, naming the unknown and the inactive employee', async () => {
    const c = (
      await t
        .http()
        .post('/api/v1/training/courses')
        .set(auth(hr))
        .send(course({ kind: 'digital', title: 'Office 365 di base' }))
        .expect(201)
    ).body;
    const [rows, audit] = [await count('training_participants'), await count('audit_events')];
    const unknown = '3f1c0a52-0000-4000-8000-000000000001';
    const res = await t
      .http()
      .post(`/api/v1/training/courses/${c.id}/participants`)
      .set(auth(hr))
      .send({ employeeIds: [ids.anna, unknown, ids.left] })
      .expect(422);
    expect(res.body.error.code).toBe('TRAINING_PARTICIPANTS_REFUSED');
    expect(res.body.error.details.unknownEmployeeIds).toEqual([unknown]);
    expect(res.body.error.details.inactiveEmployees).toEqual([expect.objectContaining({ id: ids.left, name: expect.stringContaining('Carla Cessata') })]);
    expect([await count('training_participants'), await count('audit_events')]).toEqual([rows, audit]);
  });

  it('answers bad input with 400 and a stable code, writing nothing', async () => {
    const [courses, audit] = [await count('training_courses'), await count('audit_events')];
    for (const bad of [course({ hours: 0 }), course({ hours: 1.234 }), course({ kind: 'yoga' }), course({ costCents: -5 }), course({ date: '2022-02-30' })]) {
      const res = await t.http().post('/api/v1/training/courses').set(auth(hr)).send(bad).expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
    const notUuid = await t
      .http()
      .post('/api/v1/training/courses/xyz/participants')
      .set(auth(hr))
      .send({ employeeIds: [ids.anna] })
      .expect(400);
    expect(notUuid.body.error.code).toBe('INVALID_ID');
    const c = (await t.http().get('/api/v1/training/courses?limit=1').set(auth(hr)).expect(200)).body.items[0];
    const empty = await t.http().post(`/api/v1/training/courses/${c.id}/participants`).set(auth(hr)).send({ employeeIds: [] }).expect(400);
    expect(empty.body.error.code).toBe('VALIDATION_FAILED');
    expect([await count('training_courses'), await count('audit_events')]).toEqual([courses + 0, audit]);
  });

  it("records the hot-line's mini-training in one step, once per employee and day", async () => {
    const first = await t.http().post('/api/v1/training/hotline-onboarding').set(auth(hotline)).send({ employeeId: ids.bruno }).expect(200);
    expect(first.body).toMatchObject({ created: true, date: '2022-05-03', employeeId: ids.bruno });
    expect(first.body.course).toMatchObject({ title: 'Mini-formazione hot-line: VPN e desktop remoto', kind: 'remote_work', hours: 0.5, costCents: 0 });
    expect(await lastAudit()).toEqual({ action: 'training.hotline_onboarding', entity_id: first.body.course.id });

    const [courses, rows, audit] = [await count('training_courses'), await count('training_participants'), await count('audit_events')];
    const again = await t.http().post('/api/v1/training/hotline-onboarding').set(auth(hotline)).send({ employeeId: ids.bruno, date: '2022-05-03' }).expect(200);
    expect(again.body).toMatchObject({ created: false, course: { id: first.body.course.id, participantCount: 1 } });
    expect([await count('training_courses'), await count('training_participants'), await count('audit_events')]).toEqual([courses, rows, audit]);

    const second = await t.http().post('/api/v1/training/hotline-onboarding').set(auth(hotline)).send({ employeeId: ids.anna }).expect(200);
    expect(second.body.course).toMatchObject({ id: first.body.course.id, participantCount: 2 });
    expect(await count('training_courses')).toBe(courses);

    const refused = await t.http().post('/api/v1/training/hotline-onboarding').set(auth(hotline)).send({ employeeId: ids.left }).expect(422);
    expect(refused.body.error.code).toBe('TRAINING_EMPLOYEE_INACTIVE');
    const future = await t.http().post('/api/v1/training/hotline-onboarding').set(auth(hotline)).send({ employeeId: ids.anna, date: '2022-05-04' }).expect(400);
    expect(future.body.error.code).toBe('VALIDATION_FAILED');
    await t.http().post('/api/v1/training/hotline-onboarding').set(auth(hr)).send({ employeeId: ids.anna }).expect(403);
  });

  it('gives the RTD the year in aggregates, and the KPI port the same figures', async () => {
    const lead = (
      await t
        .http()
        .post('/api/v1/training/courses')
        .set(auth(hr))
        .send(course({ kind: 'remote_management', title: 'Guidare team a distanza', costCents: 50000 }))
        .expect(201)
    ).body;
    await t
      .http()
      .post(`/api/v1/training/courses/${lead.id}/participants`)
      .set(auth(hr))
      .send({ employeeIds: [ids.manager] })
      .expect(200);
    await t
      .http()
      .post(`/api/v1/training/courses/${lead.id}/participants`)
      .set(auth(hr))
      .send({ employeeIds: [ids.anna], attended: false })
      .expect(200);

    const summary = (await t.http().get('/api/v1/training/summary?year=2022').set(auth(rtd)).expect(200)).body;
    expect(summary).toMatchObject({ year: 2022, courses: 4, participants: 3, costCents: 120000 + 120000 + 50000, costEur: 2900 });
    const byKind = Object.fromEntries(summary.byKind.map((k: { kind: string }) => [k.kind, k]));
    expect(byKind.remote_work).toMatchObject({ courses: 2, hours: 5, participants: 2, participations: 3 });
    expect(byKind.remote_management).toMatchObject({ courses: 1, participants: 1, costEur: 500 });
    expect(byKind.digital).toMatchObject({ courses: 1, participants: 0 });
    expect(JSON.stringify(summary)).not.toMatch(/Rossi|employeeId/);
    expect((await t.http().get('/api/v1/training/summary?year=2021').set(auth(rtd)).expect(200)).body).toMatchObject({ courses: 0, participants: 0 });
    await t.http().get('/api/v1/training/summary?year=abc').set(auth(rtd)).expect(400);

    const port = t.get(TrainingIndicators);
    expect(await port.participants(['remote_management'], '2022-01-01', '2022-12-31')).toEqual([ids.manager]);
    expect((await port.participants(['remote_work'], '2022-01-01', '2022-12-31')).sort()).toEqual([ids.anna, ids.bruno].sort());
    expect(await port.participants(['remote_work'], '2022-05-04', '2022-12-31')).toEqual([]);
    expect(await port.costCents(['remote_work', 'remote_management'], '2022-01-01', '2022-12-31')).toBe(170000);
    expect(await port.costCents(['digital'], '2021-01-01', '2021-12-31')).toBe(0);
  });
});
