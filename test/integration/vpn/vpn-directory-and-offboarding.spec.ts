import { LocalJobEntity } from '../../../src/jobs/drivers/local-job.entity';
import { JobQueue } from '../../../src/jobs/job-queue';
import { VpnGroupSync } from '../../../src/vpn/vpn-group-sync.service';
import { EmployeeEntity } from '../../../src/directory/employee.entity';
import { CertificateEntity } from '../../../src/pki/certificate.entity';
import { createProvisionableEmployee } from '../../factories';
import { auth, startTestApp, TestApp } from '../../helpers/test-app';
import { waitFor } from '../../e2e/offboarding/wait-for';
import { approvedAccount, handOverLaptop, hotlineApi, nowClock } from '../../e2e/vpn/vpn-fixtures';
import { generatePeople, LdapSandbox, personDn } from '../../fixtures/ldap/directory-fixture';

jest.setTimeout(120_000);

interface Case {
  status: string;
  steps: { name: string; status: string; result: Record<string, unknown> | null }[];
}

/**
 * Directory VPN-group membership against the real slapd of the test run (a sub-tree of this file's own, group
 * cn=vpn-users as config/directory.json's OpenLDAP preset names it): added on activation, removed on suspension,
 * back on resumption — through the outbox, idempotent — and the offboarding step 'vpn' (suspend, revoke with the
 * trigger's reason, leave the group).
 */
