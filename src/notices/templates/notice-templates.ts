import { NoticeEmployee, NoticeFacts, NoticeKind } from '../domain/notice-kinds';

/** One rendered e-mail: plain text and a simple HTML alternative with the same content. */
export interface RenderedNotice {
  subject: string;
  text: string;
  html: string;
}

export interface TemplateContext {
  /** The organisation signing the mail, e.g. "Comune di Prato". */
  municipality: string;
  /** IANA zone in which instants are shown (TIMEZONE). */
  timeZone: string;
  employee: NoticeEmployee | null;
}

/** 2026-03-10 → 10/03/2026 (gg/mm/aaaa). */
export function italianDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : date;
}

/** An instant as gg/mm/aaaa hh:mm in the municipality's zone. */
export function italianDateTime(instant: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('it-IT', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).formatToParts(new Date(instant));
  const p = (t: string) => parts.find((x) => x.type === t)?.value ?? '';
  return `${p('day')}/${p('month')}/${p('year')} ${p('hour')}:${p('minute')}`;
}

/** A body: paragraphs, each a line of text (the HTML gets one <p> each, escaped). */
type Body = { subject: string; paragraphs: string[] };
type Template<K extends NoticeKind> = (facts: NoticeFacts[K], ctx: TemplateContext) => Body;

function who(ctx: TemplateContext): string {
  const e = ctx.employee;
  return e ? `${e.firstName} ${e.lastName} (matricola ${e.employeeNumber}, servizio ${e.serviceName})` : 'il dipendente';
}

function name(ctx: TemplateContext): string {
  return ctx.employee ? `${ctx.employee.firstName} ${ctx.employee.lastName}` : 'il dipendente';
}

