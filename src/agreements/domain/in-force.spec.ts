import { agreementSnapshot, unsigned } from './agreement-fixture';
import { coversDate, isInForce, lastCoveredDay, overlappingAgreements, wasInForce } from './in-force';

describe('in force, and one agreement in force at a time', () => {
  it('in force from the start date through the end date, signed by both, not suspended', () => {
    const a = agreementSnapshot({ endDate: '2026-06-30' });
    expect(isInForce(a, '2025-12-31')).toBe(false);
    expect(isInForce(a, '2026-01-01')).toBe(true);
    expect(isInForce(a, '2026-06-30')).toBe(true);
    expect(isInForce(a, '2026-07-01')).toBe(false);
    expect(isInForce({ ...a, state: 'suspended' }, '2026-03-01')).toBe(false);
    expect(isInForce({ ...a, ...unsigned }, '2026-03-01')).toBe(false);
  });

  it('decided from the dates: a signed agreement whose start has come is in force before the sweep runs', () => {
    expect(isInForce(agreementSnapshot({ state: 'signed' }), '2026-01-01')).toBe(true);
  });

  it('was in force on a past day as it stood then: ended since still counts, not yet signed or suspended before does not', () => {
    const a = { ...agreementSnapshot({ endDate: '2026-06-30' }), suspendedAt: null, endedOn: null };
    const day = { date: '2026-03-31', cutoff: '2026-03-31T22:00:00.000Z' };
    expect(wasInForce({ ...a, state: 'expired', endedOn: '2026-07-01' }, day.date, day.cutoff)).toBe(true);
    expect(isInForce({ ...a, state: 'expired' }, day.date)).toBe(false);
    expect(wasInForce({ ...a, state: 'withdrawn', withdrawalEffectiveDate: '2026-03-31', endedOn: '2026-03-31' }, day.date, day.cutoff)).toBe(false);
    expect(wasInForce({ ...a, managerSignedAt: '2026-03-31T22:30:00.000Z' }, day.date, day.cutoff)).toBe(false);
    expect(wasInForce({ ...a, state: 'suspended', suspendedAt: '2026-03-02T09:00:00.000Z' }, day.date, day.cutoff)).toBe(false);
    expect(wasInForce({ ...a, state: 'suspended', suspendedAt: '2026-04-02T09:00:00.000Z' }, day.date, day.cutoff)).toBe(true);
    expect(wasInForce({ ...a, ...unsigned, suspendedAt: null, endedOn: null }, day.date, day.cutoff)).toBe(false);
  });

  it('a withdrawal ends the period the day before it takes effect', () => {
    const a = agreementSnapshot({ withdrawalEffectiveDate: '2026-04-09' });
    expect(lastCoveredDay(a)).toBe('2026-04-08');
    expect(coversDate(a, '2026-04-08')).toBe(true);
    expect(coversDate(a, '2026-04-09')).toBe(false);
  });

  it('overlapping periods are found among signed, active, suspended agreements and drafts, not ended ones', () => {
    const current = agreementSnapshot({ id: 'current', withdrawalEffectiveDate: '2026-04-09' });
    const draft = agreementSnapshot({ id: 'draft', ...unsigned, startDate: '2026-05-01' });
    const old = agreementSnapshot({ id: 'old', state: 'expired', startDate: '2025-01-01', endDate: '2025-12-31' });
    const others = [current, draft, old];
    expect(overlappingAgreements({ id: 'new', startDate: '2026-04-09', endDate: '2026-04-30', withdrawalEffectiveDate: null }, others, true)).toEqual([]);
    expect(overlappingAgreements({ id: 'new', startDate: '2026-04-01', endDate: null, withdrawalEffectiveDate: null }, others, true).map((a) => a.id)).toEqual([
      'current',
      'draft',
    ]);
    expect(overlappingAgreements({ id: 'new', startDate: '2025-06-01', endDate: '2025-06-30', withdrawalEffectiveDate: null }, others, true)).toEqual([]);
  });
});
