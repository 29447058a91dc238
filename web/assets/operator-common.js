// @ts-check
// Shared by the technicians' and hot-line pages: Italian labels, formatting, the scan field, the employee
// picker and the gate status. Presentation only: every decision (gate, states, duplicates) is the API's.
import { api, clearErrors, showError } from './api.js';

/** @type {Record<string, string>} */
export const KIND_LABELS = {
  laptop: 'Portatile',
  docking_station: 'Docking station',
  monitor: 'Monitor',
  keyboard: 'Tastiera',
  mouse: 'Mouse',
  webcam: 'Webcam',
  headset: 'Cuffie',
  mobile_router: 'Router mobile (SIM)',
};

/** @type {Record<string, string>} */
export const ASSET_STATE_LABELS = {
  in_stock: 'In magazzino',
  assigned: 'Assegnato',
  in_repair: 'In riparazione',
  lost: 'Smarrito',
  stolen: 'Rubato',
  retired: 'Dismesso',
};

/** @type {Record<string, string>} */
export const HANDOVER_STATUS_LABELS = { open: 'In corso', partially_returned: 'Rientro parziale', closed: 'Chiusa' };
/** @type {Record<string, string>} */
export const CONDITION_LABELS = { good: 'Buone', worn: 'Usurato', damaged: 'Danneggiato (va in riparazione)' };
/** @type {Record<string, string>} */
export const TASK_STATUS_LABELS = { open: 'Aperta', overdue: 'Scaduta', closed: 'Chiusa' };

/** @type {Record<string, string>} */
export const VPN_STATE_LABELS = {
  requested: 'Richiesto',
  approved: 'Approvato',
  issued: 'Certificato emesso',
  installed: 'Installato',
  active: 'Attivo',
  suspended: 'Sospeso',
  revoked: 'Revocato',
};

/** @type {Record<string, string>} */
export const CERT_STATUS_LABELS = { valid: 'Valido', revoked: 'Revocato', on_hold: 'Sospeso (hold)' };

/** @type {Record<string, string>} */
export const REVOCATION_REASON_LABELS = {
  unspecified: 'Non specificato',
  keyCompromise: 'Chiave compromessa (furto, smarrimento)',
  affiliationChanged: 'Cambio di ufficio o di ente',
  superseded: 'Sostituito da un nuovo certificato',
  cessationOfOperation: 'Cessazione del servizio',
  certificateHold: 'Sospensione temporanea',
  privilegeWithdrawn: 'Autorizzazione ritirata',
};

/**
 * What every error box says: "the server's Italian sentence (codice: CODE)". An API error carries the catalog's
 * Italian text (api.js asks for Italian; the `it` of each code, rendered by src/common/errors/italian-message.ts),
 * so the page adds no wording of its own per code; an error a page makes itself carries its own Italian message.
 * @param {{ code: string, message: string }} err an ApiError (or any error a page caught)
 */
export function errorText(err) {
  if (!(err && err.code)) return 'Il servizio non risponde: controlla la connessione e riprova';
  return `${err.message} (codice: ${err.code})`;
}

/**
 * Field errors next to the fields (api.js) and the Italian sentence in the form's box.
 * @param {HTMLElement} form
 * @param {import('./api.js').ApiError} err
 */
export function formError(form, err) {
  showError(form, err);
  const box = form.querySelector('[data-role="form-error"]');
  if (box) box.textContent = errorText(err);
}

export { clearErrors };

/** @typedef {Node | string | number | null | undefined | false} Child */

/**
 * An element with attributes (`class`, `text`, `on<event>` handlers, others as attributes; true is present,
 * null/undefined/false absent) and children.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, unknown>} [attrs]
 * @param {...(Child | Child[])} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = String(v);
    else if (k === 'text') node.textContent = String(v);
    else if (k.startsWith('on') && typeof v === 'function') node.addEventListener(k.slice(2), /** @type {EventListener} */ (v));
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) node.append(c instanceof Node ? c : String(c));
  return node;
}

/** @param {string} name */
export function param(name) {
  return new URLSearchParams(location.search).get(name);
}

/** @param {string | null | undefined} value an ISO date or date-time */
export function fmtDate(value) {
  if (!value) return '–';
  const d = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(value + 'T12:00:00Z') : new Date(value);
  return d.toLocaleDateString('it-IT', { timeZone: 'Europe/Rome' });
}

/** @param {string | null | undefined} value */
export function fmtDateTime(value) {
  if (!value) return '–';
  return new Date(value).toLocaleString('it-IT', { timeZone: 'Europe/Rome', dateStyle: 'short', timeStyle: 'short' });
}

