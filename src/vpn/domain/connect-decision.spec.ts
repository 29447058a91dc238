import { agreementInForceFrom, CONNECT_REFUSALS, ConnectFacts, ConnectRefusal, decideConnect } from './connect-decision';

const NOW = '2026-12-02T08:30:00.000Z';
const SERIAL = '5f1e2d3c4b5a69788796a5b4c3d2e1f0';
const OLD_SERIAL = '1a2b3c4d5e6f708192a3b4c5d6e7f801';
const GATEWAY = { id: 'gw-1', profile: 'dipendenti', enabled: true };

/** A laptop of an active employee with an agreement in force, connecting to the gateway it is placed on. */
function facts(overrides: Partial<ConnectFacts> = {}, account: Partial<NonNullable<ConnectFacts['account']>> = {}): ConnectFacts {
  return {
    now: NOW,
    serial: SERIAL,
    gateway: GATEWAY,
    certificate: { kind: 'station', status: 'valid', notBefore: '2026-01-10T00:00:00.000Z', notAfter: '2027-01-10T00:00:00.000Z', stationAssetId: 'asset-1' },
    account: {
      id: 'acc-1',
      state: 'active',
      profile: 'dipendenti',
      gatewayId: 'gw-1',
      employeeId: 'emp-1',
      stationAssetId: 'asset-1',
      currentSerial: SERIAL,
      supersededSerial: null,
      supersedeAfter: null,
      ...account,
    },
    station: { state: 'assigned', holderEmployeeId: 'emp-1' },
    employee: { active: true },
    agreementInForce: true,
    ...overrides,
  };
}

const reasonOf = (f: ConnectFacts): ConnectRefusal | null => decideConnect(f).reason;

