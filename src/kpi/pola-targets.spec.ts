import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AppConfig } from '../config/app-config';
import { PolaTargets } from './pola-targets';

const shipped = fs.readFileSync(path.resolve(__dirname, '..', '..', 'config', 'pola-targets.tsv'), 'utf8');

/** A config dir holding the shipped pola-targets.tsv with one row edited. */
function withRow(id: string, cells: string[] | null): AppConfig {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-pola-targets-'));
  const lines = shipped.split('\n').flatMap((l) => (l.split('\t')[0] === id ? (cells ? [[id, ...cells].join('\t')] : []) : [l]));
  fs.writeFileSync(path.join(dir, 'pola-targets.tsv'), lines.join('\n'));
  return { configDir: dir } as AppConfig;
}
const lineOf = (id: string) => shipped.split('\n').findIndex((l) => l.startsWith(`${id}\t`)) + 1;

describe('PolaTargets: config/pola-targets.tsv read at start', () => {
  it('types the shipped file: every indicator, every year', () => {
    const targets = new PolaTargets(withRow('none', null));
    expect(targets.years()).toEqual([2021, 2022, 2023]);
    expect(targets.of('vpn_present').target(2022)).toEqual({ kind: 'presence', present: true, text: 'presente' });
    expect(targets.of('remote_work_training_cost_eur').target(2023)).toEqual({ kind: 'number', value: 2500, text: '2.500' });
    expect(targets.of('remote_work_days_pct')).toMatchObject({ baselineYear: 2020, baseline: { kind: 'number', value: 35 } });
    expect(targets.of('laptops_for_remote_work').target(2024)).toBeNull();
  });

  it('refuses to start on a cell that does not suit the indicator, naming line and column', () => {
    const line = lineOf('vpn_present');
    expect(() => new PolaTargets(withRow('vpn_present', ['2020', 'presente', '100%', 'presente', 'presente']))).toThrow(
      `pola-targets.tsv:${line} (column 2021): vpn_present: "100%": a presence indicator takes si, presente or no, not a number`,
    );
    expect(() => new PolaTargets(withRow('absence_days_pct', ['2020', '18,77%', '<118%', '', '']))).toThrow(
      /\(column 2021\): absence_days_pct: "<118%": a percentage lies/,
    );
    expect(() => new PolaTargets(withRow('laptops_for_remote_work', ['2020', '236', '3OO', '', '']))).toThrow(/"3OO": not a number/);
  });

  it('refuses to start when an indicator is missing, or the file is', () => {
    expect(() => new PolaTargets(withRow('intranet_present', null))).toThrow(/missing indicators: intranet_present/);
    expect(() => new PolaTargets({ configDir: fs.mkdtempSync(path.join(os.tmpdir(), 'rw-pola-none-')) } as AppConfig)).toThrow(/file not found/);
  });
});
