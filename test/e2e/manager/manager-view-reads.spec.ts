import { FixedClock } from '../../../src/common/clock';
import { EmployeeEntity } from '../../../src/directory/employee.entity';
import { ServiceEntity } from '../../../src/directory/service.entity';
import { createActivity, createAgreementInForce, createEmployee, createManager, createService, linkActivities } from '../../factories';
import { auth, startTestApp, TestApp } from '../../helpers/test-app';
import { managerSession } from './manager-fixtures';

const TODAY = '2026-03-10';
const clock = new FixedClock(new Date(`${TODAY}T09:00:00Z`));

/**
 * The manager's pages read each owner's face once for the whole team, not once a person: a service of 80 people
 * asked 3-4 queries of each before (320 on every page load). Counted here as the statements the database is sent
 * while one request is answered, for a team of 2 and then of 8; the minimum of three requests, since the
 * service's own schedules (the outbox poll) may send theirs meanwhile.
 */
describe("the manager's pages read the team at once", () => {
  let t: TestApp;
  let hotline: string;
  let service: ServiceEntity;
  let asBoss: string;
  const members: { employee: EmployeeEntity; agreementId: string; accountId: string }[] = [];

  const addMember = async (n: number) => {
    const employee = await createEmployee(t.dataSource, { serviceId: service.id, lastName: `Persona ${String(n).padStart(2, '0')}` });
    const work = await createActivity(t.dataSource, service, { name: `Istruttoria ${n}`, mode: 'fully_remote' });
    await linkActivities(t.dataSource, employee.id, [work.id]);
    const agreement = await createAgreementInForce(t.dataSource, employee, { today: TODAY });
    const account = await t.http().post('/api/v1/vpn/accounts').set(auth(hotline)).send({ employeeId: employee.id, profile: 'dipendenti' }).expect(201);
    members.push({ employee, agreementId: agreement.id, accountId: account.body.id });
  };

  /** Statements sent to the database while `path` is answered (the least of three requests). */
  const statements = async (path: string): Promise<number> => {
    const logger = t.dataSource.logger;
    const original = logger.logQuery.bind(logger);
    const counts: number[] = [];
    try {
      for (let i = 0; i < 3; i++) {
        let n = 0;
        logger.logQuery = (...args) => {
          n++;
          return original(...args);
        };
        await t.http().get(path).set(auth(asBoss)).expect(200);
        counts.push(n);
      }
    } finally {
      logger.logQuery = original;
    }
    return Math.min(...counts);
  };

  beforeAll(async () => {
    t = await startTestApp({ clock, env: { VPN_MANAGER_APPROVAL: 'true' } });
    hotline = await t.tokenFor('hotline');
    service = await createService(t.dataSource, { name: 'Servizio Edilizia Privata' });
    const boss = await createManager(t.dataSource, service.id, { firstName: 'Marta', lastName: 'Dirigente' });
    asBoss = await managerSession(t, boss, clock.now());
  });

  afterAll(async () => {
    await t?.close();
  });

  it('sends as many statements for a team of 8 as for a team of 2, and gives each person their own records', async () => {
    for (let n = 1; n <= 2; n++) await addMember(n);
    const paths = ['/api/v1/manager/team', '/api/v1/manager/countersignatures', '/api/v1/manager/vpn-requests'];
    const counted = async () => {
      const out: number[] = [];
      for (const path of paths) out.push(await statements(path));
      return out;
    };
    const small = await counted();
    for (let n = 3; n <= 8; n++) await addMember(n);
    const large = await counted();
    expect(large).toEqual(small);
    expect(small.every((n) => n > 0)).toBe(true);

    const team = (await t.http().get('/api/v1/manager/team').set(auth(asBoss)).expect(200)).body;
    expect(team.people).toHaveLength(8);
    for (const m of members) {
      const row = team.people.find((p: { employeeId: string }) => p.employeeId === m.employee.id);
      expect(row).toMatchObject({
        eligible: true,
        remoteCapability: 'fully',
        activities: [{ name: expect.stringMatching(/^Istruttoria \d$/) }],
        agreement: { id: m.agreementId, inForceToday: true },
        vpnAccounts: [{ id: m.accountId, state: 'requested', awaitingManager: true }],
      });
    }
    const requests = (await t.http().get('/api/v1/manager/vpn-requests').set(auth(asBoss)).expect(200)).body;
    expect(requests.requests.map((r: { accountId: string }) => r.accountId).sort()).toEqual(members.map((m) => m.accountId).sort());
    expect(requests.requests.every((r: { eligible: boolean }) => r.eligible)).toBe(true);
  });
});
