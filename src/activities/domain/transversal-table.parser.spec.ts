import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTransversalTable, TRANSVERSAL_MACRO_ACTIVITY } from './transversal-table.parser';

const HEADER = 'service_code\tservice\tAttività di segreteria\tSupporto giuridico\tVigilanza e custodia';

describe('the transversal activities table', () => {
  it('makes one activity per filled cell, with the mode the letter says', () => {
    const parsed = parseTransversalTable(`${HEADER}\nCP\tPolizia Municipale\tP\t\tN\nPE\tServizi Demografici\tt\tT\t\n`);
    expect(parsed.errors).toEqual([]);
    expect(parsed.total).toBe(2);
    expect(parsed.rows.map((r) => [r.serviceCode, r.macroActivity, r.name, r.mode])).toEqual([
      ['CP', TRANSVERSAL_MACRO_ACTIVITY, 'Attività di segreteria', 'partially_remote'],
      ['CP', TRANSVERSAL_MACRO_ACTIVITY, 'Vigilanza e custodia', 'in_presence'],
      ['PE', TRANSVERSAL_MACRO_ACTIVITY, 'Attività di segreteria', 'fully_remote'],
      ['PE', TRANSVERSAL_MACRO_ACTIVITY, 'Supporto giuridico', 'fully_remote'],
    ]);
  });

  it("keeps a second office under the same code apart, with its own modes (the document's two SR lines)", () => {
    const parsed = parseTransversalTable(`${HEADER}\nSR\tRisorse Umane\tP\tP\tN\nSR\tRisorse Finanziarie\tT\t\tN\n`);
    expect(parsed.errors).toEqual([]);
    const fin = parsed.rows.filter((r) => r.macroActivity === 'Attività trasversali (Risorse Finanziarie)');
    expect(fin.map((r) => [r.name, r.mode, r.serviceName])).toEqual([
      ['Attività di segreteria', 'fully_remote', 'Risorse Umane'],
      ['Vigilanza e custodia', 'in_presence', 'Risorse Umane'],
    ]);
    expect(new Set(parsed.rows.map((r) => r.naturalKey)).size).toBe(parsed.rows.length);
  });

  it('refuses the whole file for a letter it does not know, a bad code or a short line', () => {
    const parsed = parseTransversalTable(`${HEADER}\nCP\tPolizia Municipale\tX\t\tN\nc-p\tAltro\tT\tT\tT\nPE\tServizi Demografici\tT\n`);
    expect(parsed.rows).toEqual([]);
    expect(parsed.errors.map((e) => [e.line, e.code])).toEqual([
      [2, 'BAD_MODE'],
      [3, 'BAD_SERVICE_CODE'],
      [4, 'WRONG_FIELD_COUNT'],
    ]);
  });

  it("reads the seed's table: 11 activities, 24 lines", () => {
    const text = readFileSync(join(__dirname, '..', '..', '..', 'test', 'fixtures', 'transversal-activities.tsv'), 'utf8');
    const parsed = parseTransversalTable(text);
    expect(parsed.errors).toEqual([]);
    expect(parsed.total).toBe(24);
    expect(new Set(parsed.rows.map((r) => r.name)).size).toBe(11);
    const cells = text
      .trim()
      .split('\n')
      .slice(1)
      .flatMap((l) => l.split('\t').slice(2))
      .filter((c) => c.trim() !== '');
    expect(parsed.rows).toHaveLength(cells.length);
  });
});
