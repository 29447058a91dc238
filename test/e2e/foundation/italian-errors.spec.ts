import { FixedClock } from '../../../src/common/clock';
import { agreementBody, createEmployee, createService } from '../../factories';
import { auth, startTestApp, TestApp } from '../../helpers/test-app';

const IT = { 'Accept-Language': 'it-IT,it;q=0.9,en;q=0.5' };
const MISSING = '00000000-0000-4000-8000-000000000042';

/** The pages ask for Italian (web/assets/api.js): the same errors, the catalog's Italian text; anyone else gets English. */
describe('errors in Italian for the pages, English for the API', () => {
  const clock = new FixedClock(new Date('2026-03-10T09:00:00Z'));
  let t: TestApp;
  let hr: string;
  let employeeId: string;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    hr = await t.tokenFor('hr');
    const service = await createService(t.dataSource);
    employeeId = (await createEmployee(t.dataSource, { serviceId: service.id })).id;
  });
  afterAll(() => t.close());

  it('a missing entity: same code and details, the message in the language asked for, Vary: Accept-Language', async () => {
    const en = await t.http().get(`/api/v1/employees/${MISSING}`).set(auth(hr)).expect(404);
    expect(en.body.error).toEqual({ code: 'EMPLOYEE_NOT_FOUND', message: `employee ${MISSING} does not exist`, details: { entity: 'employee', id: MISSING } });
    const it = await t.http().get(`/api/v1/employees/${MISSING}`).set(auth(hr)).set(IT).expect(404);
    expect(it.body.error).toEqual({ code: 'EMPLOYEE_NOT_FOUND', message: `Il dipendente ${MISSING} non esiste`, details: { entity: 'employee', id: MISSING } });
    expect(it.headers.vary).toMatch(/Accept-Language/i);
    // English first, Italian second: English
    const second = await t.http().get(`/api/v1/employees/${MISSING}`).set(auth(hr)).set('Accept-Language', 'en-GB, it;q=0.8').expect(404);
    expect(second.body.error.message).toBe(`employee ${MISSING} does not exist`);
  });

  it("a validation failure: the sentence and each field problem in Italian, the field names the API's", async () => {
    const body = agreementBody(employeeId, { remoteDaysPerWeek: 'two', objectives: 7, surprise: true });
    const en = await t.http().post('/api/v1/agreements').set(auth(hr)).send(body).expect(400);
    expect(en.body.error.code).toBe('VALIDATION_FAILED');
    expect(en.body.error.message).toBe('The request is not valid');
    const it = await t.http().post('/api/v1/agreements').set(auth(hr)).set(IT).send(body).expect(400);
    expect(it.body.error.code).toBe('VALIDATION_FAILED');
    expect(it.body.error.message).toBe('Alcuni dati non sono validi: controllare i campi indicati');
    const fields = it.body.error.details.fields as { field: string; messages: string[] }[];
    expect(fields.map((f) => f.field).sort()).toEqual((en.body.error.details.fields as { field: string }[]).map((f) => f.field).sort());
    expect(fields).toEqual(
      expect.arrayContaining([
        { field: 'remoteDaysPerWeek', messages: expect.arrayContaining(['deve essere un numero intero']) },
        { field: 'objectives', messages: expect.arrayContaining(['deve essere un testo']) },
        { field: 'surprise', messages: ['questo campo non è previsto'] },
      ]),
    );
    for (const f of fields) for (const m of f.messages) expect(m).not.toMatch(/ must | should | is not /);
  });

  it('a rule violation with a date: gg/mm/aaaa in the Italian sentence, YYYY-MM-DD in the details', async () => {
    const body = agreementBody(employeeId, { safetyNoticeDeliveredOn: '2026-03-11' });
    const en = await t.http().post('/api/v1/agreements').set(auth(hr)).send(body).expect(422);
    expect(en.body.error.message).toBe('The safety notice cannot be recorded as delivered after today');
    const it = await t.http().post('/api/v1/agreements').set(auth(hr)).set(IT).send(body).expect(422);
    expect(it.body.error).toEqual({
      code: 'SAFETY_NOTICE_DATE_IN_FUTURE',
      message: "L'informativa sulla sicurezza non può risultare consegnata dopo la data di oggi (data indicata: 11/03/2026)",
      details: { deliveredOn: '2026-03-11', today: '2026-03-10' },
    });
  });

  it("the HTTP layer's own codes too: an unknown route, malformed data, a missing session", async () => {
    expect((await t.http().get('/api/v1/nothing-here').set(IT).expect(404)).body).toEqual({
      error: { code: 'ROUTE_NOT_FOUND', message: 'Indirizzo non trovato' },
    });
    const bad = await t.http().post('/api/v1/agreements').set(auth(hr)).set(IT).set('content-type', 'application/json').send('{"employeeId": ').expect(400);
    expect(bad.body.error).toEqual({ code: 'MALFORMED_JSON', message: 'I dati inviati non sono leggibili: il formato non è valido' });
    const anonymous = await t.http().get('/api/v1/agreements').set(IT).expect(401);
    expect(anonymous.body.error).toEqual({ code: 'UNAUTHENTICATED', message: 'Sessione assente o scaduta: accedere di nuovo' });
  });
});
