import { decideLotSize, warrantyEndsOn } from './lot-size.policy';

describe('purchase lots of 50-100 pieces (POLA 2.5a)', () => {
  it('accepts a lot within the advised size without remarks', () => {
    expect(decideLotSize(80)).toEqual({ ok: true, overridden: false, warnings: [] });
    expect(decideLotSize(100)).toEqual({ ok: true, overridden: false, warnings: [] });
  });

  it('refuses a lot above 100 pieces unless a reason is given', () => {
    expect(decideLotSize(101)).toMatchObject({ ok: false, code: 'LOT_TOO_LARGE' });
    expect(decideLotSize(101, '   ')).toMatchObject({ ok: false, code: 'LOT_TOO_LARGE' });
    expect(decideLotSize(150, 'emergency 2020 reorder')).toMatchObject({ ok: true, overridden: true, warnings: [{ code: 'LOT_SIZE_OVERRIDDEN' }] });
  });

  it('accepts a small lot with a warning', () => {
    expect(decideLotSize(10)).toMatchObject({ ok: true, warnings: [{ code: 'LOT_SMALL' }] });
  });

  it('computes the last day of warranty', () => {
    expect(warrantyEndsOn('2021-03-15', 36)).toBe('2024-03-14');
    expect(warrantyEndsOn('2021-01-31', 1)).toBe('2021-02-28');
    expect(warrantyEndsOn('2021-03-01', 12)).toBe('2022-02-28');
    expect(warrantyEndsOn('2021-03-15', 0)).toBe('2021-03-14');
  });
});
