import { FixedClock } from '../../../src/common/clock';
import { createEmployee, createService } from '../../factories';
import { auth, startTestApp, TestApp } from '../../helpers/test-app';

/**
 * The POLA report's inputs from people (issue 14): the RTD declares what the service cannot measure, HR imports the
 * attendance system's monthly totals per service. Through HTTP, with the roles of SPEC §1 and the audit chain.
 */
const HEADER = 'anno;mese;servizio;giorni_lavorativi;giorni_lavoro_agile;giorni_assenza';
const csv = (...rows: string[]) => [HEADER, ...rows, ''].join('\n');

describe('POLA inputs: declared values and HR attendance totals', () => {
  const clock = new FixedClock(new Date('2023-06-15T09:00:00Z'));
  let t: TestApp;
  let rtd: string;
  let hr: string;
  let employeeNumber: string;

  const count = async (table: string) => Number((await t.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
  const auditOf = async (action: string) =>
    t.dataSource.query<{ actor_role: string; entity_id: string; summary: string }[]>(
      `SELECT actor_role, entity_id, summary FROM audit_events WHERE action = '${action}' ORDER BY seq`,
    );
  const put = (token: string, year: number | string, indicator: string, body: object) =>
    t.http().put(`/api/v1/kpi/declared/${year}/${indicator}`).set(auth(token)).send(body);
  const importCsv = (token: string, body: string) => t.http().post('/api/v1/kpi/attendance/import').set(auth(token)).set('Content-Type', 'text/csv').send(body);

  beforeAll(async () => {
    t = await startTestApp({ clock });
    rtd = await t.tokenFor('rtd', 'Responsabile Transizione Digitale');
    hr = await t.tokenFor('hr', 'Ufficio Personale');
    const sit = await createService(t.dataSource, { code: 'SIT', name: 'Sistema Informativo' });
    await createService(t.dataSource, { code: 'RAG', name: 'Ragioneria' });
    employeeNumber = (await createEmployee(t.dataSource, { serviceId: sit.id })).employeeNumber;
  });
  afterAll(() => t.close());

  it('the RTD declares a value with its evidence note, replaces it and withdraws it; each step audited with old and new', async () => {
    const first = await put(rtd, 2022, 'digitalised_processes_pct', { value: 95, note: 'Censimento dei processi 2022, delibera 12/2023' }).expect(200);
    expect(first.body).toMatchObject({
      indicator: 'digitalised_processes_pct',
      year: 2022,
      value: 95,
      version: 1,
      declaredBy: 'Responsabile Transizione Digitale',
    });
    const second = await put(rtd, 2022, 'digitalised_processes_pct', { value: 96.5, note: 'Censimento aggiornato a dicembre' }).expect(200);
    expect(second.body).toMatchObject({ value: 96.5, version: 2, note: 'Censimento aggiornato a dicembre' });
    await put(rtd, 2022, 'intranet_present', { value: true, note: 'Intranet comunale in esercizio' }).expect(200);

    const list = await t.http().get('/api/v1/kpi/declared?year=2022').set(auth(rtd)).expect(200);
    expect(list.body.values.map((v: { indicator: string; value: unknown }) => [v.indicator, v.value])).toEqual([
      ['digitalised_processes_pct', 96.5],
      ['intranet_present', true],
    ]);
    expect(list.body.missing).toHaveLength(8);
    expect(list.body.missing).not.toContain('intranet_present');

    const removed = await t.http().delete('/api/v1/kpi/declared/2022/intranet_present').set(auth(rtd)).expect(200);
    expect(removed.body).toMatchObject({ indicator: 'intranet_present', value: true });
    await t.http().delete('/api/v1/kpi/declared/2022/intranet_present').set(auth(rtd)).expect(404);
    expect((await t.http().get('/api/v1/kpi/declared?year=2022').set(auth(rtd)).expect(200)).body.values).toHaveLength(1);

    const audit = [
      ...(await auditOf('kpi.declared_value.declare')),
      ...(await auditOf('kpi.declared_value.replace')),
      ...(await auditOf('kpi.declared_value.withdraw')),
    ];
    expect(audit.map((a) => a.entity_id)).toEqual([
      '2022/digitalised_processes_pct',
      '2022/intranet_present',
      '2022/digitalised_processes_pct',
      '2022/intranet_present',
    ]);
    const replaced = JSON.parse(audit[2].summary);
    expect(replaced.before).toMatchObject({ value: 95, note: 'Censimento dei processi 2022, delibera 12/2023' });
    expect(replaced.after).toEqual({ value: 96.5, note: 'Censimento aggiornato a dicembre' });
    expect(JSON.parse(audit[3].summary)).toMatchObject({ before: { value: true }, after: null });
    expect(audit.every((a) => a.actor_role === 'rtd')).toBe(true);
  });

  it('refuses bad declarations with stable codes, writing nothing', async () => {
    const before = { rows: await count('kpi_declared_values'), audit: await count('audit_events') };
    const cases: [number | string, string, object, string][] = [
      [2022, 'laptops_for_remote_work', { value: 300, note: 'Dal registro' }, 'DECLARED_INDICATOR_NOT_DECLARABLE'],
      [2022, 'absence_days_pct', { value: 17, note: 'Dal personale' }, 'DECLARED_INDICATOR_NOT_DECLARABLE'],
      [2019, 'intranet_present', { value: true, note: 'Intranet attiva' }, 'DECLARED_YEAR_OUT_OF_RANGE'],
      [2024, 'intranet_present', { value: true, note: 'Intranet attiva' }, 'DECLARED_YEAR_OUT_OF_RANGE'],
      ['duemila', 'intranet_present', { value: true, note: 'Intranet attiva' }, 'DECLARED_YEAR_OUT_OF_RANGE'],
      [2022, 'intranet_present', { value: 'si', note: 'Intranet attiva' }, 'DECLARED_VALUE_INVALID'],
      [2022, 'apps_reachable_remotely_pct', { value: 101, note: 'Censimento' }, 'DECLARED_VALUE_INVALID'],
      [2022, 'apps_reachable_remotely_pct', { value: true, note: 'Censimento' }, 'DECLARED_VALUE_INVALID'],
      [2022, 'apps_reachable_remotely_pct', { value: 90 }, 'DECLARED_NOTE_INVALID'],
      [2022, 'apps_reachable_remotely_pct', { value: 90, note: 'ok' }, 'DECLARED_NOTE_INVALID'],
      [2022, 'apps_reachable_remotely_pct', { value: 90, note: 'Censimento', extra: 1 }, 'VALIDATION_FAILED'],
    ];
    for (const [year, indicator, body, code] of cases) {
      const res = await put(rtd, year, indicator, body);
      expect([year, indicator, res.status, res.body.error.code]).toEqual([year, indicator, 400, code]);
    }
    expect(await count('kpi_declared_values')).toBe(before.rows);
    expect(await count('audit_events')).toBe(before.audit);
  });

  it('HR cannot declare, the RTD cannot import; the RTD reads the attendance aggregates', async () => {
    await put(hr, 2022, 'intranet_present', { value: true, note: 'Intranet attiva' }).expect(403);
    await t.http().get('/api/v1/kpi/declared?year=2022').set(auth(hr)).expect(403);
    await importCsv(rtd, csv('2022;1;SIT;420;147;70')).expect(403);
    await t.http().get('/api/v1/kpi/attendance?year=2022').set(auth(rtd)).expect(200);
    await put(t.adminToken, 2021, 'intranet_present', { value: true, note: 'Intranet attiva dal 2019' }).expect(200);
  });

  it('imports a good file all at once, reads it back as sums per month and service, and replaces the months it carries', async () => {
    const res = await importCsv(hr, csv('2022;1;SIT;420;147;70', '2022;1;RAG;200;50;40,5', '2022;2;SIT;400;150;60')).expect(200);
    expect(res.body).toEqual({ rows: 3, months: ['2022-01', '2022-02'], services: 2, replacedRows: 0 });
    const read = await t.http().get('/api/v1/kpi/attendance?year=2022').set(auth(hr)).expect(200);
    expect(read.body.totals).toEqual({
      months: 2,
      services: 2,
      workingDays: 1020,
      remoteDays: 347,
      absenceDays: 170.5,
      remoteDaysPct: 34.02,
      absenceDaysPct: 16.72,
    });
    expect(read.body.months.map((m: { month: string; services: number; workingDays: number }) => [m.month, m.services, m.workingDays])).toEqual([
      ['2022-01', 2, 620],
      ['2022-02', 1, 400],
    ]);
    expect(read.body.services.map((s: { serviceCode: string; months: number }) => [s.serviceCode, s.months])).toEqual([
      ['RAG', 1],
      ['SIT', 2],
    ]);
    // January again, SIT only: January's RAG row goes with it; February stays
    const again = await importCsv(hr, csv('2022;1;SIT;410;150;60')).expect(200);
    expect(again.body).toEqual({ rows: 1, months: ['2022-01'], services: 1, replacedRows: 2 });
    const after = await t.http().get('/api/v1/kpi/attendance?year=2022').set(auth(rtd)).expect(200);
    expect(after.body.totals).toMatchObject({ months: 2, services: 1, workingDays: 810, remoteDays: 300 });
    const audit = await auditOf('kpi.attendance.import');
    expect(audit).toHaveLength(2);
    expect(JSON.parse(audit[0].summary)).toEqual({ rows: 3, months: 2, firstMonth: '2022-01', lastMonth: '2022-02', services: 2, replacedRows: 0 });
    expect((await t.http().get('/api/v1/kpi/attendance?year=2021').set(auth(rtd)).expect(200)).body).toEqual({
      year: 2021,
      totals: null,
      months: [],
      services: [],
    });
  });

  it('refuses a file with per-person rows whole: nothing written, nothing audited, no personal value echoed', async () => {
    const before = { rows: await count('kpi_attendance_totals'), audit: await count('audit_events') };
    const files: [string, string][] = [
      ['matricola;' + HEADER + '\nM1;2022;3;SIT;21;7;1\nM2;2022;3;SIT;21;5;0\n', 'PERSON_COLUMN'],
      [csv('2022;3;SIT;21;7;1', '2022;3;RSSMRA80A01H501U;21;5;0'), 'TAX_CODE_VALUE'],
      [csv('2022;3;SIT;21;7;1', '2022;3;mario.rossi@comune.example.it;21;5;0'), 'EMAIL_VALUE'],
      [csv('2022;3;SIT;21;7;1', `2022;3;${employeeNumber};21;5;0`), 'EMPLOYEE_NUMBER_VALUE'],
      [csv('2022;3;SIT;21;7;1', '2022;3;RAG;21;7;1', '2022;3;SIT;21;5;0'), 'REPEATED_SERVICE_MONTH'],
    ];
    for (const [body, reason] of files) {
      const res = await importCsv(hr, body).expect(400);
      expect([reason, res.body.error.code]).toEqual([reason, 'ATTENDANCE_PER_PERSON_DATA']);
      expect(res.body.error.details.reasons.map((r: { code: string }) => r.code)).toContain(reason);
      expect(JSON.stringify(res.body)).not.toMatch(/RSSMRA|mario\.rossi/);
    }
    const repeated = (await importCsv(hr, files[4][0]).expect(400)).body.error.details.reasons[0];
    expect(repeated).toMatchObject({ code: 'REPEATED_SERVICE_MONTH', line: 4 });
    expect(repeated.message).toContain('riga 4 del file');
    expect(await count('kpi_attendance_totals')).toBe(before.rows);
    expect(await count('audit_events')).toBe(before.audit);
  });

  it('refuses a file with bad rows whole, naming the line and the column', async () => {
    const before = await count('kpi_attendance_totals');
    const res = await importCsv(hr, csv('2022;4;SIT;21;7;1', '2022;4;XYZ;21;7;1', '2022;13;RAG;21;7;1')).expect(400);
    expect(res.body.error.code).toBe('ATTENDANCE_IMPORT_INVALID');
    expect(res.body.error.details.errors.map((e: { line: number; column: string; code: string }) => [e.line, e.column, e.code])).toEqual([
      [3, 'servizio', 'UNKNOWN_SERVICE'],
      [4, 'mese', 'BAD_MONTH'],
    ]);
    expect(res.body.error.details.errors[0].message).toBe("riga 3 del file, colonna servizio: il servizio non è nell'anagrafe");
    expect(await count('kpi_attendance_totals')).toBe(before);
    expect((await importCsv(hr, '').expect(400)).body.error.code).toBe('CSV_BODY_REQUIRED');
  });

  it('gives the POLA report its sums and declarations through the services', async () => {
    const { AttendanceTotalsService } = await import('../../../src/kpi/attendance-totals.service');
    const { DeclaredValuesService } = await import('../../../src/kpi/declared-values.service');
    expect(await t.get(AttendanceTotalsService).forYear(2022)).toEqual({ months: 2, services: 1, workingDays: 810, remoteDays: 300, absenceDays: 120 });
    expect(await t.get(AttendanceTotalsService).forYear(2020)).toBeNull();
    const declared = await t.get(DeclaredValuesService).forYear(2022);
    expect(declared).toEqual([
      expect.objectContaining({
        indicator: 'digitalised_processes_pct',
        year: 2022,
        value: { kind: 'number', value: 96.5 },
        note: 'Censimento aggiornato a dicembre',
      }),
    ]);
  });
});
