import { ERROR_CATALOG, GATE_EXPLANATIONS_IT } from './error-catalog';

/**
 * The Italian text of an error for the pages, from the one catalog (`it` of each code) and the error's `details`.
 * Pure: no clock, no request. Template syntax (see ErrorSpec): `{key}` or `{a|b}` filled from details, each inside
 * an optional segment `[...]` dropped when one of its values is missing, so a missing value never shows as `{x}`.
 */
export function renderItalian(code: string, details?: Record<string, unknown> | null): string {
  const spec = (ERROR_CATALOG as Record<string, { it?: string } | undefined>)[code];
  if (!spec?.it) return 'Si è verificato un errore: la richiesta non è stata eseguita';
  return fillTemplate(spec.it, details ?? {});
}

/** Fills an `it` template (exported for the catalog test, which checks every template's syntax). */
export function fillTemplate(template: string, details: Record<string, unknown>): string {
  let out = '';
  for (const part of template.split(/(\[[^\][]*\])/)) {
    if (part.startsWith('[') && part.endsWith(']')) {
      const filled = fillPlaceholders(part.slice(1, -1), details);
      if (filled !== null) out += filled;
    } else {
      out += fillPlaceholders(part, details) ?? part.replace(/\{[^}]*\}/g, '').trim();
    }
  }
  return out.replace(/\s{2,}/g, ' ').trim();
}

/** The text with each `{a|b}` replaced, or null when a placeholder has no usable value. */
function fillPlaceholders(text: string, details: Record<string, unknown>): string | null {
  let missing = false;
  const filled = text.replace(/\{([^}]*)\}/g, (_, names: string) => {
    for (const name of names.split('|')) {
      const value = formatValue(name.trim(), valueOf(name.trim(), details));
      if (value !== null) return value;
    }
    missing = true;
    return '';
  });
  return missing ? null : filled;
}

/** A details value; `field` also reads the first field of a validation error (details.fields[0].field). */
function valueOf(name: string, details: Record<string, unknown>): unknown {
  if (name in details) return details[name];
  if (name === 'field' && Array.isArray(details.fields)) {
    const first = details.fields[0] as { field?: unknown } | undefined;
    return first?.field;
  }
  return undefined;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const ROME = new Intl.DateTimeFormat('it-IT', {
  timeZone: 'Europe/Rome',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** Values of closed lists the API keeps in English (parties, states, device kinds), as the pages name them. */
const WORDS: Readonly<Record<string, string>> = {
  employee: 'dipendente',
  manager: 'dirigente',
  technician: 'tecnico',
  draft: 'bozza',
  awaiting_confirmation: 'in attesa di conferma',
  signed: 'firmato',
  active: 'attivo',
  suspended: 'sospeso',
  withdrawn: 'cessato per recesso',
  expired: 'scaduto',
  requested: 'richiesto',
  approved: 'approvato',
  issued: 'emesso',
  installed: 'installato',
  revoked: 'revocato',
  on_hold: 'sospeso',
  valid: 'valido',
  in_stock: 'in magazzino',
  assigned: 'assegnato',
  in_repair: 'in riparazione',
  lost: 'smarrito',
  stolen: 'rubato',
  retired: 'dismesso',
  laptop: 'portatile',
  docking_station: 'docking station',
  monitor: 'monitor',
  keyboard: 'tastiera',
  mouse: 'mouse',
  webcam: 'webcam',
  headset: 'cuffie',
  mobile_router: 'router mobile',
};

/** One value as Italian text: dates gg/mm/aaaa, instants gg/mm/aaaa hh:mm (Europe/Rome), lists joined; null if unusable. */
export function formatValue(name: string, value: unknown): string | null {
  if (name === 'refusals' && Array.isArray(value)) {
    const explained = value.map((r) => (GATE_EXPLANATIONS_IT as Record<string, string | undefined>)[String(r)]).filter((t): t is string => !!t);
    return explained.length ? explained.join(' ') : null;
  }
  if (typeof value === 'string') {
    const text = value.trim();
    if (!text) return null;
    const date = DATE.exec(text);
    if (date) return `${date[3]}/${date[2]}/${date[1]}`;
    if (TIMESTAMP.test(text) && !Number.isNaN(Date.parse(text))) return ROME.format(new Date(text)).replace(',', '');
    return WORDS[text] ?? text;
  }
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
  if (typeof value === 'boolean') return value ? 'sì' : 'no';
  if (Array.isArray(value)) {
    const items = value.map((v) => (typeof v === 'object' && v !== null ? null : formatValue(name, v))).filter((t): t is string => t !== null);
    return items.length ? items.join(', ') : null;
  }
  return null;
}
