import { csvCell, csvLine } from './pola-csv';

describe('CSV cells', () => {
  it('quotes separators, quotes and line breaks; leaves plain values alone', () => {
    expect(csvLine(['a', 1, 2.5, null, undefined, true])).toBe('a;1;2.5;;;true');
    expect(csvCell('Gare; Contratti')).toBe('"Gare; Contratti"');
    expect(csvCell('il "POLA"')).toBe('"il ""POLA"""');
    expect(csvCell('due\nrighe')).toBe('"due\nrighe"');
  });

  it('never hands a spreadsheet a formula', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell('+39')).toBe("'+39");
    expect(csvCell(-12)).toBe('-12');
  });
});
