// @ts-check
// The manager's page: the people of their service (activities and eligibility), the agreements awaiting their
// counterpart signature, and — when the municipality wants that step — their people's VPN requests to approve.
// Everything comes from /api/v1/manager/*; every act goes through the owning feature's route, with the manager's
// own login (the session). The rules, and the refusals in Italian, are the server's.
import { api } from './api.js';
import { renderLayout } from './layout.js';
import { el, errorText, hide, setAlert, table, VPN_STATE_LABELS } from './operator-common.js';
import { AGREEMENT_STATE_LABELS, ggmmaaaa } from './hr-common.js';

await renderLayout('Il mio servizio');

const pageError = /** @type {HTMLElement} */ (document.getElementById('page-error'));
const pageStatus = /** @type {HTMLElement} */ (document.getElementById('page-status'));

/** @type {Record<string, string>} */
const CAPABILITY_LABELS = { fully: 'Del tutto', partially: 'In parte', none: 'No' };
/** @type {Record<string, string>} */
const MODE_LABELS = { fully_remote: 'del tutto da remoto', partially_remote: 'in parte da remoto', in_presence: 'in presenza', outsourced: 'esternalizzata' };

/**
 * @typedef {{ id: string, macroActivity: string, name: string, mode: string, remoteCapable: boolean }} Activity
 * @typedef {{ id: string, state: string, startDate: string, endDate: string | null, remoteDaysPerWeek: number, inForceToday: boolean }} Agreement
 * @typedef {{ id: string, profile: string, state: string, awaitingManager: boolean, managerDecision: string | null }} VpnAccount
 * @typedef {{ employeeId: string, employeeNumber: string, firstName: string, lastName: string, profile: string | null, category: string | null,
 *   activities: Activity[], eligible: boolean, remoteCapability: string, agreement: Agreement | null, vpnAccounts: VpnAccount[] }} Member
 * @typedef {{ agreementId: string, employeeId: string, firstName: string, lastName: string, state: string, startDate: string,
 *   endDate: string | null, remoteDaysPerWeek: number, action: 'sign' | 'confirm', documentSha256: string | null, documentReference: string | null }} Task
 * @typedef {{ accountId: string, employeeId: string, firstName: string, lastName: string, profile: string, requestedAt: string, eligible: boolean }} VpnTask
 */

/** @param {{ firstName: string, lastName: string }} p */
const fullName = (p) => `${p.lastName} ${p.firstName}`;

/** @param {string} message */
async function changed(message) {
  hide(pageError);
  setAlert(pageStatus, 'ok', message, { focus: true });
  await load();
}

// ---- the people of the service ----

/** @param {Activity[]} activities */
function activityList(activities) {
  if (!activities.length) return el('span', { class: 'muted', text: 'Nessuna attività assegnata' });
  return el(
    'ul',
    {},
    ...activities.map((a) => el('li', {}, `${a.name} `, el('span', { class: 'muted', text: `(${a.macroActivity}; ${MODE_LABELS[a.mode] || a.mode})` }))),
  );
}

/** @param {Agreement | null} a */
function agreementCell(a) {
  if (!a) return 'Nessun accordo';
  const until = a.endDate ? ` al ${ggmmaaaa(a.endDate)}` : ' (tempo indeterminato)';
  return `${AGREEMENT_STATE_LABELS[a.state] || a.state}: dal ${ggmmaaaa(a.startDate)}${until}, ${a.remoteDaysPerWeek} gg/settimana`;
}

/** @param {VpnAccount[]} accounts */
function vpnCell(accounts) {
  if (!accounts.length) return 'Nessuna utenza';
  return accounts
    .map((v) => {
      const step = v.awaitingManager ? ' – attende la tua approvazione' : v.managerDecision === 'refused' ? ' – rifiutata dal dirigente' : '';
      return `${v.profile}: ${VPN_STATE_LABELS[v.state] || v.state}${step}`;
    })
    .join('; ');
}

