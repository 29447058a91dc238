import { ProvisioningGate } from '../../../src/agreements/provisioning-gate';
import { ProvisioningGateService } from '../../../src/agreements/provisioning-gate.service';
import { FixedClock } from '../../../src/common/clock';
import { UnitOfWork } from '../../../src/database/unit-of-work';
import { AgreementEntity } from '../../../src/agreements/agreement.entity';
import { createAgreementInForce, createEmployee, createProvisionableEmployee, makeEligible } from '../../factories';
import { startTestApp, TestApp } from '../../helpers/test-app';

/** The port other features inject: same decision inside and outside their transaction, on a real database. */
describe('ProvisioningGate (the port inventory and VPN inject)', () => {
  const clock = new FixedClock(new Date('2026-03-10T09:00:00Z'));
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ clock });
  });
  afterAll(() => t.close());

  it('is provided under the abstract class and answers for the municipal "today"', async () => {
    const gate = t.get(ProvisioningGate);
    expect(gate).toBeInstanceOf(ProvisioningGateService);
    const { employee, agreement } = await createProvisionableEmployee(t.dataSource, { today: '2026-03-10' });
    expect(await gate.check(employee.id)).toEqual({ employeeId: employee.id, date: '2026-03-10', allowed: true, refusals: [], agreementId: agreement.id });
    // 23:30 UTC on 31 March is already 1 April in Rome.
    clock.set('2026-03-31T23:30:00Z');
    expect((await gate.check(employee.id)).date).toBe('2026-04-01');
    clock.set('2026-03-10T09:00:00Z');
  });

  it("reads inside the caller's transaction: an uncommitted suspension is seen by the caller, and rolled back with it", async () => {
    const gate = t.get(ProvisioningGate);
    const uow = t.get(UnitOfWork);
    const { employee, agreement } = await createProvisionableEmployee(t.dataSource, { today: '2026-03-10' });
    await expect(
      uow.run(async (tx) => {
        await tx.manager.update(AgreementEntity, { id: agreement.id }, { state: 'suspended' });
        const inside = await gate.check(employee.id, tx);
        expect(inside.refusals).toEqual(['AGREEMENT_NOT_IN_FORCE']);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect((await gate.check(employee.id)).allowed).toBe(true);
  });

  it('checkOn decides for another date', async () => {
    const gate = t.get(ProvisioningGateService);
    const { employee } = await createProvisionableEmployee(t.dataSource, { today: '2026-03-10', endDate: '2026-03-31' });
    expect((await gate.checkOn(employee.id, '2026-03-31')).allowed).toBe(true);
    expect((await gate.checkOn(employee.id, '2026-04-01')).refusals).toEqual(['AGREEMENT_NOT_IN_FORCE']);
  });

  it("checkMany decides each employee exactly as check does, unknown ids left out, inside the caller's transaction", async () => {
    const gate = t.get(ProvisioningGate);
    const uow = t.get(UnitOfWork);
    const ok = await createProvisionableEmployee(t.dataSource, { today: '2026-03-10' });
    const twoAgreements = await createProvisionableEmployee(t.dataSource, { today: '2026-03-10', endDate: '2026-03-09' });
    await createAgreementInForce(t.dataSource, twoAgreements.employee, { today: '2026-03-10', startDate: '2026-03-10' });
    const noNotice = await createProvisionableEmployee(t.dataSource, { today: '2026-03-10', safetyNoticeDeliveredOn: null });
    const ineligible = await createEmployee(t.dataSource);
    await createAgreementInForce(t.dataSource, ineligible, { today: '2026-03-10' });
    const inactive = await createEmployee(t.dataSource, { active: false });
    await makeEligible(t.dataSource, inactive);
    const nothing = await createEmployee(t.dataSource);
    const ids = [ok.employee.id, twoAgreements.employee.id, noNotice.employee.id, ineligible.id, inactive.id, nothing.id];
    const many = await gate.checkMany([...ids, 'no-such-employee', ok.employee.id]);
    expect([...many.keys()].sort()).toEqual([...ids].sort());
    for (const id of ids) expect(many.get(id)).toEqual(await gate.check(id));
    // the decisions really differ (the comparison above is not between six identical answers)
    expect(new Set(ids.map((id) => JSON.stringify(many.get(id)!.refusals))).size).toBeGreaterThanOrEqual(4);
    await expect(
      uow.run(async (tx) => {
        await tx.manager.update(AgreementEntity, { id: ok.agreement.id }, { state: 'suspended' });
        expect((await gate.checkMany([ok.employee.id], tx)).get(ok.employee.id)!.refusals).toEqual(['AGREEMENT_NOT_IN_FORCE']);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
  });
});
