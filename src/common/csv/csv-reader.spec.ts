import { CSV_LIMITS, CsvLimitExceeded, readCsvRecords } from './csv-reader';
import { IMPORT_ERROR_LIMIT, importErrorList } from './import-errors';

function refusal(text: string, delimiter = ','): { code: string; details: unknown } {
  try {
    readCsvRecords(text, { delimiter });
  } catch (err) {
    if (err instanceof CsvLimitExceeded) return { code: err.code, details: err.details };
    throw err;
  }
  throw new Error('the file was accepted');
}

describe('reading an uploaded CSV within limits', () => {
  it('reads an ordinary file: BOM and empty lines skipped, quoted fields kept whole, line numbers', () => {
    const records = readCsvRecords('\uFEFFserial,notes\nA1,"one, two"\n\nA2,"multi\nline"\nA3,x\n', { delimiter: ',' });
    expect(records.map((r) => [r.info.lines, r.record])).toEqual([
      [1, ['serial', 'notes']],
      [2, ['A1', 'one, two']],
      [5, ['A2', 'multi\nline']],
      [6, ['A3', 'x']],
    ]);
  });

  it('refuses a 1,000,000-column header at once, before reading any row', () => {
    const text = Array.from({ length: 1_000_000 }, (_, i) => `c${i}`).join(',') + '\n' + 'x,'.repeat(999_999) + 'x\n';
    const started = process.hrtime.bigint();
    expect(refusal(text)).toEqual({ code: 'CSV_TOO_MANY_COLUMNS', details: { line: 1, limit: CSV_LIMITS.maxColumns } });
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(1000); // parsing it took seconds
  });

  it('accepts a header of exactly the limit, and does not count a delimiter inside quotes', () => {
    const header = Array.from({ length: CSV_LIMITS.maxColumns }, (_, i) => `c${i}`);
    expect(readCsvRecords(header.join(',') + '\n', { delimiter: ',' })[0].record).toHaveLength(CSV_LIMITS.maxColumns);
    expect(refusal([...header, 'one more'].join(',')).code).toBe('CSV_TOO_MANY_COLUMNS');
    const quoted = [...header.slice(1), '"a,b,c"'].join(',');
    expect(readCsvRecords(quoted, { delimiter: ',' })[0].record).toHaveLength(CSV_LIMITS.maxColumns);
    expect(refusal(Array.from({ length: 300 }, () => 'x').join('\t'), '\t').code).toBe('CSV_TOO_MANY_COLUMNS');
  });

  it('refuses a row with more fields than the limit, naming its line', () => {
    expect(refusal(`a,b\n1,2\n${','.repeat(CSV_LIMITS.maxColumns)}\n`)).toEqual({
      code: 'CSV_TOO_MANY_COLUMNS',
      details: { line: 3, limit: CSV_LIMITS.maxColumns },
    });
  });

  it('refuses a line or a record longer than the limits', () => {
    expect(refusal(`a,b\n1,${'x'.repeat(CSV_LIMITS.maxLineLength + 10)}\n`)).toEqual({
      code: 'CSV_LINE_TOO_LONG',
      details: { line: 2, limit: CSV_LIMITS.maxLineLength },
    });
    const longRecord = `a,b\n1,"${Array.from({ length: 40 }, () => 'y'.repeat(2000)).join('\n')}"\n`;
    expect(refusal(longRecord)).toMatchObject({ code: 'CSV_RECORD_TOO_LONG', details: { limit: CSV_LIMITS.maxRecordLength } });
  });

  it('lets csv-parse errors of a malformed file through for the importer to report', () => {
    expect(() => readCsvRecords('a,b\n"unclosed,2\n', { delimiter: ',' })).toThrow(/quote|Quote/);
  });
});

describe('the errors of an import report', () => {
  it('lists the first 100 and counts them all', () => {
    const errors = Array.from({ length: 5000 }, (_, i) => ({ line: i + 2 }));
    const list = importErrorList(errors);
    expect(list.errors).toHaveLength(IMPORT_ERROR_LIMIT);
    expect(list.errors[0]).toEqual({ line: 2 });
    expect(list).toMatchObject({ errorCount: 5000, truncated: true });
    expect(importErrorList([{ line: 2 }])).toEqual({ errors: [{ line: 2 }], errorCount: 1, truncated: false });
  });
});
