import { FixedClock } from '../../../src/common/clock';
import { createEmployee, createManager, createService, createSignedAgreement } from '../../factories';
import { eventually, noticesEnv, TestSmtp } from '../../helpers/smtp';
import { auth, startTestApp, TestApp } from '../../helpers/test-app';

const TODAY = '2026-03-10';

describe('e-mail notices of agreements: ready to sign → employee and manager; signed → hot-line queue (real SMTP server)', () => {
  const clock = new FixedClock(new Date(`${TODAY}T09:00:00Z`));
  let smtp: TestSmtp;
  let t: TestApp;
  let hr: string;

  beforeAll(async () => {
    smtp = await TestSmtp.create();
    t = await startTestApp({ clock, env: { ...noticesEnv(smtp), MUNICIPALITY_NAME: 'Comune di Prato' } });
    hr = await t.tokenFor('hr');
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('tells the hot-line once both signatures count, in Italian, with dates as gg/mm/aaaa', async () => {
    const serviceId = (await createService(t.dataSource)).id;
    const boss = await createManager(t.dataSource, serviceId);
    const e = await createEmployee(t.dataSource, { serviceId, firstName: 'Giulia', lastName: 'Verdi' });
    const a = await createSignedAgreement(t, hr, e.id, boss.id, { startDate: '2026-04-01', endDate: '2026-12-31' });
    expect(a.state).toBe('signed');

    const [ready] = await smtp.waitFor((m) => m.subject === 'Accordo di lavoro agile da firmare: Giulia Verdi');
    expect(ready.envelopeTo.sort()).toEqual([e.email, boss.email].sort());
    expect(ready.text).toContain('Decorrenza: 01/04/2026; giornate di lavoro agile a settimana: 2.');
    const [mail] = await smtp.waitFor((m) => m.subject === 'Accordo di lavoro agile firmato: Giulia Verdi');
    expect(mail.envelopeTo).toEqual(['hotline@comune.test']);
    expect(mail.from).toBe('noreply@comune.test');
    expect(mail.subject).toBe('Accordo di lavoro agile firmato: Giulia Verdi');
    expect(mail.text).toContain(`L'accordo individuale di lavoro agile di Giulia Verdi (matricola ${e.employeeNumber}`);
    expect(mail.text).toContain('Decorrenza: 01/04/2026; scadenza: 31/12/2026');
    expect(mail.text).toContain('Comune di Prato');
    expect(mail.html).toContain('<p>');
    expect(mail.messageId).toBe(`<notice-agreement-signed-${a.id}@comune.test>`);
    // No secret and no English developer text in the mail.
    expect(mail.raw).not.toMatch(/BEGIN|PRIVATE KEY|password|token/i);

    const sent = await eventually(
      () => t.dataSource.query("SELECT notice_id, kind, recipients FROM notices_sent WHERE kind = 'agreement-signed'"),
      (rows: unknown[]) => rows.length > 0,
    );
    expect(sent).toEqual([{ notice_id: `notice-agreement-signed-${a.id}`, kind: 'agreement-signed', recipients: 1 }]);
    const audit = await t.dataSource.query(
      "SELECT action, actor, entity_id FROM audit_events WHERE entity_type = 'notice' AND entity_id LIKE 'notice-agreement-signed-%'",
    );
    expect(audit).toEqual([{ action: 'notice.sent', actor: 'system', entity_id: `notice-agreement-signed-${a.id}` }]);
  });

  it('a draft tells the employee and the managers, not the hot-line', async () => {
    const serviceId = (await createService(t.dataSource)).id;
    const boss = await createManager(t.dataSource, serviceId);
    const other = await createManager(t.dataSource, serviceId);
    const e = await createEmployee(t.dataSource, { serviceId, firstName: 'Franco', lastName: 'Bianchi' });
    await t
      .http()
      .post('/api/v1/agreements')
      .set(auth(hr))
      .send({
        employeeId: e.id,
        startDate: '2026-01-01',
        remoteDaysPerWeek: 2,
        places: ['domicilio'],
        contactBand: '09:30-12:30',
        nonOperabilityBand: '20:00-07:30',
        rightToDisconnect: 'Nessuna comunicazione di lavoro nella fascia di inoperabilità.',
        toolsProvided: ['notebook'],
        objectives: 'Istruttoria',
        resultsMonitoring: 'Report mensile',
      })
      .expect(201);
    const [ready] = await smtp.waitFor((m) => m.subject === 'Accordo di lavoro agile da firmare: Franco Bianchi');
    expect(ready.envelopeTo.sort()).toEqual([e.email, boss.email, other.email].sort());
    // Let the relay and the worker run: no "signed" notice for a draft.
    await new Promise((r) => setTimeout(r, 1500));
    expect(smtp.messages.filter((m) => m.subject.includes('Franco Bianchi'))).toHaveLength(1);
    const jobs = await t.dataSource.query("SELECT job_id FROM outbox WHERE job_name = 'notice.send' AND job_id LIKE 'notice-agreement-signed-%'");
    expect(jobs).toHaveLength(1);
  });
});
