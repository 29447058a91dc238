// @ts-check
import { api } from './api.js';
import { KIND_LABELS, TASK_STATUS_LABELS, el, employeeById, employeeName, errorText, fmtDate, setAlert, table } from './operator-common.js';
import { startTechnicianPage } from './technician-common.js';

await startTechnicianPage('tasks', 'Restituzioni da fare');

/** @type {Record<string, string>} */
const TRIGGERS = { agreement_ended: 'Accordo concluso', left_directory: 'Uscita dalla directory' };
const box = document.getElementById('tasks');
const more = document.getElementById('more');
const status = /** @type {HTMLSelectElement} */ (document.getElementById('status'));
/** @type {string | null} */
let cursor = null;
/** @type {any[]} return tasks as the API lists them, with the employee's and the asset's labels */
let rows = [];
/** @type {Map<string, Promise<string>>} */
const assets = new Map();

/** @param {string} id */
async function assetLabel(id) {
  if (!assets.has(id))
    assets.set(
      id,
      api(`/api/v1/assets/${id}`)
        .then((a) => `${a.assetTag} – ${KIND_LABELS[a.kind] || a.kind} ${a.manufacturer} ${a.model}`)
        .catch(() => id),
    );
  return assets.get(id);
}

/** @param {boolean} reset */
async function load(reset) {
  if (reset) {
    cursor = null;
    rows = [];
  }
  const qs = new URLSearchParams({ status: status.value, limit: '50' });
  if (cursor) qs.set('cursor', cursor);
  try {
    const page = await api(`/api/v1/return-tasks?${qs}`);
    for (const t of page.items) {
      const [e, a] = await Promise.all([employeeById(t.employeeId), assetLabel(t.assetId)]);
      t.employee = e ? employeeName(e) : t.employeeId;
      t.asset = a;
    }
    rows = rows.concat(page.items);
    cursor = page.nextCursor;
    box.replaceChildren(
      table(
        `Restituzioni: ${TASK_STATUS_LABELS[status.value].toLowerCase()} (${rows.length}${cursor ? '+' : ''})`,
        [
          ['Dipendente', (t) => el('a', { href: `/ui/technician/employee?employee=${t.employeeId}`, text: t.employee })],
          ['Dispositivo', (t) => t.asset],
          ['Motivo', (t) => TRIGGERS[t.trigger] || t.trigger],
          ['Dal', (t) => fmtDate(t.effectiveDate)],
          ['Entro il', (t) => (t.overdue ? el('span', { class: 'badge err', text: `${fmtDate(t.dueDate)} (scaduta)` }) : fmtDate(t.dueDate))],
          [
            '',
            (t) => (t.status === 'closed' ? TASK_STATUS_LABELS.closed : el('a', { href: `/ui/technician/return?asset=${t.assetId}`, text: 'Fai rientrare' })),
          ],
        ],
        rows,
        { empty: 'Nessuna restituzione in questo elenco.' },
      ),
    );
    more.hidden = !cursor;
  } catch (err) {
    setAlert(document.getElementById('page-error'), 'error', errorText(err), { focus: true });
  }
}

document.getElementById('filter-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  load(true);
});
more.addEventListener('click', () => load(false));
await load(true);
