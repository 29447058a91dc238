// @ts-check
// The RTD dashboard: POLA indicators from /api/v1/kpi/pola and /api/v1/kpi/series, drawn with the Chart.js
// bundled with the service. Every chart has a data table (its text alternative) and a CSV download of that table.
import { api, download } from './api.js';
import { renderLayout } from './layout.js';
import { polaCard, renderDownloads, renderPolaGroups } from './dashboard-pola.js';

/**
 * The shapes of GET /api/v1/kpi/pola and /api/v1/kpi/series that the page reads.
 * @typedef {{ key: string, label: string, values: Record<string, any> }} BreakdownRow
 * @typedef {{ id: string, unit: string, asOf: string, value: number | null, baseline: number | null, baselineYear: number | null,
 *   target: number | null, expected: number | null, status: string | null, numerator: number | null, denominator: number | null,
 *   breakdown: BreakdownRow[], details: Record<string, any> }} Indicator
 * The report: Part 4 (`groups`, `indicators`: the 22 of the plan, see dashboard-pola.js) and the service's operational
 * indicators (`operational`), which the cards, the charts and the last table read.
 * @typedef {import('./dashboard-pola.js').PolaPart4 & { current: boolean, operational: Indicator[] }} PolaReport
 * @typedef {{ year: number, referenceDate: string, current: boolean, [more: string]: any }} SeriesPoint
 * @typedef {{ points: SeriesPoint[], laptopsBaseline: number | null, laptopsBaselineYear: number | null }} Series
 */

const Chart = window.Chart;
Chart.defaults.animation = false;
Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif';
Chart.defaults.font.size = 13;
Chart.defaults.color = '#1a1a1a';
Chart.defaults.maintainAspectRatio = false;

// Colours distinguishable with common colour-vision deficiencies, each at least 4.5:1 on white.
const COLORS = { blue: '#0b4f8a', orange: '#a34a00', green: '#1b5e20', purple: '#6a1b9a', grey: '#4a4a4a', teal: '#00695c' };

/**
 * Labels of the operational indicators (Part 4's come with their names from the API).
 * @type {Record<string, string>}
 */
export const INDICATOR_LABELS = {
  equipment_distributed: 'Dotazioni consegnate nell’anno (portatili, webcam, cuffie)',
  agreements_in_force_vs_eligible_pct: 'Accordi in vigore su dipendenti idonei',
  vpn_accounts_open: 'Account VPN non revocati',
  vpn_gateway_expected_load_pct: 'Carico atteso dei gateway VPN sulla capacità',
  certificates_expiring_within_30_days: 'Certificati in scadenza entro 30 giorni',
  crl_age_hours: 'Età della CRL pubblicata',
  crl_hours_to_next_update: 'Tempo al prossimo aggiornamento della CRL (nextUpdate)',
  leavers_holding_equipment: 'Cessati che detengono ancora dotazioni',
};

/** @type {Record<string, string>} */
const DEFINITIONS = {
  equipment_distributed: 'Portatili, webcam e cuffie consegnati dal 1° gennaio alla data di riferimento.',
  agreements_in_force_vs_eligible_pct: 'Dipendenti con accordo in vigore sul totale dei dipendenti attivi idonei al lavoro agile.',
  vpn_accounts_open: 'Account VPN in uno stato diverso da “revocato”, sul totale degli account (situazione attuale).',
  vpn_gateway_expected_load_pct: 'Sessioni contemporanee attese sulla capacità dei gateway abilitati (situazione attuale).',
  certificates_expiring_within_30_days: 'Certificati validi alla data di riferimento che scadono nei 30 giorni successivi, sul totale dei certificati validi.',
  crl_age_hours: 'Ore trascorse da thisUpdate della CRL pubblicata (situazione attuale).',
  crl_hours_to_next_update: 'Ore che mancano a nextUpdate: dopo quella data i gateway rifiutano tutti gli utenti (situazione attuale).',
  leavers_holding_equipment:
    'Dipendenti non più attivi che detengono ancora dotazioni del Comune, sul totale dei cessati (solo conteggi, nessun elenco nominativo).',
};

/** @type {Record<string, { text: string, cls: string }>} */
const STATUS = {
  met: { text: 'raggiunto', cls: 'ok' },
  on_track: { text: 'in linea', cls: 'ok' },
  behind: { text: 'in ritardo', cls: 'err' },
};

