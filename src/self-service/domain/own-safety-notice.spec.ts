import { NoticeOfAgreement, ownSafetyNotice } from './own-safety-notice';

const notice = (agreementId: string, over: Partial<NoticeOfAgreement> = {}): NoticeOfAgreement => ({
  agreementId,
  inForceToday: false,
  status: 'valid',
  deliveredOn: '2026-03-01',
  expiresOn: '2027-03-01',
  ...over,
});

describe("the employee's safety notice", () => {
  it('is the notice of the agreement in force today, valid up to the day before it expires', () => {
    const shown = ownSafetyNotice([notice('next'), notice('now', { inForceToday: true, deliveredOn: '2024-02-29', expiresOn: '2025-02-28' })]);
    expect(shown).toMatchObject({ agreementId: 'now', validUntil: '2025-02-27' });
  });

  it('crosses month and year ends', () => {
    expect(ownSafetyNotice([notice('a', { expiresOn: '2027-01-01' })])?.validUntil).toBe('2026-12-31');
    expect(ownSafetyNotice([notice('a', { expiresOn: '2027-03-01' })])?.validUntil).toBe('2027-02-28');
  });

  it('without an agreement in force, is the newest agreement’s; with no notice delivered, holds on no day', () => {
    expect(ownSafetyNotice([notice('newest', { status: 'missing', deliveredOn: null, expiresOn: null }), notice('old')])).toMatchObject({
      agreementId: 'newest',
      status: 'missing',
      validUntil: null,
    });
  });

  it('is none without agreements', () => {
    expect(ownSafetyNotice([])).toBeNull();
  });
});
