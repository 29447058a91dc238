import { WithdrawalContext, decideWithdrawal } from './withdrawal.policy';

const today = '2026-03-10';
const indefinite: WithdrawalContext = { startDate: '2026-01-01', endDate: null, disabledWorker: false, today };
const fixedTerm: WithdrawalContext = { ...indefinite, endDate: '2026-12-31' };

describe('withdrawal (recesso) from an agreement', () => {
  it('from an indefinite agreement takes effect 30 days after notice, whoever withdraws', () => {
    for (const initiatedBy of ['employer', 'employee'] as const) {
      expect(decideWithdrawal({ initiatedBy, noticeDate: '2026-03-10', justifiedCause: false }, indefinite)).toEqual({
        effectiveDate: '2026-04-09',
        earliestEffectiveDate: '2026-04-09',
        noticeDays: 30,
        basis: 'notice_30_days',
        immediate: false,
      });
    }
  });

  it('takes 90 days when the employer withdraws from a disabled worker; 30 when the worker withdraws', () => {
    const ctx = { ...indefinite, disabledWorker: true };
    expect(decideWithdrawal({ initiatedBy: 'employer', noticeDate: '2026-03-10', justifiedCause: false }, ctx)).toMatchObject({
      effectiveDate: '2026-06-08',
      noticeDays: 90,
      basis: 'notice_90_days_disabled_worker',
    });
    expect(decideWithdrawal({ initiatedBy: 'employee', noticeDate: '2026-03-10', justifiedCause: false }, ctx)).toMatchObject({ noticeDays: 30 });
  });

  it('with a justified cause takes effect immediately, on the notice date', () => {
    expect(decideWithdrawal({ initiatedBy: 'employer', noticeDate: '2026-03-10', justifiedCause: true }, { ...indefinite, disabledWorker: true })).toEqual({
      effectiveDate: '2026-03-10',
      earliestEffectiveDate: '2026-03-10',
      noticeDays: 0,
      basis: 'justified_cause',
      immediate: true,
    });
  });

  it('a later date can be agreed, never an earlier one than the notice allows', () => {
    expect(
      decideWithdrawal({ initiatedBy: 'employee', noticeDate: '2026-03-10', justifiedCause: false, requestedEffectiveDate: '2026-05-01' }, indefinite),
    ).toMatchObject({
      effectiveDate: '2026-05-01',
    });
    expect(() =>
      decideWithdrawal({ initiatedBy: 'employee', noticeDate: '2026-03-10', justifiedCause: false, requestedEffectiveDate: '2026-04-08' }, indefinite),
    ).toThrow(expect.objectContaining({ code: 'WITHDRAWAL_NOTICE_TOO_SHORT' }));
  });

  it('a notice given long enough ago takes effect at once', () => {
    expect(decideWithdrawal({ initiatedBy: 'employee', noticeDate: '2026-02-01', justifiedCause: false }, indefinite)).toMatchObject({
      effectiveDate: '2026-03-03',
      immediate: true,
    });
  });

  it('a fixed-term agreement can be withdrawn before its end only for a justified cause (decision, L. 81/2017 art. 19)', () => {
    expect(() => decideWithdrawal({ initiatedBy: 'employer', noticeDate: today, justifiedCause: false }, fixedTerm)).toThrow(
      expect.objectContaining({ kind: 'rule', code: 'WITHDRAWAL_NEEDS_JUSTIFIED_CAUSE' }),
    );
    expect(decideWithdrawal({ initiatedBy: 'employee', noticeDate: today, justifiedCause: true }, fixedTerm)).toMatchObject({
      effectiveDate: today,
      immediate: true,
    });
    expect(() =>
      decideWithdrawal({ initiatedBy: 'employee', noticeDate: today, justifiedCause: true, requestedEffectiveDate: '2027-02-01' }, fixedTerm),
    ).toThrow(expect.objectContaining({ code: 'WITHDRAWAL_AFTER_END_DATE' }));
  });

  it('a notice cannot be dated in the future', () => {
    expect(() => decideWithdrawal({ initiatedBy: 'employee', noticeDate: '2026-03-11', justifiedCause: false }, indefinite)).toThrow(
      expect.objectContaining({ code: 'NOTICE_DATE_IN_FUTURE' }),
    );
  });
});
