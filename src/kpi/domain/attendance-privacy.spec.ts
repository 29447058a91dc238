import { isPersonColumn, looksLikeEmail, looksLikeTaxCode, personColumns, personValues } from './attendance-privacy';

describe('recognising data about people in an attendance file', () => {
  it('names person columns however the export spells them', () => {
    for (const h of [
      'matricola',
      'Matricola',
      'MATR.',
      'codice_fiscale',
      'Codice Fiscale',
      'CF',
      'nome',
      'Cognome',
      'dipendente',
      'ID dipendente',
      'idDipendente',
      'e-mail',
      'Email',
      'username',
      'Nominativo',
      'codfiscale',
      'employee_id',
      'first name',
    ]) {
      expect([h, isPersonColumn(h)]).toEqual([h, true]);
    }
  });

  it('leaves the columns of totals and of services alone', () => {
    for (const h of ['anno', 'mese', 'servizio', 'giorni_lavorativi', 'giorni_lavoro_agile', 'giorni_assenza', 'nome_servizio', 'Nome ufficio', 'note']) {
      expect([h, isPersonColumn(h)]).toEqual([h, false]);
    }
  });

  it('sees a codice fiscale (omocodia too) and an e-mail address, not a service code or a number of days', () => {
    expect(looksLikeTaxCode('RSSMRA80A01H501U')).toBe(true);
    expect(looksLikeTaxCode('rssmra80a01h501u')).toBe(true);
    expect(looksLikeTaxCode('RSSMRA80A01H50MU')).toBe(true);
    expect(looksLikeTaxCode('12345678901')).toBe(true);
    expect(looksLikeEmail('mario.rossi@comune.example.it')).toBe(true);
    for (const v of ['SIT', 'RAG01', '2022', '431,5', 'RSSMRA80A01H501']) {
      expect([v, looksLikeTaxCode(v) || looksLikeEmail(v)]).toEqual([v, false]);
    }
  });

  it('names the line and column of each reason, never the value', () => {
    const header = ['anno', 'mese', 'servizio', 'giorni_lavorativi'];
    const reasons = personValues(
      [
        { line: 2, record: ['2022', '1', 'SIT', '400'] },
        { line: 3, record: ['2022', '1', 'RSSMRA80A01H501U', '21'] },
        { line: 4, record: ['2022', '1', 'm.rossi@comune.it', '21'] },
      ],
      header,
    );
    expect(reasons.map((r) => [r.code, r.line, r.column])).toEqual([
      ['TAX_CODE_VALUE', 3, 'servizio'],
      ['EMAIL_VALUE', 4, 'servizio'],
    ]);
    expect(reasons[0].message).toBe('riga 3 del file, colonna servizio: il valore ha la forma di un codice fiscale');
    expect(JSON.stringify(reasons)).not.toContain('RSSMRA');
    expect(personColumns(['anno', 'Matricola', 'mese']).map((r) => [r.line, r.column])).toEqual([[1, 'Matricola']]);
  });
});
