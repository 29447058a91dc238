import { addMonths, safetyNoticeStatus } from './safety-notice.policy';

describe('safety notice (informativa) every 12 months', () => {
  it('a notice delivered on 10 March is valid up to 9 March of the next year', () => {
    expect(safetyNoticeStatus('2026-03-10', '2026-03-10')).toEqual({ status: 'valid', expiresOn: '2027-03-10' });
    expect(safetyNoticeStatus('2026-03-10', '2027-03-09').status).toBe('valid');
  });

  it('older than 12 months it no longer counts and must be delivered again', () => {
    expect(safetyNoticeStatus('2026-03-10', '2027-03-10')).toEqual({ status: 'expired', expiresOn: '2027-03-10' });
  });

  it('never delivered, or delivered after the date asked about, is missing', () => {
    expect(safetyNoticeStatus(null, '2026-03-10')).toEqual({ status: 'missing', expiresOn: null });
    expect(safetyNoticeStatus('2026-04-01', '2026-03-10').status).toBe('missing');
  });

  it('months are calendar months: 29 February runs to 28 February, 31 January plus one month is 28 February', () => {
    expect(addMonths('2028-02-29', 12)).toBe('2029-02-28');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-12-15', 1)).toBe('2027-01-15');
  });
});
