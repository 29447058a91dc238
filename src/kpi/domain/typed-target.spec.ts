import { parseTargetForUnit, parseTypedTarget, TypedTargetError, writtenAsPercent } from './typed-target';

describe('a baseline or target cell as POLA Part 4 writes it', () => {
  it('reads the document’s numbers with Italian separators, keeping its text', () => {
    expect(parseTypedTarget('236')).toEqual({ kind: 'number', value: 236, text: '236' });
    expect(parseTypedTarget('2.500')).toEqual({ kind: 'number', value: 2500, text: '2.500' });
    expect(parseTypedTarget('30.000 €')).toEqual({ kind: 'number', value: 30000, text: '30.000 €' });
    expect(parseTypedTarget('94%')).toEqual({ kind: 'number', value: 94, text: '94%' });
    expect(parseTypedTarget('18,77%')).toEqual({ kind: 'number', value: 18.77, text: '18,77%' });
    expect(parseTypedTarget('1.234,5')).toMatchObject({ value: 1234.5 });
    expect(parseTypedTarget('0')).toEqual({ kind: 'number', value: 0, text: '0' });
  });

  it('reads a bound, a presence, "not defined", an action and "never measured"', () => {
    expect(parseTypedTarget('<18%')).toEqual({ kind: 'bound', op: '<', value: 18, text: '<18%' });
    expect(parseTypedTarget('>= 50')).toEqual({ kind: 'bound', op: '>=', value: 50, text: '>= 50' });
    expect(parseTypedTarget('si')).toEqual({ kind: 'presence', present: true, text: 'si' });
    expect(parseTypedTarget('Presente')).toEqual({ kind: 'presence', present: true, text: 'Presente' });
    expect(parseTypedTarget('no')).toEqual({ kind: 'presence', present: false, text: 'no' });
    expect(parseTypedTarget('n.d')).toEqual({ kind: 'not_defined', text: 'n.d' });
    expect(parseTypedTarget('Attivare rilevazione')).toEqual({ kind: 'action', action: 'Attivare rilevazione', text: 'Attivare rilevazione' });
    expect(parseTypedTarget('non rilevata')).toEqual({ kind: 'not_measured', text: 'non rilevata' });
  });

  it('takes an empty cell as no target', () => {
    expect(parseTypedTarget('')).toBeNull();
    expect(parseTypedTarget('  ')).toBeNull();
  });

  it('refuses anything else, so a typo never becomes a target', () => {
    for (const cell of ['3OO', '30.00 €', '12,', 'forse', '<', '<presente', '1.2.3', '-5', '100 % circa']) {
      expect(() => parseTypedTarget(cell)).toThrow(TypedTargetError);
    }
    expect(() => parseTypedTarget('3OO')).toThrow('"3OO": not a number');
  });

  it('knows which numbers were written as percentages', () => {
    expect(writtenAsPercent(parseTypedTarget('94%')!)).toBe(true);
    expect(writtenAsPercent(parseTypedTarget('<18%')!)).toBe(true);
    expect(writtenAsPercent(parseTypedTarget('2.500')!)).toBe(false);
    expect(writtenAsPercent(parseTypedTarget('si')!)).toBe(false);
  });

  it('checks a cell against the indicator’s unit', () => {
    expect(parseTargetForUnit('presente', 'presence')).toMatchObject({ kind: 'presence', present: true });
    expect(parseTargetForUnit('Attivare rilevazione', 'percent')).toMatchObject({ kind: 'action' });
    expect(parseTargetForUnit('100%', 'percent')).toMatchObject({ kind: 'number', value: 100 });
    expect(parseTargetForUnit('', 'eur')).toBeNull();
    expect(() => parseTargetForUnit('100%', 'presence')).toThrow(/presence indicator/);
    expect(() => parseTargetForUnit('si', 'count')).toThrow(/count indicator takes a number/);
    expect(() => parseTargetForUnit('120%', 'percent')).toThrow(/between 0 and 100/);
    expect(() => parseTargetForUnit('50%', 'eur')).toThrow(/not a percentage/);
  });
});
