import { planReturn } from './return.rules';

const kit = [
  { assetId: 'laptop', kind: 'laptop' as const },
  { assetId: 'dock', kind: 'docking_station' as const },
  { assetId: 'headset', kind: 'headset' as const },
];
const all = kit.map((k) => k.assetId);
const wipe = { assetId: 'laptop', method: 'NIST 800-88 purge', confirmed: true };

describe('returning a kit', () => {
  it('takes everything back, damaged items to repair, and closes the handover', () => {
    const r = planReturn(
      all,
      kit,
      [
        { assetId: 'laptop', condition: 'good' },
        { assetId: 'dock', condition: 'damaged' },
        { assetId: 'headset', condition: 'worn' },
      ],
      [wipe],
    );
    expect(r).toEqual({ ok: true, plan: { toStock: ['laptop', 'headset'], toRepair: ['dock'], closesHandover: true, stations: ['laptop'] } });
  });

  it('takes part of a kit back and leaves the handover open', () => {
    const r = planReturn(all, kit, [{ assetId: 'headset', condition: 'good' }], []);
    expect(r).toEqual({ ok: true, plan: { toStock: ['headset'], toRepair: [], closesHandover: false, stations: [] } });
  });

  it('a laptop coming back, to the shelf or to repair, is a station whose certificates must go', () => {
    const toRepair = planReturn(all, kit, [{ assetId: 'laptop', condition: 'damaged' }], [wipe]);
    expect(toRepair).toMatchObject({ ok: true, plan: { toRepair: ['laptop'], stations: ['laptop'] } });
    const toShelf = planReturn(
      all,
      kit,
      [
        { assetId: 'laptop', condition: 'good' },
        { assetId: 'dock', condition: 'good' },
      ],
      [wipe],
    );
    expect(toShelf).toMatchObject({ ok: true, plan: { toStock: ['laptop', 'dock'], stations: ['laptop'] } });
  });

  it('needs a confirmed data wipe for every laptop', () => {
    expect(planReturn(all, kit, [{ assetId: 'laptop', condition: 'good' }], [])).toEqual({
      ok: false,
      problem: { code: 'DATA_WIPE_REQUIRED', assetIds: ['laptop'] },
    });
    expect(planReturn(all, kit, [{ assetId: 'laptop', condition: 'good' }], [{ ...wipe, confirmed: false }])).toMatchObject({
      ok: false,
      problem: { code: 'DATA_WIPE_REQUIRED' },
    });
    expect(planReturn(all, kit, [{ assetId: 'dock', condition: 'good' }], [wipe])).toMatchObject({ ok: false, problem: { code: 'DATA_WIPE_UNEXPECTED' } });
  });

  it('refuses items that are not out on this handover', () => {
    expect(planReturn(all, kit, [{ assetId: 'mouse', condition: 'good' }], [])).toMatchObject({
      ok: false,
      problem: { code: 'ASSET_NOT_IN_HANDOVER', assetIds: ['mouse'] },
    });
    expect(planReturn(all, kit.slice(1), [{ assetId: 'laptop', condition: 'good' }], [wipe])).toMatchObject({
      ok: false,
      problem: { code: 'ITEM_ALREADY_CLOSED' },
    });
    expect(
      planReturn(
        all,
        kit,
        [
          { assetId: 'dock', condition: 'good' },
          { assetId: 'dock', condition: 'worn' },
        ],
        [],
      ),
    ).toMatchObject({ ok: false, problem: { code: 'DUPLICATE_ITEM' } });
  });
});