/** @type {Record<string, string>} */
const VPN_STATE_LABELS = {
  requested: 'Richiesti',
  approved: 'Approvati',
  issued: 'Certificato emesso',
  installed: 'Installati',
  active: 'Attivi',
  suspended: 'Sospesi',
  revoked: 'Revocati',
};

const MONTHS = ['gen', 'feb', 'mar', 'apr', 'mag', 'giu', 'lug', 'ago', 'set', 'ott', 'nov', 'dic'];

const nf = (digits = 0) => new Intl.NumberFormat('it-IT', { minimumFractionDigits: 0, maximumFractionDigits: digits });
/** @param {string | null | undefined} d */
const fmtDate = (d) =>
  d ? new Date(`${d}T12:00:00Z`).toLocaleDateString('it-IT', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }) : '';

/**
 * @param {string} unit
 * @param {number | null | undefined} value
 */
export function formatValue(unit, value) {
  if (value === null || value === undefined) return 'n.d.';
  switch (unit) {
    case 'percent':
      return `${nf(1).format(value)}%`;
    case 'eur':
      return new Intl.NumberFormat('it-IT', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(value);
    case 'hours':
      return `${nf(1).format(value)} h`;
    default:
      return nf(0).format(value);
  }
}

/**
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, unknown>} [attrs]
 * @param {...(Node | string | null | undefined | (Node | string | null | undefined)[])} children
 * @returns {HTMLElementTagNameMap[K]}
 */
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'text') node.textContent = String(v);
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) node.append(c instanceof Node ? c : String(c));
  return node;
}

// ---- CSV of a table: the same rows the table shows, semicolon-separated, UTF-8 with BOM (as the API's CSV).

/** @param {unknown} v */
function csvCell(v) {
  if (v === null || v === undefined) return '';
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[";\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * @template R
 * @typedef {{ title: string, raw: (row: R) => unknown, show?: (row: R) => Node | string | number | null | undefined,
 *   num?: boolean, csvOnly?: boolean }} DataColumn
 */

/**
 * @template R
 * @param {DataColumn<R>[]} columns
 * @param {R[]} rows
 */
export function toCsv(columns, rows) {
  const lines = [columns.map((c) => csvCell(c.title)).join(';'), ...rows.map((r) => columns.map((c) => csvCell(c.raw(r))).join(';'))];
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

/**
 * @param {string} fileName
 * @param {string} csv
 */
function saveCsv(fileName, csv) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

/**
 * A data table with caption and a "CSV" button. columns: {title, raw(row) (CSV value), show(row) (text or node,
 * default raw), num, csvOnly}. `collapsible`: inside a <details> (the chart's text alternative).
 */
/**
 * @template R
 * @param {string} key
 * @param {string} caption
 * @param {DataColumn<R>[]} columns
 * @param {R[]} rows
 * @param {string} fileName
 * @param {{ collapsible?: boolean, empty?: string }} [options]
 */
function dataTable(key, caption, columns, rows, fileName, { collapsible = true, empty = 'Nessun dato.' } = {}) {
  const holder = /** @type {HTMLElement} */ (document.querySelector(`[data-table="${key}"]`));
  const captionId = `table-${key}-caption`;
  const shown = columns.filter((c) => !c.csvOnly);
  const cell = (/** @type {DataColumn<R>} */ c, /** @type {R} */ r) => {
    const v = c.show ? c.show(r) : c.raw(r);
    return v instanceof Node ? v : String(v ?? '');
  };
  const table = el(
    'table',
    { 'data-key': key },
    el('caption', { id: captionId, text: caption }),
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        shown.map((c) => el('th', { scope: 'col', class: c.num ? 'num' : null, text: c.title })),
      ),
    ),
    el(
      'tbody',
      {},
      rows.length
        ? rows.map((r) =>
            el(
              'tr',
              {},
              shown.map((c, i) => el(i === 0 ? 'th' : 'td', { scope: i === 0 ? 'row' : null, class: c.num ? 'num' : null }, cell(c, r))),
            ),
          )
        : el('tr', {}, el('td', { colspan: shown.length, text: empty })),
    ),
  );
  const button = el('button', { type: 'button', class: 'secondary small', 'data-csv': key, 'aria-label': `Scarica CSV: ${caption}` }, 'Scarica CSV');
  button.addEventListener('click', () => saveCsv(fileName, toCsv(columns, rows)));
  // A wide table scrolls sideways: focusable and named, so the keyboard can scroll it too.
  const wrap = el('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-labelledby': captionId }, table);
  const content = collapsible ? el('details', {}, el('summary', { text: 'Tabella dei dati del grafico' }), wrap) : wrap;
  holder.replaceChildren(el('div', { class: 'table-actions' }, button), content);
}

