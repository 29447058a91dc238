import { PolaUnit, TypedTarget } from './pola-types';

/**
 * Reads a baseline or target cell as POLA Part 4 writes it (see TypedTarget): Italian numbers (`2.500`, `18,77%`,
 * `30.000 €`), a bound (`<18%`), a presence (`si`, `presente`, `no`), `n.d`, an action (`Attivare rilevazione`),
 * `non rilevata`. An empty cell is null (no target). Anything else is refused: a typo must never become a target.
 * The document's own text is kept verbatim in `text`. Percent cells carry the number 0-100 (`94%` → 94).
 */
export class TypedTargetError extends Error {
  constructor(
    readonly cell: string,
    readonly problem: string,
  ) {
    super(`"${cell}": ${problem}`);
    this.name = 'TypedTargetError';
  }
}

const PRESENT = new Set(['si', 'sì', 'presente']);
const ABSENT = new Set(['no', 'assente']);
const NOT_DEFINED = new Set(['n.d', 'n.d.', 'nd']);
const NOT_MEASURED = new Set(['non rilevata', 'non rilevato']);
/** Actions the plan asks for instead of a figure. A closed list: an unknown sentence is more likely a typo. */
const ACTIONS = new Set(['attivare rilevazione']);

/** `2.500` (thousands), `18,77` (decimal comma), `1.234,5`, `236`, `0`; optional `%` or `€` around it. */
const NUMBER = /^(?<int>\d{1,3}(?:\.\d{3})+|\d+)(?:,(?<dec>\d+))?$/;
const BOUND = /^(?<op><=|>=|<|>|≤|≥)\s*(?<rest>.+)$/;

export function parseTypedTarget(raw: string): TypedTarget | null {
  const text = raw.trim();
  if (text === '') return null;
  const lower = text.toLowerCase().replace(/\s+/g, ' ');
  if (PRESENT.has(lower)) return { kind: 'presence', present: true, text };
  if (ABSENT.has(lower)) return { kind: 'presence', present: false, text };
  if (NOT_DEFINED.has(lower)) return { kind: 'not_defined', text };
  if (NOT_MEASURED.has(lower)) return { kind: 'not_measured', text };
  if (ACTIONS.has(lower)) return { kind: 'action', action: text, text };
  const bound = BOUND.exec(text);
  if (bound?.groups) {
    const op = ({ '≤': '<=', '≥': '>=' } as Record<string, '<=' | '>='>)[bound.groups.op] ?? (bound.groups.op as '<' | '<=' | '>' | '>=');
    return { kind: 'bound', op, value: parseItalianAmount(bound.groups.rest, text), text };
  }
  return { kind: 'number', value: parseItalianAmount(text, text), text };
}

/** `30.000 €`, `€ 30.000`, `94%`, `18,77 %`, `2.500` → the number. */
function parseItalianAmount(part: string, cell: string): number {
  const bare = part
    .trim()
    .replace(/^€\s*/, '')
    .replace(/\s*(%|€|euro)$/i, '')
    .trim();
  const m = NUMBER.exec(bare);
  if (!m?.groups) throw new TypedTargetError(cell, 'not a number, a bound (<18%), si/presente/no, n.d, "Attivare rilevazione" or "non rilevata"');
  const int = m.groups.int.replace(/\./g, '');
  return Number(m.groups.dec ? `${int}.${m.groups.dec}` : int);
}

/** Whether a number written in the cell was a percentage (`94%`), for the unit check of the targets file. */
export function writtenAsPercent(t: TypedTarget): boolean {
  return (t.kind === 'number' || t.kind === 'bound') && t.text.trim().endsWith('%');
}

/**
 * A cell for an indicator of a given unit: a presence indicator takes si/presente/no (or n.d, an action, "non
 * rilevata"), never a number; a number indicator never takes a presence; percentages lie in 0-100; counts and euros
 * are never written with `%`.
 */
export function parseTargetForUnit(raw: string, unit: PolaUnit): TypedTarget | null {
  const t = parseTypedTarget(raw);
  if (!t) return null;
  if (unit === 'presence') {
    if (t.kind === 'number' || t.kind === 'bound') throw new TypedTargetError(t.text, 'a presence indicator takes si, presente or no, not a number');
    return t;
  }
  if (t.kind === 'presence') throw new TypedTargetError(t.text, `a ${unit} indicator takes a number, not si/presente/no`);
  if (t.kind === 'number' || t.kind === 'bound') {
    if (unit === 'percent' && t.value > 100) throw new TypedTargetError(t.text, 'a percentage lies between 0 and 100');
    if (unit !== 'percent' && writtenAsPercent(t)) throw new TypedTargetError(t.text, `a ${unit} indicator is not a percentage`);
  }
  return t;
}
