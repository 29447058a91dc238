import { KpiTargetsFormatError, parseKpiTargets } from './kpi-targets.parser';

const FILE = [
  '# laptops: POLA Part 4',
  'year\tkind\tlaptops_for_remote_work',
  '2020\tbaseline\t236',
  '2022\ttarget\t350',
  '2021\ttarget\t300',
  '',
  '2023\ttarget\t',
].join('\n');

describe('KPI targets file', () => {
  it('reads one row per year, sorted, with empty cells as not set', () => {
    expect(parseKpiTargets(FILE)).toEqual([
      { year: 2020, kind: 'baseline', values: { laptops_for_remote_work: 236 } },
      { year: 2021, kind: 'target', values: { laptops_for_remote_work: 300 } },
      { year: 2022, kind: 'target', values: { laptops_for_remote_work: 350 } },
      { year: 2023, kind: 'target', values: { laptops_for_remote_work: null } },
    ]);
  });

  it('names the file and line of a mistake', () => {
    const bad = 'year\tkind\tlaptops_for_remote_work\n2021\ttarget\t3OO\n';
    expect(() => parseKpiTargets(bad, 'config/kpi-targets.tsv')).toThrow('config/kpi-targets.tsv:2: laptops_for_remote_work: "3OO" is not a number');
    expect(() => parseKpiTargets('year\tkind\tx\n2021\ttarget\t1\n2021\ttarget\t2\n')).toThrow(KpiTargetsFormatError);
    expect(() => parseKpiTargets('year\tkind\tx\n2021\tgoal\t1\n')).toThrow(/kind must be baseline or target/);
    expect(() => parseKpiTargets('indicator\tvalue\n')).toThrow(/header/);
  });
});
