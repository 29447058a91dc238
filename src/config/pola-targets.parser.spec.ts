import * as fs from 'node:fs';
import * as path from 'node:path';
import { parsePolaTargets, PolaTargetsFormatError, PolaTargetsSpec } from './pola-targets.parser';
import { parseKpiTargets } from './kpi-targets.parser';

/** A cell reader like the KPI feature's: integers only, "si" for presence. */
const spec: PolaTargetsSpec<string | number> = {
  indicators: ['laptops', 'vpn'],
  cell: (indicator, text) => {
    if (indicator === 'vpn') {
      if (text !== 'si') throw new Error(`"${text}" is not si`);
      return text;
    }
    if (!/^\d+$/.test(text)) throw new Error(`"${text}" is not a number`);
    return Number(text);
  },
};

const header = 'indicator\tbaseline_year\tbaseline\t2021\t2022';

describe('POLA targets file (config/pola-targets.tsv)', () => {
  it('reads one row per indicator, a column per year, empty cells and dropped trailing cells as no target', () => {
    const rows = parsePolaTargets(['# comment', header, 'vpn\t2020\tsi\tsi', '', 'laptops\t2020\t236\t300\t350'].join('\n'), spec);
    expect(rows).toEqual([
      { indicator: 'laptops', line: 5, baselineYear: 2020, baseline: 236, targets: { 2021: 300, 2022: 350 } },
      { indicator: 'vpn', line: 3, baselineYear: 2020, baseline: 'si', targets: { 2021: 'si', 2022: null } },
    ]);
  });

  it('names the file, line and column of a mistake', () => {
    const file = (...lines: string[]) => [header, ...lines].join('\n');
    const ok = 'vpn\t2020\tsi\tsi\tsi';
    expect(() => parsePolaTargets(file(ok, 'laptops\t2020\t236\t3OO\t350'), spec, 'config/pola-targets.tsv')).toThrow(
      'config/pola-targets.tsv:3 (column 2021): laptops: "3OO" is not a number',
    );
    expect(() => parsePolaTargets(file(ok, 'laptop\t2020\t236\t300\t350'), spec)).toThrow(
      'pola-targets.tsv:3 (column indicator): "laptop" is not a POLA indicator',
    );
    expect(() => parsePolaTargets(file(ok), spec)).toThrow('(column indicator): missing indicators: laptops');
    expect(() => parsePolaTargets(file(ok, ok, 'laptops\t2020\t1'), spec)).toThrow(/:3 \(column indicator\): vpn appears twice/);
    expect(() => parsePolaTargets(file(ok, 'laptops\t20\t236'), spec)).toThrow(/column baseline_year\): "20" is not a year/);
    expect(() => parsePolaTargets(file(ok, 'laptops\t\t236'), spec)).toThrow(/a baseline needs its year/);
    expect(() => parsePolaTargets(file(ok, 'laptops\t2020\t1\t2\t3\t4'), spec)).toThrow(/:3: expected at most 5 columns, found 6/);
    expect(() => parsePolaTargets('indicator\tbaseline\t2021\n', spec)).toThrow(/:1 \(column 2\): the header must start with/);
    expect(() => parsePolaTargets('indicator\tbaseline_year\tbaseline\ttarget\n', spec)).toThrow(/"target" is not a year/);
    expect(() => parsePolaTargets('# nothing\n', spec)).toThrow(PolaTargetsFormatError);
  });

  it('the shipped file agrees with kpi-targets.tsv on the three indicators both carry', () => {
    const dir = path.resolve(__dirname, '..', '..', 'config');
    const italian = (text: string) =>
      Number(
        text
          .replace(/[%€\s]/g, '')
          .replace(/\./g, '')
          .replace(',', '.'),
      );
    const pola = parsePolaTargets(fs.readFileSync(path.join(dir, 'pola-targets.tsv'), 'utf8'), {
      indicators: fs
        .readFileSync(path.join(dir, 'pola-targets.tsv'), 'utf8')
        .split('\n')
        .filter((l) => l && !l.startsWith('#') && !l.startsWith('indicator\t'))
        .map((l) => l.split('\t')[0]),
      cell: (_i, text) => text,
    });
    expect(pola).toHaveLength(22);
    const operational = parseKpiTargets(fs.readFileSync(path.join(dir, 'kpi-targets.tsv'), 'utf8'));
    for (const row of operational) {
      for (const [indicator, value] of Object.entries(row.values)) {
        const p = pola.find((r) => r.indicator === indicator)!;
        const cell = row.kind === 'baseline' ? (p.baselineYear === row.year ? p.baseline : null) : p.targets[row.year];
        expect([indicator, row.year, cell === null ? null : italian(cell)]).toEqual([indicator, row.year, value]);
      }
    }
  });
});