const TEMPLATES: { [K in NoticeKind]: Template<K> } = {
  'agreement-ready': (f, ctx) => ({
    subject: `Accordo di lavoro agile da firmare: ${name(ctx)}`,
    paragraphs: [
      `L'accordo individuale di lavoro agile di ${who(ctx)} è pronto per la firma.`,
      `Decorrenza: ${italianDate(f.startDate)}; giornate di lavoro agile a settimana: ${f.remoteDaysPerWeek}.`,
      "Il dipendente e il dirigente del servizio sono invitati a firmarlo; l'ufficio personale ne registra le firme.",
    ],
  }),
  'agreement-signed': (f, ctx) => ({
    subject: `Accordo di lavoro agile firmato: ${name(ctx)}`,
    paragraphs: [
      `L'accordo individuale di lavoro agile di ${who(ctx)} è stato firmato da entrambe le parti.`,
      `Decorrenza: ${italianDate(f.startDate)}; scadenza: ${f.endDate ? italianDate(f.endDate) : 'a tempo indeterminato'}; giornate a settimana: ${f.remoteDaysPerWeek}.`,
      "L'hot-line può preparare la consegna della postazione e l'accesso VPN.",
    ],
  }),
  'vpn-profile-ready': (f, ctx) => ({
    subject: 'Il tuo accesso VPN è pronto',
    paragraphs: [
      `Gentile ${name(ctx)}, il tuo profilo VPN (${f.profile}) è pronto.`,
      f.notAfter ? `Il certificato della tua postazione è valido fino al ${italianDate(f.notAfter)}.` : 'Il certificato della tua postazione è stato emesso.',
      "Il file di configurazione ti viene consegnato dall'hot-line: questo messaggio non contiene chiavi né password.",
    ],
  }),
  'safety-notice-due': (f, ctx) => ({
    subject: `Informativa sulla sicurezza da rinnovare entro il ${italianDate(f.dueDate)}: ${name(ctx)}`,
    paragraphs: [
      `L'informativa sulla salute e sicurezza nel lavoro agile consegnata a ${who(ctx)} scade il ${italianDate(f.dueDate)}.`,
      "L'ufficio personale consegna la nuova informativa prima di quella data: senza, non si ricevono nuovi dispositivi.",
    ],
  }),
  'return-opened': (f, ctx) => ({
    subject: `Restituzione dei dispositivi entro il ${italianDate(f.dueDate)}: ${name(ctx)}`,
    paragraphs: [
      `È stata aperta la restituzione dei dispositivi in dotazione a ${who(ctx)}.`,
      f.items.length ? `Dispositivi da restituire: ${f.items.join(', ')}.` : 'I dispositivi da restituire sono quelli in dotazione.',
      `La restituzione va fatta ai tecnici entro il ${italianDate(f.dueDate)}.`,
    ],
  }),
  'return-overdue': (f, ctx) => ({
    subject: `Restituzione dei dispositivi scaduta il ${italianDate(f.dueDate)}: ${name(ctx)}`,
    paragraphs: [
      `La restituzione dei dispositivi in dotazione a ${who(ctx)} doveva avvenire entro il ${italianDate(f.dueDate)} e non è ancora completa.`,
      f.items.length ? `Dispositivi ancora da restituire: ${f.items.join(', ')}.` : 'Restano dispositivi da restituire.',
      'Si prega di contattare i tecnici al più presto.',
    ],
  }),
  'certificate-expiring': (f, ctx) => ({
    subject: `Certificato VPN in scadenza il ${italianDate(f.notAfter)}: ${name(ctx)}`,
    paragraphs: [
      `Il certificato della postazione di ${who(ctx)} (numero di serie ${f.serialNumber}) scade il ${italianDate(f.notAfter)}.`,
      "L'hot-line provvede al rinnovo; dopo la scadenza la VPN non è più utilizzabile con questa postazione.",
    ],
  }),
  'withdrawal-notice': (f, ctx) => ({
    subject: `Recesso dall'accordo di lavoro agile con effetto dal ${italianDate(f.effectiveDate)}: ${name(ctx)}`,
    paragraphs: [
      `È stato comunicato il recesso dall'accordo individuale di lavoro agile di ${who(ctx)}, su iniziativa ${f.initiatedBy === 'employee' ? 'del dipendente' : "dell'amministrazione"}.`,
      `Data della comunicazione: ${italianDate(f.noticeDate)}; il recesso ha effetto dal ${italianDate(f.effectiveDate)}.`,
      f.effectiveDate > f.noticeDate ? "Fino a quella data l'accordo resta in vigore." : "L'accordo è cessato.",
    ],
  }),
  'crl-failing': (f, ctx) => ({
    subject: 'Pubblicazione della lista di revoca (CRL) non riuscita',
    paragraphs: [
      `La pubblicazione della lista dei certificati revocati non è riuscita (tentativo del ${italianDateTime(f.lastAttemptAt, ctx.timeZone)}).`,
      f.lastPublishedAt
        ? `L'ultima lista pubblicata è del ${italianDateTime(f.lastPublishedAt, ctx.timeZone)}${f.nextUpdate ? `: i gateway VPN la considerano valida fino al ${italianDateTime(f.nextUpdate, ctx.timeZone)}, poi rifiutano ogni connessione` : ''}.`
        : 'Non risulta ancora pubblicata alcuna lista.',
      'Finché non viene pubblicata, un certificato revocato nel frattempo potrebbe essere ancora accettato.',
      'Controllare il servizio e i registri (log) del server.',
    ],
  }),
};

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const FOOTER = (municipality: string) => `Messaggio automatico del sistema informativo del lavoro agile, ${municipality}. Non rispondere a questo indirizzo.`;

/** The Italian e-mail of a notice. */
export function renderNotice<K extends NoticeKind>(kind: K, facts: NoticeFacts[K], ctx: TemplateContext): RenderedNotice {
  const body = (TEMPLATES[kind] as Template<K>)(facts, ctx);
  const footer = FOOTER(ctx.municipality);
  const text = `${body.paragraphs.join('\n\n')}\n\n-- \n${footer}\n`;
  const html =
    `<!doctype html><html lang="it"><head><meta charset="utf-8"><title>${escapeHtml(body.subject)}</title></head><body>` +
    body.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('') +
    `<hr><p><small>${escapeHtml(footer)}</small></p></body></html>`;
  return { subject: body.subject, text, html };
}
