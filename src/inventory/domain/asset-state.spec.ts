import { REPORT_EVENT, statesAllowing, transition } from './asset-state';

describe('asset life cycle', () => {
  it('a laptop on the shelf can be handed over, and only from the shelf', () => {
    expect(transition('in_stock', 'handover')).toEqual({ ok: true, to: 'assigned' });
    for (const from of ['assigned', 'in_repair', 'lost', 'stolen', 'retired'] as const) {
      expect(transition(from, 'handover')).toMatchObject({ ok: false, from, allowedFrom: ['in_stock'] });
    }
  });

  it('comes back to stock, or to repair when damaged', () => {
    expect(transition('assigned', 'return_ok')).toEqual({ ok: true, to: 'in_stock' });
    expect(transition('assigned', 'return_damaged')).toEqual({ ok: true, to: 'in_repair' });
    expect(transition('in_stock', 'return_ok').ok).toBe(false);
  });

  it('can be lost or stolen while held by an employee, and recovered later', () => {
    expect(transition('assigned', REPORT_EVENT.lost)).toEqual({ ok: true, to: 'lost' });
    expect(transition('assigned', REPORT_EVENT.stolen)).toEqual({ ok: true, to: 'stolen' });
    expect(transition('stolen', REPORT_EVENT.in_stock)).toEqual({ ok: true, to: 'in_stock' });
  });

  it('an assigned asset must be returned before it goes to repair or disposal', () => {
    expect(transition('assigned', REPORT_EVENT.in_repair).ok).toBe(false);
    expect(transition('assigned', REPORT_EVENT.retired).ok).toBe(false);
  });

  it('retirement is final and cannot follow a loss (nothing to erase)', () => {
    expect(transition('in_repair', REPORT_EVENT.retired)).toEqual({ ok: true, to: 'retired' });
    expect(transition('lost', REPORT_EVENT.retired).ok).toBe(false);
    for (const event of Object.values(REPORT_EVENT)) expect(transition('retired', event).ok).toBe(false);
  });

  it('exposes the source states for conditional updates', () => {
    expect(statesAllowing('handover')).toEqual(['in_stock']);
  });
});
