import { createHash } from 'node:crypto';
import { FixedClock } from '../../../src/common/clock';
import { EmployeeEntity } from '../../../src/directory/employee.entity';
import { agreementBody, createEmployee, createManager, createService } from '../../factories';
import { readPdf } from '../../helpers/pdf-text';
import { auth, startTestApp, TestApp } from '../../helpers/test-app';
import { binaryParser, countRows, pdfText } from '../inventory/inventory-fixtures';
import { managerSession } from '../manager/manager-fixtures';

const TODAY = '2026-03-10';
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const fakePdf = (label: string) => Buffer.from(`%PDF-1.4\n% scansione firmata ${label}\n%%EOF\n`, 'latin1');

describe('the agreement document (PDF from the template) and the signed copy', () => {
  const clock = new FixedClock(new Date(`${TODAY}T09:00:00Z`));
  let t: TestApp;
  let hr: string;
  let manager: string;
  let technician: string;
  let serviceId: string;
  let boss: EmployeeEntity;

  beforeAll(async () => {
    t = await startTestApp({ clock, env: { MUNICIPALITY_NAME: 'Comune di Prato' } });
    hr = await t.tokenFor('hr');
    technician = await t.tokenFor('technician');
    serviceId = (await createService(t.dataSource, { name: 'Servizio Tributi' })).id;
    boss = await createManager(t.dataSource, serviceId);
    manager = await managerSession(t, boss, clock.now());
  });
  afterAll(() => t.close());

  const draftFor = async (terms: Record<string, unknown> = {}, person: Partial<EmployeeEntity> = {}) => {
    const e = await createEmployee(t.dataSource, { serviceId, firstName: 'Giulia', lastName: 'Verdi', ...person });
    const res = await t.http().post('/api/v1/agreements').set(auth(hr)).send(agreementBody(e.id, terms)).expect(201);
    return { employee: e, agreement: res.body as { id: string; version: number } };
  };
  const getPdf = (id: string, token = hr) => t.http().get(`/api/v1/agreements/${id}/document.pdf`).set(auth(token)).buffer(true).parse(binaryParser);
  const upload = (id: string, body: Buffer | string, type = 'application/pdf') =>
    t.http().post(`/api/v1/agreements/${id}/signed-document`).set(auth(hr)).set('Content-Type', type).send(body);

  it('is the agreement in Italian with its values, the same bytes at every request and after a signature, with its SHA-256', async () => {
    const { employee, agreement } = await draftFor({
      startDate: '2026-04-01',
      endDate: '2026-12-31',
      remoteDaysPerWeek: 3,
      places: ['domicilio', 'sede di via Roma'],
      contactBand: '10:00-12:00',
      nonOperabilityBand: '19:30-08:00',
      toolsProvided: ['notebook', 'cuffie'],
      objectives: 'Riduzione dei tempi di istruttoria delle pratiche TARI',
      resultsMonitoring: 'Report trimestrale al dirigente',
    });
    const res = await getPdf(agreement.id, manager).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const bytes = res.body as Buffer;
    expect(res.headers['x-content-sha256']).toBe(sha(bytes));
    const text = await pdfText(bytes);
    for (const expected of [
      'COMUNE DI PRATO',
      'Accordo individuale di lavoro agile',
      `Verdi Giulia (matricola ${employee.employeeNumber})`,
      'in servizio presso Servizio Tributi',
      'il Dirigente del servizio Servizio Tributi',
      'dal 01/04/2026 al 31/12/2026',
      'per 3 giornate a settimana',
      'domicilio; sede di via Roma',
      'dalle 10:00 alle 12:00',
      'dalle 19:30 alle 08:00',
      'notebook; cuffie',
      'Riduzione dei tempi di istruttoria delle pratiche TARI',
      'Report trimestrale al dirigente',
      'Art. 4 – Diritto alla disconnessione',
      `Accordo n. ${agreement.id}`,
    ]) {
      expect(text).toContain(expected);
    }
    // No placeholder left, nothing of special category.
    expect(text).not.toMatch(/\{\{|\}\}|disabilit/);
    // One page per footer "pagina i di n": no blank trailing page.
    const numpages = (await readPdf(bytes)).pages.length;
    expect(text).toContain(`pagina ${numpages} di ${numpages}`);

    const again = await getPdf(agreement.id).expect(200);
    expect(sha(again.body as Buffer)).toBe(sha(bytes));
    await t
      .http()
      .post(`/api/v1/agreements/${agreement.id}/sign`)
      .set(auth(hr))
      .send({ party: 'employee', signerEmployeeId: employee.id, documentSha256: sha(bytes) })
      .expect(200);
    const afterSigning = await getPdf(agreement.id).expect(200);
    expect(afterSigning.headers['x-content-sha256']).toBe(sha(bytes));
  });

  it('changes when the draft terms change, and only HR and managers read it', async () => {
    const { agreement } = await draftFor();
    const before = (await getPdf(agreement.id).expect(200)).headers['x-content-sha256'];
    await t.http().patch(`/api/v1/agreements/${agreement.id}`).set(auth(hr)).send({ remoteDaysPerWeek: 1 }).expect(200);
    const after = await getPdf(agreement.id).expect(200);
    expect(after.headers['x-content-sha256']).not.toBe(before);
    expect(await pdfText(after.body as Buffer)).toContain('per 1 giornate a settimana');
    const refused = await t.http().get(`/api/v1/agreements/${agreement.id}/document.pdf`).set(auth(technician)).expect(403);
    expect(refused.body.error.code).toBe('FORBIDDEN');
    const missing = await t.http().get('/api/v1/agreements/3f0b1c2d-4e5f-4a6b-8c7d-9e0f1a2b3c4d/document.pdf').set(auth(hr)).expect(404);
    expect(missing.body.error.code).toBe('AGREEMENT_NOT_FOUND');
  });

  it("a manager's agreement is countersigned by the Direttore Generale, and says so", async () => {
    const { agreement } = await draftFor({ remoteDaysPerWeek: 1 }, { isManager: true, firstName: 'Marco', lastName: 'Neri' });
    const text = await pdfText((await getPdf(agreement.id).expect(200)).body as Buffer);
    expect(text).toContain('rappresentato da il Direttore Generale');
  });

  it('the upload is stored byte for byte, its SHA-256 recorded on the agreement and audited; the signatures then carry it', async () => {
    const { employee, agreement } = await draftFor();
    const scan = fakePdf('A');
    const res = await upload(agreement.id, scan).expect(201);
    expect(res.body).toMatchObject({ agreementId: agreement.id, sha256: sha(scan), sizeBytes: scan.length });
    const stored = await t.http().get(`/api/v1/agreements/${agreement.id}`).set(auth(hr)).expect(200);
    expect(stored.body.signatures.documentSha256).toBe(sha(scan));
    expect(stored.body.version).toBe(agreement.version + 1);
    const back = await t.http().get(`/api/v1/agreements/${agreement.id}/signed-document`).set(auth(manager)).buffer(true).parse(binaryParser).expect(200);
    expect(Buffer.compare(back.body as Buffer, scan)).toBe(0);
    expect(back.headers['x-content-sha256']).toBe(sha(scan));
    const audit = await t.dataSource.query("SELECT action FROM audit_events WHERE entity_id = $1 AND action = 'agreement.signed_document_uploaded'", [
      agreement.id,
    ]);
    expect(audit).toHaveLength(1);

    // Before anyone signed, a wrong scan is replaced; the newest is served.
    const rescan = fakePdf('B');
    await upload(agreement.id, rescan).expect(201);
    const newest = await t.http().get(`/api/v1/agreements/${agreement.id}/signed-document`).set(auth(hr)).buffer(true).parse(binaryParser).expect(200);
    expect(Buffer.compare(newest.body as Buffer, rescan)).toBe(0);

    // A signature with another hash is refused; with the uploaded one it counts.
    const wrong = await t
      .http()
      .post(`/api/v1/agreements/${agreement.id}/sign`)
      .set(auth(hr))
      .send({ party: 'employee', signerEmployeeId: employee.id, documentSha256: sha(scan) })
      .expect(422);
    expect(wrong.body.error.code).toBe('DOCUMENT_HASH_MISMATCH');
    await t
      .http()
      .post(`/api/v1/agreements/${agreement.id}/sign`)
      .set(auth(hr))
      .send({ party: 'employee', signerEmployeeId: employee.id, documentSha256: sha(rescan) })
      .expect(200);

    // Once signed with a hash, another document is refused and nothing changes.
    const versionBefore = (await t.http().get(`/api/v1/agreements/${agreement.id}`).set(auth(hr))).body.version;
    const rowsBefore = await countRows(t, 'agreement_documents', `agreement_id = '${agreement.id}'`);
    const refused = await upload(agreement.id, fakePdf('C')).expect(422);
    expect(refused.body.error.code).toBe('DOCUMENT_HASH_MISMATCH');
    expect(await countRows(t, 'agreement_documents', `agreement_id = '${agreement.id}'`)).toBe(rowsBefore);
    expect((await t.http().get(`/api/v1/agreements/${agreement.id}`).set(auth(hr))).body.version).toBe(versionBefore);
    // The same document again is fine (a second copy kept), and changes no hash.
    await upload(agreement.id, rescan).expect(201);
  });

  it('refuses a non-PDF and a too large body with stable codes, storing and changing nothing', async () => {
    const { agreement } = await draftFor();
    const notPdf = await upload(agreement.id, Buffer.from('PK\u0003\u0004 not a pdf')).expect(415);
    expect(notPdf.body.error.code).toBe('SIGNED_DOCUMENT_NOT_PDF');
    const wrongType = await upload(agreement.id, '{"a":1}', 'application/json').expect(415);
    expect(wrongType.body.error.code).toBe('SIGNED_DOCUMENT_NOT_PDF');
    const empty = await upload(agreement.id, Buffer.alloc(0)).expect(415);
    expect(empty.body.error.code).toBe('SIGNED_DOCUMENT_NOT_PDF');
    const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(10 * 1024 * 1024, 0x20)]);
    const tooLarge = await upload(agreement.id, big).expect(413);
    expect(tooLarge.body.error.code).toBe('SIGNED_DOCUMENT_TOO_LARGE');
    expect(await countRows(t, 'agreement_documents', `agreement_id = '${agreement.id}'`)).toBe(0);
    const stored = await t.http().get(`/api/v1/agreements/${agreement.id}`).set(auth(hr)).expect(200);
    expect(stored.body).toMatchObject({ version: agreement.version, signatures: { documentSha256: null } });
    const none = await t.http().get(`/api/v1/agreements/${agreement.id}/signed-document`).set(auth(hr)).expect(404);
    expect(none.body.error.code).toBe('SIGNED_DOCUMENT_NOT_FOUND');
    // Managers may read the signed copy, not upload one.
    const forbidden = await t
      .http()
      .post(`/api/v1/agreements/${agreement.id}/signed-document`)
      .set(auth(manager))
      .set('Content-Type', 'application/pdf')
      .send(fakePdf('M'))
      .expect(403);
    expect(forbidden.body.error.code).toBe('FORBIDDEN');
  });

  it('lists the safety notices that stop counting within the next days, soonest first (not before the agreement ends)', async () => {
    const signedWithNotice = async (deliveredOn: string, endDate: string | null = null) => {
      const e = await createEmployee(t.dataSource, { serviceId });
      const created = await t
        .http()
        .post('/api/v1/agreements')
        .set(auth(hr))
        .send(agreementBody(e.id, { startDate: '2025-03-01', endDate, safetyNoticeDeliveredOn: deliveredOn }))
        .expect(201);
      const doc = 'd0c'.padEnd(64, '0');
      await t.http().post(`/api/v1/agreements/${created.body.id}/sign`).set(auth(hr)).send({ party: 'employee', signerEmployeeId: e.id, documentSha256: doc });
      await t
        .http()
        .post(`/api/v1/agreements/${created.body.id}/sign`)
        .set(auth(hr))
        .send({ party: 'manager', signerEmployeeId: boss.id, documentSha256: doc, documentReference: 'prot. 1' });
      await t.http().post(`/api/v1/agreements/${created.body.id}/countersignature/confirm`).set(auth(t.adminToken)).send({}).expect(200);
      return created.body.id as string;
    };
    const soon = await signedWithNotice('2025-03-20'); // stops counting 2026-03-20
    const later = await signedWithNotice('2025-04-05'); // 2026-04-05: 26 days ahead
    await signedWithNotice('2025-05-01'); // 2026-05-01: beyond 30 days
    await signedWithNotice('2025-03-25', '2026-03-24'); // the agreement ends first
    const res = await t.http().get('/api/v1/agreements/safety-notices-due?days=30').set(auth(hr)).expect(200);
    expect(res.body.items.map((i: { agreementId: string; expiresOn: string }) => [i.agreementId, i.expiresOn])).toEqual([
      [soon, '2026-03-20'],
      [later, '2026-04-05'],
    ]);
    expect(res.body.nextCursor).toBeNull();
    // paged as every list: one per page, the cursor carries on after the last one
    const first = await t.http().get('/api/v1/agreements/safety-notices-due?days=30&limit=1').set(auth(hr)).expect(200);
    expect(first.body.items.map((i: { agreementId: string }) => i.agreementId)).toEqual([soon]);
    const second = await t
      .http()
      .get(`/api/v1/agreements/safety-notices-due?days=30&limit=1&cursor=${encodeURIComponent(first.body.nextCursor)}`)
      .set(auth(hr))
      .expect(200);
    expect(second.body).toMatchObject({ items: [{ agreementId: later }], nextCursor: null });
    const forged = await t.http().get('/api/v1/agreements/safety-notices-due?cursor=abc').set(auth(hr)).expect(400);
    expect(forged.body.error.code).toBe('INVALID_CURSOR');
    const week = await t.http().get('/api/v1/agreements/safety-notices-due?days=7').set(auth(manager)).expect(200);
    expect(week.body.items.map((i: { agreementId: string }) => i.agreementId)).toEqual([]);
    const bad = await t.http().get('/api/v1/agreements/safety-notices-due?days=0').set(auth(hr)).expect(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    await t.http().get('/api/v1/agreements/safety-notices-due').set(auth(technician)).expect(403);
  });
});
