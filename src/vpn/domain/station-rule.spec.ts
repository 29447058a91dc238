import { assertStationFor, StationFacts } from './station-rule';

const EMPLOYEE = '11111111-1111-4111-8111-111111111111';
const laptop = (over: Partial<StationFacts> = {}): StationFacts => ({
  id: 'a1',
  assetTag: 'PO-000123',
  kind: 'laptop',
  ownership: 'municipal',
  state: 'assigned',
  holderEmployeeId: EMPLOYEE,
  ...over,
});

describe('the station rule: a certificate only for a laptop in the hands of that employee', () => {
  it('accepts a municipal laptop handed over to the employee', () => {
    expect(assertStationFor(EMPLOYEE, laptop(), 'a1').assetTag).toBe('PO-000123');
  });

  it('accepts a declared personal laptop registered as held by its owner', () => {
    expect(assertStationFor(EMPLOYEE, laptop({ ownership: 'personal' }), 'a1').ownership).toBe('personal');
  });

  it('refuses what is not a laptop: STATION_NOT_A_LAPTOP', () => {
    expect(() => assertStationFor(EMPLOYEE, laptop({ kind: 'docking_station' }), 'a1')).toThrow(
      expect.objectContaining({ kind: 'rule', code: 'STATION_NOT_A_LAPTOP' }),
    );
  });

  it("refuses a colleague's laptop, one on the shelf, and one reported stolen: STATION_NOT_HELD_BY_EMPLOYEE", () => {
    for (const facts of [
      laptop({ holderEmployeeId: '22222222-2222-4222-8222-222222222222' }),
      laptop({ state: 'in_stock', holderEmployeeId: null }),
      laptop({ state: 'stolen', holderEmployeeId: null }),
      laptop({ state: 'in_repair', holderEmployeeId: EMPLOYEE }),
    ]) {
      expect(() => assertStationFor(EMPLOYEE, facts, 'a1')).toThrow(expect.objectContaining({ kind: 'rule', code: 'STATION_NOT_HELD_BY_EMPLOYEE' }));
    }
  });

  it('an unknown asset is a 404 STATION_NOT_FOUND', () => {
    expect(() => assertStationFor(EMPLOYEE, null, 'a9')).toThrow(expect.objectContaining({ kind: 'not_found', code: 'STATION_NOT_FOUND' }));
  });
});
