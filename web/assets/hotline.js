// @ts-check
import { api } from './api.js';
import {
  VPN_STATE_LABELS,
  clearErrors,
  el,
  employeeById,
  employeeName,
  employeePicker,
  errorText,
  fmtDateTime,
  formError,
  loadGateStatus,
  setAlert,
  table,
} from './operator-common.js';
import { startHotlinePage } from './hotline-common.js';

await startHotlinePage('queue', 'Hot-line VPN');

const pageError = document.getElementById('page-error');
const openLink = (/** @type {VpnAccount} */ a) =>
  el('a', { href: `/ui/hotline/account?id=${a.id}`, 'aria-label': `Apri l'account ${a.username}`, text: 'Apri' });

/**
 * @typedef {{ id: string, employeeId: string, username: string, profile: string, employeeLabel?: string, [more: string]: any }} VpnAccount
 * @param {VpnAccount[]} items
 */
async function withNames(items) {
  for (const a of items) {
    const e = await employeeById(a.employeeId);
    a.employeeLabel = e ? employeeName(e) : a.employeeId;
  }
  return items;
}

/**
 * @param {string} caption
 * @param {VpnAccount[]} items
 * @param {import('./operator-common.js').Column<VpnAccount>[]} [extra]
 */
function accountsTable(caption, items, extra = []) {
  return table(
    caption,
    [['Dipendente', (a) => a.employeeLabel], ['Utente VPN', (a) => a.username], ['Profilo', (a) => a.profile], ...extra, ['', openLink]],
    items,
    { empty: 'Nessun account.' },
  );
}

/**
 * Whether the gate lets each employee of the queue through today, and why not: one GET provisioning-status per
 * distinct employee (not per account), at most GATE_PARALLEL at a time, each cell filled as its answer arrives.
 * @type {Map<string, HTMLElement[]>}
 */
let gateCells = new Map();
const GATE_PARALLEL = 4;
/** @param {VpnAccount} a */
function gateCell(a) {
  const cell = el('div', { class: 'gate-cell', 'data-employee': a.employeeId, text: 'verifica in corso…' });
  gateCells.set(a.employeeId, [...(gateCells.get(a.employeeId) || []), cell]);
  return cell;
}

/** @param {Map<string, HTMLElement[]>} cells */
async function fillGateCells(cells) {
  const ids = [...cells.keys()];
  const worker = async () => {
    for (let id = ids.shift(); id; id = ids.shift()) {
      /** @type {Node[]} */
      let content;
      try {
        /** @type {import('./operator-common.js').GateStatus} */
        const status = await api(`/api/v1/employees/${id}/provisioning-status`);
        content = status.allowed
          ? [el('span', { class: 'badge ok', text: 'Passa' })]
          : [
              el('span', { class: 'badge err', text: 'Rifiutato' }),
              el(
                'ul',
                { class: 'refusals' },
                ...status.refusals.map((r) => el('li', {}, r.explanation, ' ', el('span', { class: 'muted', text: `(${r.code})` }))),
              ),
            ];
      } catch (err) {
        content = [el('span', { class: 'muted', text: `non verificabile: ${errorText(err)}` })];
      }
      for (const cell of cells.get(id) || []) cell.replaceChildren(...content.map((n) => n.cloneNode(true)));
    }
  };
  await Promise.all(Array.from({ length: GATE_PARALLEL }, worker));
}

async function queue() {
  gateCells = new Map();
  try {
    const [requested, approved] = await Promise.all([
      api('/api/v1/vpn/accounts?state=requested&limit=200'),
      api('/api/v1/vpn/accounts?state=approved&limit=200'),
    ]);
    document.getElementById('requested').replaceChildren(
      accountsTable(`Richieste: ${requested.items.length}${requested.nextCursor ? '+' : ''}`, await withNames(requested.items), [
        ['Richiesto il', (a) => fmtDateTime(a.requestedAt)],
        ['Requisiti oggi', gateCell],
      ]),
    );
    document.getElementById('approved').replaceChildren(
      accountsTable(`Approvati: ${approved.items.length}${approved.nextCursor ? '+' : ''}`, await withNames(approved.items), [
        ['Gateway', (a) => (a.gateway ? a.gateway.name : '–')],
        ['Approvato il', (a) => fmtDateTime(a.approvedAt)],
        ['Requisiti oggi', gateCell],
      ]),
    );
    await fillGateCells(gateCells);
  } catch (err) {
    setAlert(pageError, 'error', errorText(err), { focus: true });
  }
}

