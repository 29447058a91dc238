// @ts-check
// One agreement as HR handles it: its terms, the document to sign and its SHA-256, the signed copy, the signatures
// HR records from the paper, withdrawal (with the notice the service computes), suspension and resumption.
import { api, download } from './api.js';
import { el, employeeById, employeeName, errorText, setAlert, table } from './operator-common.js';
import { AGREEMENT_STATE_LABELS, WITHDRAWAL_BASIS_LABELS, actionForm, field, ggmmaaaa, markField, showFormError } from './hr-common.js';
import { countersigners, dateOf, withdrawForm } from './hr-actions.js';

const UNSIGNED = ['draft', 'awaiting_confirmation'];
const BINDING = ['signed', 'active', 'suspended'];

/**
 * @param {{ onChanged: (message: string) => unknown, onEdit: (a: import('./hr-common.js').Agreement, name: string) => unknown }} options
 */
export function agreementDetail({ onChanged, onEdit }) {
  const section = document.getElementById('detail');
  const title = document.getElementById('detail-title');
  const body = document.getElementById('detail-body');
  const pageError = document.getElementById('page-error');

  /** @param {string} id */
  async function show(id, { focus = true } = {}) {
    try {
      /** @type {import('./hr-common.js').Agreement} */
      const a = await api(`/api/v1/agreements/${id}`);
      const employee = await employeeById(a.employeeId);
      /** @type {Response} */
      const generated = await api(`/api/v1/agreements/${id}/document.pdf`, { raw: true, headers: { Accept: 'application/pdf' } });
      const generatedSha = generated.headers.get('x-content-sha256') || '';
      section.hidden = false;
      const name = employee ? employeeName(employee) : a.employeeId;
      title.textContent = `Accordo di ${name}`;
      body.replaceChildren(...(await render(a, name, employee, generatedSha)));
      if (focus) title.focus();
    } catch (err) {
      setAlert(pageError, 'error', errorText(/** @type {any} */ (err)), { focus: true });
    }
  }

  /**
   * Posts a small form's body; on success tells the page and reloads the agreement.
   * @param {HTMLFormElement} form
   * @param {string} path
   * @param {() => Record<string, unknown> | null} read
   * @param {(answer: any) => string} done
   * @param {Record<string, string[]>} [ruleFields]
   */
  function wire(form, path, read, done, ruleFields) {
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const b = read();
      if (!b) return;
      try {
        const answer = await api(path, { method: 'POST', body: b });
        await show(answer.id ?? answer.agreementId, { focus: false });
        await onChanged(done(answer));
      } catch (err) {
        showFormError(form, /** @type {any} */ (err), ruleFields);
      }
    });
  }

  /**
   * @param {import('./hr-common.js').Agreement} a
   * @param {string} name
   * @param {import('./operator-common.js').Employee | null} employee
   * @param {string} generatedSha
   */
  async function render(a, name, employee, generatedSha) {
    const sig = a.signatures;
    const cs = sig.countersignature;
    /** @type {[string, string][]} */
    const terms = [
      ['Stato', AGREEMENT_STATE_LABELS[a.state] || a.state],
      ['Periodo', a.endDate ? `dal ${ggmmaaaa(a.startDate)} al ${ggmmaaaa(a.endDate)}` : `dal ${ggmmaaaa(a.startDate)}, a tempo indeterminato`],
      ['Giornate a settimana', String(a.remoteDaysPerWeek)],
      ['Luoghi', a.places.join('; ')],
      ['Fascia di contattabilità', a.contactBand],
      ['Fascia di inoperabilità', a.nonOperabilityBand],
      ['Diritto alla disconnessione', a.rightToDisconnect],
      ['Strumenti forniti', a.toolsProvided.join('; ') || 'nessuno'],
      ['Obiettivi', a.objectives],
      ['Monitoraggio dei risultati', a.resultsMonitoring],
      [
        'Informativa sulla sicurezza',
        a.safetyNotice.deliveredOn
          ? `consegnata il ${ggmmaaaa(a.safetyNotice.deliveredOn)}, vale fino al giorno prima del ${ggmmaaaa(a.safetyNotice.expiresOn)}`
          : 'non consegnata',
      ],
      ['Firma del dipendente', sig.employee ? `registrata il ${ggmmaaaa(sig.employee.signedAt)}` : 'non ancora registrata'],
      [
        'Firma della controparte',
        !cs
          ? 'non ancora registrata'
          : cs.status === 'confirmed'
            ? `valida dal ${ggmmaaaa(sig.manager?.signedAt)}${cs.documentReference ? ` (documento: ${cs.documentReference})` : ''}`
            : `registrata il ${ggmmaaaa(cs.recordedAt)} (${cs.documentReference || 'senza riferimento'}): attende la conferma di una seconda persona`,
      ],
    ];
    if (a.suspension) terms.push(['Sospensione', `dal ${ggmmaaaa(a.suspension.suspendedAt)}${a.suspension.reason ? `: ${a.suspension.reason}` : ''}`]);
    if (a.withdrawal) {
      const w = a.withdrawal;
      terms.push([
        'Recesso',
        `comunicato il ${ggmmaaaa(w.noticeDate)}, efficace dal ${ggmmaaaa(w.effectiveDate)}; ${WITHDRAWAL_BASIS_LABELS[w.basis] || w.basis}. Motivo: ${w.reason}`,
      ]);
    }
    const out = [
      table(
        `Termini e stato dell'accordo di ${name}`,
        [
          ['Voce', (r) => r[0]],
          ['Valore', (r) => r[1]],
        ],
        terms,
      ),
    ];

    // The document: what both parties sign, and the signed copy.
    const docBox = el('div', { class: 'panel' }, el('h3', { text: 'Documento' }));
    docBox.append(
      el('p', {}, "Impronta SHA-256 dell'accordo generato: ", el('code', { id: 'generated-sha', text: generatedSha })),
      el('p', {}, 'Impronta registrata per le firme: ', el('code', { id: 'recorded-sha', text: sig.documentSha256 || 'nessuna' })),
      el(
        'div',
        { class: 'actions' },
        el('button', {
          type: 'button',
          class: 'secondary',
          id: 'download-document',
          text: "Scarica l'accordo da firmare (PDF)",
          onclick: () => download(`/api/v1/agreements/${a.id}/document.pdf`, 'accordo.pdf'),
        }),
        sig.documentSha256
          ? el('button', {
              type: 'button',
              class: 'secondary',
              id: 'download-signed',
              text: 'Scarica il documento firmato',
              onclick: () =>
                download(`/api/v1/agreements/${a.id}/signed-document`, 'accordo-firmato.pdf').catch((err) =>
                  setAlert(pageError, 'error', errorText(err), { focus: true }),
                ),
            })
          : null,
      ),
    );
    const upload = actionForm(
      'upload-form',
      'Carica il documento firmato (PDF, al massimo 10 MB)',
      [field('signed-file', 'File PDF del documento firmato', { type: 'file', accept: 'application/pdf,.pdf', name: 'file', required: true })],
      'Carica il documento firmato',
    );
    upload.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const file = /** @type {HTMLInputElement} */ (upload.querySelector('[name="file"]')).files?.[0];
      if (!file) {
        markField(upload, 'file', 'scegli il file PDF del documento firmato');
        return;
      }
      try {
        const answer = await api(`/api/v1/agreements/${a.id}/signed-document`, { method: 'POST', body: file, headers: { 'Content-Type': 'application/pdf' } });
        await show(a.id, { focus: false });
        await onChanged(`Documento firmato caricato: impronta SHA-256 ${answer.sha256}.`);
      } catch (err) {
        showFormError(upload, /** @type {any} */ (err), {
          SIGNED_DOCUMENT_NOT_PDF: ['file'],
          SIGNED_DOCUMENT_TOO_LARGE: ['file'],
          DOCUMENT_HASH_MISMATCH: ['file'],
        });
      }
    });
    docBox.append(upload);
    out.push(docBox);

    const actions = el('div', {});
    const sha = sig.documentSha256 || generatedSha;
    if (a.state === 'draft' && !sig.employee && !cs) {
      actions.append(el('button', { type: 'button', class: 'secondary', id: 'edit-draft', text: 'Modifica la bozza', onclick: () => onEdit(a, name) }));
    }
    if (UNSIGNED.includes(a.state) && !sig.employee) {
      const f = actionForm(
        'sign-employee-form',
        `Firma del dipendente (${name})`,
        [
          field('employee-sha', 'Impronta SHA-256 del documento firmato', {
            name: 'documentSha256',
            value: sha,
            autocomplete: 'off',
            spellcheck: 'false',
            size: 66,
          }),
        ],
        'Registra la firma del dipendente',
      );
      wire(
        f,
        `/api/v1/agreements/${a.id}/sign`,
        () => ({
          party: 'employee',
          signerEmployeeId: a.employeeId,
          documentSha256: /** @type {HTMLInputElement} */ (f.querySelector('[name="documentSha256"]')).value.trim(),
        }),
        () => 'Firma del dipendente registrata.',
      );
      actions.append(f);
    }
    if (UNSIGNED.includes(a.state) && !cs) {
      const select = el('select', { id: 'countersigner', name: 'signerEmployeeId', required: true });
      await countersigners(select, employee);
      const f = actionForm(
        'sign-manager-form',
        "Firma della controparte (per l'ente), dal documento cartaceo",
        [
          el('div', { class: 'field' }, el('label', { for: 'countersigner', text: "Dirigente che firma per l'ente" }), select),
          field('manager-sha', 'Impronta SHA-256 del documento firmato', {
            name: 'documentSha256',
            value: sha,
            autocomplete: 'off',
            spellcheck: 'false',
            size: 66,
          }),
          field('manager-reference', 'Protocollo o riferimento del documento firmato', {
            name: 'documentReference',
            autocomplete: 'off',
            placeholder: 'prot. 2026/0001234',
            required: true,
          }),
        ],
        'Registra la firma della controparte',
      );
      const v = (/** @type {string} */ n) => /** @type {HTMLInputElement} */ (f.querySelector(`[name="${n}"]`)).value.trim();
      wire(
        f,
        `/api/v1/agreements/${a.id}/sign`,
        () => ({
          party: 'manager',
          signerEmployeeId: v('signerEmployeeId'),
          documentSha256: v('documentSha256'),
          documentReference: v('documentReference') || undefined,
        }),
        (r) =>
          r.state === 'awaiting_confirmation'
            ? 'Firma della controparte registrata: attende la conferma del dirigente (con il proprio accesso) o di un amministratore.'
            : 'Firma della controparte registrata.',
        { DOCUMENT_REFERENCE_REQUIRED: ['documentReference'], DOCUMENT_HASH_MISMATCH: ['documentSha256'] },
      );
      actions.append(f);
    }
    if (cs && cs.status === 'awaiting_confirmation') {
      const f = actionForm(
        'reject-form',
        'Annulla la firma della controparte (scansione o firmatario errati)',
        [field('reject-reason', 'Motivo', { name: 'reason', required: true }, 'textarea')],
        'Annulla la firma registrata',
        { danger: true },
      );
      wire(
        f,
        `/api/v1/agreements/${a.id}/countersignature/reject`,
        () => ({ reason: /** @type {HTMLTextAreaElement} */ (f.querySelector('[name="reason"]')).value.trim() }),
        () => 'Firma della controparte annullata: la bozza attende di nuovo la firma.',
      );
      actions.append(f);
    }
    if (BINDING.includes(a.state)) {
      const f = actionForm(
        'safety-form',
        "Consegna dell'informativa sulla sicurezza",
        [
          field('safety-date', 'Consegnata il (gg/mm/aaaa)', {
            name: 'deliveredOn',
            inputmode: 'numeric',
            placeholder: 'gg/mm/aaaa',
            autocomplete: 'off',
            required: true,
          }),
        ],
        'Registra la consegna',
      );
      wire(
        f,
        `/api/v1/agreements/${a.id}/safety-notice`,
        () => {
          const d = dateOf(f, 'deliveredOn', true);
          return d ? { deliveredOn: d } : null;
        },
        () => "Consegna dell'informativa registrata.",
        { SAFETY_NOTICE_DATE_IN_FUTURE: ['deliveredOn'], SAFETY_NOTICE_OLDER_THAN_RECORDED: ['deliveredOn'] },
      );
      actions.append(f);
    }
    if (a.state === 'active') {
      const f = actionForm(
        'suspend-form',
        "Sospensione dell'accordo",
        [field('suspend-reason', 'Motivo della sospensione', { name: 'reason', required: true }, 'textarea')],
        'Sospendi',
      );
      wire(
        f,
        `/api/v1/agreements/${a.id}/suspend`,
        () => ({ reason: /** @type {HTMLTextAreaElement} */ (f.querySelector('[name="reason"]')).value.trim() }),
        () => 'Accordo sospeso.',
      );
      actions.append(f);
    }
    if (a.state === 'suspended') {
      const f = actionForm('resume-form', "Ripresa dell'accordo", [field('resume-note', 'Nota (facoltativa)', { name: 'note' }, 'textarea')], 'Riprendi');
      wire(
        f,
        `/api/v1/agreements/${a.id}/resume`,
        () => {
          const n = /** @type {HTMLTextAreaElement} */ (f.querySelector('[name="note"]')).value.trim();
          return n ? { note: n } : {};
        },
        () => 'Accordo ripreso.',
      );
      actions.append(f);
    }
    if (BINDING.includes(a.state) && !a.withdrawal) actions.append(withdrawForm(a, wire));
    out.push(actions);
    return out;
  }

  return { show, hide: () => (section.hidden = true) };
}
