// @ts-check
// HR's page: agreements by state and by employee, the safety notices falling due, a new draft, and one agreement
// from draft to signature (hr-detail.js). Everything comes from the agreements API; the rules are the server's.
import { api } from './api.js';
import { renderLayout } from './layout.js';
import { el, employeeById, employeeName, employeePicker, errorText, hide, setAlert, table } from './operator-common.js';
import { AGREEMENT_STATE_LABELS, ggmmaaaa } from './hr-common.js';
import { agreementDetail } from './hr-detail.js';
import { draftForm } from './hr-form.js';

await renderLayout('Accordi di lavoro agile');

const pageError = document.getElementById('page-error');
const pageStatus = document.getElementById('page-status');

/** @param {string} message */
async function changed(message) {
  hide(pageError);
  setAlert(pageStatus, 'ok', message, { focus: true });
  await Promise.all([list(true), safetyDue()]);
}

const detail = agreementDetail({
  onChanged: changed,
  onEdit: (a, name) => drafts.edit(a, name),
});
const drafts = draftForm({
  onSaved: async (a, created) => {
    await changed(created ? 'Bozza salvata.' : 'Modifiche alla bozza salvate.');
    await detail.show(a.id);
  },
});

/** @param {{ id: string }} row @param {string} who */
const openButton = (row, who) =>
  el('button', { type: 'button', class: 'secondary', text: 'Apri', 'aria-label': `Apri l'accordo di ${who}`, onclick: () => detail.show(row.id) });

/**
 * @template {{ employeeId: string }} R
 * @param {R[]} rows
 */
async function named(rows) {
  return Promise.all(rows.map(async (r) => ({ ...r, who: employeeName(await employeeById(r.employeeId)) })));
}

// ---- safety notices falling due ----
async function safetyDue() {
  try {
    // every page of the list (a month's notices: a few pages at most)
    const base = '/api/v1/agreements/safety-notices-due?days=30&limit=200';
    let due = await api(base);
    const all = [...due.items];
    while (due.nextCursor) {
      due = await api(`${base}&cursor=${encodeURIComponent(due.nextCursor)}`);
      all.push(...due.items);
    }
    const rows = await named(/** @type {{ agreementId: string, employeeId: string, state: string, deliveredOn: string, expiresOn: string }[]} */ (all));
    document.getElementById('safety-due').replaceChildren(
      table(
        `Informative da rinnovare entro il ${ggmmaaaa(new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10))}: ${rows.length}`,
        [
          ['Dipendente', (r) => r.who],
          ['Consegnata il', (r) => ggmmaaaa(r.deliveredOn)],
          ['Non vale più dal', (r) => ggmmaaaa(r.expiresOn)],
          ['Stato accordo', (r) => AGREEMENT_STATE_LABELS[r.state] || r.state],
          ['', (r) => openButton({ id: r.agreementId }, r.who)],
        ],
        rows,
        { empty: 'Nessuna informativa in scadenza nei prossimi 30 giorni.' },
      ),
    );
  } catch (err) {
    setAlert(pageError, 'error', errorText(/** @type {any} */ (err)));
  }
}

// ---- the list, by state and employee ----
const stateSelect = /** @type {HTMLSelectElement} */ (document.getElementById('list-state'));
stateSelect.append(el('option', { value: '', text: 'Tutti gli stati' }));
for (const [k, v] of Object.entries(AGREEMENT_STATE_LABELS)) stateSelect.append(el('option', { value: k, text: v }));
const filterText = document.getElementById('list-filter');
const allButton = document.getElementById('list-all');
const more = document.getElementById('list-more');
/** @type {{ employee: import('./operator-common.js').Employee | null, cursor: string | null, rows: any[] }} */
const listing = { employee: null, cursor: null, rows: [] };

/** @param {boolean} reset */
async function list(reset) {
  if (reset) Object.assign(listing, { cursor: null, rows: [] });
  const qs = new URLSearchParams({ limit: '50' });
  if (stateSelect.value) qs.set('state', stateSelect.value);
  if (listing.employee) qs.set('employeeId', listing.employee.id);
  if (listing.cursor) qs.set('cursor', listing.cursor);
  try {
    const page = await api(`/api/v1/agreements?${qs}`);
    listing.rows = listing.rows.concat(await named(page.items));
    listing.cursor = page.nextCursor;
    filterText.textContent = `${listing.employee ? `Accordi di ${employeeName(listing.employee)}` : 'Accordi di tutti i dipendenti'}, ${stateSelect.value ? `stato “${AGREEMENT_STATE_LABELS[stateSelect.value]}”` : 'ogni stato'}.`;
    allButton.hidden = !listing.employee;
    document.getElementById('list').replaceChildren(
      table(
        `Accordi trovati: ${listing.rows.length}${listing.cursor ? '+' : ''}`,
        [
          ['Dipendente', (r) => r.who],
          ['Stato', (r) => AGREEMENT_STATE_LABELS[r.state] || r.state],
          ['Decorrenza', (r) => ggmmaaaa(r.startDate)],
          ['Scadenza', (r) => (r.endDate ? ggmmaaaa(r.endDate) : 'tempo indeterminato')],
          ['Giornate a settimana', (r) => r.remoteDaysPerWeek, { num: true }],
          ['', (r) => openButton(r, r.who)],
        ],
        listing.rows,
        { empty: 'Nessun accordo.' },
      ),
    );
    more.hidden = !listing.cursor;
  } catch (err) {
    setAlert(pageError, 'error', errorText(/** @type {any} */ (err)), { focus: true });
  }
}

employeePicker(document.getElementById('list-picker'), {
  idPrefix: 'list-employee',
  label: 'Cerca gli accordi di un dipendente',
  onPick: async (e) => {
    listing.employee = e;
    await list(true);
    /** @type {HTMLElement | null} */ (document.querySelector('#list button'))?.focus();
  },
});
document.getElementById('list-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  list(true);
});
allButton.addEventListener('click', () => {
  listing.employee = null;
  list(true);
});
more.addEventListener('click', () => list(false));

// ---- a new draft ----
employeePicker(document.getElementById('draft-picker'), { idPrefix: 'draft-employee', label: 'Dipendente del nuovo accordo', onPick: (e) => drafts.start(e) });

await Promise.all([safetyDue(), list(true)]);