/** @param {{ service: { code: string, name: string }, people: Member[] }} team */
function renderTeam(team) {
  document.getElementById('service-name').textContent = `Servizio ${team.service.name} (${team.service.code})`;
  const box = /** @type {HTMLElement} */ (document.getElementById('team'));
  box.removeAttribute('aria-busy');
  box.replaceChildren(
    table(
      `Persone del servizio: ${team.people.length}`,
      [
        ['Persona', (/** @type {Member} */ p) => fullName(p)],
        ['Matricola', (/** @type {Member} */ p) => p.employeeNumber],
        ['Profilo', (/** @type {Member} */ p) => [p.profile, p.category].filter(Boolean).join(', ') || '–'],
        ['Attività svolte', (/** @type {Member} */ p) => activityList(p.activities)],
        ['Lavoro da remoto possibile', (/** @type {Member} */ p) => CAPABILITY_LABELS[p.remoteCapability] || p.remoteCapability],
        ['Accordo', (/** @type {Member} */ p) => agreementCell(p.agreement)],
        ['VPN', (/** @type {Member} */ p) => vpnCell(p.vpnAccounts)],
      ],
      team.people,
      { empty: 'Nessuna persona nel servizio.' },
    ),
  );
}

// ---- agreements to countersign ----

const countersignError = /** @type {HTMLElement} */ (document.getElementById('countersign-error'));

/**
 * The manager's own act: their counterpart signature (the employee signed already) or their confirmation of the one
 * recorded from paper in their name.
 * @param {Task} t @param {string} managerEmployeeId @param {HTMLButtonElement} button
 */
async function countersign(t, managerEmployeeId, button) {
  hide(countersignError);
  button.disabled = true;
  try {
    if (t.action === 'confirm') {
      await api(`/api/v1/agreements/${t.agreementId}/countersignature/confirm`, { method: 'POST', body: {} });
    } else {
      await api(`/api/v1/agreements/${t.agreementId}/sign`, {
        method: 'POST',
        body: { party: 'manager', signerEmployeeId: managerEmployeeId, documentSha256: t.documentSha256 },
      });
    }
    await changed(`Accordo di ${fullName(t)} controfirmato.`);
  } catch (err) {
    button.disabled = false;
    setAlert(countersignError, 'error', `Controfirma non registrata per ${fullName(t)}: ${errorText(/** @type {any} */ (err))}`, { focus: true });
  }
}

/** @param {{ managerEmployeeId: string, tasks: Task[] }} list */
function renderCountersign(list) {
  const box = /** @type {HTMLElement} */ (document.getElementById('countersign'));
  box.removeAttribute('aria-busy');
  box.replaceChildren(
    table(
      `Accordi in attesa della tua controfirma: ${list.tasks.length}`,
      [
        ['Persona', (/** @type {Task} */ t) => fullName(t)],
        ['Periodo', (/** @type {Task} */ t) => `dal ${ggmmaaaa(t.startDate)}${t.endDate ? ` al ${ggmmaaaa(t.endDate)}` : ' (tempo indeterminato)'}`],
        ['Giorni da remoto', (/** @type {Task} */ t) => `${t.remoteDaysPerWeek} a settimana`],
        [
          'Cosa manca',
          (/** @type {Task} */ t) =>
            t.action === 'confirm'
              ? `Conferma della tua firma registrata dal cartaceo${t.documentReference ? ` (${t.documentReference})` : ''}`
              : 'La tua controfirma (il dipendente ha firmato)',
        ],
        [
          '',
          (/** @type {Task} */ t) => {
            const b = /** @type {HTMLButtonElement} */ (
              el('button', { type: 'button', text: 'Controfirma', 'aria-label': `Controfirma l'accordo di ${fullName(t)}` })
            );
            b.addEventListener('click', () => countersign(t, list.managerEmployeeId, b));
            return b;
          },
        ],
      ],
      list.tasks,
      { empty: 'Nessun accordo da controfirmare.' },
    ),
  );
}

// ---- VPN requests to approve ----

const vpnError = /** @type {HTMLElement} */ (document.getElementById('vpn-error'));

