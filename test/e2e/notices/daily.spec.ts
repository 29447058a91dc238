import { addDays } from '../../../src/common/clock';
import { JobQueue } from '../../../src/jobs';
import { NoticesDaily } from '../../../src/notices';
import { createProvisionableEmployee } from '../../factories';
import { eventually, noticesEnv, TestSmtp } from '../../helpers/smtp';
import { auth, startTestApp, TestApp } from '../../helpers/test-app';
import { approvedAccount, handOverLaptop, hotlineApi, nowClock } from '../vpn/vpn-fixtures';

const italian = (date: string) => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;

/**
 * The time-based notices of the daily schedule: a safety notice due within 30 days (HR, employee), a certificate
 * expiring within 30 days (hot-line, employee), a return overdue (employee, technicians). The run only enqueues,
 * with one stable id per item and due date: running it again, or the next day, sends nothing twice.
 */
describe('daily e-mail notices (real SMTP server)', () => {
  const { clock, today } = nowClock();
  let smtp: TestSmtp;
  let t: TestApp;

  beforeAll(async () => {
    smtp = await TestSmtp.create();
    t = await startTestApp({ clock, env: { ...noticesEnv(smtp), RETURN_TASK_DUE_DAYS: '15' } });
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('tells who must act, once per item, however often the schedule runs', async () => {
    const hotline = await t.tokenFor('hotline');
    const hr = await t.tokenFor('hr');
    // Carla: safety notice delivered today (valid 12 months), a VPN certificate of 365 days, installed.
    const carla = (await createProvisionableEmployee(t.dataSource, { today, employee: { firstName: 'Carla', lastName: 'Rosa' } })).employee;
    const laptop = await handOverLaptop(t, carla.id);
    const account = await approvedAccount(t, hotline, carla.id);
    const api = hotlineApi(t, hotline);
    const issued = await api.issue(account.id, { stationAssetId: laptop.id, generateKey: true }).expect(201);
    await api.installed(account.id).expect(200);
    const notAfter = issued.body.certificate.notAfter as string;
    // Dario: withdrawn today for a justified cause, his laptop due back in 15 days.
    const dario = await createProvisionableEmployee(t.dataSource, { today, employee: { firstName: 'Dario', lastName: 'Moro' } });
    const darioLaptop = await handOverLaptop(t, dario.employee.id);
    await t
      .http()
      .post(`/api/v1/agreements/${dario.agreement.id}/withdraw`)
      .set(auth(hr))
      .send({ initiatedBy: 'employer', noticeDate: today, justifiedCause: true, reason: 'Giusta causa' })
      .expect(200);
    await smtp.waitFor((m) => m.subject.startsWith('Restituzione dei dispositivi entro'), 1, 30_000);

    // Today nothing is due yet.
    expect(await t.get(NoticesDaily).run()).toEqual({ recorded: 0, failedSources: [] });

    // 340 days later: the safety notice and the certificate end within 30 days, Dario's return is long overdue.
    clock.advance(340 * 86_400_000);
    const daily = t.get(NoticesDaily);
    expect(await daily.run()).toEqual({ recorded: 3, failedSources: [] });
    const due = await smtp.waitFor(
      (m) => /^(Informativa sulla sicurezza|Certificato VPN in scadenza|Restituzione dei dispositivi scaduta)/.test(m.subject),
      3,
      30_000,
    );
    const bySubject = (prefix: string) => due.find((m) => m.subject.startsWith(prefix))!;

    const safety = bySubject('Informativa sulla sicurezza');
    expect(safety.envelopeTo.sort()).toEqual(['personale@comune.test', carla.email].sort());
    const safetyDue = `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`;
    expect(safety.subject).toBe(`Informativa sulla sicurezza da rinnovare entro il ${italian(safetyDue)}: Carla Rosa`);

    const cert = bySubject('Certificato VPN in scadenza');
    expect(cert.envelopeTo.sort()).toEqual(['hotline@comune.test', carla.email].sort());
    expect(cert.subject).toBe(`Certificato VPN in scadenza il ${italian(notAfter)}: Carla Rosa`);
    expect(cert.text).toContain(`numero di serie ${issued.body.certificate.serial as string}`);

    const overdue = bySubject('Restituzione dei dispositivi scaduta');
    expect(overdue.envelopeTo.sort()).toEqual(['tecnici@comune.test', dario.employee.email].sort());
    expect(overdue.subject).toBe(`Restituzione dei dispositivi scaduta il ${italian(addDays(today, 15))}: Dario Moro`);
    expect(overdue.text).toContain(`Dispositivi ancora da restituire: ${darioLaptop.assetTag}.`);

    // Again the same day, the next day, and through the schedule's own job: the same ids, nothing new.
    expect((await daily.run()).recorded).toBe(3);
    clock.advance(86_400_000);
    await t.get(JobQueue).add('notice.daily', { trigger: 'manual' }, { jobId: 'notice-daily-test' });
    await eventually(
      () => t.dataSource.query("SELECT status FROM local_jobs WHERE job_id = 'notice-daily-test'"),
      (rows: { status: string }[]) => rows[0]?.status === 'completed',
      20_000,
    );
    await new Promise((r) => setTimeout(r, 1500));
    const all = smtp.messages.filter((m) => /^(Informativa sulla sicurezza|Certificato VPN in scadenza|Restituzione dei dispositivi scaduta)/.test(m.subject));
    expect(all).toHaveLength(3);
  });
});
