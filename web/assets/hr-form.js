// @ts-check
// HR's draft form: a new agreement, or the edit of a draft nobody has signed yet (POST / PATCH /api/v1/agreements).
import { api } from './api.js';
import { clearErrors, employeeName } from './operator-common.js';
import { DATE_FORMAT_MESSAGE, ggmmaaaa, isoFromItalian, markField, showFormError } from './hr-common.js';

/** The rule refusals that are about particular fields of the form. */
const RULE_FIELDS = {
  BANDS_OVERLAP: ['contactBand', 'nonOperabilityBand'],
  MANAGER_REMOTE_DAYS_EXCEEDED: ['remoteDaysPerWeek'],
  AGREEMENT_OVERLAP: ['startDate', 'endDate'],
  SAFETY_NOTICE_DATE_IN_FUTURE: ['safetyNoticeDeliveredOn'],
};

const DATE_FIELDS = ['startDate', 'endDate', 'safetyNoticeDeliveredOn'];

/**
 * @param {{ onSaved: (agreement: import('./hr-common.js').Agreement, created: boolean) => unknown }} options
 */
export function draftForm({ onSaved }) {
  const form = /** @type {NamedForm} */ (document.getElementById('draft-form'));
  const title = document.getElementById('draft-title');
  const who = document.getElementById('draft-employee');
  const submit = document.getElementById('draft-submit');
  const cancel = document.getElementById('draft-cancel');
  /** @type {{ employee: import('./operator-common.js').Employee | null, editing: import('./hr-common.js').Agreement | null }} */
  const state = { employee: null, editing: null };

  const lines = (/** @type {string} */ v) =>
    v
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean);

  /** The body, or null when a date is not gg/mm/aaaa (marked beside its field). */
  function body() {
    const f = form.elements;
    /** @type {Record<string, unknown>} */
    const b = {
      remoteDaysPerWeek: f.remoteDaysPerWeek.value === '' ? undefined : Number(f.remoteDaysPerWeek.value),
      places: lines(f.places.value),
      contactBand: f.contactBand.value.trim(),
      nonOperabilityBand: f.nonOperabilityBand.value.trim(),
      rightToDisconnect: f.rightToDisconnect.value.trim(),
      toolsProvided: lines(f.toolsProvided.value),
      objectives: f.objectives.value.trim(),
      resultsMonitoring: f.resultsMonitoring.value.trim(),
    };
    let ok = true;
    for (const name of DATE_FIELDS) {
      const text = f[name].value.trim();
      if (!text) {
        if (name === 'startDate') {
          markField(form, name, `la data di decorrenza è obbligatoria: ${DATE_FORMAT_MESSAGE}`);
          ok = false;
        } else if (name === 'endDate') b.endDate = null;
        continue;
      }
      const iso = isoFromItalian(text);
      if (!iso) {
        markField(form, name, DATE_FORMAT_MESSAGE);
        ok = false;
      } else b[name] = iso;
    }
    return ok ? b : null;
  }

  function reset() {
    form.reset();
    clearErrors(form);
    state.editing = null;
    title.textContent = 'Nuovo accordo (bozza)';
    submit.textContent = 'Salva la bozza';
    cancel.hidden = true;
  }

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(form);
    const b = body();
    if (!b) {
      const box = /** @type {HTMLElement} */ (form.querySelector('[data-role="form-error"]'));
      box.hidden = false;
      box.textContent = 'Alcune date non sono valide: correggi i campi segnalati.';
      /** @type {HTMLElement | null} */ (form.querySelector('[aria-invalid="true"]'))?.focus();
      return;
    }
    try {
      const editing = state.editing;
      /** @type {import('./hr-common.js').Agreement} */
      const saved = editing
        ? await api(`/api/v1/agreements/${editing.id}`, { method: 'PATCH', body: b })
        : await api('/api/v1/agreements', { method: 'POST', body: { employeeId: state.employee?.id, ...b } });
      reset();
      if (!editing) {
        form.hidden = true;
        who.textContent = "Scegli il dipendente per cui redigere l'accordo.";
      }
      await onSaved(saved, !editing);
    } catch (err) {
      showFormError(form, /** @type {any} */ (err), RULE_FIELDS);
    }
  });

  cancel.addEventListener('click', () => {
    reset();
    form.hidden = true;
    who.textContent = "Scegli il dipendente per cui redigere l'accordo.";
    title.focus();
  });

  return {
    /** A new draft for this employee. @param {import('./operator-common.js').Employee} e */
    start(e) {
      reset();
      state.employee = e;
      who.textContent = `Dipendente: ${employeeName(e)}`;
      form.hidden = false;
      form.elements.startDate.focus();
    },
    /**
     * The draft's terms in the form, to edit them.
     * @param {import('./hr-common.js').Agreement} a
     * @param {string} name the employee's name
     */
    edit(a, name) {
      reset();
      state.editing = a;
      const f = form.elements;
      f.startDate.value = ggmmaaaa(a.startDate);
      f.endDate.value = a.endDate ? ggmmaaaa(a.endDate) : '';
      f.remoteDaysPerWeek.value = String(a.remoteDaysPerWeek);
      f.places.value = a.places.join('\n');
      f.contactBand.value = a.contactBand;
      f.nonOperabilityBand.value = a.nonOperabilityBand;
      f.rightToDisconnect.value = a.rightToDisconnect;
      f.toolsProvided.value = a.toolsProvided.join('\n');
      f.objectives.value = a.objectives;
      f.resultsMonitoring.value = a.resultsMonitoring;
      f.safetyNoticeDeliveredOn.value = a.safetyNotice.deliveredOn ? ggmmaaaa(a.safetyNotice.deliveredOn) : '';
      title.textContent = `Modifica della bozza: ${name}`;
      who.textContent = `Dipendente: ${name}`;
      submit.textContent = 'Salva le modifiche';
      cancel.hidden = false;
      form.hidden = false;
      title.focus();
    },
  };
}
