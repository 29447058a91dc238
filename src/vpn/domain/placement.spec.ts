import { chooseGateway, expectedLoad, expectedSessions, GatewayCandidate, placeAll, utilisation } from './placement';

const gw = (name: string, capacity: number, placedRemoteDays = 0, enabled = true): GatewayCandidate => ({
  id: name,
  name,
  capacity,
  enabled,
  placedRemoteDays,
});

describe('placement: balance expected concurrent sessions over the gateways of a profile', () => {
  it('an employee with d remote days a week holds a session on d days out of 5', () => {
    expect(expectedSessions(5)).toBe(1);
    expect(expectedSessions(2)).toBeCloseTo(0.4);
    expect(expectedSessions(1)).toBeCloseTo(0.2);
    expect(expectedSessions(0)).toBe(0);
    expect(expectedSessions(null)).toBe(0);
    expect(expectedSessions(9)).toBe(1); // never more than one session per person
  });

  it('picks the gateway with the lowest (load + this account) / capacity', () => {
    // vpn1: 100 sessions expected of 250 (40%); vpn2: 60 of 100 (60%); vpn3: 10 of 50 (20%)
    const chosen = chooseGateway([gw('vpn1', 250, 500), gw('vpn2', 100, 300), gw('vpn3', 50, 50)], 3);
    expect(chosen.name).toBe('vpn3');
  });

  it('weighs capacity: an empty big gateway and an empty small one share accounts in proportion', () => {
    const placed = placeAll([gw('big', 300), gw('small', 100)], Array(400).fill(5));
    const onBig = placed.filter((id) => id === 'big').length;
    expect(onBig).toBe(300);
    expect(placed.length - onBig).toBe(100);
  });

  it('balances sessions, not heads: full-time remote workers spread like several part-timers', () => {
    const days = [5, 5, 5, 5, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1];
    const placed = placeAll([gw('a', 100), gw('b', 100)], days);
    const load = (id: string) => placed.reduce((sum, p, i) => sum + (p === id ? days[i] : 0), 0);
    expect(Math.abs(load('a') - load('b'))).toBeLessThanOrEqual(5);
    expect(load('a') + load('b')).toBe(40);
  });

  it('is deterministic on ties: more spare sessions first, then by name', () => {
    expect(chooseGateway([gw('vpn2', 100), gw('vpn1', 100)], 2).name).toBe('vpn1');
    expect(chooseGateway([gw('vpn1', 100, 100), gw('vpn2', 200, 200)], 0).name).toBe('vpn2');
  });

  it('skips disabled gateways and refuses a profile without any: 422 NO_GATEWAY_FOR_PROFILE', () => {
    expect(chooseGateway([gw('vpn1', 100, 0, false), gw('vpn2', 100, 400)], 2).name).toBe('vpn2');
    expect(() => chooseGateway([gw('vpn1', 100, 0, false)], 2, 'tecnici')).toThrow(expect.objectContaining({ kind: 'rule', code: 'NO_GATEWAY_FOR_PROFILE' }));
  });

  describe('the load report', () => {
    it('2020 in Prato: 682 accounts, about 500 expected concurrent sessions, on 700 sessions of capacity', () => {
      // most of the staff were remote 4 days a week, the rest 3 (the plan's "~500 concurrent of 682 accounts")
      const load = expectedLoad([
        { remoteDaysPerWeek: 4, accounts: 436 },
        { remoteDaysPerWeek: 3, accounts: 246 },
      ]);
      expect(load.expectedSessions).toBeCloseTo(496.4, 1);
      expect(load.peakSessions95).toBeGreaterThan(496);
      expect(load.peakSessions95).toBeLessThan(520);
      expect(utilisation(load, 700, 80)).toEqual({ utilisationPercent: 70.9, warning: null });
    });

    it('warns past the threshold, and when bad days would not fit even though the mean does', () => {
      const busy = expectedLoad([{ remoteDaysPerWeek: 5, accounts: 90 }]);
      expect(busy).toEqual({ expectedSessions: 90, peakSessions95: 90 }); // full-time: no variance
      expect(utilisation(busy, 100, 80).warning).toBe('expected sessions at 90% of capacity (threshold 80%)');
      const spiky = expectedLoad([{ remoteDaysPerWeek: 2, accounts: 180 }]); // 72 expected, σ ≈ 6.6
      expect(spiky.expectedSessions).toBe(72);
      const u = utilisation(spiky, 80, 95);
      expect(u.utilisationPercent).toBe(90);
      expect(u.warning).toBe(`95th percentile of ${spiky.peakSessions95} sessions exceeds the capacity of 80`);
    });

    it('an idle gateway has no load and no warning', () => {
      expect(utilisation(expectedLoad([]), 250, 80)).toEqual({ utilisationPercent: 0, warning: null });
    });
  });
});
