import { agreementSnapshot } from './agreement-fixture';
import { sweepStep } from './agreement-sweep.policy';

describe('the daily sweep', () => {
  it('a signed agreement becomes active on its start date, not before', () => {
    const signed = agreementSnapshot({ state: 'signed', startDate: '2026-02-01' });
    expect(sweepStep(signed, '2026-01-31')).toBeNull();
    expect(sweepStep(signed, '2026-02-01')).toEqual({ to: 'active' });
  });

  it('an agreement expires the day after its end date (it is in force on the end date itself)', () => {
    const fixed = agreementSnapshot({ endDate: '2026-06-30' });
    expect(sweepStep(fixed, '2026-06-30')).toBeNull();
    expect(sweepStep(fixed, '2026-07-01')).toEqual({ to: 'expired', endedOn: '2026-07-01' });
  });

  it('a suspended agreement expires too', () => {
    expect(sweepStep(agreementSnapshot({ state: 'suspended', endDate: '2026-06-30' }), '2026-07-05')).toEqual({ to: 'expired', endedOn: '2026-07-01' });
  });

  it('a notified withdrawal takes effect on its effective date', () => {
    const a = agreementSnapshot({ withdrawalEffectiveDate: '2026-04-09' });
    expect(sweepStep(a, '2026-04-08')).toBeNull();
    expect(sweepStep(a, '2026-04-09')).toEqual({ to: 'withdrawn', endedOn: '2026-04-09' });
  });

  it('when a sweep was missed, whichever ending came first decides', () => {
    const a = agreementSnapshot({ endDate: '2026-06-30', withdrawalEffectiveDate: '2026-05-01' });
    expect(sweepStep(a, '2026-08-01')).toEqual({ to: 'withdrawn', endedOn: '2026-05-01' });
    const neverActivated = agreementSnapshot({ state: 'signed', startDate: '2026-01-01', endDate: '2026-01-31' });
    expect(sweepStep(neverActivated, '2026-03-01')).toEqual({ to: 'expired', endedOn: '2026-02-01' });
  });

  it('drafts and ended agreements are left alone', () => {
    expect(sweepStep(agreementSnapshot({ state: 'draft', endDate: '2026-01-31' }), '2026-03-01')).toBeNull();
    expect(sweepStep(agreementSnapshot({ state: 'expired', endDate: '2026-01-31' }), '2026-03-01')).toBeNull();
  });
});
