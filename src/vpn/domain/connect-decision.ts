import type { GateDecision } from '../../agreements';
import type { AccountState } from './account-lifecycle';
import { stationHeldBy } from './station-rule';

type GateRefusal = GateDecision['refusals'][number];

/**
 * Why a gateway refuses a connecting certificate, in the order they are reported: first whether the certificate is
 * one the service knows as an account's current one (nothing else can be asked otherwise), then the causes —
 * the person, the agreement, the laptop — before their consequences on the account and the certificate (an
 * agreement's suspension suspends the account and holds its certificate: the gateway's log says why), and the
 * placement last. The closed list the hook logs (`remote-work: refused <CODE>`).
 */
export const CONNECT_REFUSALS = [
  'UNKNOWN_CERTIFICATE',
  'CERTIFICATE_NOT_CURRENT',
  'EMPLOYEE_INACTIVE',
  'AGREEMENT_NOT_IN_FORCE',
  'STATION_NOT_ASSIGNED',
  'ACCOUNT_SUSPENDED',
  'ACCOUNT_NOT_INSTALLED',
  'CERTIFICATE_REVOKED',
  'WRONG_GATEWAY',
] as const;
export type ConnectRefusal = (typeof CONNECT_REFUSALS)[number];

/** The states in which an account's laptop may connect. */
export const CONNECTABLE_STATES: readonly AccountState[] = ['installed', 'active'];

export interface ConnectFacts {
  /** The instant of the check (ISO-8601 UTC). */
  now: string;
  /** The serial presented, canonical (lowercase hex, no leading zeros). */
  serial: string;
  /** The gateway asking. */
  gateway: { id: string; profile: string; enabled: boolean };
  /** What the PKI records of the serial; null when it does not know it. */
  certificate: {
    kind: string;
    status: string;
    notBefore: string;
    notAfter: string;
    stationAssetId: string | null;
  } | null;
  /** The VPN account the certificate was issued for; null when none. */
  account: {
    id: string;
    state: AccountState;
    profile: string;
    gatewayId: string | null;
    employeeId: string;
    stationAssetId: string | null;
    currentSerial: string | null;
    supersededSerial: string | null;
    supersedeAfter: string | null;
  } | null;
  /** The laptop of the certificate: its state and who holds it; null when inventory has no such asset. */
  station: { state: string; holderEmployeeId: string | null } | null;
  /** The employee of the account; null when the directory has no such employee. */
  employee: { active: boolean } | null;
  /** An agreement of the employee is in force today (signed by both, not suspended, not ended). */
  agreementInForce: boolean;
}

export interface ConnectDecision {
  allowed: boolean;
  /** The first refusal in CONNECT_REFUSALS order, null when allowed. */
  reason: ConnectRefusal | null;
  /** Every refusal that applies (only the first when the certificate itself is not an account's current one). */
  refusals: ConnectRefusal[];
}

/** The gate's refusals that say no agreement is in force today (the others — eligibility, the safety notice — are the gate's for issuing). */
const NOT_IN_FORCE: readonly GateRefusal[] = ['AGREEMENT_MISSING', 'AGREEMENT_NOT_SIGNED', 'COUNTERSIGNATURE_UNCONFIRMED', 'AGREEMENT_NOT_IN_FORCE'];

/** Whether the provisioning gate's refusals leave an agreement in force today. */
export function agreementInForceFrom(gateRefusals: readonly GateRefusal[]): boolean {
  return !gateRefusals.some((r) => NOT_IN_FORCE.includes(r));
}

/** The serial is the account's current certificate, or the one a renewal replaced while its grace period runs. */
export function isCurrentSerial(account: NonNullable<ConnectFacts['account']>, serial: string, now: string): boolean {
  if (account.currentSerial === serial) return true;
  return account.supersededSerial === serial && account.supersedeAfter !== null && account.supersedeAfter > now;
}

/** The account may use this gateway: the one it is placed on, or an enabled gateway of its profile (failover). */
export function servesAccount(gateway: ConnectFacts['gateway'], account: Pick<NonNullable<ConnectFacts['account']>, 'gatewayId' | 'profile'>): boolean {
  return account.gatewayId === gateway.id || (gateway.enabled && gateway.profile === account.profile);
}

const refuse = (reason: ConnectRefusal): ConnectDecision => ({ allowed: false, reason, refusals: [reason] });

/**
 * The connect-time decision (SPEC "Gateways enforce"): allow a certificate that is its account's current one, valid
 * now, not revoked or on hold, of an account installed or active, whose employee is active with an agreement in
 * force today and still holds the laptop the certificate names, on a gateway that serves the account. Pure: the
 * service gathers the facts, the signed allow-list asks the same function for every account.
 */
export function decideConnect(facts: ConnectFacts): ConnectDecision {
  const { certificate, account, now } = facts;
  if (!certificate || certificate.kind !== 'station') return refuse('UNKNOWN_CERTIFICATE');
  if (!account || !isCurrentSerial(account, facts.serial, now) || certificate.notBefore > now || certificate.notAfter <= now) {
    return refuse('CERTIFICATE_NOT_CURRENT');
  }
  const refusals = new Set<ConnectRefusal>();
  if (!facts.employee?.active) refusals.add('EMPLOYEE_INACTIVE');
  if (!facts.agreementInForce) refusals.add('AGREEMENT_NOT_IN_FORCE');
  if (!stationHeldBy(account.employeeId, facts.station)) refusals.add('STATION_NOT_ASSIGNED');
  if (account.state === 'suspended') refusals.add('ACCOUNT_SUSPENDED');
  else if (!CONNECTABLE_STATES.includes(account.state)) refusals.add('ACCOUNT_NOT_INSTALLED');
  if (certificate.status !== 'valid') refusals.add('CERTIFICATE_REVOKED');
  if (!servesAccount(facts.gateway, account)) refusals.add('WRONG_GATEWAY');
  const ordered = CONNECT_REFUSALS.filter((r) => refusals.has(r));
  return { allowed: ordered.length === 0, reason: ordered[0] ?? null, refusals: ordered };
}
