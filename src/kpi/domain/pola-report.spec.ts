import { FixedClock } from '../../common/clock';
import { buildPolaReport, IndicatorResult, Measurements, TargetSource } from './pola-report';
import { referencePoint } from './reference-date';

/** The rows of config/kpi-targets.tsv as the seed has them. */
const targets: TargetSource = {
  target: (indicator, year) =>
    ({
      laptops_for_remote_work: { 2021: 300, 2022: 350, 2023: 400 },
      remote_workers_equipped_with_devices_and_data_pct: { 2021: 100, 2022: 100, 2023: 100 },
      hardware_and_digital_infrastructure_investment_eur: { 2021: 100_000, 2022: 50_000, 2023: 20_000 },
    })[indicator as 'laptops_for_remote_work']?.[year as 2021] ?? null,
  baseline: (indicator) =>
    ({
      laptops_for_remote_work: { year: 2020, value: 236 },
      remote_workers_equipped_with_devices_and_data_pct: { year: 2020, value: 95 },
      hardware_and_digital_infrastructure_investment_eur: { year: 2020, value: 30_000 },
    })[indicator as 'laptops_for_remote_work'] ?? null,
};

const measurements = (over: Partial<Measurements> = {}): Measurements => ({
  laptops: 236,
  workersInForce: 548,
  workersEquipped: 521,
  investmentCents: 3_000_000,
  lotsDelivered: 6,
  distributed: [
    { month: 3, kind: 'laptop', count: 120 },
    { month: 4, kind: 'laptop', count: 28 },
    { month: 3, kind: 'webcam', count: 130 },
    { month: 3, kind: 'headset', count: 200 },
    { month: 11, kind: 'headset', count: 15 },
  ],
  services: [
    { code: 'CP', name: 'Polizia Municipale', eligible: 45, inForce: 40 },
    { code: 'SD', name: 'Sistema Informativo', eligible: 38, inForce: 38 },
  ],
  eligibleTotal: 594,
  vpnAccounts: [
    { state: 'active', count: 640 },
    { state: 'suspended', count: 12 },
    { state: 'revoked', count: 30 },
  ],
  gateways: [
    { name: 'gw1', capacity: 250, enabled: true, expectedSessions: 180.4, peakSessions95: 197 },
    { name: 'gw2', capacity: 250, enabled: true, expectedSessions: 179.6, peakSessions95: 196 },
    { name: 'gw3', capacity: 100, enabled: false, expectedSessions: 0, peakSessions95: 0 },
  ],
  certificates: { valid: 652, expiring: 17 },
  crl: {
    crlNumber: 42,
    thisUpdate: '2020-12-31T20:00:00.000Z',
    nextUpdate: '2021-01-07T20:00:00.000Z',
    ageSeconds: 648_000,
    secondsToNextUpdate: -43_200,
    alert: true,
  },
  leavers: { leavers: 9, holding: 2, assetsHeld: 3 },
  ...over,
});

const byId = (rows: IndicatorResult[], id: string) => rows.find((r) => r.id === id)!;

