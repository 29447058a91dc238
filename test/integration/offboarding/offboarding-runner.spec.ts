import { FixedClock } from '../../../src/common/clock';
import { OffboardingCaseEntity } from '../../../src/offboarding/offboarding-case.entity';
import { OffboardingRunner } from '../../../src/offboarding/offboarding-runner.service';
import { OffboardingSteps } from '../../../src/offboarding/offboarding-step';
import { OffboardingStepsRegistry } from '../../../src/offboarding/offboarding-steps.registry';
import { createEmployee } from '../../factories';
import { startTestApp, TestApp } from '../../helpers/test-app';

/** The runner on a real database, called directly (no queue): idempotent case, per-step transactions. */
describe('OffboardingRunner', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ clock: new FixedClock(new Date('2026-03-10T09:00:00Z')), env: { RUN_WORKERS: 'false' } });
  });
  afterAll(() => t.close());

  it('the registry is one instance behind the port, and refuses bad or duplicate step names', () => {
    const steps = t.get(OffboardingSteps);
    expect(steps).toBe(t.get(OffboardingStepsRegistry));
    expect(() => steps.register({ name: 'Bad Name!', run: async () => undefined })).toThrow(/use lower-case/);
    steps.register({ name: 'test.once', run: async () => undefined });
    expect(() => steps.register({ name: 'test.once', run: async () => undefined })).toThrow(/already registered/);
  });

  it("a step's writes roll back with its failure; the step record says failed and the case stays open", async () => {
    const steps = t.get(OffboardingSteps);
    const runner = t.get(OffboardingRunner);
    const employee = await createEmployee(t.dataSource, { active: false });
    let fail = true;
    steps.register({
      name: 'test.writer',
      run: async (c, tx) => {
        await tx.manager.update(OffboardingCaseEntity, { id: c.id }, { effectiveDate: '1999-01-01' });
        if (fail) throw new Error('half done');
        return { wrote: true };
      },
    });
    const payload = { employeeId: employee.id, trigger: 'left_directory' as const, agreementId: null, effectiveDate: '2026-03-10' };
    await expect(runner.handle(payload)).rejects.toThrow(/step\(s\) failed \(test.writer\)/);
    const open = await t.dataSource.getRepository(OffboardingCaseEntity).findOneByOrFail({ employeeId: employee.id });
    expect(open).toMatchObject({ status: 'open', effectiveDate: '2026-03-10', runs: 1 });

    fail = false;
    await expect(runner.handle(payload)).resolves.toBe('done');
    const closed = await t.dataSource.getRepository(OffboardingCaseEntity).findOneByOrFail({ employeeId: employee.id });
    expect(closed).toMatchObject({ status: 'closed', effectiveDate: '1999-01-01', runs: 2 });
    await expect(runner.handle(payload)).resolves.toBe('skipped');
    expect(await t.dataSource.getRepository(OffboardingCaseEntity).countBy({ employeeId: employee.id })).toBe(1);
  });
});
