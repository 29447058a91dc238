import { itDate, itDateTime, itEuro, itNumber, itPercent, targetNumber, valueText, winAnsi } from './pola-document.format';

describe('Italian formats of the POLA document', () => {
  it('writes numbers with a dot for thousands and a comma for decimals', () => {
    expect(itNumber(1234.5)).toBe('1.234,5');
    expect(itNumber(236)).toBe('236');
    expect(itNumber(1_000_000)).toBe('1.000.000');
    expect(itNumber(-0.04)).toBe('0');
    expect(itNumber(-1500.25, 2)).toBe('-1.500,25');
    expect(itEuro(30000)).toBe('30.000,00 €');
    expect(itPercent(18.77)).toBe('18,8%');
    expect(itPercent(100)).toBe('100%');
  });

  it('writes dates as gg/mm/aaaa, and an instant in the municipality’s time zone', () => {
    expect(itDate('2022-12-31')).toBe('31/12/2022');
    expect(itDateTime('2022-12-31T23:30:00Z', 'Europe/Rome')).toBe('01/01/2023 alle 00:30');
    expect(itDateTime('2023-07-01T10:05:00Z', 'Europe/Rome')).toBe('01/07/2023 alle 12:05');
  });

  it('writes values by unit, presence in words, and the number inside a target', () => {
    expect(valueText('eur', { kind: 'number', value: 2750.5 })).toBe('2.750,50 €');
    expect(valueText('presence', { kind: 'presence', present: false })).toBe('assente');
    expect(valueText('percent', null)).toBe('—');
    expect(targetNumber({ kind: 'bound', op: '<', value: 18, text: '<18%' })).toBe(18);
    expect(targetNumber({ kind: 'not_defined', text: 'n.d' })).toBeNull();
  });

  it('replaces the few signs Helvetica cannot print', () => {
    expect(winAnsi('≤ 18% → ok')).toBe('<= 18% -> ok');
    expect(winAnsi('città, perché, 30 €, l’anno')).toBe('città, perché, 30 €, l’anno');
  });
});