describe('the connect-time decision', () => {
  it('allows the current certificate of an installed or active account on its own gateway', () => {
    expect(decideConnect(facts())).toEqual({ allowed: true, reason: null, refusals: [] });
    expect(decideConnect(facts({}, { state: 'installed' }))).toEqual({ allowed: true, reason: null, refusals: [] });
  });

  it('allows another enabled gateway of the same profile (failover), not a disabled one nor one of another profile', () => {
    expect(reasonOf(facts({ gateway: { id: 'gw-2', profile: 'dipendenti', enabled: true } }))).toBeNull();
    expect(reasonOf(facts({ gateway: { id: 'gw-2', profile: 'dipendenti', enabled: false } }))).toBe('WRONG_GATEWAY');
    expect(reasonOf(facts({ gateway: { id: 'gw-t', profile: 'tecnici', enabled: true } }))).toBe('WRONG_GATEWAY');
    // the gateway it is placed on serves it even once disabled (disabled: no new accounts)
    expect(reasonOf(facts({ gateway: { ...GATEWAY, enabled: false } }))).toBeNull();
  });

  it('refuses a serial the PKI does not know, or a certificate that is not a station certificate: UNKNOWN_CERTIFICATE', () => {
    expect(decideConnect(facts({ certificate: null, account: null }))).toEqual({
      allowed: false,
      reason: 'UNKNOWN_CERTIFICATE',
      refusals: ['UNKNOWN_CERTIFICATE'],
    });
    expect(reasonOf(facts({ certificate: { ...facts().certificate!, kind: 'server' } }))).toBe('UNKNOWN_CERTIFICATE');
  });

  it("refuses a certificate that is not the account's current one (replaced, grace over, expired, no account): CERTIFICATE_NOT_CURRENT", () => {
    expect(reasonOf(facts({ account: null }))).toBe('CERTIFICATE_NOT_CURRENT');
    expect(reasonOf(facts({}, { currentSerial: OLD_SERIAL }))).toBe('CERTIFICATE_NOT_CURRENT');
    // the one a renewal replaced: accepted while the grace period runs, not after
    const renewed = { currentSerial: OLD_SERIAL, supersededSerial: SERIAL };
    expect(reasonOf(facts({}, { ...renewed, supersedeAfter: '2026-12-05T00:00:00.000Z' }))).toBeNull();
    expect(reasonOf(facts({}, { ...renewed, supersedeAfter: NOW }))).toBe('CERTIFICATE_NOT_CURRENT');
    expect(reasonOf(facts({}, { ...renewed, supersedeAfter: null }))).toBe('CERTIFICATE_NOT_CURRENT');
    expect(reasonOf(facts({ certificate: { ...facts().certificate!, notAfter: NOW } }))).toBe('CERTIFICATE_NOT_CURRENT');
    expect(reasonOf(facts({ certificate: { ...facts().certificate!, notBefore: '2026-12-02T09:00:00.000Z' } }))).toBe('CERTIFICATE_NOT_CURRENT');
  });

  it('refuses an employee who left or is disabled in the directory: EMPLOYEE_INACTIVE', () => {
    expect(reasonOf(facts({ employee: { active: false } }))).toBe('EMPLOYEE_INACTIVE');
    expect(reasonOf(facts({ employee: null }))).toBe('EMPLOYEE_INACTIVE');
  });

  it('refuses without an agreement in force today: AGREEMENT_NOT_IN_FORCE', () => {
    expect(reasonOf(facts({ agreementInForce: false }))).toBe('AGREEMENT_NOT_IN_FORCE');
  });

  it('refuses a laptop handed back, reported stolen, or held by someone else: STATION_NOT_ASSIGNED', () => {
    expect(reasonOf(facts({ station: { state: 'in_stock', holderEmployeeId: null } }))).toBe('STATION_NOT_ASSIGNED');
    expect(reasonOf(facts({ station: { state: 'stolen', holderEmployeeId: 'emp-1' } }))).toBe('STATION_NOT_ASSIGNED');
    expect(reasonOf(facts({ station: { state: 'assigned', holderEmployeeId: 'emp-2' } }))).toBe('STATION_NOT_ASSIGNED');
    expect(reasonOf(facts({ station: null }))).toBe('STATION_NOT_ASSIGNED');
  });

  it('refuses a suspended account (ACCOUNT_SUSPENDED) and one not installed yet or revoked (ACCOUNT_NOT_INSTALLED)', () => {
    expect(reasonOf(facts({}, { state: 'suspended' }))).toBe('ACCOUNT_SUSPENDED');
    for (const state of ['requested', 'approved', 'issued', 'revoked'] as const) expect(reasonOf(facts({}, { state }))).toBe('ACCOUNT_NOT_INSTALLED');
  });

  it('refuses a certificate revoked or on hold: CERTIFICATE_REVOKED', () => {
    expect(reasonOf(facts({ certificate: { ...facts().certificate!, status: 'revoked' } }))).toBe('CERTIFICATE_REVOKED');
    expect(reasonOf(facts({ certificate: { ...facts().certificate!, status: 'on_hold' } }))).toBe('CERTIFICATE_REVOKED');
  });

  it('names the cause before its consequences, and lists every refusal that applies', () => {
    // an agreement suspended: the account suspended with it and its certificate on hold — the log says why
    const suspendedWithAgreement = facts({ agreementInForce: false, certificate: { ...facts().certificate!, status: 'on_hold' } }, { state: 'suspended' });
    expect(decideConnect(suspendedWithAgreement)).toEqual({
      allowed: false,
      reason: 'AGREEMENT_NOT_IN_FORCE',
      refusals: ['AGREEMENT_NOT_IN_FORCE', 'ACCOUNT_SUSPENDED', 'CERTIFICATE_REVOKED'],
    });
    // a stolen laptop: its certificate revoked at once (keyCompromise), the laptop no longer held
    const stolen = facts({ station: { state: 'stolen', holderEmployeeId: null }, certificate: { ...facts().certificate!, status: 'revoked' } });
    expect(decideConnect(stolen).refusals).toEqual(['STATION_NOT_ASSIGNED', 'CERTIFICATE_REVOKED']);
    const everything = facts(
      {
        employee: { active: false },
        agreementInForce: false,
        station: null,
        certificate: { ...facts().certificate!, status: 'revoked' },
        gateway: { id: 'gw-t', profile: 'tecnici', enabled: true },
      },
      { state: 'suspended' },
    );
    expect(decideConnect(everything).refusals).toEqual(
      CONNECT_REFUSALS.filter((r) => !['UNKNOWN_CERTIFICATE', 'CERTIFICATE_NOT_CURRENT', 'ACCOUNT_NOT_INSTALLED'].includes(r)),
    );
  });

  it('reads "an agreement in force today" from the gate: eligibility and the safety notice are the gate\'s for issuing, not for connecting', () => {
    expect(agreementInForceFrom([])).toBe(true);
    expect(agreementInForceFrom(['SAFETY_NOTICE_MISSING', 'EMPLOYEE_NOT_ELIGIBLE'])).toBe(true);
    expect(agreementInForceFrom(['EMPLOYEE_INACTIVE'])).toBe(true);
    for (const r of ['AGREEMENT_MISSING', 'AGREEMENT_NOT_SIGNED', 'COUNTERSIGNATURE_UNCONFIRMED', 'AGREEMENT_NOT_IN_FORCE'] as const) {
      expect(agreementInForceFrom([r])).toBe(false);
    }
  });
});
