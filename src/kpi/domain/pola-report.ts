import { INDICATORS, IndicatorDefinition, IndicatorId, IndicatorScope, IndicatorUnit } from './indicator-catalog';
import { centsToEuros } from '../../common/money';
import { indicatorStatus, IndicatorStatus, percent, round } from './indicator-status';
import { ReferencePoint } from './reference-date';

/** The raw aggregates of one reference point, as the repository's SQL returns them (counts and sums only). */
export interface Measurements {
  laptops: number;
  workersInForce: number;
  workersEquipped: number;
  investmentCents: number;
  lotsDelivered: number;
  /** month 1-12 */
  distributed: { month: number; kind: DistributedKind; count: number }[];
  services: { code: string; name: string; eligible: number; inForce: number }[];
  eligibleTotal: number;
  /** null while the service has no VPN accounts table */
  vpnAccounts: { state: string; count: number }[] | null;
  gateways: { name: string; capacity: number; enabled: boolean; expectedSessions: number; peakSessions95: number }[] | null;
  certificates: { valid: number; expiring: number };
  /** null before the first CRL is published */
  crl: { crlNumber: number; thisUpdate: string; nextUpdate: string; ageSeconds: number; secondsToNextUpdate: number; alert: boolean } | null;
  leavers: { leavers: number; holding: number; assetsHeld: number };
}

export const DISTRIBUTED_KINDS = ['laptop', 'webcam', 'headset'] as const;
export type DistributedKind = (typeof DISTRIBUTED_KINDS)[number];

export const VPN_STATES = ['requested', 'approved', 'issued', 'installed', 'active', 'suspended', 'revoked'] as const;

export interface BreakdownRow {
  key: string;
  label: string;
  values: Record<string, number | null>;
}

export interface IndicatorResult {
  id: IndicatorId;
  unit: IndicatorUnit;
  scope: IndicatorScope;
  /** The date the value describes: the reference date, or today for `current` indicators. */
  asOf: string;
  definition: string;
  value: number | null;
  baselineYear: number | null;
  baseline: number | null;
  target: number | null;
  expected: number | null;
  status: IndicatorStatus | null;
  numerator: number | null;
  denominator: number | null;
  numeratorDefinition: string;
  denominatorDefinition: string | null;
  breakdown: BreakdownRow[];
  details: Record<string, string | number | boolean | null>;
}

export interface TargetSource {
  target(indicator: string, year: number): number | null;
  baseline(indicator: string, year?: number): { year: number; value: number } | null;
}

interface Raw {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  breakdown?: BreakdownRow[];
  details?: Record<string, string | number | boolean | null>;
}

const HOUR_S = 3600;

function secondsBetween(fromIso: string, toIso: string): number {
  return Math.round((Date.parse(toIso) - Date.parse(fromIso)) / 1000);
}

/** Turns the aggregates into the indicators of SPEC §2, each with its target, baseline and status. */
export function buildPolaReport(ref: ReferencePoint, m: Measurements, targets: TargetSource, now: Date, today: string): IndicatorResult[] {
  const nowIso = now.toISOString();
  const raw: Record<IndicatorId, Raw> = {
    laptops_for_remote_work: { value: m.laptops, numerator: m.laptops, denominator: null, details: { workersInForce: m.workersInForce } },
    remote_workers_equipped_with_devices_and_data_pct: {
      value: percent(m.workersEquipped, m.workersInForce),
      numerator: m.workersEquipped,
      denominator: m.workersInForce,
    },
    hardware_and_digital_infrastructure_investment_eur: {
      value: centsToEuros(m.investmentCents),
      numerator: centsToEuros(m.investmentCents),
      denominator: null,
      details: { lotsDelivered: m.lotsDelivered },
    },
    equipment_distributed: distributed(ref, m),
    agreements_in_force_vs_eligible_pct: {
      value: percent(m.workersInForce, m.eligibleTotal),
      numerator: m.workersInForce,
      denominator: m.eligibleTotal,
      breakdown: m.services.map((s) => ({
        key: s.code,
        label: s.name,
        values: { inForce: s.inForce, eligible: s.eligible, pct: percent(s.inForce, s.eligible) },
      })),
    },
    vpn_accounts_open: vpnAccounts(m),
    vpn_gateway_expected_load_pct: gatewayLoad(m),
    certificates_expiring_within_30_days: { value: m.certificates.expiring, numerator: m.certificates.expiring, denominator: m.certificates.valid },
    crl_age_hours: m.crl ? crlIndicator(m.crl.ageSeconds, m.crl, nowIso) : { value: null, numerator: null, denominator: null, details: { published: false } },
    crl_hours_to_next_update: m.crl
      ? crlIndicator(m.crl.secondsToNextUpdate, m.crl, nowIso)
      : { value: null, numerator: null, denominator: null, details: { published: false } },
    leavers_holding_equipment: {
      value: m.leavers.holding,
      numerator: m.leavers.holding,
      denominator: m.leavers.leavers,
      details: { assetsHeld: m.leavers.assetsHeld },
    },
  };
  return INDICATORS.map((def) => finish(def, raw[def.id], ref, targets, today));
}

