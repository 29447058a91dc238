// @ts-check
// Shared by HR's agreement page: labels, dates as gg/mm/aaaa, and errors shown beside the fields.
import { clearErrors, el, errorText } from './operator-common.js';

/** @type {Record<string, string>} */
export const AGREEMENT_STATE_LABELS = {
  draft: 'Bozza',
  awaiting_confirmation: 'In attesa di conferma della firma',
  signed: 'Firmato (non ancora in vigore)',
  active: 'In vigore',
  suspended: 'Sospeso',
  withdrawn: 'Receduto',
  expired: 'Scaduto',
};

/** @type {Record<string, string>} */
export const WITHDRAWAL_BASIS_LABELS = {
  justified_cause: 'giustificato motivo: senza preavviso',
  notice_30_days: 'preavviso di 30 giorni',
  notice_90_days_disabled_worker: 'preavviso di 90 giorni: lavoratore con disabilità (art. 19, comma 2, L. 81/2017)',
};

/**
 * @typedef {{ id: string, employeeId: string, state: string, startDate: string, endDate: string | null, indefinite: boolean,
 *   remoteDaysPerWeek: number, places: string[], contactBand: string, nonOperabilityBand: string, rightToDisconnect: string,
 *   toolsProvided: string[], objectives: string, resultsMonitoring: string, version: number,
 *   safetyNotice: { deliveredOn: string | null, expiresOn: string | null, status: string },
 *   signatures: { employee: { signerEmployeeId: string, signedAt: string } | null, manager: { signerEmployeeId: string, signedAt: string } | null,
 *     countersignature: { status: string, signerEmployeeId: string, recordedAt: string | null, documentReference: string | null } | null,
 *     documentSha256: string | null },
 *   suspension: { suspendedAt: string, reason?: string } | null,
 *   withdrawal?: { initiatedBy: string, noticeDate: string, effectiveDate: string, justifiedCause: boolean, basis: string, noticeDays: number, reason: string } | null,
 *   endedOn: string | null, inForceToday: boolean }} Agreement
 */

const DAY = new Intl.DateTimeFormat('it-IT', { timeZone: 'Europe/Rome', day: '2-digit', month: '2-digit', year: 'numeric' });

/**
 * An ISO date (2026-04-01) or instant as gg/mm/aaaa; '–' when empty.
 * @param {string | null | undefined} value
 */
export function ggmmaaaa(value) {
  if (!value) return '–';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [y, m, d] = value.split('-');
    return `${d}/${m}/${y}`;
  }
  return DAY.format(new Date(value));
}

/**
 * gg/mm/aaaa (also g/m/aaaa, with - or .) → 2026-04-01; null if it is not a real calendar date.
 * @param {string} text
 */
export function isoFromItalian(text) {
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text.trim());
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${m[3]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export const DATE_FORMAT_MESSAGE = 'scrivi una data valida come gg/mm/aaaa (es. 01/04/2026)';

/**
 * A message beside one field of `form` (by name), linked with aria-describedby.
 * @param {HTMLFormElement} form
 * @param {string} name
 * @param {string} message
 */
export function markField(form, name, message) {
  const input = /** @type {HTMLElement | null} */ (form.querySelector(`[name="${CSS.escape(name)}"]`));
  if (!input) return false;
  const id = `${input.id || name}-error`;
  document.getElementById(id)?.remove();
  input.setAttribute('aria-invalid', 'true');
  input.setAttribute('aria-describedby', id);
  input.insertAdjacentElement('afterend', el('p', { class: 'field-error', id, text: message }));
  return true;
}

/**
 * The form's box says what went wrong; each field the answer names (details.fields, or the fields a rule is about)
 * gets its message beside it, and the first of them the focus.
 * @param {HTMLFormElement} form
 * @param {{ code: string, message: string, fields?: { field: string, messages?: string[] }[] }} err
 * @param {Record<string, string[]>} [ruleFields] code → the fields a rule refusal is about
 */
export function showFormError(form, err, ruleFields = {}) {
  clearErrors(form);
  const box = /** @type {HTMLElement | null} */ (form.querySelector('[data-role="form-error"]'));
  /** @type {string[]} */
  const marked = [];
  for (const f of err.fields || []) {
    const name = f.field.split('.')[0];
    // The field's example (09:30-12:30) says what "il formato non è valido" expects.
    const example = /** @type {HTMLInputElement | null} */ (form.querySelector(`[name="${CSS.escape(name)}"]`))?.placeholder || '';
    const message = (f.messages || []).join('; ') || err.message;
    if (markField(form, name, /\d/.test(example) && !message.includes(example) ? `${message} (es. ${example})` : message)) marked.push(name);
  }
  for (const name of ruleFields[err.code] || []) if (markField(form, name, err.message)) marked.push(name);
  if (box) {
    box.hidden = false;
    // The server's sentence for field problems already says to check the fields; a rule's names only the rule.
    const ruleMarked = marked.length && !(err.fields || []).length;
    box.textContent = ruleMarked ? `${errorText(err)} Correggi i campi segnalati.` : errorText(err);
  }
  const first = /** @type {HTMLElement | null} */ (marked.length ? form.querySelector(`[name="${CSS.escape(marked[0])}"]`) : box);
  first?.focus();
}

/**
 * A small form of the detail panel: a box for its errors, fields, a submit button.
 * @param {string} id
 * @param {string} legend
 * @param {Node[]} fields
 * @param {string} submit
 * @param {{ danger?: boolean }} [options]
 */
export function actionForm(id, legend, fields, submit, { danger = false } = {}) {
  return el(
    'form',
    { id, novalidate: true, 'aria-labelledby': `${id}-legend` },
    el(
      'fieldset',
      {},
      el('legend', { id: `${id}-legend`, text: legend }),
      el('div', { class: 'alert error', 'data-role': 'form-error', tabindex: '-1', hidden: true }),
      ...fields,
    ),
    el('button', { type: 'submit', class: danger ? 'danger' : null, text: submit }),
  );
}

/**
 * A labelled field.
 * @param {string} id
 * @param {string} label
 * @param {Record<string, unknown>} [attrs]
 * @param {'input' | 'textarea' | 'select'} [tag]
 */
export function field(id, label, attrs = {}, tag = 'input') {
  const control = el(tag, { id, name: attrs.name ?? id, ...attrs });
  return el('div', { class: 'field' }, el('label', { for: id, text: label }), control);
}