// ---- a person: gate, their accounts, a new request ----
const person = document.getElementById('person');
const requestForm = /** @type {NamedForm} */ (document.getElementById('request-form'));
/** @type {import('./operator-common.js').Employee | null} */
let chosen = null;

/** @param {import('./operator-common.js').Employee} e */
async function showPerson(e) {
  chosen = e;
  person.hidden = false;
  const title = document.getElementById('person-title');
  title.textContent = employeeName(e);
  clearErrors(requestForm);
  try {
    const [, accounts] = await Promise.all([
      loadGateStatus(document.getElementById('person-gate'), e.id),
      api(`/api/v1/vpn/accounts?employeeId=${e.id}&limit=50`),
    ]);
    document.getElementById('person-accounts').replaceChildren(
      table(
        'Account VPN del dipendente',
        [
          ['Utente VPN', (a) => a.username],
          ['Profilo', (a) => a.profile],
          ['Stato', (a) => VPN_STATE_LABELS[a.state] || a.state],
          ['', openLink],
        ],
        accounts.items,
        { empty: 'Il dipendente non ha account VPN.' },
      ),
    );
  } catch (err) {
    setAlert(pageError, 'error', errorText(err), { focus: true });
  }
  title.focus();
}

employeePicker(document.getElementById('picker'), { idPrefix: 'employee', label: 'Cerca dipendente', onPick: showPerson });

requestForm.addEventListener('submit', async (ev) => {
  ev.preventDefault();
  clearErrors(requestForm);
  try {
    const account = await api('/api/v1/vpn/accounts', { method: 'POST', body: { employeeId: chosen?.id, profile: requestForm.elements.profile.value } });
    location.assign(`/ui/hotline/account?id=${account.id}&created=1`);
  } catch (err) {
    formError(requestForm, err);
  }
});

// ---- other states ----
const stateSelect = /** @type {HTMLSelectElement} */ (document.getElementById('state'));
for (const [k, v] of Object.entries(VPN_STATE_LABELS)) if (k !== 'requested' && k !== 'approved') stateSelect.append(el('option', { value: k, text: v }));
/** @type {string | null} */
let cursor = null;
/** @type {VpnAccount[]} */
let rows = [];
/** @param {boolean} reset */
async function others(reset) {
  if (reset) {
    cursor = null;
    rows = [];
  }
  const qs = new URLSearchParams({ state: stateSelect.value, limit: '50' });
  if (cursor) qs.set('cursor', cursor);
  try {
    const page = await api(`/api/v1/vpn/accounts?${qs}`);
    rows = rows.concat(await withNames(page.items));
    cursor = page.nextCursor;
    document
      .getElementById('others')
      .replaceChildren(
        accountsTable(`Account “${VPN_STATE_LABELS[stateSelect.value]}”: ${rows.length}${cursor ? '+' : ''}`, rows, [
          ['Gateway', (a) => (a.gateway ? a.gateway.name : '–')],
        ]),
      );
    document.getElementById('more').hidden = !cursor;
  } catch (err) {
    setAlert(pageError, 'error', errorText(err), { focus: true });
  }
}
document.getElementById('state-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  others(true);
});
document.getElementById('more').addEventListener('click', () => others(false));

try {
  const profiles = await api('/api/v1/vpn/profiles');
  for (const p of profiles) requestForm.elements.profile.append(el('option', { value: p.name, text: `${p.name} – ${p.description}` }));
} catch (err) {
  setAlert(pageError, 'error', errorText(err));
}
await queue();
