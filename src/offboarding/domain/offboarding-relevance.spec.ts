import { offboardingRelevance } from './offboarding-relevance';

describe('is an offboarding case still due when its job finally runs?', () => {
  const ended = 'agreement-2021';

  it('is due when the person has no agreement in force today', () => {
    expect(offboardingRelevance('agreement_ended', ended, { refusals: ['AGREEMENT_NOT_IN_FORCE'], agreementId: ended })).toBe('due');
    expect(offboardingRelevance('agreement_ended', ended, { refusals: ['AGREEMENT_MISSING'], agreementId: null })).toBe('due');
    expect(offboardingRelevance('agreement_ended', ended, { refusals: ['AGREEMENT_NOT_SIGNED'], agreementId: 'draft-2023' })).toBe('due');
  });

  it('is superseded when a new agreement is in force today, even if its safety notice is stale', () => {
    expect(offboardingRelevance('agreement_ended', ended, { refusals: [], agreementId: 'agreement-2023' })).toBe('superseded_by_new_agreement');
    expect(offboardingRelevance('agreement_ended', ended, { refusals: ['SAFETY_NOTICE_MISSING'], agreementId: 'agreement-2023' })).toBe(
      'superseded_by_new_agreement',
    );
  });

  it('is still due when the agreement in force is the very one that ended (the job ran before the sweep saw it)', () => {
    expect(offboardingRelevance('agreement_ended', ended, { refusals: [], agreementId: ended })).toBe('due');
  });

  it('for a leaver, is due while the person is inactive and stale once active again', () => {
    expect(offboardingRelevance('left_directory', null, { refusals: ['EMPLOYEE_INACTIVE', 'AGREEMENT_MISSING'], agreementId: null })).toBe('due');
    expect(offboardingRelevance('left_directory', null, { refusals: ['AGREEMENT_MISSING'], agreementId: null })).toBe('employee_active_again');
  });
});
