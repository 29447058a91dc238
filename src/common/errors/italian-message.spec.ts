import { ERROR_CATALOG, GATE_EXPLANATIONS_IT } from './error-catalog';
import { fillTemplate, formatValue, renderItalian } from './italian-message';

/** Words that give away an English sentence, and words a hot-line operator or an employee would not understand. */
const ENGLISH = / (the|is|are|not|must|does|cannot|has|have|of|and|already|please|should|try again|nothing) /i;
const DEVELOPER = /\b(payload|token|bearer|json|cursor|endpoint|uuid|header|null|undefined|body|query|string|boolean|exception|stack|http|regex|id)\b/i;

const placeholders = (template: string): string[] => [...template.matchAll(/\{([^}]*)\}/g)].flatMap((m) => m[1].split('|').map((n) => n.trim()));

/** A plausible value for a details key, as the throw sites give it (dates as YYYY-MM-DD, counts as numbers). */
function sample(key: string): unknown {
  if (key === 'refusals') return ['AGREEMENT_MISSING', 'SAFETY_NOTICE_MISSING'];
  if (/date|On$|^recorded$/i.test(key)) return '2026-03-15';
  if (/^(line|limit|max|min|noticeDays|keyBits|minBits|year|currentYear|from|to|quantity|retryAfterSeconds|errorCount|invalidRows|rows|maxBytes)$/.test(key))
    return 12;
  if (/Ids$/.test(key)) return ['a1', 'b2'];
  if (key === 'party') return 'manager';
  if (key === 'state') return 'suspended';
  return 'X-1';
}

describe('renderItalian', () => {
  const entries = Object.entries(ERROR_CATALOG) as [string, { it?: unknown; message: string }][];

  it('has Italian text for every code of the catalog, in the template syntax', () => {
    const problems: string[] = [];
    for (const [code, spec] of entries) {
      if (typeof spec.it !== 'string' || spec.it.trim().length < 8) {
        problems.push(`${code}: no Italian text`);
        continue;
      }
      // every placeholder inside an optional [ ... ] segment, brackets balanced and not nested
      const outside = spec.it.replace(/\[[^\][]*\]/g, '');
      if (/[{}[\]]/.test(outside)) problems.push(`${code}: a placeholder or bracket outside an optional segment: ${spec.it}`);
      if (spec.it === spec.message) problems.push(`${code}: the Italian text is the English one`);
    }
    expect(problems).toEqual([]);
    expect(entries.length).toBeGreaterThan(200);
  });

  it('renders every code in plain Italian, with sample details and without any', () => {
    const problems: string[] = [];
    for (const [code, spec] of entries) {
      const details = Object.fromEntries(placeholders(String(spec.it)).map((k) => [k, sample(k)]));
      for (const [label, text] of [
        ['with details', renderItalian(code, details)],
        ['without details', renderItalian(code, {})],
        ['with null details', renderItalian(code, null)],
      ]) {
        if (/[{}[\]]/.test(text)) problems.push(`${code} ${label}: leftover template syntax: ${text}`);
        if (ENGLISH.test(` ${text} `)) problems.push(`${code} ${label}: looks English: ${text}`);
        if (DEVELOPER.test(text) || /\bDN\b/.test(text)) problems.push(`${code} ${label}: developer word: ${text}`);
        if (!/^[A-ZÈÀ]/.test(text)) problems.push(`${code} ${label}: does not start a sentence: ${text}`);
        if (/\d{4}-\d{2}-\d{2}/.test(text)) problems.push(`${code} ${label}: an ISO date: ${text}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('fills values from details: dates as gg/mm/aaaa, the gate refusals in their Italian words', () => {
    expect(renderItalian('AGREEMENT_PERIOD_OVER', { endDate: '2026-06-30' })).toBe("Il periodo dell'accordo è terminato il 30/06/2026");
    expect(renderItalian('EMPLOYEE_NOT_FOUND', { entity: 'employee', id: 'e-42' })).toBe('Il dipendente e-42 non esiste');
    expect(renderItalian('EMPLOYEE_NOT_FOUND', { employeeId: 'e-43' })).toBe('Il dipendente e-43 non esiste');
    expect(renderItalian('ALREADY_SIGNED', { party: 'manager' })).toBe('Questo documento è già firmato da parte del dirigente');
    expect(renderItalian('GATE_REFUSED', { refusals: ['AGREEMENT_MISSING'] })).toBe(
      `Il dipendente non ha i requisiti richiesti per questa operazione. ${GATE_EXPLANATIONS_IT.AGREEMENT_MISSING}`,
    );
    expect(renderItalian('WITHDRAWAL_NOTICE_TOO_SHORT', { noticeDays: 30, earliestEffectiveDate: '2026-05-01' })).toBe(
      'Il recesso non può avere effetto prima della fine del preavviso di 30 giorni: la prima data possibile è il 01/05/2026',
    );
    expect(renderItalian('INVALID_ID', { fields: [{ field: 'employeeId', messages: ['employeeId must be a UUID'] }] })).toBe(
      'Il codice identificativo indicato in «employeeId» non è valido',
    );
  });

  it('tells a person at the login page why the directory refused them', () => {
    expect(renderItalian('INVALID_CREDENTIALS')).toBe('Nome utente o password non validi');
    expect(renderItalian('ACCOUNT_LOCKED')).toBe(
      "La tua utenza di rete è bloccata dopo troppe password errate; attendi oppure chiedi all'ufficio informatico di sbloccarla",
    );
    expect(renderItalian('PASSWORD_MUST_CHANGE')).toBe('La password della tua utenza di rete va cambiata prima del primo accesso; cambiala e riprova');
    expect(renderItalian('TOO_MANY_ATTEMPTS', { retryAfterSeconds: 60 })).toBe('Troppi tentativi non riusciti; riprovare più tardi (tra 60 secondi)');
  });

  it('leaves out the part whose value is missing, never showing a bare placeholder', () => {
    expect(renderItalian('EMPLOYEE_NOT_FOUND', {})).toBe('Il dipendente non esiste');
    expect(renderItalian('AGREEMENT_PERIOD_OVER', { endDate: null })).toBe("Il periodo dell'accordo è terminato");
    expect(renderItalian('GATE_REFUSED', { refusals: ['NOT_A_REFUSAL'] })).toBe('Il dipendente non ha i requisiti richiesti per questa operazione.');
    expect(renderItalian('WITHDRAWAL_NOTICE_TOO_SHORT', { earliestEffectiveDate: '2026-05-01' })).toBe(
      'Il recesso non può avere effetto prima della fine del preavviso: la prima data possibile è il 01/05/2026',
    );
    expect(fillTemplate('Valore {x} e[ altro {y}]', {})).toBe('Valore e');
    expect(renderItalian('NOT_A_CODE', { id: 1 })).toBe('Si è verificato un errore: la richiesta non è stata eseguita');
  });

  it('formats instants in Rome time, lists joined, objects left out', () => {
    expect(formatValue('at', '2026-03-15T09:30:00.000Z')).toBe('15/03/2026 10:30');
    expect(formatValue('at', '2026-07-15T22:30:00Z')).toBe('16/07/2026 00:30');
    expect(formatValue('ids', ['a', 'b'])).toBe('a, b');
    expect(formatValue('ids', [])).toBeNull();
    expect(formatValue('x', { a: 1 })).toBeNull();
    expect(formatValue('x', true)).toBe('sì');
    expect(formatValue('kind', 'mobile_router')).toBe('router mobile');
  });
});
