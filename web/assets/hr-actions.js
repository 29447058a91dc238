// @ts-check
// The larger forms of HR's agreement panel (hr-detail.js): the withdrawal and the countersigner's list.
import { api } from './api.js';
import { el, employeeName } from './operator-common.js';
import { DATE_FORMAT_MESSAGE, WITHDRAWAL_BASIS_LABELS, actionForm, field, ggmmaaaa, isoFromItalian, markField } from './hr-common.js';

/**
 * @typedef {(form: HTMLFormElement, path: string, read: () => Record<string, unknown> | null, done: (answer: any) => string,
 *   ruleFields?: Record<string, string[]>) => void} Wire
 */

/**
 * A gg/mm/aaaa field's value as ISO, or null (marked beside it).
 * @param {HTMLFormElement} form
 * @param {string} name
 * @param {boolean} required
 */
export function dateOf(form, name, required) {
  const input = /** @type {HTMLInputElement} */ (form.querySelector(`[name="${name}"]`));
  const text = input.value.trim();
  if (!text && !required) return undefined;
  const iso = isoFromItalian(text);
  if (!iso) {
    markField(form, name, DATE_FORMAT_MESSAGE);
    input.focus();
    return null;
  }
  return iso;
}

/**
 * The withdrawal form: the service computes the notice (30 days, 90 for a disabled worker) and says it in its answer.
 * @param {import('./hr-common.js').Agreement} a
 * @param {Wire} wire
 */
export function withdrawForm(a, wire) {
  const initiated = el(
    'select',
    { id: 'withdraw-initiated', name: 'initiatedBy' },
    el('option', { value: 'employer', text: "L'ente" }),
    el('option', { value: 'employee', text: 'Il dipendente' }),
  );
  const cause = el('input', { id: 'withdraw-cause', name: 'justifiedCause', type: 'checkbox' });
  const f = actionForm(
    'withdraw-form',
    "Recesso dall'accordo (il preavviso è calcolato dal servizio: 30 giorni, 90 per il lavoratore con disabilità)",
    [
      el('div', { class: 'field' }, el('label', { for: 'withdraw-initiated', text: 'Chi recede' }), initiated),
      field('withdraw-notice', 'Data della comunicazione (gg/mm/aaaa)', {
        name: 'noticeDate',
        inputmode: 'numeric',
        placeholder: 'gg/mm/aaaa',
        autocomplete: 'off',
        required: true,
      }),
      el('div', { class: 'field' }, cause, ' ', el('label', { for: 'withdraw-cause', text: 'Giustificato motivo (effetto immediato)' })),
      field('withdraw-effective', 'Data di effetto concordata, se successiva al minimo (gg/mm/aaaa, facoltativa)', {
        name: 'effectiveDate',
        inputmode: 'numeric',
        placeholder: 'gg/mm/aaaa',
        autocomplete: 'off',
      }),
      field('withdraw-reason', 'Motivo', { name: 'reason', required: true }, 'textarea'),
    ],
    'Registra il recesso',
    { danger: true },
  );
  wire(
    f,
    `/api/v1/agreements/${a.id}/withdraw`,
    () => {
      const noticeDate = dateOf(f, 'noticeDate', true);
      const effectiveDate = dateOf(f, 'effectiveDate', false);
      if (!noticeDate || effectiveDate === null) return null;
      return {
        initiatedBy: initiated.value,
        noticeDate,
        justifiedCause: cause.checked || undefined,
        effectiveDate,
        reason: /** @type {HTMLTextAreaElement} */ (f.querySelector('[name="reason"]')).value.trim(),
      };
    },
    (r) => {
      const w = r.withdrawal;
      return w ? `Recesso registrato: efficace dal ${ggmmaaaa(w.effectiveDate)} (${WITHDRAWAL_BASIS_LABELS[w.basis] || w.basis}).` : 'Recesso registrato.';
    },
    {
      WITHDRAWAL_NOTICE_TOO_SHORT: ['effectiveDate'],
      NOTICE_DATE_IN_FUTURE: ['noticeDate'],
      WITHDRAWAL_NEEDS_JUSTIFIED_CAUSE: ['justifiedCause'],
      WITHDRAWAL_AFTER_END_DATE: ['noticeDate'],
    },
  );
  return f;
}

/**
 * The active managers, the employee's service's first (the server checks who may countersign).
 * @param {HTMLSelectElement} select
 * @param {import('./operator-common.js').Employee | null} employee
 */
export async function countersigners(select, employee) {
  /** @type {ApiPage<import('./operator-common.js').Employee & { isDirectorGeneral?: boolean }>} */
  const page = await api('/api/v1/employees?isManager=true&active=true&limit=500');
  const own = page.items.filter((m) => employee && m.serviceCode === employee.serviceCode && m.id !== employee.id);
  const others = page.items.filter((m) => !own.includes(m) && m.id !== employee?.id);
  const group = (/** @type {string} */ label, /** @type {typeof page.items} */ items) =>
    items.length
      ? el(
          'optgroup',
          { label },
          ...items.map((m) => el('option', { value: m.id, text: `${employeeName(m)}${m.isDirectorGeneral ? ' – Direttore Generale' : ''}` })),
        )
      : null;
  select.append(...[group('Dirigenti del servizio del dipendente', own), group('Altri dirigenti e Direttore Generale', others)].filter((g) => g !== null));
}
