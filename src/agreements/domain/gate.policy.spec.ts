import { agreementSnapshot, unsigned } from './agreement-fixture';
import { GateInput, decideGate } from './gate.policy';
import { GATE_REFUSALS } from './gate-refusals';

const DATE = '2026-03-10';
const input = (overrides: Partial<GateInput> = {}): GateInput => ({
  date: DATE,
  employee: { id: 'e-1', active: true },
  eligible: true,
  agreements: [agreementSnapshot()],
  ...overrides,
});

describe('the provisioning gate', () => {
  it('lets through an active, eligible employee with a signed agreement in force and a recent safety notice', () => {
    expect(decideGate(input())).toEqual({ employeeId: 'e-1', date: DATE, allowed: true, refusals: [], agreementId: 'a-1' });
  });

  it('EMPLOYEE_INACTIVE: the employee left or was disabled', () => {
    expect(decideGate(input({ employee: { id: 'e-1', active: false } })).refusals).toEqual(['EMPLOYEE_INACTIVE']);
  });

  it('EMPLOYEE_NOT_ELIGIBLE: not linked to any remote-capable activity', () => {
    expect(decideGate(input({ eligible: false })).refusals).toEqual(['EMPLOYEE_NOT_ELIGIBLE']);
  });

  it('AGREEMENT_MISSING: no agreement at all', () => {
    expect(decideGate(input({ agreements: [] }))).toMatchObject({ allowed: false, refusals: ['AGREEMENT_MISSING'], agreementId: null });
  });

  it('AGREEMENT_NOT_SIGNED: a draft covering the date, or one signature only', () => {
    expect(decideGate(input({ agreements: [agreementSnapshot(unsigned)] })).refusals).toEqual(['AGREEMENT_NOT_SIGNED']);
    expect(
      decideGate(input({ agreements: [agreementSnapshot({ ...unsigned, employeeSignedAt: '2026-01-01T00:00:00Z', documentSha256: 'a'.repeat(64) })] }))
        .refusals,
    ).toEqual(['AGREEMENT_NOT_SIGNED']);
  });

  it('COUNTERSIGNATURE_UNCONFIRMED: both signatures recorded, the counterpart one from paper and not confirmed by a second person', () => {
    const awaiting = agreementSnapshot({ state: 'awaiting_confirmation', managerSignedAt: null });
    expect(decideGate(input({ agreements: [awaiting] }))).toMatchObject({
      allowed: false,
      refusals: ['AGREEMENT_NOT_SIGNED', 'COUNTERSIGNATURE_UNCONFIRMED'],
      agreementId: 'a-1',
    });
    // Even if the counterpart signature's instant were set, the state alone keeps the gate shut until confirmation.
    expect(decideGate(input({ agreements: [agreementSnapshot({ state: 'awaiting_confirmation' })] })).refusals).toEqual([
      'AGREEMENT_NOT_SIGNED',
      'COUNTERSIGNATURE_UNCONFIRMED',
    ]);
    // Outside its period it is also not in force, as a draft would be.
    expect(
      decideGate(input({ agreements: [agreementSnapshot({ state: 'awaiting_confirmation', managerSignedAt: null, startDate: '2026-04-01' })] })).refusals,
    ).toEqual(['AGREEMENT_NOT_SIGNED', 'COUNTERSIGNATURE_UNCONFIRMED', 'AGREEMENT_NOT_IN_FORCE']);
  });

  it('AGREEMENT_NOT_IN_FORCE: not started, ended, withdrawn, or suspended', () => {
    const cases = [
      agreementSnapshot({ state: 'signed', startDate: '2026-04-01', safetyNoticeDeliveredOn: '2026-03-01' }),
      agreementSnapshot({ state: 'expired', endDate: '2026-02-28' }),
      agreementSnapshot({ state: 'active', endDate: '2026-02-28' }),
      agreementSnapshot({ withdrawalEffectiveDate: DATE }),
      agreementSnapshot({ state: 'withdrawn', withdrawalEffectiveDate: '2026-03-01' }),
      agreementSnapshot({ state: 'suspended' }),
    ];
    for (const a of cases) expect(decideGate(input({ agreements: [a] })).refusals).toEqual(['AGREEMENT_NOT_IN_FORCE']);
  });

  it('SAFETY_NOTICE_MISSING: never delivered, or delivered more than 12 months ago', () => {
    expect(decideGate(input({ agreements: [agreementSnapshot({ safetyNoticeDeliveredOn: null })] })).refusals).toEqual(['SAFETY_NOTICE_MISSING']);
    expect(decideGate(input({ agreements: [agreementSnapshot({ safetyNoticeDeliveredOn: '2025-03-10' })] })).refusals).toEqual(['SAFETY_NOTICE_MISSING']);
    expect(decideGate(input({ agreements: [agreementSnapshot({ safetyNoticeDeliveredOn: '2025-03-11' })] })).allowed).toBe(true);
  });

  it('returns every refusal that applies, in a stable order', () => {
    const futureDraft = agreementSnapshot({ ...unsigned, startDate: '2026-06-01', safetyNoticeDeliveredOn: null });
    expect(decideGate(input({ employee: { id: 'e-1', active: false }, eligible: false, agreements: [futureDraft] })).refusals).toEqual([
      'EMPLOYEE_INACTIVE',
      'EMPLOYEE_NOT_ELIGIBLE',
      'AGREEMENT_NOT_SIGNED',
      'AGREEMENT_NOT_IN_FORCE',
      'SAFETY_NOTICE_MISSING',
    ]);
    expect(decideGate(input({ employee: { id: 'e-1', active: false }, eligible: false, agreements: [] })).refusals).toEqual([
      'EMPLOYEE_INACTIVE',
      'EMPLOYEE_NOT_ELIGIBLE',
      'AGREEMENT_MISSING',
    ]);
  });

  it('judges the agreement that passes, or else the most relevant one: a renewal in force beats an expired one', () => {
    const expired = agreementSnapshot({ id: 'old', state: 'expired', startDate: '2025-01-01', endDate: '2025-12-31' });
    const renewal = agreementSnapshot({ id: 'new', startDate: '2026-01-01' });
    expect(decideGate(input({ agreements: [expired, renewal] }))).toMatchObject({ allowed: true, agreementId: 'new' });
    const draftRenewal = agreementSnapshot({ id: 'draft', ...unsigned, startDate: '2026-03-01' });
    expect(decideGate(input({ agreements: [expired, draftRenewal] }))).toMatchObject({ refusals: ['AGREEMENT_NOT_SIGNED'], agreementId: 'draft' });
  });

  it('every refusal code of SPEC §2 (and the two-person rule) is produced by some scenario above', () => {
    expect(GATE_REFUSALS).toEqual([
      'EMPLOYEE_INACTIVE',
      'EMPLOYEE_NOT_ELIGIBLE',
      'AGREEMENT_MISSING',
      'AGREEMENT_NOT_SIGNED',
      'COUNTERSIGNATURE_UNCONFIRMED',
      'AGREEMENT_NOT_IN_FORCE',
      'SAFETY_NOTICE_MISSING',
    ]);
  });
});