/** @param {number} cents */
export function fmtEuro(cents) {
  return (cents / 100).toLocaleString('it-IT', { style: 'currency', currency: 'EUR' });
}

/**
 * @typedef {{ id: string, firstName: string, lastName: string, employeeNumber: string, username?: string | null,
 *   serviceCode?: string, serviceName?: string, active?: boolean }} Employee
 */

/** @param {Employee | null | undefined} e */
export function employeeName(e) {
  return e ? `${e.lastName} ${e.firstName} (${e.employeeNumber})` : '–';
}

/**
 * An alert box: `kind` ok | error | warn. Focus moves to it when asked (after an action).
 * @param {HTMLElement} box
 * @param {'ok' | 'error' | 'warn'} kind
 * @param {Node | string | (Node | string)[]} content
 * @param {{ focus?: boolean }} [options]
 */
export function setAlert(box, kind, content, { focus = false } = {}) {
  box.hidden = false;
  box.className = `alert ${kind}`;
  box.replaceChildren(...(Array.isArray(content) ? content : [content]));
  if (!box.hasAttribute('tabindex')) box.setAttribute('tabindex', '-1');
  if (focus) box.focus();
}

/** @param {HTMLElement} box */
export function hide(box) {
  box.hidden = true;
  box.replaceChildren();
}

/**
 * The in-page navigation of one role's sections (from the server, layout.js), drawn above the page title.
 * @param {NavigationSection[]} pages
 * @param {string} current the key of this page
 */
export function renderSections(pages, current) {
  const nav = el('nav', { class: 'sections no-print', 'aria-label': 'Sezioni' });
  const ul = el('ul');
  for (const p of pages) {
    ul.append(el('li', {}, el('a', { href: p.href, 'aria-current': p.key === current ? 'page' : null, text: p.label })));
  }
  nav.append(ul);
  document.getElementById('main').prepend(nav);
}

/**
 * A scan field: a barcode scanner types the code and presses Enter. Codes are handled one at a time in the
 * order scanned (a fast scanner can fire the next before the API answered the last); the field is cleared at
 * once and keeps the focus, so the technician can go on scanning.
 */
/**
 * @param {HTMLFormElement} form
 * @param {HTMLInputElement} input
 * @param {(code: string) => unknown} handler
 */
export function onScan(form, input, handler) {
  /** @type {Promise<unknown>} */
  let chain = Promise.resolve();
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const code = input.value.trim();
    input.value = '';
    input.focus();
    if (!code) return;
    chain = chain.then(() => handler(code)).catch((err) => console.error(err));
  });
}

/**
 * Marks the scan field with the message of the last refused scan (and clears it on the next good one).
 * @param {HTMLInputElement} input
 * @param {string | null} [message]
 */
export function fieldMessage(input, message) {
  const id = `${input.id}-error`;
  document.getElementById(id)?.remove();
  if (!message) {
    input.removeAttribute('aria-invalid');
    input.removeAttribute('aria-describedby');
    return;
  }
  const p = el('p', { class: 'field-error', id, text: message });
  input.setAttribute('aria-invalid', 'true');
  input.setAttribute('aria-describedby', id);
  input.insertAdjacentElement('afterend', p);
}

/**
 * @typedef {{ id: string, assetTag: string, serial: string, kind: string, state: string, manufacturer: string, model: string,
 *   [more: string]: any }} Asset
 */

/**
 * The asset whose tag or serial is exactly the scanned code (the API's search is a prefix search).
 * @param {string} code
 * @returns {Promise<Asset | null>}
 */
export async function findAssetByCode(code) {
  /** @type {ApiPage<Asset>} */
  const page = await api(`/api/v1/assets?q=${encodeURIComponent(code)}&limit=20`);
  const c = code.toUpperCase();
  return page.items.find((a) => a.assetTag.toUpperCase() === c || a.serial.toUpperCase() === c) ?? null;
}

/**
 * Employee look-up: a search form (name, number or username) and a list of matches with a "Scegli" button
 * each. `onPick(employee)` runs when one is chosen.
 */
/**
 * @param {HTMLElement} container
 * @param {{ idPrefix: string, label?: string, onPick: (employee: Employee) => unknown }} options
 */
