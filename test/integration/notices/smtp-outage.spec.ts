import { UnitOfWork } from '../../../src/database/unit-of-work';
import { Notices } from '../../../src/notices';
import { createEmployee, createManager, createService } from '../../factories';
import { eventually, noticesEnv, TestSmtp } from '../../helpers/smtp';
import { startTestApp, TestApp } from '../../helpers/test-app';

/**
 * The outbox makes a notice survive a mail server that is down: the job fails, waits (backoff), tries again, and
 * once the server is back exactly one message arrives; a notice recorded twice is one job and one message.
 */
describe('notices through a mail server that is down, then back', () => {
  let smtp: TestSmtp;
  let t: TestApp;

  beforeAll(async () => {
    smtp = await TestSmtp.create({ listen: false });
    t = await startTestApp({ env: noticesEnv(smtp) });
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  const record = (key: string, employeeId: string) =>
    t.get(UnitOfWork).run((tx) =>
      t.get(Notices).record(tx, {
        kind: 'withdrawal-notice',
        key,
        employeeId,
        facts: { noticeDate: '2026-03-10', effectiveDate: '2026-04-09', initiatedBy: 'employee' },
      }),
    );

  it('keeps the notice while the server is down and sends it exactly once when it comes back', async () => {
    const serviceId = (await createService(t.dataSource)).id;
    const boss = await createManager(t.dataSource, serviceId);
    const e = await createEmployee(t.dataSource, { serviceId, firstName: 'Paolo', lastName: 'Neri' });
    expect(await record('outage-1', e.id)).toBe('notice-withdrawal-notice-outage-1');
    // The same notice again (a retried request, a second hook): the same job id, no second job.
    expect(await record('outage-1', e.id)).toBe('notice-withdrawal-notice-outage-1');

    // The job runs and fails against the closed port, at least twice (it is retried with backoff).
    const failing = await eventually(
      () => t.dataSource.query("SELECT attempts, status FROM local_jobs WHERE job_id = 'notice-withdrawal-notice-outage-1'"),
      (rows: { attempts: number }[]) => rows.length === 1 && Number(rows[0].attempts) >= 2,
      20_000,
    );
    expect(Number(failing[0].attempts)).toBeGreaterThanOrEqual(2);
    expect(await t.dataSource.query('SELECT notice_id FROM notices_sent')).toEqual([]);

    await smtp.start();
    const mails = await smtp.waitFor(() => true, 1, 30_000);
    expect(mails).toHaveLength(1);
    expect(mails[0].envelopeTo.sort()).toEqual([e.email, boss.email].sort());
    expect(mails[0].subject).toBe("Recesso dall'accordo di lavoro agile con effetto dal 09/04/2026: Paolo Neri");
    expect(mails[0].text).toContain('Data della comunicazione: 10/03/2026; il recesso ha effetto dal 09/04/2026.');
    expect(mails[0].text).toContain('su iniziativa del dipendente');

    await eventually(
      () => t.dataSource.query('SELECT notice_id FROM notices_sent'),
      (rows: unknown[]) => rows.length === 1,
    );
    // Recorded again after the send: the outbox keeps one job per id, and the sender checks notices_sent.
    await record('outage-1', e.id);
    await new Promise((r) => setTimeout(r, 1500));
    expect(smtp.messages).toHaveLength(1);
  });
});