describe('VPN accounts, the directory VPN group and offboarding, with a real OpenLDAP', () => {
  const { clock, today } = nowClock();
  const people = generatePeople(4, 'vpn');
  let sandbox: LdapSandbox;
  let t: TestApp;
  let hotline: string;
  let api: ReturnType<typeof hotlineApi>;

  beforeAll(async () => {
    sandbox = await LdapSandbox.create(people, { 'vpn-users': [] });
    t = await startTestApp({ clock, env: sandbox.serviceEnv() });
    hotline = await t.tokenFor('hotline');
    api = hotlineApi(t, hotline);
  });
  afterAll(async () => {
    await t?.close();
    await sandbox?.destroy();
  });

  const members = () => sandbox.groupMembers('vpn-users');
  const dnOf = (i: number) => personDn(people[i], sandbox.baseDn);
  const untilMember = (i: number, expected: boolean) =>
    waitFor(async () => ((await members()).includes(dnOf(i)) === expected ? true : undefined), `${people[i].uid} ${expected ? 'in' : 'out of'} the VPN group`);

  /** An employee (not synced: the group write finds the entry by uid) with an active account. */
  async function activeAccount(i: number) {
    const { employee, agreement } = await createProvisionableEmployee(t.dataSource, { today, employee: { username: people[i].uid } });
    const laptop = await handOverLaptop(t, employee.id);
    const account = await approvedAccount(t, hotline, employee.id);
    const issued = (await api.issue(account.id, { stationAssetId: laptop.id, generateKey: true }).expect(201)).body;
    await api.installed(account.id).expect(200);
    expect((await members()).includes(dnOf(i))).toBe(false); // installed is not active yet
    await api.activate(account.id).expect(200);
    return { employee, agreement, account, serial: issued.certificate.serial as string };
  }

  it('adds the user to the VPN group on activation, removes on suspension, adds back on resumption', async () => {
    const { employee, account } = await activeAccount(0);
    await untilMember(0, true);

    await api.suspend(account.id).expect(200);
    await untilMember(0, false);
    await api.resume(account.id).expect(200);
    await untilMember(0, true);
    expect((await members()).filter((m) => m === dnOf(0))).toHaveLength(1);

    // Handlers converge on the accounts' state, so a late or repeated job changes nothing.
    const sync = t.get(VpnGroupSync);
    expect(await sync.add(employee.id)).toBe('skipped'); // already a member
    expect(await sync.remove(employee.id)).toBe('skipped'); // still has an active account: a stale removal does nothing
    expect((await members()).filter((m) => m === dnOf(0))).toHaveLength(1);
    const jobs = await t.dataSource.getRepository(LocalJobEntity).find({ where: [{ name: 'vpn.group-add' }, { name: 'vpn.group-remove' }] });
    expect(jobs.map((j) => j.jobId).sort()).toEqual(
      [`vpn-group-add-${account.id}-v5`, `vpn-group-add-${account.id}-v7`, `vpn-group-remove-${account.id}-v6`].sort(),
    );
  });

  it('offboarding after the agreement is withdrawn: account suspended, certificates revoked (affiliationChanged), out of the group', async () => {
    const { employee, agreement, account, serial } = await activeAccount(1);
    await untilMember(1, true);
    const hr = await t.tokenFor('hr');
    await t
      .http()
      .post(`/api/v1/agreements/${agreement.id}/withdraw`)
      .set(auth(hr))
      .send({ initiatedBy: 'employer', noticeDate: today, justifiedCause: true, reason: 'Violazione degli obblighi di riservatezza' })
      .expect(200);
    const closed = await waitFor(async () => {
      const res = await t.http().get(`/api/v1/offboarding/cases?employeeId=${employee.id}`).set(auth(hotline)).expect(200);
      const c = res.body.items[0] as Case | undefined;
      return c && c.status === 'closed' ? c : undefined;
    }, 'the offboarding case to close');
    expect(closed.steps.find((s) => s.name === 'vpn')).toMatchObject({
      status: 'done',
      result: { accountsSuspended: 1, certificatesRevoked: 1, reason: 'affiliationChanged' },
    });

    const after = await api.get(account.id);
    expect(after).toMatchObject({ state: 'suspended', suspendedFrom: 'active', certificate: null });
    expect(after.suspensionReason).toBe(`offboarding: agreement_ended (${today})`);
    const cert = await t.dataSource.getRepository(CertificateEntity).findOneByOrFail({ serial });
    expect(cert).toMatchObject({ status: 'revoked', revocationReason: 'affiliationChanged' });
    await untilMember(1, false);

    // Without an agreement the account cannot come back: resuming is gated.
    expect((await api.resume(account.id).expect(422)).body.error).toMatchObject({ code: 'GATE_REFUSED' });
  });

  it('a leaver (left_directory): certificates revoked with cessationOfOperation; the step is idempotent', async () => {
    const { employee, account, serial } = await activeAccount(2);
    await untilMember(2, true);
    // What directory sync does to a leaver, in the same unit that records the offboarding job.
    await t.dataSource.getRepository(EmployeeEntity).update({ id: employee.id }, { active: false, deactivationReason: 'left the directory' });
    const payload = { employeeId: employee.id, trigger: 'left_directory' as const, agreementId: null, effectiveDate: today };
    await t.get(JobQueue).add('offboarding.start', payload, { jobId: `offboarding-${employee.id}-left_directory-${today}` });
    // Wait for the case to close, not for the account to read `suspended`: on SQLite (one connection) a read can see
    // the offboarding unit's account row before the same unit has revoked the certificate and committed.
    await waitFor(async () => {
      const res = await t.http().get(`/api/v1/offboarding/cases?employeeId=${employee.id}`).set(auth(hotline)).expect(200);
      const c = res.body.items[0] as Case | undefined;
      return c && c.status === 'closed' ? c : undefined;
    }, 'the offboarding case to close');
    expect((await api.get(account.id)).state).toBe('suspended');
    expect((await t.dataSource.getRepository(CertificateEntity).findOneByOrFail({ serial })).revocationReason).toBe('cessationOfOperation');
    await untilMember(2, false);
    const version = (await api.get(account.id)).version;
    await t.get(JobQueue).add('offboarding.start', payload, { jobId: 'offboarding-again' });
    await t.get(JobQueue).drain();
    expect((await api.get(account.id)).version).toBe(version);
  });

  it('keeps a group change that cannot reach the directory in the queue, retrying it', async () => {
    const down = await startTestApp({ clock, env: { ...sandbox.serviceEnv(), LDAP_URL: 'ldap://127.0.0.1:9' } });
    try {
      const token = await down.tokenFor('hotline');
      const downApi = hotlineApi(down, token);
      const { employee } = await createProvisionableEmployee(down.dataSource, { today, employee: { username: people[3].uid } });
      const laptop = await handOverLaptop(down, employee.id);
      const account = await approvedAccount(down, token, employee.id);
      await downApi.issue(account.id, { stationAssetId: laptop.id, generateKey: true }).expect(201);
      await downApi.installed(account.id, { activate: true }).expect(200);
      const job = await waitFor(async () => {
        const j = await down.dataSource.getRepository(LocalJobEntity).findOneBy({ name: 'vpn.group-add' });
        return j && j.attempts >= 2 ? j : undefined;
      }, 'two failed attempts of the group job');
      expect(job.status).not.toBe('completed');
      expect(job.maxAttempts).toBe(12);
      expect(job.lastError).toMatch(/DIRECTORY|directory|LDAP|ECONNREFUSED/i);
      expect((await members()).includes(dnOf(3))).toBe(false);
      expect((await downApi.get(account.id)).state).toBe('active'); // the account does not wait for the directory
    } finally {
      await down.close();
    }
  });
});
