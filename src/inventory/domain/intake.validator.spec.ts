import { ExistingKeys, finishIntake, IntakeLot, ModelLookup, prepareIntake, RawRecord } from './intake.validator';

const T14 = { id: '11111111-1111-4111-8111-111111111111', kind: 'laptop' as const, manufacturer: 'Lenovo', model: 'ThinkPad T14' };
const E14 = { id: '22222222-2222-4222-8222-222222222222', kind: 'laptop' as const, manufacturer: 'Lenovo', model: 'ThinkPad E14' };
const DOCK = { id: '33333333-3333-4333-8333-333333333333', kind: 'docking_station' as const, manufacturer: 'Lenovo', model: 'USB-C Dock' };
const models = new ModelLookup([T14, E14, DOCK]);
const lot: IntakeLot = { id: 'lot', kind: 'laptop', modelId: T14.id, quantity: 100, received: 0 };
const none: ExistingKeys = { serials: new Set(), assetTags: new Set(), iccids: new Set() };

function csv(lines: string[][]): RawRecord[] {
  return lines.map((cells, i) => ({ line: i + 1, cells }));
}

describe('receiving a lot from a CSV of serials', () => {
  it('accepts good rows, defaulting the model to the lot and normalising serials', () => {
    const prepared = prepareIntake(
      csv([
        ['serial', 'asset_tag', 'mac'],
        ['pf3abc01', '', 'aa-bb-cc-dd-ee-01'],
        ['PF3ABC02', 'inv-x-1', ''],
      ]),
      lot,
      models,
    );
    const verdict = finishIntake(prepared, none, lot);
    expect(verdict.errors).toEqual([]);
    expect(verdict.validRows).toEqual([
      expect.objectContaining({
        line: 2,
        serial: 'PF3ABC01',
        assetTag: null,
        modelId: T14.id,
        kind: 'laptop',
        mac: 'AA:BB:CC:DD:EE:01',
        manufacturer: 'Lenovo',
      }),
      expect.objectContaining({ line: 3, serial: 'PF3ABC02', assetTag: 'INV-X-1' }),
    ]);
  });

  it('lists every bad row with line, column and reason', () => {
    const prepared = prepareIntake(
      csv([
        ['serial', 'model', 'kind', 'mac', 'iccid'],
        ['A1', 'ThinkPad E14', '', '', ''],
        ['a1', 'ThinkPad E14', '', '', ''],
        ['B2', 'Surface 9', '', '', ''],
        ['C3', 'USB-C Dock', '', '', ''],
        ['D4', '', 'monitor', 'nonsense', ''],
        ['', '', '', '', ''],
        ['E5', '', '', '', '8939100000000000000'],
        ['F6', '', 'tablet', '', ''],
      ]),
      lot,
      models,
    );
    const verdict = finishIntake(prepared, none, lot);
    expect(verdict.validRows.map((r) => r.line)).toEqual([2]);
    expect(verdict.invalidRows).toBe(7);
    expect(verdict.errors.map((e) => [e.line, e.column, e.code])).toEqual([
      [3, 'serial', 'DUPLICATE_IN_FILE'],
      [4, 'model', 'UNKNOWN_MODEL'],
      [5, 'model', 'WRONG_KIND'],
      [6, 'kind', 'WRONG_KIND'],
      [6, 'mac', 'MALFORMED_FIELD'],
      [7, 'serial', 'MISSING_FIELD'],
      [8, 'iccid', 'FIELD_NOT_ALLOWED'],
      [9, 'kind', 'MALFORMED_FIELD'],
    ]);
  });

  it('flags serials, tags and ICCIDs the database already holds', () => {
    const routerLot: IntakeLot = { id: 'r', kind: 'mobile_router', modelId: 'r1', quantity: 10, received: 0 };
    const routers = new ModelLookup([{ id: 'r1', kind: 'mobile_router', manufacturer: 'Huawei', model: 'E5576' }]);
    const prepared = prepareIntake(
      csv([
        ['serial', 'asset_tag', 'iccid', 'phone_number'],
        ['R1', 'T-1', '8939100000000000000', '+39 333 0000001'],
        ['R2', '', '8939100000000000001', 'x'],
      ]),
      routerLot,
      routers,
    );
    const existing: ExistingKeys = { serials: new Set(['HUAWEI\u0000R1']), assetTags: new Set(['T-1']), iccids: new Set(['8939100000000000000']) };
    const verdict = finishIntake(prepared, existing, routerLot);
    expect(verdict.errors.map((e) => [e.line, e.column, e.code])).toEqual([
      [2, 'serial', 'DUPLICATE_IN_DATABASE'],
      [2, 'asset_tag', 'DUPLICATE_IN_DATABASE'],
      [2, 'iccid', 'DUPLICATE_IN_DATABASE'],
      [3, 'iccid', 'MALFORMED_FIELD'],
      [3, 'phone_number', 'MALFORMED_FIELD'],
    ]);
  });

  it('refuses the rows past what the lot still expects', () => {
    const small: IntakeLot = { ...lot, quantity: 5, received: 3 };
    const verdict = finishIntake(prepareIntake(csv([['serial'], ['S1'], ['S2'], ['S3'], ['S4']]), small, models), none, small);
    expect(verdict.validRows.map((r) => r.serial)).toEqual(['S1', 'S2']);
    expect(verdict.errors.map((e) => [e.line, e.code])).toEqual([
      [4, 'LOT_OVERFLOW'],
      [5, 'LOT_OVERFLOW'],
    ]);
  });

  it('reports an unusable header without guessing', () => {
    const verdict = finishIntake(
      prepareIntake(
        csv([
          ['numero_serie', 'colour'],
          ['S1', 'red'],
        ]),
        lot,
        models,
      ),
      none,
      lot,
    );
    expect(verdict.errors.map((e) => [e.line, e.column, e.code])).toEqual([
      [1, 'numero_serie', 'UNKNOWN_COLUMN'],
      [1, 'colour', 'UNKNOWN_COLUMN'],
      [1, 'serial', 'MISSING_COLUMN'],
    ]);
    expect(verdict.validRows).toEqual([]);
    expect(verdict.invalidRows).toBe(1);
  });

  it('finds a model by name with its manufacturer, or by id', () => {
    expect(models.find('lenovo thinkpad t14', null)).toEqual([T14]);
    expect(models.find('ThinkPad T14', 'HP')).toEqual([]);
    expect(models.find(E14.id, null)).toEqual([E14]);
  });
});
