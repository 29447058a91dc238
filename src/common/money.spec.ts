import { centsToEuros } from './money';

describe('centsToEuros', () => {
  it('answers euros to the cent, for small and for the largest sums the tables hold', () => {
    expect(centsToEuros(0)).toBe(0);
    expect(centsToEuros(1)).toBe(0.01);
    expect(centsToEuros(3_000_000)).toBe(30_000);
    expect(centsToEuros(12_345)).toBe(123.45);
    expect(centsToEuros(-250)).toBe(-2.5);
    expect(centsToEuros(900_719_925_474_099)).toBe(9_007_199_254_740.99);
    // a sum of cents stays a sum of cents: 0.1 + 0.2 in euros would not be 0.3
    expect(centsToEuros(10 + 20)).toBe(0.3);
  });
});
