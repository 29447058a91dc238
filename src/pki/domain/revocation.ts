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

/**
 * Who placed a hold, and so who may lift it. `manual`: the hot-line through /certificates/:serial/revoke, lifted
 * through /certificates/:serial/release-hold. `vpn-account`: the suspension of the VPN account the certificate
 * belongs to (by the hot-line, or by the suspension of the employee's agreement); only resuming that account,
 * which passes through the provisioning gate, lifts it — else the certificate would let in an account that is
 * still suspended.
 */
export const HOLD_OWNERS = ['manual', 'vpn-account'] as const;
export type HoldOwner = (typeof HOLD_OWNERS)[number];

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

/**
 * Lifting a hold (removeFromCRL semantics): only a certificate on hold becomes valid again, and a hold placed by
 * an account's suspension only by that account's resumption (`by`: who is lifting it; a hold recorded before
 * owners were, `null`, counts as manual).
 */
export function planHoldRelease(
  current: CertificateStatus,
  hold: { owner: HoldOwner | null; by: HoldOwner; vpnAccountId?: string | null } = { owner: null, by: 'manual' },
): 'valid' {
  if (current !== 'on_hold') {
    throw new Conflict('CERTIFICATE_NOT_ON_HOLD', current === 'revoked' ? 'A revoked certificate cannot be reinstated' : 'The certificate is not on hold', {
      status: current,
    });
  }
  if (hold.owner === 'vpn-account' && hold.by !== 'vpn-account') {
    const account = hold.vpnAccountId ?? null;
    throw new Conflict(
      'CERTIFICATE_HOLD_OWNED_BY_ACCOUNT',
      `The hold was placed by the suspension of VPN account ${account ?? '(unknown)'}: resume the account (POST /api/v1/vpn/accounts/${account ?? ':id'}/resume), which checks the provisioning gate`,
      { vpnAccountId: account, resumeWith: account ? `/api/v1/vpn/accounts/${account}/resume` : null },
    );
  }
  return 'valid';
}
