import { checkServices, parseAttendanceCsv } from './attendance-csv.parser';

const HEADER = 'anno;mese;servizio;giorni_lavorativi;giorni_lavoro_agile;giorni_assenza';
const file = (...rows: string[]) => [HEADER, ...rows, ''].join('\n');

describe('reading the HR attendance totals', () => {
  it('reads monthly totals per service, semicolon or comma, with decimal days', () => {
    const parsed = parseAttendanceCsv(file('2022;1;SIT;420;147;75,5', '2022;2;SIT;400;140.5;70'), '2023-06');
    expect(parsed.errors).toEqual([]);
    expect(parsed.personData).toEqual([]);
    expect(parsed.rows).toEqual([
      { line: 2, year: 2022, month: 1, serviceCode: 'SIT', workingDays: 420, remoteDays: 147, absenceDays: 75.5 },
      { line: 3, year: 2022, month: 2, serviceCode: 'SIT', workingDays: 400, remoteDays: 140.5, absenceDays: 70 },
    ]);
    const comma = parseAttendanceCsv(
      '\uFEFFAnno,Mese,Servizio,Giorni lavorativi,Giorni lavoro agile,Giorni assenza\r\n2021,12,rag,100,30,"12,5"\r\n',
      '2023-06',
    );
    expect(comma.errors).toEqual([]);
    expect(comma.rows[0]).toMatchObject({ year: 2021, month: 12, serviceCode: 'RAG', absenceDays: 12.5 });
  });

  it('names the line and the column of each bad value, in Italian', () => {
    const parsed = parseAttendanceCsv(
      file(
        '2019;1;SIT;10;1;1',
        '2022;13;SIT;10;1;1',
        '2022;1;S-IT;10;1;1',
        '2022;1;SIT;dieci;1;1',
        '2022;1;SIT;10;6;5',
        '2022;1;SIT;10;1',
        '2023;7;SIT;10;1;1',
      ),
      '2023-06',
    );
    expect(parsed.errors.map((e) => [e.line, e.column, e.code])).toEqual([
      [2, 'anno', 'BAD_YEAR'],
      [3, 'mese', 'BAD_MONTH'],
      [4, 'servizio', 'BAD_SERVICE_CODE'],
      [5, 'giorni_lavorativi', 'BAD_DAYS'],
      [6, 'giorni_lavoro_agile', 'DAYS_EXCEED_WORKING'],
      [7, null, 'WRONG_FIELD_COUNT'],
      [8, 'mese', 'MONTH_IN_FUTURE'],
    ]);
    expect(parsed.errors[1].message).toBe('riga 3 del file, colonna mese: il mese deve essere un numero da 1 a 12');
    expect(parsed.rows).toEqual([]);
  });

  it('refuses a thousands separator rather than guess (1.234 is not 1,234 days)', () => {
    expect(parseAttendanceCsv(file('2022;1;SIT;1.234;1;1'), '2023-06').errors.map((e) => e.code)).toEqual(['BAD_DAYS']);
  });

  it('checks the header: unknown, missing and repeated columns', () => {
    const parsed = parseAttendanceCsv('anno;mese;servizio;giorni_lavorativi;giorni_lavorativi;note\n2022;1;SIT;1;1;x\n', '2023-06');
    expect(parsed.errors.map((e) => [e.line, e.column, e.code])).toEqual([
      [1, 'giorni_lavorativi', 'DUPLICATE_COLUMN'],
      [1, 'note', 'UNKNOWN_COLUMN'],
      [1, 'giorni_lavoro_agile', 'MISSING_COLUMN'],
      [1, 'giorni_assenza', 'MISSING_COLUMN'],
    ]);
    expect(parseAttendanceCsv('', '2023-06').errors.map((e) => e.code)).toEqual(['EMPTY_FILE']);
  });

  it('takes a repeated service and month, a person column or a personal value for data about people', () => {
    const repeated = parseAttendanceCsv(file('2022;1;SIT;21;7;1', '2022;2;SIT;20;7;1', '2022;1;SIT;21;5;0'), '2023-06');
    expect(repeated.personData.map((r) => [r.code, r.line])).toEqual([['REPEATED_SERVICE_MONTH', 4]]);
    expect(repeated.personData[0].message).toContain('riga 4 del file');
    const column = parseAttendanceCsv('matricola;anno;mese;servizio;giorni_lavorativi;giorni_lavoro_agile;giorni_assenza\nM1;2022;1;SIT;21;7;1\n', '2023-06');
    expect(column.personData.map((r) => [r.code, r.column])).toEqual([['PERSON_COLUMN', 'matricola']]);
    const value = parseAttendanceCsv(file('2022;1;RSSMRA80A01H501U;21;7;1'), '2023-06');
    expect(value.personData.map((r) => [r.code, r.line, r.column])).toEqual([['TAX_CODE_VALUE', 2, 'servizio']]);
  });

  it('asks the directory about the text values: a person identifier is data about people, an unknown code an error', () => {
    const parsed = parseAttendanceCsv(file('2022;1;SIT;21;7;1', '2022;1;M17;21;7;1', '2022;1;ZZZ;21;7;1'), '2023-06');
    expect(parsed.textCells.map((c) => c.value)).toEqual(['SIT', 'M17', 'ZZZ']);
    const checked = checkServices(parsed, new Set(['SIT']), new Set(['m17']));
    expect(checked.personData.map((r) => [r.code, r.line, r.column])).toEqual([['EMPLOYEE_NUMBER_VALUE', 3, 'servizio']]);
    expect(checked.errors.map((e) => [e.line, e.column, e.code])).toEqual([
      [3, 'servizio', 'UNKNOWN_SERVICE'],
      [4, 'servizio', 'UNKNOWN_SERVICE'],
    ]);
  });
});