// ---- charts

/** @type {Record<string, import('chart.js').Chart>} */
const charts = {};

/**
 * @param {string} key
 * @param {import('chart.js').ChartConfiguration} config
 * @param {string} description the chart's text for screen readers
 */
function drawChart(key, config, description) {
  const canvas = /** @type {HTMLCanvasElement} */ (document.getElementById(`chart-${key}`));
  canvas.setAttribute('aria-label', description);
  charts[key]?.destroy();
  charts[key] = new Chart(canvas, config);
  canvas.dataset.rendered = 'true';
}

/**
 * @param {string} key
 * @param {string} text
 */
function showUnavailable(key, text) {
  const section = /** @type {HTMLElement} */ (document.querySelector(`[data-chart="${key}"]`));
  const box = /** @type {HTMLElement} */ (section.querySelector('.chart-box'));
  box.hidden = true;
  charts[key]?.destroy();
  delete charts[key];
  section.querySelector(`[data-table="${key}"]`)?.replaceChildren(el('p', { class: 'alert warn', text }));
}

/** @param {string} key */
function showChartBox(key) {
  /** @type {HTMLElement} */ (document.querySelector(`[data-chart="${key}"] .chart-box`)).hidden = false;
}

const yAxis = (/** @type {string} */ title, extra = {}) => ({ beginAtZero: true, title: { display: true, text: title }, ticks: { precision: 0 }, ...extra });

/** @param {Series} series */
function renderLaptops(series) {
  const points = series.points;
  const years = points.map((p) => String(p.year));
  drawChart(
    'laptops',
    {
      type: 'bar',
      data: {
        labels: years,
        datasets: [
          { type: 'bar', label: 'Portatili per il lavoro agile', data: points.map((p) => p.laptops), backgroundColor: COLORS.blue, order: 2 },
          {
            type: 'line',
            label: 'Obiettivo POLA',
            data: points.map((p) => p.laptopsTarget),
            borderColor: COLORS.orange,
            backgroundColor: COLORS.orange,
            pointStyle: 'rectRot',
            pointRadius: 6,
            borderDash: [6, 4],
            spanGaps: false,
            order: 1,
          },
        ],
      },
      options: { scales: { y: yAxis('Portatili') }, plugins: { legend: { position: 'bottom' } } },
    },
    `Grafico a barre dei portatili per il lavoro agile per anno, con gli obiettivi: ${points.map((p) => `${p.year} ${p.laptops}${p.laptopsTarget !== null ? ` (obiettivo ${p.laptopsTarget})` : ''}`).join('; ')}.`,
  );
  const baseline = series.laptopsBaseline !== null ? ` Base ${series.laptopsBaselineYear}: ${series.laptopsBaseline}.` : '';
  dataTable(
    'laptops',
    `Portatili per il lavoro agile per anno.${baseline}`,
    [
      { title: 'Anno', raw: (p) => p.year },
      { title: 'Data di riferimento', raw: (p) => p.referenceDate, show: (p) => fmtDate(p.referenceDate) + (p.current ? ' (oggi)' : '') },
      { title: 'Portatili', raw: (p) => p.laptops, num: true, show: (p) => formatValue('count', p.laptops) },
      { title: 'Obiettivo', raw: (p) => p.laptopsTarget, num: true, show: (p) => (p.laptopsTarget === null ? '—' : formatValue('count', p.laptopsTarget)) },
      { title: 'Stato', raw: (p) => p.laptopsStatus, show: (p) => (p.laptopsStatus ? STATUS[p.laptopsStatus].text : '—') },
      { title: 'Lavoratori con accordo', raw: (p) => p.workersInForce, num: true, show: (p) => formatValue('count', p.workersInForce) },
      { title: 'Dotati di dispositivi e dati (%)', raw: (p) => p.equippedPct, num: true, show: (p) => formatValue('percent', p.equippedPct) },
      { title: 'Investimento hardware (€)', raw: (p) => p.investmentEur, num: true, show: (p) => formatValue('eur', p.investmentEur) },
    ],
    points,
    'portatili-lavoro-agile-per-anno.csv',
  );
}