export function employeePicker(container, { idPrefix, label = 'Cerca dipendente', onPick }) {
  const form = el('form', { class: 'picker', novalidate: true, 'aria-label': label });
  const input = el('input', { id: `${idPrefix}-q`, name: 'q', type: 'search', autocomplete: 'off', required: true });
  form.append(
    el('div', { class: 'alert error', 'data-role': 'form-error', tabindex: '-1', hidden: true }),
    el('div', { class: 'field' }, el('label', { for: input.id, text: `${label} (nome, cognome, matricola o utente)` }), input),
    el('button', { type: 'submit', text: 'Cerca' }),
  );
  const results = el('div', { class: 'picker-results', 'aria-live': 'polite' });
  container.append(form, results);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(form);
    results.replaceChildren();
    const q = input.value.trim();
    if (!q) {
      input.focus();
      return;
    }
    try {
      const page = await api(`/api/v1/employees?q=${encodeURIComponent(q)}&limit=20`);
      if (!page.items.length) {
        results.append(el('p', { text: `Nessun dipendente trovato per “${q}”.` }));
        return;
      }
      const table = el('table', {}, el('caption', { text: `Dipendenti trovati: ${page.items.length}${page.nextCursor ? ' (i primi)' : ''}` }));
      table.append(el('thead', {}, el('tr', {}, ...['Dipendente', 'Servizio', 'Utente', 'Stato', ''].map((h) => el('th', { scope: 'col', text: h })))));
      const tbody = el('tbody');
      for (const e of page.items) {
        const pick = el('button', { type: 'button', class: 'secondary', text: 'Scegli', 'aria-label': `Scegli ${e.lastName} ${e.firstName}` });
        pick.addEventListener('click', () => onPick(e));
        tbody.append(
          el(
            'tr',
            {},
            el('td', { text: employeeName(e) }),
            el('td', { text: `${e.serviceCode} – ${e.serviceName}` }),
            el('td', { text: e.username || '–' }),
            el('td', { text: e.active ? 'In servizio' : 'Non in servizio' }),
            el('td', {}, pick),
          ),
        );
      }
      table.append(tbody);
      results.append(table);
      if (page.items.length === 1) tbody.querySelector('button')?.focus();
    } catch (err) {
      formError(form, err);
    }
  });
  return { form, input, focus: () => input.focus() };
}

/**
 * The gate's answer in plain words: green, or each refusal with its explanation (both from
 * GET /api/v1/employees/:id/provisioning-status).
 */
/** @typedef {{ allowed: boolean, summary: string, refusals: { code: string, explanation: string }[] }} GateStatus */

/**
 * @param {HTMLElement} container
 * @param {GateStatus} status
 */
export function renderGateStatus(container, status) {
  container.replaceChildren();
  if (status.allowed) {
    container.append(el('p', {}, el('span', { class: 'badge ok', text: 'Via libera' }), ' ', status.summary));
    return;
  }
  container.append(el('p', {}, el('span', { class: 'badge err', text: 'Non consentito' }), ' ', status.summary));
  const ul = el('ul', { class: 'refusals' });
  for (const r of status.refusals) ul.append(el('li', {}, r.explanation, ' ', el('span', { class: 'muted', text: `(${r.code})` })));
  container.append(ul);
}

/**
 * @param {HTMLElement} container
 * @param {string} employeeId
 */
export async function loadGateStatus(container, employeeId) {
  /** @type {GateStatus} */
  const status = await api(`/api/v1/employees/${employeeId}/provisioning-status`);
  renderGateStatus(container, status);
  return status;
}

/**
 * @template R
 * @typedef {[header: string, cell: (row: R) => unknown, options?: { num?: boolean }]} Column
 */

/**
 * A table from rows: `columns` are [header, (row) => text | Node, {num}?].
 * @template R
 * @param {string} caption
 * @param {Column<R>[]} columns
 * @param {R[]} rows
 * @param {{ empty?: string }} [options]
 */
export function table(caption, columns, rows, { empty = 'Nessun elemento.' } = {}) {
  if (!rows.length) return el('p', { class: 'muted', text: empty });
  const t = el('table', {}, el('caption', { text: caption }));
  t.append(el('thead', {}, el('tr', {}, ...columns.map(([h, , o]) => el('th', { scope: 'col', class: o?.num ? 'num' : null, text: h })))));
  const tbody = el('tbody');
  for (const r of rows) {
    tbody.append(
      el(
        'tr',
        {},
        ...columns.map(([, f, o]) => {
          const v = f(r);
          return el('td', { class: o?.num ? 'num' : null }, v instanceof Node ? v : String(v ?? '–'));
        }),
      ),
    );
  }
  t.append(tbody);
  return t;
}

/** Keeps a small cache of employees by id for tables that only carry ids. */
/** @type {Map<string, Promise<Employee | null>>} */
const employees = new Map();
/**
 * @param {string | null | undefined} id
 * @returns {Promise<Employee | null>}
 */
export async function employeeById(id) {
  if (!id) return null;
  if (!employees.has(id))
    employees.set(
      id,
      api(`/api/v1/employees/${id}`).catch(() => null),
    );
  return employees.get(id) ?? null;
}