function finish(def: IndicatorDefinition, r: Raw, ref: ReferencePoint, targets: TargetSource, today: string): IndicatorResult {
  // Targets only make sense for indicators rebuilt at the reference date.
  const target = def.scope === 'history' ? targets.target(def.id, ref.year) : null;
  const baseline = def.scope === 'history' ? targets.baseline(def.id, ref.year) : null;
  const { status, expected } = indicatorStatus({
    value: r.value,
    target,
    baseline,
    direction: def.direction,
    accrual: def.accrual,
    year: ref.year,
    referenceDate: ref.date,
  });
  return {
    id: def.id,
    unit: def.unit,
    scope: def.scope,
    asOf: def.scope === 'history' ? ref.date : today,
    definition: def.definition,
    value: r.value,
    baselineYear: baseline?.year ?? null,
    baseline: baseline?.value ?? null,
    target,
    expected,
    status,
    numerator: r.numerator,
    denominator: r.denominator,
    numeratorDefinition: def.numerator,
    denominatorDefinition: def.denominator,
    breakdown: r.breakdown ?? [],
    details: r.details ?? {},
  };
}

function distributed(ref: ReferencePoint, m: Measurements): Raw {
  const lastMonth = Number(ref.date.slice(5, 7));
  const rows: BreakdownRow[] = [];
  for (let month = 1; month <= lastMonth; month++) {
    const key = `${ref.year}-${String(month).padStart(2, '0')}`;
    const values: Record<string, number> = {};
    for (const kind of DISTRIBUTED_KINDS) values[kind] = m.distributed.find((d) => d.month === month && d.kind === kind)?.count ?? 0;
    rows.push({ key, label: key, values });
  }
  const total = m.distributed.filter((d) => d.month <= lastMonth).reduce((s, d) => s + d.count, 0);
  const byKind = Object.fromEntries(
    DISTRIBUTED_KINDS.map((k) => [k, m.distributed.filter((d) => d.kind === k && d.month <= lastMonth).reduce((s, d) => s + d.count, 0)]),
  );
  return { value: total, numerator: total, denominator: null, breakdown: rows, details: byKind };
}

function vpnAccounts(m: Measurements): Raw {
  if (!m.vpnAccounts) return { value: null, numerator: null, denominator: null, details: { available: false } };
  const count = (state: string) => m.vpnAccounts!.filter((r) => r.state === state).reduce((s, r) => s + r.count, 0);
  const all = m.vpnAccounts.reduce((s, r) => s + r.count, 0);
  const open = all - count('revoked');
  const states = [...VPN_STATES, ...m.vpnAccounts.map((r) => r.state).filter((s) => !(VPN_STATES as readonly string[]).includes(s))];
  return {
    value: open,
    numerator: open,
    denominator: all,
    breakdown: states.map((state) => ({ key: state, label: state, values: { accounts: count(state) } })),
  };
}

function gatewayLoad(m: Measurements): Raw {
  if (!m.gateways) return { value: null, numerator: null, denominator: null, details: { available: false } };
  const enabled = m.gateways.filter((g) => g.enabled);
  const expected = round(
    enabled.reduce((s, g) => s + g.expectedSessions, 0),
    1,
  );
  const capacity = enabled.reduce((s, g) => s + g.capacity, 0);
  return {
    value: percent(expected, capacity),
    numerator: expected,
    denominator: capacity,
    breakdown: m.gateways.map((g) => ({
      key: g.name,
      label: g.name,
      values: {
        capacity: g.capacity,
        expectedSessions: g.expectedSessions,
        peakSessions95: g.peakSessions95,
        utilisationPct: percent(g.expectedSessions, g.capacity),
        enabled: g.enabled ? 1 : 0,
      },
    })),
  };
}

function crlIndicator(seconds: number, crl: NonNullable<Measurements['crl']>, nowIso: string): Raw {
  return {
    value: round(seconds / HOUR_S, 1),
    numerator: seconds,
    denominator: secondsBetween(crl.thisUpdate, crl.nextUpdate),
    details: { crlNumber: crl.crlNumber, thisUpdate: crl.thisUpdate, nextUpdate: crl.nextUpdate, alert: crl.alert, measuredAt: nowIso },
  };
}
