/**
 * The headcount table (section 2.1) and the activity map (Allegato 1) name the same 23 services differently
 * ("Servizi Sociali e Immigrazione" / "Sociale e Immigrazione", "Segreteria Generale" / "Staff Segretario
 * Generale"). Names are compared as sets of meaningful words — accents, case, "Staff", "Servizi" and short
 * connectives removed — with words sharing a long common stem counted as near matches; each headcount name gets
 * the best map service left (one-to-one, best pairs first). Every match that is not word-for-word is reported,
 * and flagged ambiguous when its score is low or another service came close.
 */
export type MatchKind = 'exact' | 'same_words' | 'approximate';

export interface ServiceMatch {
  headcountName: string;
  code: string;
  mapName: string;
  kind: MatchKind;
  score: number;
  ambiguous: boolean;
  runnerUp: { code: string; mapName: string; score: number } | null;
}

const STOP = new Set([
  'e',
  'ed',
  'di',
  'del',
  'della',
  'dello',
  'dei',
  'degli',
  'delle',
  'il',
  'lo',
  'la',
  'i',
  'gli',
  'le',
  'per',
  'a',
  'al',
  'alla',
  'staff',
  'servizi',
  'servizio',
]);
/** Below this, or with a runner-up this close, a match is reported as ambiguous. */
export const CONFIDENT_SCORE = 0.75;
export const CLEAR_MARGIN = 0.3;

export function words(name: string): string[] {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w && !STOP.has(w));
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/** 1 for the same word; 0.8 for a shared stem (segreteria / segretario, sociali / sociale); else 0. */
export function wordSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const p = commonPrefix(a, b);
  return p >= 5 && p >= 0.6 * Math.min(a.length, b.length) ? 0.8 : 0;
}

/** Dice coefficient over words, each word of the shorter name taking its best partner once. */
export function nameScore(a: string, b: string): number {
  const wa = words(a);
  const wb = words(b);
  if (!wa.length || !wb.length) return 0;
  const [short, long] = wa.length <= wb.length ? [wa, wb] : [wb, wa];
  const free = [...long];
  let matched = 0;
  for (const w of short) {
    let best = -1;
    let bestScore = 0;
    free.forEach((x, i) => {
      const s = wordSimilarity(w, x);
      if (s > bestScore) [best, bestScore] = [i, s];
    });
    if (best >= 0) {
      matched += bestScore;
      free.splice(best, 1);
    }
  }
  return Math.round(((2 * matched) / (wa.length + wb.length)) * 100) / 100;
}

export function matchServices(headcountNames: string[], mapServices: { code: string; name: string }[]): { matches: ServiceMatch[]; unmatched: string[] } {
  const pairs: { h: string; code: string; name: string; score: number }[] = [];
  for (const h of headcountNames) for (const s of mapServices) pairs.push({ h, code: s.code, name: s.name, score: nameScore(h, s.name) });
  pairs.sort((x, y) => y.score - x.score || x.h.localeCompare(y.h) || x.code.localeCompare(y.code));
  const taken = new Set<string>();
  const chosen = new Map<string, { code: string; name: string; score: number }>();
  for (const p of pairs) {
    if (p.score <= 0 || chosen.has(p.h) || taken.has(p.code)) continue;
    chosen.set(p.h, p);
    taken.add(p.code);
  }
  const matches: ServiceMatch[] = [];
  const unmatched: string[] = [];
  for (const h of headcountNames) {
    const c = chosen.get(h);
    if (!c) {
      unmatched.push(h);
      continue;
    }
    const others = pairs.filter((p) => p.h === h && p.code !== c.code).sort((x, y) => y.score - x.score);
    const runner = others[0] && others[0].score > 0 ? { code: others[0].code, mapName: others[0].name, score: others[0].score } : null;
    const kind: MatchKind = h === c.name ? 'exact' : words(h).join(' ') === words(c.name).join(' ') ? 'same_words' : 'approximate';
    matches.push({
      headcountName: h,
      code: c.code,
      mapName: c.name,
      kind,
      score: c.score,
      ambiguous: kind === 'approximate' && (c.score < CONFIDENT_SCORE || (runner !== null && c.score - runner.score < CLEAR_MARGIN)),
      runnerUp: runner,
    });
  }
  return { matches, unmatched };
}
