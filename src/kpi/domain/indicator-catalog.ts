import { Accrual, Direction } from './indicator-status';

/**
 * Every POLA indicator the service measures (SPEC §2, seed Part 4), with what its numerator and denominator
 * count. Targets and baselines come from config/kpi-targets.tsv under the indicator's id; an indicator without a
 * column there simply has no target. `scope: 'history'` indicators are rebuilt for any past reference date from
 * dated records; `scope: 'current'` ones describe the present only (the service keeps no history of VPN account
 * states, gateway load or published CRLs), so for a past year they are reported as of now and say so.
 *
 * The first three are also Part 4 indicators: GET /api/v1/kpi/pola reports them among the 22 of Part 4 (PolaService,
 * typed targets from config/pola-targets.tsv) and lists the others as `operational`.
 */
export type IndicatorUnit = 'count' | 'percent' | 'eur' | 'hours';
export type IndicatorScope = 'history' | 'current';

export interface IndicatorDefinition {
  id: IndicatorId;
  unit: IndicatorUnit;
  accrual: Accrual;
  direction: Direction;
  scope: IndicatorScope;
  definition: string;
  numerator: string;
  /** null: the indicator is a count or a sum, not a ratio. */
  denominator: string | null;
}

export const INDICATOR_IDS = [
  'laptops_for_remote_work',
  'remote_workers_equipped_with_devices_and_data_pct',
  'hardware_and_digital_infrastructure_investment_eur',
  'equipment_distributed',
  'agreements_in_force_vs_eligible_pct',
  'vpn_accounts_open',
  'vpn_gateway_expected_load_pct',
  'certificates_expiring_within_30_days',
  'crl_age_hours',
  'crl_hours_to_next_update',
  'leavers_holding_equipment',
] as const;
export type IndicatorId = (typeof INDICATOR_IDS)[number];

const IN_FORCE = 'an agreement signed by both parties whose period covers the reference date (not suspended then)';

export const INDICATORS: readonly IndicatorDefinition[] = [
  {
    id: 'laptops_for_remote_work',
    unit: 'count',
    accrual: 'level',
    direction: 'increase',
    scope: 'history',
    definition: 'Municipality-owned laptops assigned, on the reference date, to employees with an agreement in force',
    numerator: `distinct municipal laptops handed over on or before the reference date and not yet returned, lost or stolen by then, held by an employee with ${IN_FORCE}`,
    denominator: null,
  },
  {
    id: 'remote_workers_equipped_with_devices_and_data_pct',
    unit: 'percent',
    accrual: 'level',
    direction: 'increase',
    scope: 'history',
    definition: 'Share of remote workers who have both a laptop and a data connection for remote work',
    numerator:
      'employees with an agreement in force who hold a laptop (municipal, or a declared personal one) and a data connection (a municipal mobile router/SIM, or declared home broadband) on the reference date',
    denominator: `employees with ${IN_FORCE}`,
  },
  {
    id: 'hardware_and_digital_infrastructure_investment_eur',
    unit: 'eur',
    accrual: 'annual',
    direction: 'increase',
    scope: 'history',
    definition: 'Hardware bought for remote work: quantity × unit price of the purchase lots delivered in the year, in euros',
    numerator: 'sum of quantity × unit price of purchase lots with a delivery date from 1 January to the reference date',
    denominator: null,
  },
  {
    id: 'equipment_distributed',
    unit: 'count',
    accrual: 'annual',
    direction: 'increase',
    scope: 'history',
    definition: 'Laptops, webcams and headsets handed out in the year, by month (the seed’s 2020 chart)',
    numerator: 'handover items of kind laptop, webcam or headset with a handover date from 1 January to the reference date',
    denominator: null,
  },
  {
    id: 'agreements_in_force_vs_eligible_pct',
    unit: 'percent',
    accrual: 'level',
    direction: 'increase',
    scope: 'history',
    definition: 'Employees with an agreement in force against employees eligible for remote work, in total and by service',
    numerator: `employees with ${IN_FORCE}`,
    denominator:
      'employees active on the reference date and linked to at least one fully or partially remote activity (eligibility as the activity links stand today)',
  },
  {
    id: 'vpn_accounts_open',
    unit: 'count',
    accrual: 'level',
    direction: 'increase',
    scope: 'current',
    definition: 'VPN accounts not revoked, with the breakdown of every account by state',
    numerator: 'VPN accounts in a state other than revoked',
    denominator: 'all VPN accounts',
  },
  {
    id: 'vpn_gateway_expected_load_pct',
    unit: 'percent',
    accrual: 'level',
    direction: 'decrease',
    scope: 'current',
    definition: 'Expected concurrent VPN sessions on a working day against the capacity of the enabled gateways',
    numerator: 'expected concurrent sessions: Σ remote days per week ÷ 5 over accounts holding a certificate (issued, installed, active)',
    denominator: 'concurrent-session capacity of the enabled gateways',
  },
  {
    id: 'certificates_expiring_within_30_days',
    unit: 'count',
    accrual: 'level',
    direction: 'decrease',
    scope: 'history',
    definition: 'Valid certificates whose validity ends within 30 days after the reference moment',
    numerator: 'certificates valid at the reference moment (issued before, not expired, not revoked or on hold) with notAfter within the next 30 days',
    denominator: 'certificates valid at the reference moment',
  },
  {
    id: 'crl_age_hours',
    unit: 'hours',
    accrual: 'level',
    direction: 'decrease',
    scope: 'current',
    definition: 'Age of the published CRL (now − thisUpdate), in hours',
    numerator: 'seconds since the published CRL’s thisUpdate',
    denominator: 'seconds from thisUpdate to nextUpdate (the CRL’s validity period)',
  },
  {
    id: 'crl_hours_to_next_update',
    unit: 'hours',
    accrual: 'level',
    direction: 'increase',
    scope: 'current',
    definition: 'Time left before the published CRL’s nextUpdate (negative once passed: gateways then refuse everyone), in hours',
    numerator: 'seconds from now to nextUpdate',
    denominator: 'seconds from thisUpdate to nextUpdate (the CRL’s validity period)',
  },
  {
    id: 'leavers_holding_equipment',
    unit: 'count',
    accrual: 'level',
    direction: 'decrease',
    scope: 'history',
    definition: 'Employees no longer active who still hold municipal equipment (a count: no per-person list)',
    numerator: 'inactive employees (deactivated before the reference moment) holding at least one municipal asset then',
    denominator: 'employees deactivated before the reference moment',
  },
];

export function indicatorDefinition(id: IndicatorId): IndicatorDefinition {
  const found = INDICATORS.find((i) => i.id === id);
  if (!found) throw new Error(`unknown indicator ${id}`);
  return found;
}
