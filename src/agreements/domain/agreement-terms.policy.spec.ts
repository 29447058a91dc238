import { AgreementTerms, assertValidTerms } from './agreement-terms.policy';
import { bandsOverlap, parseTimeBand } from './time-band';

const terms = (overrides: Partial<AgreementTerms> = {}): AgreementTerms => ({
  startDate: '2026-01-01',
  endDate: null,
  remoteDaysPerWeek: 2,
  contactBand: '09:30-12:30',
  nonOperabilityBand: '20:00-07:30',
  ...overrides,
});
const employee = { isManager: false, isDirectorGeneral: false };
const manager = { isManager: true, isDirectorGeneral: false };

describe('agreement terms', () => {
  it('an employee may work remotely up to 5 days a week', () => {
    expect(() => assertValidTerms(terms({ remoteDaysPerWeek: 5 }), employee)).not.toThrow();
  });

  it('a manager (dirigente) works remotely at most 1 day a week', () => {
    expect(() => assertValidTerms(terms({ remoteDaysPerWeek: 1 }), manager)).not.toThrow();
    expect(() => assertValidTerms(terms({ remoteDaysPerWeek: 2 }), manager)).toThrow(
      expect.objectContaining({ kind: 'rule', code: 'MANAGER_REMOTE_DAYS_EXCEEDED' }),
    );
    expect(() => assertValidTerms(terms({ remoteDaysPerWeek: 2 }), { isManager: false, isDirectorGeneral: true })).toThrow(
      expect.objectContaining({ code: 'MANAGER_REMOTE_DAYS_EXCEEDED' }),
    );
  });

  it('the end date cannot come before the start date; malformed bands are named field by field', () => {
    try {
      assertValidTerms(terms({ endDate: '2025-12-31', contactBand: '9-12', nonOperabilityBand: '25:00-07:00' }), employee);
      throw new Error('expected a refusal');
    } catch (err) {
      expect(err).toMatchObject({ kind: 'validation', code: 'AGREEMENT_TERMS_INVALID' });
      const fields = (err as { details: { fields: { field: string }[] } }).details.fields.map((f) => f.field);
      expect(fields).toEqual(['endDate', 'contactBand', 'nonOperabilityBand']);
    }
  });

  it('the contact band and the non-operability band must not overlap (the right to disconnect)', () => {
    expect(() => assertValidTerms(terms({ contactBand: '09:00-13:00', nonOperabilityBand: '12:00-14:00' }), employee)).toThrow(
      expect.objectContaining({ code: 'BANDS_OVERLAP' }),
    );
    expect(() => assertValidTerms(terms({ contactBand: '06:00-08:00', nonOperabilityBand: '20:00-07:00' }), employee)).toThrow(
      expect.objectContaining({ code: 'BANDS_OVERLAP' }),
    );
  });

  it('time bands: the non-operability band may wrap past midnight, touching bands do not overlap', () => {
    expect(parseTimeBand('20:00-07:30')).toEqual({ from: 1200, to: 450 });
    expect(parseTimeBand('10:00-10:00')).toBeNull();
    expect(bandsOverlap(parseTimeBand('09:00-12:00')!, parseTimeBand('12:00-13:00')!)).toBe(false);
    expect(bandsOverlap(parseTimeBand('23:00-01:00')!, parseTimeBand('00:30-02:00')!)).toBe(true);
  });
});