/** @param {PolaReport} report */
function renderEquipment(report) {
  const ind = indicator(report, 'equipment_distributed');
  const rows = ind.breakdown;
  const label = (/** @type {string} */ key) => `${MONTHS[Number(key.slice(5, 7)) - 1]} ${key.slice(0, 4)}`;
  drawChart(
    'equipment',
    {
      type: 'bar',
      data: {
        labels: rows.map((r) => label(r.key)),
        datasets: [
          { label: 'Portatili', data: rows.map((r) => r.values.laptop), backgroundColor: COLORS.blue },
          { label: 'Webcam', data: rows.map((r) => r.values.webcam), backgroundColor: COLORS.orange },
          { label: 'Cuffie con microfono', data: rows.map((r) => r.values.headset), backgroundColor: COLORS.green },
        ],
      },
      options: { scales: { y: yAxis('Pezzi consegnati') }, plugins: { legend: { position: 'bottom' } } },
    },
    `Grafico a barre delle dotazioni consegnate per mese nel ${report.year}: in totale ${ind.details.laptop} portatili, ${ind.details.webcam} webcam, ${ind.details.headset} cuffie.`,
  );
  dataTable(
    'equipment',
    `Dotazioni consegnate per mese nel ${report.year}`,
    [
      { title: 'Mese', raw: (r) => r.key, show: (r) => label(r.key) },
      { title: 'Portatili', raw: (r) => r.values.laptop, num: true },
      { title: 'Webcam', raw: (r) => r.values.webcam, num: true },
      { title: 'Cuffie', raw: (r) => r.values.headset, num: true },
    ],
    rows,
    `dotazioni-per-mese-${report.year}.csv`,
  );
}

/** @param {PolaReport} report */
function renderAgreements(report) {
  const ind = indicator(report, 'agreements_in_force_vs_eligible_pct');
  const rows = ind.breakdown;
  document.getElementById('agreements-box').style.height = `${Math.max(260, 90 + rows.length * 34)}px`;
  drawChart(
    'agreements',
    {
      type: 'bar',
      data: {
        labels: rows.map((r) => r.label),
        datasets: [
          { label: 'Dipendenti idonei', data: rows.map((r) => r.values.eligible), backgroundColor: COLORS.grey },
          { label: 'Accordi in vigore', data: rows.map((r) => r.values.inForce), backgroundColor: COLORS.blue },
        ],
      },
      options: { indexAxis: 'y', scales: { x: yAxis('Dipendenti') }, plugins: { legend: { position: 'bottom' } } },
    },
    `Grafico a barre orizzontali per servizio: accordi in vigore ${ind.numerator} su ${ind.denominator} dipendenti idonei (${formatValue('percent', ind.value)}).`,
  );
  dataTable(
    'agreements',
    `Accordi in vigore e dipendenti idonei per servizio, al ${fmtDate(report.referenceDate)}: in totale ${ind.numerator} su ${ind.denominator}`,
    [
      { title: 'Servizio', raw: (r) => r.label, show: (r) => `${r.label} (${r.key})` },
      { title: 'Codice', raw: (r) => r.key },
      { title: 'Idonei', raw: (r) => r.values.eligible, num: true },
      { title: 'Accordi in vigore', raw: (r) => r.values.inForce, num: true },
      { title: 'Copertura (%)', raw: (r) => r.values.pct, num: true, show: (r) => formatValue('percent', r.values.pct) },
    ],
    rows,
    `accordi-per-servizio-${report.year}.csv`,
  );
}