/**
 * Approve or refuse, after an explicit confirmation in place (with an optional note), never on one keystroke.
 * @param {VpnTask} t @param {boolean} approve @param {HTMLElement} cell
 */
function confirmDecision(t, approve, cell) {
  hide(vpnError);
  const id = `note-${t.accountId}`;
  const note = /** @type {HTMLInputElement} */ (el('input', { id, name: 'note', type: 'text', maxlength: '1000' }));
  const form = el(
    'form',
    { class: 'row', novalidate: true },
    el('p', {
      text: approve
        ? `Approvare la richiesta VPN di ${fullName(t)}?`
        : `Rifiutare la richiesta VPN di ${fullName(t)}? Il rifiuto è definitivo per questa richiesta.`,
    }),
    el('div', { class: 'field' }, el('label', { for: id, text: 'Nota (facoltativa)' }), note),
    el('button', { type: 'submit', class: approve ? null : 'danger', text: approve ? "Conferma l'approvazione" : 'Conferma il rifiuto' }),
    el('button', { type: 'button', class: 'secondary', text: 'Annulla', onclick: () => load() }),
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const submit = /** @type {HTMLButtonElement} */ (form.querySelector('button[type="submit"]'));
    submit.disabled = true;
    try {
      const body = note.value.trim() ? { approve, note: note.value.trim() } : { approve };
      await api(`/api/v1/vpn/accounts/${t.accountId}/manager-approval`, { method: 'POST', body });
      await changed(approve ? `Richiesta VPN di ${fullName(t)} approvata.` : `Richiesta VPN di ${fullName(t)} rifiutata.`);
    } catch (err) {
      submit.disabled = false;
      setAlert(vpnError, 'error', `Decisione non registrata per ${fullName(t)}: ${errorText(/** @type {any} */ (err))}`, { focus: true });
    }
  });
  cell.replaceChildren(form);
  note.focus();
}

/** @param {{ enabled: boolean, requests: VpnTask[] }} list */
function renderVpn(list) {
  const section = /** @type {HTMLElement} */ (document.getElementById('vpn-section'));
  section.hidden = !list.enabled;
  if (!list.enabled) return;
  document.getElementById('vpn-requests').replaceChildren(
    table(
      `Richieste VPN in attesa della tua approvazione: ${list.requests.length}`,
      [
        ['Persona', (/** @type {VpnTask} */ t) => fullName(t)],
        ['Profilo VPN', (/** @type {VpnTask} */ t) => t.profile],
        ['Richiesta il', (/** @type {VpnTask} */ t) => ggmmaaaa(t.requestedAt)],
        ['Può lavorare da remoto', (/** @type {VpnTask} */ t) => (t.eligible ? 'Sì' : 'No')],
        [
          '',
          (/** @type {VpnTask} */ t) => {
            const cell = el('div', { class: 'actions' });
            cell.append(
              el('button', {
                type: 'button',
                text: 'Approva',
                'aria-label': `Approva la richiesta VPN di ${fullName(t)}`,
                onclick: () => confirmDecision(t, true, cell),
              }),
              el('button', {
                type: 'button',
                class: 'danger',
                text: 'Rifiuta',
                'aria-label': `Rifiuta la richiesta VPN di ${fullName(t)}`,
                onclick: () => confirmDecision(t, false, cell),
              }),
            );
            return cell;
          },
        ],
      ],
      list.requests,
      { empty: 'Nessuna richiesta VPN da approvare.' },
    ),
  );
}

async function load() {
  try {
    const [team, tasks, vpn] = await Promise.all([api('/api/v1/manager/team'), api('/api/v1/manager/countersignatures'), api('/api/v1/manager/vpn-requests')]);
    renderTeam(team);
    renderCountersign(tasks);
    renderVpn(vpn);
  } catch (err) {
    for (const id of ['team', 'countersign']) document.getElementById(id)?.removeAttribute('aria-busy');
    setAlert(pageError, 'error', errorText(/** @type {any} */ (err)), { focus: true });
  }
}

await load();
