/**
 * Offboarding runs through the job queue, so it may run late: hours after a withdrawal, or (a queue that was
 * down, a sweep catching up) after the person has signed a new agreement or come back to the directory.
 * Before touching anything the case is checked against today's gate decision; a stale case is closed
 * without running its steps, so a late job never suspends the VPN account or revokes the certificates of
 * someone entitled to them today.
 */
export type OffboardingRelevance = 'due' | 'superseded_by_new_agreement' | 'employee_active_again';

const NO_AGREEMENT_IN_FORCE = ['AGREEMENT_MISSING', 'AGREEMENT_NOT_SIGNED', 'AGREEMENT_NOT_IN_FORCE'];

export function offboardingRelevance(
  trigger: 'agreement_ended' | 'left_directory',
  endedAgreementId: string | null,
  today: { refusals: readonly string[]; agreementId: string | null },
): OffboardingRelevance {
  if (trigger === 'left_directory') {
    return today.refusals.includes('EMPLOYEE_INACTIVE') ? 'due' : 'employee_active_again';
  }
  const agreementInForce = !today.refusals.some((r) => NO_AGREEMENT_IN_FORCE.includes(r));
  if (agreementInForce && today.agreementId !== null && today.agreementId !== endedAgreementId) return 'superseded_by_new_agreement';
  return 'due';
}
