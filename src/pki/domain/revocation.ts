import { Conflict } from '../../common/errors/domain-error';

/** RFC 5280 §5.3.1 CRLReason codes. */
export const REASON_CODES = {
  unspecified: 0,
  keyCompromise: 1,
  cACompromise: 2,
  affiliationChanged: 3,
  superseded: 4,
  cessationOfOperation: 5,
  certificateHold: 6,
  removeFromCRL: 8,
  privilegeWithdrawn: 9,
  aACompromise: 10,
} as const;

/**
 * Reasons a person (or a job) may give for an end-entity certificate. cACompromise and aACompromise do not
 * apply to leaves; removeFromCRL is not a reason to give but what lifting a hold does (release-hold).
 */
export const REVOCATION_REASONS = [
  'unspecified',
  'keyCompromise',
  'affiliationChanged',
  'superseded',
  'cessationOfOperation',
  'certificateHold',
  'privilegeWithdrawn',
] as const;
export type RevocationReason = (typeof REVOCATION_REASONS)[number];

export const CERTIFICATE_STATUSES = ['valid', 'revoked', 'on_hold'] as const;
export type CertificateStatus = (typeof CERTIFICATE_STATUSES)[number];

export function isRevocationReason(value: unknown): value is RevocationReason {
  return typeof value === 'string' && (REVOCATION_REASONS as readonly string[]).includes(value);
}

export function reasonCode(reason: string): number {
  return (REASON_CODES as Record<string, number>)[reason] ?? 0;
}

export function reasonName(code: number): string {
  return Object.entries(REASON_CODES).find(([, c]) => c === code)?.[0] ?? 'unspecified';
}

/**
 * What a revocation request does to a certificate in a given state. certificateHold suspends (reversible);
 * any other reason revokes for good, including a certificate already on hold (the hold becomes permanent,
 * RFC 5280 §5.3.1). A revoked certificate stays revoked: it can never be revoked again or un-revoked.
 */
export function planRevocation(current: CertificateStatus, reason: RevocationReason): 'revoked' | 'on_hold' {
  if (current === 'revoked') throw new Conflict('CERTIFICATE_ALREADY_REVOKED', 'The certificate is already revoked');
  if (reason === 'certificateHold') {
    if (current === 'on_hold') throw new Conflict('CERTIFICATE_ALREADY_ON_HOLD', 'The certificate is already on hold');
    return 'on_hold';
  }
  return 'revoked';
}

/** Lifting a hold (removeFromCRL semantics): only a certificate on hold becomes valid again. */
export function planHoldRelease(current: CertificateStatus): 'valid' {
  if (current !== 'on_hold') {
    throw new Conflict('CERTIFICATE_NOT_ON_HOLD', current === 'revoked' ? 'A revoked certificate cannot be reinstated' : 'The certificate is not on hold', {
      status: current,
    });
  }
  return 'valid';
}
