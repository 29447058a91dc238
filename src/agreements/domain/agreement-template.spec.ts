import * as fs from 'node:fs';
import * as path from 'node:path';
import { agreementValues } from './agreement-document.values';
import { AGREEMENT_PLACEHOLDERS, AgreementTemplateError, fillSegments, parseAgreementTemplate } from './agreement-template';

const values = agreementValues(
  {
    id: 'a-1',
    startDate: '2026-04-01',
    endDate: null,
    remoteDaysPerWeek: 2,
    places: ['domicilio', 'sede di via Roma'],
    contactBand: '09:30-12:30',
    nonOperabilityBand: '20:00-07:30',
    rightToDisconnect: 'Nessuna comunicazione.',
    toolsProvided: [],
    objectives: 'Istruttoria',
    resultsMonitoring: 'Report mensile',
  },
  { firstName: 'Giulia', lastName: 'Verdi', employeeNumber: 'M001', serviceName: 'Tributi', isManager: false, isDirectorGeneral: false },
  'Comune di Prato',
);

function errorOf(source: string): string {
  try {
    parseAgreementTemplate(source, 'tpl.md');
  } catch (err) {
    if (err instanceof AgreementTemplateError) return err.message;
    throw err;
  }
  return 'no error';
}

describe('the agreement template', () => {
  it('reads title, headings, bullets and paragraphs, with the values in place and the documentation comment left out', () => {
    const blocks = parseAgreementTemplate(
      [
        '<!--',
        'doc: {{anything}} here is not parsed',
        '-->',
        '# Accordo di {{ dipendente.cognome }}',
        '',
        '## Art. 1',
        'Dal {{periodo.inizio}}',
        'per {{giorni_settimana}} giorni.',
        '',
        '- {{luoghi}}',
      ].join('\n'),
    );
    expect(blocks.map((b) => [b.kind, fillSegments(b.segments, values)])).toEqual([
      ['title', 'Accordo di Verdi'],
      ['heading', 'Art. 1'],
      ['paragraph', 'Dal 01/04/2026 per 2 giorni.'],
      ['bullet', 'domicilio; sede di via Roma'],
    ]);
  });

  it('says the period, the bands and the counterpart in Italian', () => {
    expect(values['periodo.descrizione']).toBe('a tempo indeterminato a decorrere dal 01/04/2026');
    expect(values['periodo.fine']).toBe('tempo indeterminato');
    expect(values['fasce.contattabilita']).toBe('dalle 09:30 alle 12:30');
    expect(values['controparte.ruolo']).toBe('il Dirigente del servizio Tributi');
    expect(values.strumenti).toBe('nessuno');
  });

  it('refuses an unknown placeholder, naming the line', () => {
    expect(errorOf('# T\n\nCiao {{dipendente.nome}}\n{{dipendente.codice_fiscale}}')).toMatch(
      /^tpl\.md:4: unknown placeholder \{\{dipendente\.codice_fiscale\}\}/,
    );
  });

  it('refuses a malformed placeholder, naming the line', () => {
    expect(errorOf('# T\nDal {{periodo.inizio}')).toBe('tpl.md:2: malformed placeholder: write {{name}}');
    expect(errorOf('# T\n\n\nDal periodo.inizio}}')).toBe('tpl.md:4: malformed placeholder: write {{name}}');
    expect(errorOf('# T\n- {{}}')).toMatch(/^tpl\.md:2: unknown placeholder \{\{\}\}/);
  });

  it('refuses a template without a title, a comment never closed, and unsupported headings', () => {
    expect(errorOf('Solo testo')).toMatch(/tpl\.md:1: the template needs a title line/);
    expect(errorOf('<!-- aperto\n# T')).toBe('tpl.md:2: comment (<!--) never closed');
    expect(errorOf('# T\n### Sotto')).toBe('tpl.md:2: only # (title) and ## (heading) are supported');
  });

  it('the shipped config/agreement-template.md parses and uses every placeholder it documents', () => {
    const file = path.join(__dirname, '..', '..', '..', 'config', 'agreement-template.md');
    const source = fs.readFileSync(file, 'utf8');
    const blocks = parseAgreementTemplate(source, file);
    const used = new Set(blocks.flatMap((b) => b.segments.flatMap((s) => ('field' in s ? [s.field] : []))));
    expect([...used].sort()).toEqual(
      Object.keys(AGREEMENT_PLACEHOLDERS)
        .filter((p) => p !== 'periodo.inizio' && p !== 'periodo.fine')
        .sort(),
    );
    for (const name of Object.keys(AGREEMENT_PLACEHOLDERS)) expect(source).toContain(`  ${name} `);
  });
});
