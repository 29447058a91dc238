import { AGREEMENT_STATES, assertMayDo, assertTransition, canTransition, mayDo, stateChange } from './agreement-state';

describe('agreement states: draft → (awaiting_confirmation) → signed → active → (suspended) → withdrawn | expired', () => {
  it('a draft becomes signed (future start) or active (start reached) when both have signed', () => {
    expect(canTransition('draft', 'signed')).toBe(true);
    expect(canTransition('draft', 'active')).toBe(true);
  });

  it('a draft whose counterpart signature was recorded from paper awaits confirmation; confirmed it is signed, set aside a draft again', () => {
    expect(canTransition('draft', 'awaiting_confirmation')).toBe(true);
    expect(canTransition('awaiting_confirmation', 'signed')).toBe(true);
    expect(canTransition('awaiting_confirmation', 'active')).toBe(true);
    expect(canTransition('awaiting_confirmation', 'draft')).toBe(true);
    for (const to of ['suspended', 'withdrawn', 'expired'] as const) expect(canTransition('awaiting_confirmation', to)).toBe(false);
  });

  it('an active agreement can be suspended and resumed', () => {
    expect(canTransition('active', 'suspended')).toBe(true);
    expect(canTransition('suspended', 'active')).toBe(true);
  });

  it('signed, active and suspended agreements end by withdrawal or expiry', () => {
    for (const from of ['signed', 'active', 'suspended'] as const) {
      expect(canTransition(from, 'withdrawn')).toBe(true);
      expect(canTransition(from, 'expired')).toBe(true);
    }
  });

  it('an ended agreement never comes back, and a draft cannot be suspended or withdrawn', () => {
    for (const to of ['draft', 'signed', 'active', 'suspended'] as const) {
      expect(canTransition('withdrawn', to)).toBe(false);
      expect(canTransition('expired', to)).toBe(false);
    }
    expect(canTransition('draft', 'suspended')).toBe(false);
    expect(canTransition('draft', 'withdrawn')).toBe(false);
    expect(canTransition('signed', 'suspended')).toBe(false);
  });

  it('a refused transition is a 409 with a stable code', () => {
    expect(() => assertTransition('expired', 'active')).toThrow(expect.objectContaining({ kind: 'conflict', code: 'AGREEMENT_STATE_CONFLICT' }));
  });

  it('each action has its states: sign a draft, withdraw what is binding, resume a suspension, a safety notice until the end', () => {
    const allowed = (action: Parameters<typeof mayDo>[0]) => AGREEMENT_STATES.filter((s) => mayDo(action, s));
    expect(allowed('sign')).toEqual(['draft']);
    expect(allowed('withdraw')).toEqual(['signed', 'active', 'suspended']);
    expect(allowed('resume')).toEqual(['suspended']);
    expect(allowed('recordSafetyNotice')).toEqual(['draft', 'awaiting_confirmation', 'signed', 'active', 'suspended']);
    expect(stateChange('draft', 'draft')).toEqual({});
    expect(stateChange('awaiting_confirmation', 'draft')).toEqual({ state: 'draft' });
    expect(() => stateChange('withdrawn', 'draft')).toThrow(expect.objectContaining({ code: 'AGREEMENT_STATE_CONFLICT' }));
    expect(() => assertMayDo('withdraw', 'draft')).toThrow(
      expect.objectContaining({ kind: 'conflict', code: 'AGREEMENT_STATE_CONFLICT', details: { state: 'draft', action: 'withdraw' } }),
    );
  });
});
