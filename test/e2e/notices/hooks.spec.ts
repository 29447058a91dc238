import { EmployeeEntity } from '../../../src/directory/employee.entity';
import { CertificateRepository } from '../../../src/pki/certificate.repository';
import { createProvisionableEmployee } from '../../factories';
import { eventually, noticesEnv, TestSmtp } from '../../helpers/smtp';
import { auth, startTestApp, TestApp } from '../../helpers/test-app';
import { approvedAccount, handOverLaptop, hotlineApi, nowClock } from '../vpn/vpn-fixtures';

const italian = (date: string) => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;

/** The notices recorded where things happen (VPN, withdrawal, return tasks, CRL), read back from a real SMTP server. */
describe('e-mail notices from the hooks (real SMTP server)', () => {
  const { clock, today } = nowClock();
  let smtp: TestSmtp;
  let t: TestApp;
  let hr: string;
  let hotline: string;

  beforeAll(async () => {
    smtp = await TestSmtp.create();
    t = await startTestApp({ clock, env: { ...noticesEnv(smtp), MUNICIPALITY_NAME: 'Comune di Prato', RETURN_TASK_DUE_DAYS: '15' } });
    hr = await t.tokenFor('hr');
    hotline = await t.tokenFor('hotline', 'Sara Neri');
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  const person = async (firstName: string, lastName: string) => {
    const { employee, agreement } = await createProvisionableEmployee(t.dataSource, { today, employee: { firstName, lastName } });
    const manager = await t.dataSource.getRepository(EmployeeEntity).findOneByOrFail({ id: agreement.managerSignerId as string });
    return { employee, agreement, managerEmail: manager.email as string };
  };

  it('VPN profile ready → the employee, with no key and no password in the mail', async () => {
    const { employee } = await person('Luca', 'Gialli');
    const laptop = await handOverLaptop(t, employee.id);
    const account = await approvedAccount(t, hotline, employee.id);
    const issued = await hotlineApi(t, hotline).issue(account.id, { stationAssetId: laptop.id, generateKey: true }).expect(201);
    expect(issued.body.oneTimePassword).toEqual(expect.any(String));

    const [mail] = await smtp.waitFor((m) => m.subject === 'Il tuo accesso VPN è pronto');
    expect(mail.envelopeTo).toEqual([employee.email]);
    expect(mail.text).toContain('Gentile Luca Gialli, il tuo profilo VPN (dipendenti) è pronto.');
    expect(mail.text).toContain(`valido fino al ${italian(issued.body.certificate.notAfter as string)}`);
    expect(mail.raw).not.toContain(issued.body.oneTimePassword as string);
    expect(mail.raw).not.toMatch(/BEGIN|PRIVATE|pkcs12/i);
  });

  it('withdrawal notice → employee and manager; the return task it opens → employee and technicians', async () => {
    const { employee, agreement, managerEmail } = await person('Anna', 'Blu');
    const laptop = await handOverLaptop(t, employee.id);
    // A justified cause ends the agreement today: offboarding opens a return task for the laptop.
    await t
      .http()
      .post(`/api/v1/agreements/${agreement.id}/withdraw`)
      .set(auth(hr))
      .send({ initiatedBy: 'employer', noticeDate: today, justifiedCause: true, reason: 'Giusta causa' })
      .expect(200);

    const [withdrawal] = await smtp.waitFor((m) => m.subject.startsWith("Recesso dall'accordo") && m.subject.endsWith('Anna Blu'));
    expect(withdrawal.envelopeTo.sort()).toEqual([employee.email, managerEmail].sort());
    expect(withdrawal.subject).toBe(`Recesso dall'accordo di lavoro agile con effetto dal ${italian(today)}: Anna Blu`);
    expect(withdrawal.text).toContain("su iniziativa dell'amministrazione");

    const [ret] = await smtp.waitFor((m) => m.subject.startsWith('Restituzione dei dispositivi') && m.subject.endsWith('Anna Blu'), 1, 30_000);
    expect(ret.envelopeTo.sort()).toEqual([employee.email, 'tecnici@comune.test'].sort());
    const due = new Date(`${today}T00:00:00Z`);
    due.setUTCDate(due.getUTCDate() + 15);
    expect(ret.subject).toBe(`Restituzione dei dispositivi entro il ${italian(due.toISOString())}: Anna Blu`);
    expect(ret.text).toContain(`Dispositivi da restituire: ${laptop.assetTag}.`);
  });

  it('CRL publication failing → the admins, once a day however often it fails', async () => {
    const { employee } = await person('Elena', 'Viola');
    const laptop = await handOverLaptop(t, employee.id);
    const account = await approvedAccount(t, hotline, employee.id);
    const issued = await hotlineApi(t, hotline).issue(account.id, { stationAssetId: laptop.id, generateKey: true }).expect(201);
    // The fault: the CRL build cannot read the revoked certificates (a database that refuses the read).
    const spy = jest.spyOn(t.get(CertificateRepository), 'crlRows').mockRejectedValue(new Error('disk I/O error'));
    try {
      const serial = issued.body.certificate.serial as string;
      // The revocation itself is committed; the CRL publication after it fails (and its rebuild job retries).
      await t.http().post(`/api/v1/certificates/${serial}/revoke`).set(auth(hotline)).send({ reason: 'keyCompromise' }).expect(200);
      const [mail] = await smtp.waitFor((m) => m.subject === 'Pubblicazione della lista di revoca (CRL) non riuscita');
      expect(mail.envelopeTo).toEqual(['amministratori@comune.test']);
      expect(mail.text).toContain('La pubblicazione della lista dei certificati revocati non è riuscita');
      expect(mail.text).not.toContain('disk I/O error');
      // The rebuild job keeps failing (and retrying): still one notice for the day.
      expect(
        await eventually(
          async () => spy.mock.calls.length,
          (n) => n >= 3,
          20_000,
        ),
      ).toBeGreaterThanOrEqual(3);
    } finally {
      spy.mockRestore();
    }
    expect(smtp.messages.filter((m) => m.subject.startsWith('Pubblicazione della lista di revoca'))).toHaveLength(1);
  });
});