/** @param {PolaReport} report */
function renderVpn(report) {
  const ind = indicator(report, 'vpn_accounts_open');
  if (ind.value === null) return showUnavailable('vpn', 'Dati VPN non disponibili.');
  showChartBox('vpn');
  const rows = ind.breakdown;
  drawChart(
    'vpn',
    {
      type: 'bar',
      data: {
        labels: rows.map((r) => VPN_STATE_LABELS[r.key] || r.key),
        datasets: [{ label: 'Account VPN', data: rows.map((r) => r.values.accounts), backgroundColor: COLORS.teal }],
      },
      options: { scales: { y: yAxis('Account') }, plugins: { legend: { display: false } } },
    },
    `Grafico a barre degli account VPN per stato: ${rows.map((r) => `${VPN_STATE_LABELS[r.key] || r.key} ${r.values.accounts}`).join(', ')}.`,
  );
  dataTable(
    'vpn',
    `Account VPN per stato (oggi): ${ind.numerator} non revocati su ${ind.denominator}`,
    [
      { title: 'Stato', raw: (r) => VPN_STATE_LABELS[r.key] || r.key },
      { title: 'Account', raw: (r) => r.values.accounts, num: true },
    ],
    rows,
    'account-vpn-per-stato.csv',
  );
}

/** @param {PolaReport} report */
function renderGateways(report) {
  const ind = indicator(report, 'vpn_gateway_expected_load_pct');
  if (ind.value === null && !ind.breakdown.length) return showUnavailable('gateways', 'Nessun gateway VPN configurato.');
  showChartBox('gateways');
  const rows = ind.breakdown;
  drawChart(
    'gateways',
    {
      type: 'bar',
      data: {
        labels: rows.map((r) => r.label),
        datasets: [
          { label: 'Capacità (sessioni)', data: rows.map((r) => r.values.capacity), backgroundColor: COLORS.grey },
          { label: 'Sessioni attese', data: rows.map((r) => r.values.expectedSessions), backgroundColor: COLORS.blue },
          { label: 'Picco (95° percentile)', data: rows.map((r) => r.values.peakSessions95), backgroundColor: COLORS.orange },
        ],
      },
      options: { scales: { y: yAxis('Sessioni contemporanee') }, plugins: { legend: { position: 'bottom' } } },
    },
    `Grafico a barre del carico atteso per gateway: in totale ${nf(1).format(ind.numerator ?? 0)} sessioni attese su una capacità di ${ind.denominator ?? 0} (${formatValue('percent', ind.value)}).`,
  );
  dataTable(
    'gateways',
    `Carico atteso dei gateway VPN (oggi): ${nf(1).format(ind.numerator ?? 0)} sessioni attese su ${ind.denominator ?? 0} di capacità`,
    [
      { title: 'Gateway', raw: (r) => r.label, show: (r) => r.label + (r.values.enabled ? '' : ' (disabilitato)') },
      { title: 'Capacità', raw: (r) => r.values.capacity, num: true },
      { title: 'Sessioni attese', raw: (r) => r.values.expectedSessions, num: true, show: (r) => nf(1).format(r.values.expectedSessions) },
      { title: 'Picco 95°', raw: (r) => r.values.peakSessions95, num: true },
      { title: 'Utilizzo atteso (%)', raw: (r) => r.values.utilisationPct, num: true, show: (r) => formatValue('percent', r.values.utilisationPct) },
    ],
    rows,
    'carico-gateway-vpn.csv',
  );
}

// ---- cards and the full table

/**
 * @param {PolaReport} report
 * @param {string} id
 */
function indicator(report, id) {
  return /** @type {Indicator} */ (report.operational.find((i) => i.id === id));
}

/** @param {string | null} status */
function statusBadge(status) {
  if (!status) return el('span', { class: 'badge neutral', text: 'senza obiettivo' });
  return el('span', { class: `badge ${STATUS[status].cls}`, text: STATUS[status].text });
}

/**
 * @param {Indicator} ind
 * @param {{ extra?: string, badge?: Node }} [options]
 */
function card(ind, { extra, badge } = {}) {
  const parts = [];
  if (ind.target !== null) parts.push(`obiettivo ${formatValue(ind.unit, ind.target)}`);
  if (ind.baseline !== null && ind.baselineYear !== null) parts.push(`base ${ind.baselineYear}: ${formatValue(ind.unit, ind.baseline)}`);
  return el(
    'div',
    { class: 'card', 'data-indicator': ind.id },
    el('div', { class: 'label', text: INDICATOR_LABELS[ind.id] }),
    el('div', { class: 'value', 'data-value': ind.value === null ? '' : String(ind.value), text: formatValue(ind.unit, ind.value) }),
    el('div', { class: 'meta' }, badge ?? statusBadge(ind.status), parts.length ? ` ${parts.join(' · ')}` : ''),
    extra ? el('div', { class: 'meta', text: extra }) : null,
  );
}

