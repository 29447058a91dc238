/**
 * The template of the "accordo individuale di lavoro agile" (config/agreement-template.md), which the municipality
 * edits: a small Markdown subset with `{{placeholder}}` fields. Parsed once at start: an unknown or malformed
 * placeholder stops the service naming the line (as every config file does), so no document is ever produced with
 * a field left blank or a typo printed verbatim.
 */

/** Every placeholder the template may use, with what it holds (also the list documented at the top of the file). */
export const AGREEMENT_PLACEHOLDERS = {
  'ente.nome': "the municipality's name (MUNICIPALITY_NAME)",
  'accordo.id': "the agreement's id",
  'dipendente.nome': "the employee's first name",
  'dipendente.cognome': "the employee's last name",
  'dipendente.matricola': "the employee's number (matricola)",
  'dipendente.servizio': "the employee's service",
  'controparte.ruolo': 'who countersigns: the manager of the service, or the Direttore Generale for a manager',
  'periodo.inizio': 'start date (gg/mm/aaaa)',
  'periodo.fine': 'end date (gg/mm/aaaa), or "tempo indeterminato"',
  'periodo.descrizione': '"dal … al …" or "a tempo indeterminato a decorrere dal …"',
  giorni_settimana: 'remote days per week',
  luoghi: 'places of remote work, separated by "; "',
  'fasce.contattabilita': 'contact band ("dalle 09:30 alle 12:30")',
  'fasce.inoperabilita': 'non-operability band ("dalle 20:00 alle 07:30")',
  disconnessione: 'how the right to disconnect is guaranteed',
  strumenti: 'tools provided, separated by "; " (or "nessuno")',
  obiettivi: 'objectives',
  monitoraggio: 'how results are monitored',
} as const;

export type AgreementPlaceholder = keyof typeof AGREEMENT_PLACEHOLDERS;
export type AgreementValues = Readonly<Record<AgreementPlaceholder, string>>;

/** A piece of a line: literal text or a placeholder. */
export type Segment = { text: string } | { field: AgreementPlaceholder };

export type TemplateBlock =
  | { kind: 'title'; segments: Segment[] }
  | { kind: 'heading'; segments: Segment[] }
  | { kind: 'paragraph'; segments: Segment[] }
  | { kind: 'bullet'; segments: Segment[] };

export class AgreementTemplateError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    reason: string,
  ) {
    super(`${file}:${line}: ${reason}`);
    this.name = 'AgreementTemplateError';
  }
}

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

function segmentsOf(text: string, file: string, line: number): Segment[] {
  const segments: Segment[] = [];
  let last = 0;
  for (const m of text.matchAll(PLACEHOLDER)) {
    const name = m[1];
    if (!(name in AGREEMENT_PLACEHOLDERS)) {
      throw new AgreementTemplateError(file, line, `unknown placeholder {{${name}}} (known: ${Object.keys(AGREEMENT_PLACEHOLDERS).join(', ')})`);
    }
    if (m.index > last) segments.push({ text: text.slice(last, m.index) });
    segments.push({ field: name as AgreementPlaceholder });
    last = m.index + m[0].length;
  }
  const rest = text.slice(last);
  // What is left after the well-formed placeholders: a lone brace pair is a typo ({{nome}, {nome}}, {{ {{x}}).
  const literal = text.replace(PLACEHOLDER, '');
  if (literal.includes('{{') || literal.includes('}}')) throw new AgreementTemplateError(file, line, 'malformed placeholder: write {{name}}');
  if (rest) segments.push({ text: rest });
  return segments;
}

/**
 * The blocks of the template. An HTML comment at the top (`<!-- … -->`) is its documentation and is not printed.
 * `# ` is the title, `## ` a heading, `- ` a bullet, other lines paragraphs (consecutive lines join; a blank line
 * ends a paragraph).
 */
export function parseAgreementTemplate(source: string, file = 'agreement-template.md'): TemplateBlock[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks: TemplateBlock[] = [];
  let paragraph: { text: string; line: number } | null = null;
  let inComment = false;
  const flush = () => {
    if (paragraph) blocks.push({ kind: 'paragraph', segments: segmentsOf(paragraph.text, file, paragraph.line) });
    paragraph = null;
  };
  lines.forEach((raw, index) => {
    const line = index + 1;
    const text = raw.trim();
    if (inComment) {
      if (text.includes('-->')) {
        inComment = false;
        if (text.slice(text.indexOf('-->') + 3).trim()) throw new AgreementTemplateError(file, line, 'text after the end of a comment (-->)');
      }
      return;
    }
    if (text.startsWith('<!--')) {
      flush();
      inComment = !text.includes('-->', 4);
      return;
    }
    if (!text) return flush();
    const heading = /^(#{1,2})\s+(.*)$/.exec(text);
    if (heading) {
      flush();
      blocks.push({ kind: heading[1].length === 1 ? 'title' : 'heading', segments: segmentsOf(heading[2], file, line) });
      return;
    }
    if (/^#{3,}\s/.test(text)) throw new AgreementTemplateError(file, line, 'only # (title) and ## (heading) are supported');
    const bullet = /^[-*]\s+(.*)$/.exec(text);
    if (bullet) {
      flush();
      blocks.push({ kind: 'bullet', segments: segmentsOf(bullet[1], file, line) });
      return;
    }
    // Checked line by line, so an error names the line where it is.
    segmentsOf(text, file, line);
    paragraph = paragraph ? { text: `${paragraph.text} ${text}`, line: paragraph.line } : { text, line };
  });
  if (inComment) throw new AgreementTemplateError(file, lines.length, 'comment (<!--) never closed');
  flush();
  if (!blocks.some((b) => b.kind === 'title')) throw new AgreementTemplateError(file, 1, 'the template needs a title line ("# Accordo individuale …")');
  return blocks;
}

/** The text of a block with the agreement's values in place. */
export function fillSegments(segments: Segment[], values: AgreementValues): string {
  return segments.map((s) => ('text' in s ? s.text : values[s.field])).join('');
}
