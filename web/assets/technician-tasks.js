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

/**
 * One row per device: a device the employee must return for two reasons (the agreement ended and they left the
 * directory) is one thing to bring back, with both reasons; the earliest dates count.
 * @param {any[]} tasks
 */
function byDevice(tasks) {
  /** @type {Map<string, { employeeId: string, employee: string, assetId: string, asset: string, reasons: string[], effectiveDate: string, dueDate: string, overdue: boolean, closed: boolean }>} */
  const devices = new Map();
  for (const t of tasks) {
    const key = `${t.employeeId}|${t.assetId}`;
    const reason = TRIGGERS[t.trigger] || t.trigger;
    const d = devices.get(key);
    if (!d) {
      devices.set(key, {
        employeeId: t.employeeId,
        employee: t.employee,
        assetId: t.assetId,
        asset: t.asset,
        reasons: [reason],
        effectiveDate: t.effectiveDate,
        dueDate: t.dueDate,
        overdue: Boolean(t.overdue),
        closed: t.status === 'closed',
      });
      continue;
    }
    if (!d.reasons.includes(reason)) d.reasons.push(reason);
    if (t.effectiveDate < d.effectiveDate) d.effectiveDate = t.effectiveDate;
    if (t.dueDate < d.dueDate) d.dueDate = t.dueDate;
    d.overdue = d.overdue || Boolean(t.overdue);
    d.closed = d.closed && t.status === 'closed';
  }
  return [...devices.values()];
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
    const devices = byDevice(rows);
    box.replaceChildren(
      table(
        `Restituzioni – ${status.options[status.selectedIndex].text.toLowerCase()}: ${devices.length} ${devices.length === 1 ? 'dispositivo' : 'dispositivi'}${cursor ? ' (altri da mostrare)' : ''}`,
        [
          ['Dipendente', (d) => el('a', { href: `/ui/technician/employee?employee=${d.employeeId}`, text: d.employee })],
          ['Dispositivo', (d) => d.asset],
          ['Motivi', (d) => (d.reasons.length === 1 ? d.reasons[0] : el('ul', { class: 'reasons' }, ...d.reasons.map((r) => el('li', { text: r }))))],
          ['Dal', (d) => fmtDate(d.effectiveDate)],
          ['Entro il', (d) => (d.overdue ? el('span', { class: 'badge err', text: `${fmtDate(d.dueDate)} (scaduta)` }) : fmtDate(d.dueDate))],
          ['', (d) => (d.closed ? TASK_STATUS_LABELS.closed : el('a', { href: `/ui/technician/return?asset=${d.assetId}`, text: 'Fai rientrare' }))],
        ],
        devices,
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
