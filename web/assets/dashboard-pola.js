// @ts-check
// The POLA report of the dashboard (seed Part 4): the 22 indicators of GET /api/v1/kpi/pola in the document's groups,
// one table per group, with baseline and target as the plan writes them, value, status and source. The labels of
// statuses and sources are the page's own words; names, groups and the targets' text come from the API.

/**
 * The Part 4 shapes of GET /api/v1/kpi/pola (src/kpi/domain/pola-types.ts).
 * @typedef {{ kind: string, text: string, value?: number, present?: boolean }} TypedTarget
 * @typedef {{ kind: 'number', value: number } | { kind: 'presence', present: boolean }} PolaValue
 * @typedef {{ note: string, declaredAt: string, declaredBy: string }} Declared
 * @typedef {{ id: string, group: string, name: string, method: string, unit: string, source: string, sourceDescription: string,
 *   baselineYear: number | null, baseline: TypedTarget | null, target: TypedTarget | null, value: PolaValue | null,
 *   expected: number | null, status: string, numerator: number | null, denominator: number | null,
 *   numeratorDefinition: string | null, denominatorDefinition: string | null, declared: Declared | null, note: string | null }} PolaIndicator
 * @typedef {{ id: string, dimension: string, factor: string | null, label: string, indicators: string[] }} PolaGroup
 * @typedef {{ year: number, referenceDate: string, groups: PolaGroup[], indicators: PolaIndicator[] }} PolaPart4
 */

/** @type {Record<string, { text: string, cls: string }>} */
export const POLA_STATUS = {
  met: { text: 'raggiunto', cls: 'ok' },
  on_track: { text: 'in linea', cls: 'ok' },
  behind: { text: 'in ritardo', cls: 'err' },
  not_met: { text: 'non raggiunto', cls: 'err' },
  no_target: { text: 'senza obiettivo', cls: 'neutral' },
  action_required: { text: 'azione richiesta', cls: 'warn' },
  no_data: { text: 'dati mancanti', cls: 'warn' },
};

/** @type {Record<string, string>} */
export const POLA_SOURCE = { computed: 'calcolato', declared: 'dichiarato', imported: 'importato' };

/** Italian numbers with the thousands separator even on four digits (1.234,5), as the plan writes them. */
const number = (/** @type {number} */ digits) =>
  new Intl.NumberFormat('it-IT', { minimumFractionDigits: 0, maximumFractionDigits: digits, useGrouping: /** @type {any} */ ('always') });

/** @param {string | null | undefined} d YYYY-MM-DD or an ISO instant */
export const itDate = (d) =>
  d
    ? new Date(d.length === 10 ? `${d}T12:00:00Z` : d).toLocaleDateString('it-IT', {
        day: '2-digit',
        month: '2-digit',
        year: 'numeric',
        timeZone: 'Europe/Rome',
      })
    : '';

/**
 * A value of the report in Italian: `94,5%`, `30.000,00 €`, `1.234`, `presente` / `assente`.
 * @param {string} unit
 * @param {PolaValue | null} value
 */
export function formatPolaValue(unit, value) {
  if (!value) return '—';
  if (value.kind === 'presence') return value.present ? 'presente' : 'assente';
  if (unit === 'percent') return `${number(1).format(value.value)}%`;
  if (unit === 'eur')
    return `${new Intl.NumberFormat('it-IT', { minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: /** @type {any} */ ('always') }).format(value.value)}\u00a0€`;
  return number(1).format(value.value);
}

/**
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, string | null | undefined>} [attrs]
 * @param {...(Node | string | null | undefined)} children
 * @returns {HTMLElementTagNameMap[K]}
 */
function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined) node.setAttribute(k, v);
  for (const c of children) if (c !== null && c !== undefined) node.append(c);
  return node;
}

/** @param {string} status */
function statusBadge(status) {
  const s = POLA_STATUS[status] ?? { text: status, cls: 'neutral' };
  return h('span', { class: `badge ${s.cls}`, 'data-status': status }, s.text);
}

/** @param {PolaIndicator} i */
function sourceCell(i) {
  const cell = h('span', { 'data-source': i.source }, POLA_SOURCE[i.source] ?? i.source);
  if (i.sourceDescription) cell.append(h('span', { class: 'definition' }, i.sourceDescription));
  if (i.declared)
    cell.append(h('span', { class: 'definition declared' }, `Dichiarato il ${itDate(i.declared.declaredAt)} da ${i.declared.declaredBy}: ${i.declared.note}`));
  return cell;
}

/** @param {PolaValue | null} v the raw value, for tests and scripts: a number, `true`/`false`, or empty */
const rawValue = (v) => (!v ? '' : v.kind === 'number' ? String(v.value) : String(v.present));