describe('the POLA report of a year', () => {
  // "now" is 8 January 2021: 2020 is a closed year, measured on 31 December.
  const clock = new FixedClock(new Date('2021-01-08T08:00:00Z'));
  const ref2020 = referencePoint(2020, clock.now(), 'Europe/Rome');

  it('the 2020 baseline year: laptops read 236 against the baseline, no target, no status', () => {
    const report = buildPolaReport(ref2020, measurements(), targets, clock.now(), '2021-01-08');
    expect(byId(report, 'laptops_for_remote_work')).toMatchObject({
      value: 236,
      numerator: 236,
      denominator: null,
      baseline: 236,
      baselineYear: 2020,
      target: null,
      status: null,
      asOf: '2020-12-31',
      scope: 'history',
      details: { workersInForce: 548 },
    });
    expect(byId(report, 'remote_workers_equipped_with_devices_and_data_pct')).toMatchObject({ value: 95.1, numerator: 521, denominator: 548, baseline: 95 });
    expect(byId(report, 'hardware_and_digital_infrastructure_investment_eur')).toMatchObject({ value: 30_000, details: { lotsDelivered: 6 } });
    expect(report.map((r) => r.id)).toHaveLength(11);
  });

  it('equipment handed out: one row per month with laptops, webcams and headsets, and the year total', () => {
    const equipment = byId(buildPolaReport(ref2020, measurements(), targets, clock.now(), '2021-01-08'), 'equipment_distributed');
    expect(equipment.value).toBe(493);
    expect(equipment.details).toEqual({ laptop: 148, webcam: 130, headset: 215 });
    expect(equipment.breakdown).toHaveLength(12);
    expect(equipment.breakdown[2]).toEqual({ key: '2020-03', label: '2020-03', values: { laptop: 120, webcam: 130, headset: 200 } });
    expect(equipment.breakdown[0].values).toEqual({ laptop: 0, webcam: 0, headset: 0 });
  });

  it('agreements in force against eligible employees, in total and by service', () => {
    const agreements = byId(buildPolaReport(ref2020, measurements(), targets, clock.now(), '2021-01-08'), 'agreements_in_force_vs_eligible_pct');
    expect(agreements).toMatchObject({ value: 92.3, numerator: 548, denominator: 594 });
    expect(agreements.breakdown).toEqual([
      { key: 'CP', label: 'Polizia Municipale', values: { inForce: 40, eligible: 45, pct: 88.9 } },
      { key: 'SD', label: 'Sistema Informativo', values: { inForce: 38, eligible: 38, pct: 100 } },
    ]);
  });

  it('VPN, gateways, certificates and the CRL; current indicators carry no target and say they are as of today', () => {
    const report = buildPolaReport(ref2020, measurements(), targets, clock.now(), '2021-01-08');
    const vpn = byId(report, 'vpn_accounts_open');
    expect(vpn).toMatchObject({ value: 652, numerator: 652, denominator: 682, asOf: '2021-01-08', scope: 'current', target: null, status: null });
    expect(vpn.breakdown.map((b) => [b.key, b.values.accounts])).toEqual([
      ['requested', 0],
      ['approved', 0],
      ['issued', 0],
      ['installed', 0],
      ['active', 640],
      ['suspended', 12],
      ['revoked', 30],
    ]);
    const load = byId(report, 'vpn_gateway_expected_load_pct');
    expect(load).toMatchObject({ value: 72, numerator: 360, denominator: 500 });
    expect(load.breakdown[0].values).toEqual({ capacity: 250, expectedSessions: 180.4, peakSessions95: 197, utilisationPct: 72.2, enabled: 1 });
    expect(byId(report, 'certificates_expiring_within_30_days')).toMatchObject({ value: 17, numerator: 17, denominator: 652 });
    // thisUpdate 2020-12-31 20:00, now 2021-01-08 08:00: 180 h old, nextUpdate passed 12 h ago
    expect(byId(report, 'crl_age_hours')).toMatchObject({ value: 180, numerator: 648_000, denominator: 604_800 });
    expect(byId(report, 'crl_hours_to_next_update')).toMatchObject({ value: -12, numerator: -43_200 });
    expect(byId(report, 'leavers_holding_equipment')).toMatchObject({ value: 2, numerator: 2, denominator: 9, details: { assetsHeld: 3 } });
  });

  it('a year with targets: met, behind, and on track while the year runs', () => {
    const closed = buildPolaReport(
      referencePoint(2021, new Date('2022-03-01T10:00:00Z'), 'Europe/Rome'),
      measurements({ laptops: 303, workersEquipped: 540 }),
      targets,
      new Date(),
      '2022-03-01',
    );
    expect(byId(closed, 'laptops_for_remote_work')).toMatchObject({ target: 300, expected: 300, status: 'met' });
    expect(byId(closed, 'remote_workers_equipped_with_devices_and_data_pct')).toMatchObject({ value: 98.5, target: 100, status: 'behind' });
    expect(byId(closed, 'hardware_and_digital_infrastructure_investment_eur')).toMatchObject({ value: 30_000, target: 100_000, status: 'behind' });

    const now = new Date('2022-07-02T10:00:00Z');
    const running = buildPolaReport(
      referencePoint(2022, now, 'Europe/Rome'),
      measurements({ laptops: 322, investmentCents: 2_600_000 }),
      targets,
      now,
      '2022-07-02',
    );
    expect(byId(running, 'laptops_for_remote_work')).toMatchObject({ asOf: '2022-07-02', target: 350, expected: 321.58, status: 'on_track' });
    // 50,000 € over the year: 183 days in → 25,068.49 expected
    expect(byId(running, 'hardware_and_digital_infrastructure_investment_eur')).toMatchObject({ value: 26_000, expected: 25_068.49, status: 'on_track' });
    expect(byId(running, 'equipment_distributed').breakdown).toHaveLength(7);
  });

  it('nothing to divide by and nothing published yet give empty values, not errors', () => {
    const report = buildPolaReport(
      ref2020,
      measurements({ workersInForce: 0, workersEquipped: 0, eligibleTotal: 0, vpnAccounts: null, gateways: null, crl: null }),
      targets,
      clock.now(),
      '2021-01-08',
    );
    expect(byId(report, 'remote_workers_equipped_with_devices_and_data_pct')).toMatchObject({ value: null, numerator: 0, denominator: 0 });
    expect(byId(report, 'agreements_in_force_vs_eligible_pct').value).toBeNull();
    expect(byId(report, 'vpn_accounts_open')).toMatchObject({ value: null, details: { available: false } });
    expect(byId(report, 'vpn_gateway_expected_load_pct').value).toBeNull();
    expect(byId(report, 'crl_age_hours')).toMatchObject({ value: null, details: { published: false } });
  });
});
