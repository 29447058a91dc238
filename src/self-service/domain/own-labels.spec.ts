import { AGREEMENT_STATE_WORDS, VPN_STATE_WORDS, wordsFor } from './own-labels';

describe('the Italian words of the states', () => {
  it('gives the words of a known code and the code itself for one it has no words for', () => {
    expect(wordsFor(AGREEMENT_STATE_WORDS, 'active')).toBe('In vigore');
    expect(wordsFor(VPN_STATE_WORDS, 'suspended')).toBe('Sospeso');
    expect(wordsFor(VPN_STATE_WORDS, 'paused')).toBe('paused');
    expect(wordsFor(VPN_STATE_WORDS, 'toString')).toBe('toString');
  });
});
