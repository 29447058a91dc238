// @ts-check
import { api } from './api.js';
import {
  ASSET_STATE_LABELS,
  KIND_LABELS,
  clearErrors,
  el,
  employeeById,
  employeeName,
  errorText,
  fmtDate,
  fmtDateTime,
  formError,
  employeePicker,
  param,
  setAlert,
  table,
} from './operator-common.js';
import { startTechnicianPage } from './technician-common.js';

await startTechnicianPage('assets', 'Cerca dispositivi');

const form = /** @type {NamedForm} */ (document.getElementById('search-form'));
const results = document.getElementById('results');
const more = document.getElementById('more');
const detail = document.getElementById('detail');
for (const [k, v] of Object.entries(KIND_LABELS)) form.elements.kind.append(el('option', { value: k, text: v }));
for (const [k, v] of Object.entries(ASSET_STATE_LABELS)) form.elements.state.append(el('option', { value: k, text: v }));

/** @type {Record<string, string> | null} */
let query = null;
/** @type {string | null} */
let cursor = null;
/** @type {import('./operator-common.js').Asset[]} */
let rows = [];

/** @param {import('./operator-common.js').Asset} a */
async function holderCell(a) {
  if (!a.holderEmployeeId) return '–';
  const e = await employeeById(a.holderEmployeeId);
  return e ? employeeName(e) : a.holderEmployeeId;
}

/** @param {boolean} reset */
async function search(reset) {
  if (reset) {
    cursor = null;
    rows = [];
  }
  const qs = new URLSearchParams({ ...query, limit: '50' });
  if (cursor) qs.set('cursor', cursor);
  try {
    const page = await api(`/api/v1/assets?${qs}`);
    for (const a of page.items) a.holder = await holderCell(a);
    rows = rows.concat(page.items);
    cursor = page.nextCursor;
    results.replaceChildren(
      table(
        `Dispositivi trovati: ${rows.length}${cursor ? ' (altri disponibili)' : ''}`,
        [
          ['Etichetta', (a) => a.assetTag],
          ['Numero di serie', (a) => a.serial],
          ['Tipo', (a) => KIND_LABELS[a.kind] || a.kind],
          ['Modello', (a) => `${a.manufacturer} ${a.model}`],
          ['Stato', (a) => ASSET_STATE_LABELS[a.state] || a.state],
          ['In consegna a', (a) => a.holder],
          [
            '',
            (a) => {
              const b = el('button', { type: 'button', class: 'secondary', text: 'Dettagli', 'aria-label': `Dettagli di ${a.assetTag}` });
              b.addEventListener('click', () => showDetail(a.id));
              return b;
            },
          ],
        ],
        rows,
        { empty: 'Nessun dispositivo trovato.' },
      ),
    );
    more.hidden = !cursor;
    if (reset) document.getElementById('results-title').focus();
  } catch (err) {
    if (query && (query.q || query.contains)) formError(form, err);
    else setAlert(document.getElementById('page-error'), 'error', errorText(err), { focus: true });
  }
}

/** @param {string} id */
async function showDetail(id) {
  try {
    const a = await api(`/api/v1/assets/${id}`);
    detail.hidden = false;
    const title = document.getElementById('detail-title');
    title.textContent = `${a.assetTag} – ${KIND_LABELS[a.kind] || a.kind} ${a.manufacturer} ${a.model}`;
    const holder = await employeeById(a.holderEmployeeId);
    const facts = el(
      'ul',
      {},
      el('li', { text: `Numero di serie: ${a.serial}` }),
      el('li', { text: `Stato: ${ASSET_STATE_LABELS[a.state] || a.state}${a.assignedAt ? ` dal ${fmtDate(a.assignedAt)}` : ''}` }),
      el('li', { text: `In consegna a: ${holder ? employeeName(holder) : '–'}` }),
      el('li', { text: `Ubicazione: ${a.location || '–'}` }),
      a.mac ? el('li', { text: `MAC: ${a.mac}` }) : null,
      a.sim
        ? el('li', { text: `SIM: ${a.sim.iccid}${a.sim.phoneNumber ? `, ${a.sim.phoneNumber}` : ''}${a.sim.dataPlan ? `, ${a.sim.dataPlan}` : ''}` })
        : null,
    );
    const actions = el('p', { class: 'actions' }, el('a', { class: 'button secondary', href: `/ui/technician/report?asset=${a.id}`, text: 'Segnala' }));
    if (a.currentHandoverId) actions.prepend(el('a', { class: 'button secondary', href: `/ui/technician/return?asset=${a.id}`, text: 'Fai rientrare' }));
    const reports = table(
      'Segnalazioni',
      [
        ['Quando', (r) => fmtDateTime(r.reportedAt)],
        ['Esito', (r) => ASSET_STATE_LABELS[r.status] || r.status],
        ['Nota', (r) => r.note],
        ['Chi', (r) => r.reportedBy],
      ],
      a.reports,
      { empty: 'Nessuna segnalazione.' },
    );
    document.getElementById('detail-body').replaceChildren(facts, actions, reports);
    title.focus();
  } catch (err) {
    setAlert(document.getElementById('page-error'), 'error', errorText(err), { focus: true });
  }
}

form.addEventListener('submit', (ev) => {
  ev.preventDefault();
  clearErrors(form);
  const f = form.elements;
  /** @type {Record<string, string>} */
  const asked = {};
  query = asked;
  const q = f.q.value.trim();
  if (q) asked[f.contains.checked ? 'contains' : 'q'] = q;
  if (f.kind.value) asked.kind = f.kind.value;
  if (f.state.value) asked.state = f.state.value;
  document.getElementById('holder-chosen').textContent = '';
  search(true);
});
more.addEventListener('click', () => search(false));

employeePicker(document.getElementById('picker'), {
  idPrefix: 'holder',
  label: 'Cerca dipendente',
  onPick: (e) => {
    query = { employeeId: e.id };
    document.getElementById('holder-chosen').textContent = `Dispositivi in consegna a ${employeeName(e)}.`;
    search(true);
  },
});

const initialQuery = param('q');
if (initialQuery) {
  form.elements.q.value = initialQuery;
  query = { q: initialQuery };
  await search(true);
} else {
  form.elements.q.focus();
}
