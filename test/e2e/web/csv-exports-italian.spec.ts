import { parse } from 'csv-parse/sync';
import { Role } from '../../../src/common/auth/roles';
import { FixedClock } from '../../../src/common/clock';
import { auth, startTestApp, TestApp } from '../../helpers/test-app';

type Operation = { responses?: Record<string, { content?: Record<string, unknown> }>; parameters?: { name: string; in: string; required?: boolean }[] };

/** The query each CSV export needs, by route; a new export fails the first test until it is listed here. */
const EXPORTS: Record<string, { query: string; role: Role }> = {
  'GET /api/v1/kpi/pola.csv': { query: '?year=2022', role: 'rtd' },
};

/** English words a header must not be (a column name left from the code, or a translation forgotten). Not
 * "baseline": the POLA guidelines of the Dipartimento della Funzione Pubblica use the word in Italian. */
const ENGLISH_WORDS = new Set(
  'name date status value code year target source unit numerator denominator method note declared employee serial state type id created updated'.split(' '),
);
/** Whole words only, accents included in words ("Unità" is not "unit"). */
const isEnglish = (cell: string) => cell.split(/[^\p{L}]+/u).some((w) => ENGLISH_WORDS.has(w.toLowerCase()));

/**
 * Every CSV the service exports (found in the OpenAPI document: the responses that produce text/csv) has its header
 * row in Italian: plain words with accents, no identifiers from the code (camelCase, snake_case) and no English.
 */
describe('CSV exports: header rows in Italian', () => {
  let t: TestApp;
  let routes: string[];

  beforeAll(async () => {
    t = await startTestApp({ clock: new FixedClock(new Date('2023-03-10T09:00:00Z')) });
    const paths = (await t.http().get('/api/docs-json').expect(200)).body.paths as Record<string, Record<string, Operation>>;
    routes = Object.entries(paths)
      .flatMap(([path, ops]) =>
        Object.entries(ops)
          .filter(([, op]) => Object.values(op.responses ?? {}).some((r) => Object.keys(r.content ?? {}).some((type) => type.startsWith('text/csv'))))
          .map(([method]) => `${method.toUpperCase()} ${path}`),
      )
      .sort();
  });
  afterAll(() => t.close());

  it('knows every CSV export of the API', () => {
    expect(routes).toEqual(Object.keys(EXPORTS).sort());
  });

  it('answers each with an Italian header row', async () => {
    for (const route of routes) {
      const { query, role } = EXPORTS[route];
      const res = await t
        .http()
        .get(route.split(' ')[1] + query)
        .set(auth(await t.tokenFor(role)))
        .buffer(true)
        .parse((r, cb) => {
          let text = '';
          r.setEncoding('utf8');
          r.on('data', (c: string) => (text += c));
          r.on('end', () => cb(null, text));
        })
        .expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      const rows: string[][] = parse(String(res.body).replace(/^\uFEFF/, ''), { delimiter: ';', to_line: 1 });
      const [header] = rows;
      expect(header.length).toBeGreaterThan(3);
      for (const cell of header) {
        expect({ route, cell, identifier: /^[a-z]+[A-Z_]|_/.test(cell) }).toEqual({ route, cell, identifier: false });
        expect({ route, cell, english: isEnglish(cell) }).toEqual({ route, cell, english: false });
      }
    }
  });

  it('catches an English header (the check above can fail)', () => {
    const flagged = ['Employee', 'Data', 'Unità', 'Serial number', 'notAfter', 'asset_tag'].filter((c) => isEnglish(c) || /^[a-z]+[A-Z_]|_/.test(c));
    expect(flagged).toEqual(['Employee', 'Serial number', 'notAfter', 'asset_tag']);
  });
});