/** The Part 4 indicators the summary opens with (the rest are in the group tables below). */
const SUMMARY_PART4 = [
  'laptops_for_remote_work',
  'remote_workers_equipped_with_devices_and_data_pct',
  'hardware_and_digital_infrastructure_investment_eur',
  'digitalisation_investment_eur',
];

/** @param {PolaReport} report */
function renderSummary(report) {
  const agreements = indicator(report, 'agreements_in_force_vs_eligible_pct');
  const equipment = indicator(report, 'equipment_distributed');
  const summary = document.getElementById('summary');
  summary.replaceChildren(
    ...SUMMARY_PART4.flatMap((id) => report.indicators.filter((i) => i.id === id).map(polaCard)),
    card(agreements, { extra: `${agreements.numerator} accordi su ${agreements.denominator} idonei` }),
    card(equipment, { extra: `${equipment.details.laptop} portatili, ${equipment.details.webcam} webcam, ${equipment.details.headset} cuffie` }),
  );
  summary.removeAttribute('data-busy');
}

/** @param {PolaReport} report */
function renderHealth(report) {
  const expiring = indicator(report, 'certificates_expiring_within_30_days');
  const age = indicator(report, 'crl_age_hours');
  const next = indicator(report, 'crl_hours_to_next_update');
  const leavers = indicator(report, 'leavers_holding_equipment');
  const vpn = indicator(report, 'vpn_accounts_open');
  const load = indicator(report, 'vpn_gateway_expected_load_pct');
  const crlBadge = (/** @type {Indicator} */ i) =>
    i.value === null
      ? el('span', { class: 'badge warn', text: 'CRL non ancora pubblicata' })
      : i.details.alert
        ? el('span', { class: 'badge err', text: 'da rinnovare subito' })
        : el('span', { class: 'badge ok', text: 'regolare' });
  document.getElementById('health').replaceChildren(
    card(expiring, {
      badge: el('span', { class: `badge ${(expiring.value ?? 0) > 0 ? 'warn' : 'ok'}`, text: (expiring.value ?? 0) > 0 ? 'da rinnovare' : 'nessuno' }),
      extra: `su ${expiring.denominator} certificati validi al ${fmtDate(expiring.asOf)}`,
    }),
    card(age, { badge: crlBadge(age), extra: age.details.thisUpdate ? `emessa il ${new Date(age.details.thisUpdate).toLocaleString('it-IT')}` : undefined }),
    card(next, {
      badge: crlBadge(next),
      extra: next.details.nextUpdate ? `nextUpdate ${new Date(next.details.nextUpdate).toLocaleString('it-IT')}` : undefined,
    }),
    card(leavers, {
      badge: el('span', {
        class: `badge ${(leavers.value ?? 0) > 0 ? 'warn' : 'ok'}`,
        text: (leavers.value ?? 0) > 0 ? 'restituzioni da sollecitare' : 'nessuno',
      }),
      extra: `${leavers.details.assetsHeld} dispositivi ancora in mano, su ${leavers.denominator} cessati`,
    }),
    card(vpn, {
      badge: el('span', { class: 'badge neutral', text: 'oggi' }),
      extra: vpn.value === null ? 'dati non disponibili' : `${vpn.denominator} account in totale`,
    }),
    card(load, {
      badge: el('span', { class: 'badge neutral', text: 'oggi' }),
      extra: load.value === null ? 'nessun gateway' : `${nf(1).format(load.numerator ?? 0)} sessioni attese su ${load.denominator}`,
    }),
  );
}