/** @param {PolaIndicator} i */
function valueCell(i) {
  const cell = document.createDocumentFragment();
  cell.append(h('span', { class: 'figure', 'data-value': rawValue(i.value) }, formatPolaValue(i.unit, i.value)));
  if (i.numerator !== null && i.denominator !== null)
    cell.append(h('span', { class: 'definition' }, `${number(1).format(i.numerator)} su ${number(1).format(i.denominator)}`));
  if (i.note) cell.append(h('span', { class: 'definition' }, i.note));
  return cell;
}

/**
 * @param {PolaGroup} group
 * @param {PolaIndicator[]} rows
 * @param {number} year
 */
function groupTable(group, rows, year) {
  const captionId = `pola-${group.id}-caption`;
  const caption = group.factor ? `${group.dimension}: ${group.factor}` : group.dimension;
  const head = ['Indicatore', 'Base', `Obiettivo ${year}`, 'Valore', 'Stato', 'Fonte'];
  const table = h(
    'table',
    { 'data-group': group.id },
    h('caption', { id: captionId }, `${caption} (${year})`),
    h('thead', {}, h('tr', {}, ...head.map((t) => h('th', { scope: 'col' }, t)))),
    h(
      'tbody',
      {},
      ...rows.map((i) =>
        h(
          'tr',
          { 'data-indicator': i.id },
          h('th', { scope: 'row' }, i.name, i.method ? h('span', { class: 'definition' }, i.method) : null),
          h('td', {}, i.baseline ? `${i.baseline.text}${i.baselineYear ? ` (${i.baselineYear})` : ''}` : '—'),
          h('td', {}, i.target ? i.target.text : '—'),
          h('td', { class: 'value' }, valueCell(i)),
          h('td', {}, statusBadge(i.status)),
          h('td', {}, sourceCell(i)),
        ),
      ),
    ),
  );
  return h(
    'section',
    { class: 'pola-group', 'aria-labelledby': `pola-${group.id}-title` },
    h('h3', { id: `pola-${group.id}-title` }, group.label),
    h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-labelledby': captionId }, table),
  );
}

/**
 * A summary card of a Part 4 indicator: name, value, status, target and baseline as the plan writes them.
 * @param {PolaIndicator} i
 */
export function polaCard(i) {
  const parts = [];
  if (i.target) parts.push(`obiettivo ${i.target.text}`);
  if (i.baseline) parts.push(`base${i.baselineYear ? ` ${i.baselineYear}` : ''}: ${i.baseline.text}`);
  return h(
    'div',
    { class: 'card', 'data-indicator': i.id },
    h('div', { class: 'label' }, i.name),
    h('div', { class: 'value', 'data-value': rawValue(i.value) }, formatPolaValue(i.unit, i.value)),
    h('div', { class: 'meta' }, statusBadge(i.status), parts.length ? ` ${parts.join(' · ')}` : null),
    i.numerator !== null && i.denominator !== null
      ? h('div', { class: 'meta' }, `${number(1).format(i.numerator)} su ${number(1).format(i.denominator)}`)
      : null,
  );
}

/**
 * Fills `holder` with one table per group, in the document's order. Returns how many indicators it showed.
 * @param {HTMLElement} holder
 * @param {PolaPart4} report
 */
export function renderPolaGroups(holder, report) {
  const byId = new Map(report.indicators.map((i) => [i.id, i]));
  const sections = report.groups.map((g) =>
    groupTable(
      g,
      g.indicators.map((id) => byId.get(id)).filter((i) => i !== undefined),
      report.year,
    ),
  );
  holder.replaceChildren(...sections);
  return report.groups.reduce((n, g) => n + g.indicators.filter((id) => byId.has(id)).length, 0);
}

/**
 * The three documents of the year (PDF, XLSX, CSV), as links: the page downloads them through the API (session and
 * CSRF header), the href says what each one is.
 * @param {HTMLElement} holder
 * @param {number | string} year
 * @param {(path: string, name: string) => Promise<void>} download
 * @param {(err: any) => void} onError
 */
export function renderDownloads(holder, year, download, onError) {
  const y = encodeURIComponent(String(year));
  const docs = [
    ['pdf', 'PDF', 'Relazione POLA'],
    ['xlsx', 'XLSX', 'Foglio di calcolo'],
    ['csv', 'CSV', 'Tabella CSV'],
  ];
  const links = docs.map(([ext, label, what]) => {
    const href = `/api/v1/kpi/pola.${ext}?year=${y}`;
    const a = h('a', { href, 'data-download': ext, download: `indicatori-pola-${year}.${ext}` }, `${what} ${year} (${label})`);
    a.addEventListener('click', (event) => {
      event.preventDefault();
      download(href, `indicatori-pola-${year}.${ext}`).catch(onError);
    });
    return h('li', {}, a);
  });
  holder.replaceChildren(h('span', { class: 'downloads-label' }, 'Scarica il monitoraggio:'), h('ul', {}, ...links));
}