/** @param {PolaReport} report */
function renderAll(report) {
  const fmt = (/** @type {Indicator} */ i, /** @type {number | null | undefined} */ v) => (v === null || v === undefined ? '—' : formatValue(i.unit, v));
  dataTable(
    'all',
    `Indicatori operativi ${report.year}, al ${fmtDate(report.referenceDate)}`,
    [
      {
        title: 'Indicatore',
        raw: (i) => INDICATOR_LABELS[i.id],
        show: (i) => el('span', {}, INDICATOR_LABELS[i.id], el('span', { class: 'definition', text: DEFINITIONS[i.id] })),
      },
      { title: 'Codice', raw: (i) => i.id, csvOnly: true },
      { title: 'Data', raw: (i) => i.asOf, show: (i) => fmtDate(i.asOf) },
      { title: 'Valore', raw: (i) => i.value, num: true, show: (i) => fmt(i, i.value) },
      { title: 'Base', raw: (i) => i.baseline, num: true, show: (i) => (i.baseline === null ? '—' : `${fmt(i, i.baseline)} (${i.baselineYear})`) },
      { title: 'Obiettivo', raw: (i) => i.target, num: true, show: (i) => fmt(i, i.target) },
      { title: 'Atteso oggi', raw: (i) => i.expected, num: true, show: (i) => fmt(i, i.expected) },
      { title: 'Stato', raw: (i) => (i.status ? STATUS[i.status].text : ''), show: (i) => (i.status ? STATUS[i.status].text : '—') },
      { title: 'Numeratore', raw: (i) => i.numerator, num: true, show: (i) => (i.numerator === null ? '—' : nf(1).format(i.numerator)) },
      { title: 'Denominatore', raw: (i) => i.denominator, num: true, show: (i) => (i.denominator === null ? '—' : nf(1).format(i.denominator)) },
      { title: 'Definizione', raw: (i) => DEFINITIONS[i.id], csvOnly: true },
    ],
    report.operational,
    `indicatori-operativi-${report.year}-tabella.csv`,
    { collapsible: false },
  );
}

// ---- page

const pageError = document.getElementById('page-error');
/** @param {{ message: string, code?: string }} err */
function showPageError(err) {
  pageError.hidden = false;
  pageError.textContent = `Impossibile caricare gli indicatori: ${err.message}${err.code ? ` (codice: ${err.code})` : ''}`;
  pageError.focus();
}

/** @type {Series | null} */
let series = null;

/** @param {string} year */
async function load(year) {
  pageError.hidden = true;
  document.body.dataset.state = 'loading';
  try {
    const laptopSeries = (series ??= /** @type {Series} */ (await api('/api/v1/kpi/series')));
    /** @type {PolaReport} */
    const report = await api(`/api/v1/kpi/pola?year=${encodeURIComponent(year)}`);
    document.getElementById('as-of').textContent = report.current
      ? `Anno ${report.year} in corso: dati a oggi, ${fmtDate(report.referenceDate)}. Le voci VPN e CRL descrivono sempre la situazione attuale.`
      : `Anno ${report.year}: dati al ${fmtDate(report.referenceDate)}. Le voci VPN e CRL descrivono la situazione attuale.`;
    renderSummary(report);
    const groups = document.getElementById('pola-groups');
    groups.dataset.count = String(renderPolaGroups(groups, report));
    groups.removeAttribute('data-busy');
    renderDownloads(document.getElementById('pola-downloads'), report.year, download, showPageError);
    renderLaptops(laptopSeries);
    renderEquipment(report);
    renderAgreements(report);
    renderVpn(report);
    renderGateways(report);
    renderHealth(report);
    renderAll(report);
    document.body.dataset.state = 'ready';
    document.body.dataset.year = String(report.year);
  } catch (err) {
    document.body.dataset.state = 'error';
    showPageError(err);
  }
}

await renderLayout('Cruscotto POLA');
const select = /** @type {HTMLSelectElement} */ (document.getElementById('year'));
try {
  series = await api('/api/v1/kpi/series');
} catch (err) {
  showPageError(err);
}
const years = series ? series.points.map((p) => p.year).reverse() : [new Date().getFullYear()];
for (const y of years) select.append(el('option', { value: y, text: String(y) }));
const asked = Number(new URLSearchParams(location.search).get('anno'));
select.value = String(years.includes(asked) ? asked : years[0]);
select.addEventListener('change', () => {
  const url = new URL(location.href);
  url.searchParams.set('anno', select.value);
  history.replaceState(null, '', url);
  load(select.value);
});
document.getElementById('print').addEventListener('click', () => window.print());
await load(select.value);
