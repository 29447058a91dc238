// @ts-check
import { api, download } from './api.js';
import {
  ASSET_STATE_LABELS,
  KIND_LABELS,
  clearErrors,
  el,
  employeeById,
  employeeName,
  employeePicker,
  errorText,
  fieldMessage,
  findAssetByCode,
  fmtDate,
  fmtDateTime,
  formError,
  loadGateStatus,
  onScan,
  param,
  renderGateStatus,
  setAlert,
  table,
} from './operator-common.js';
import { guardUnsaved, startTechnicianPage } from './technician-common.js';

await startTechnicianPage('handover', 'Consegna kit');

const pageError = document.getElementById('page-error');
const step2 = document.getElementById('step2');
const step3 = document.getElementById('step3');
const chosen = document.getElementById('chosen');
const gateBox = document.getElementById('gate');
const kitBox = document.getElementById('kit');
const codeInput = /** @type {HTMLInputElement} */ (document.getElementById('code'));
const form = /** @type {NamedForm} */ (document.getElementById('handover-form'));
const confirmButton = /** @type {HTMLButtonElement} */ (document.getElementById('confirm'));
const signForm = /** @type {NamedForm} */ (document.getElementById('sign-form'));

/** @typedef {import('./operator-common.js').Asset} Asset */
/** @type {import('./operator-common.js').Employee | null} */
let employee = null;
/** @type {Asset[]} */
let kit = []; // assets as read from the API
/** @type {any} the handover as the API answered it (once confirmed) */
let handover = null;
/** @type {import('./operator-common.js').GateStatus | null} what the gate said of the employee when chosen */
let gateStatus = null;

// Scanned and not confirmed: leaving the page would lose the kit.
guardUnsaved(() => kit.length > 0 && !handover);

const picker = employeePicker(document.getElementById('picker'), { idPrefix: 'employee', label: 'Cerca dipendente', onPick: choose });

/** @param {import('./operator-common.js').Employee} e */
async function choose(e) {
  employee = e;
  document.getElementById('picker').hidden = true;
  chosen.hidden = false;
  document.getElementById('chosen-name').textContent = employeeName(e);
  step2.hidden = false;
  // What the gate says today, for the technician's information: the API decides again at confirmation.
  gateStatus = null;
  try {
    gateStatus = await loadGateStatus(gateBox, e.id);
  } catch (err) {
    gateBox.textContent = errorText(err);
  }
  fieldMessage(codeInput, null); // a refusal was about the previous employee
  // A kit scanned for someone else (the employee was changed): what this one cannot receive leaves the kit.
  /** @type {string[]} */
  const dropped = [];
  for (const a of [...kit]) {
    const refusal = await scanRefusal(e, a).catch((err) => errorText(err));
    if (refusal) {
      kit = kit.filter((x) => x.id !== a.id);
      dropped.push(refusal);
    }
  }
  if (dropped.length) {
    renderKit();
    fieldMessage(codeInput, `Tolti dal kit: ${dropped.join(' ')}`);
  }
  codeInput.focus();
}

document.getElementById('change').addEventListener('click', () => {
  employee = null;
  chosen.hidden = true;
  step2.hidden = true;
  document.getElementById('picker').hidden = false;
  picker.focus();
});

/** @param {string[]} [problemIds] the assets the API refused */
function renderKit(problemIds = []) {
  kitBox.replaceChildren(
    table(
      `Kit da consegnare: ${kit.length} dispositivi`,
      [
        ['Etichetta', (a) => a.assetTag],
        ['Tipo', (a) => KIND_LABELS[a.kind] || a.kind],
        ['Modello', (a) => `${a.manufacturer} ${a.model}`],
        ['Numero di serie', (a) => a.serial],
        [
          'Stato',
          (a) =>
            problemIds.includes(a.id)
              ? el('span', { class: 'badge err', text: `${ASSET_STATE_LABELS[a.state] || a.state}: non disponibile` })
              : ASSET_STATE_LABELS[a.state] || a.state,
        ],
        [
          '',
          (a) => {
            const b = el('button', { type: 'button', class: 'link', text: 'togli', 'aria-label': `Togli ${a.assetTag} dal kit` });
            b.addEventListener('click', () => {
              kit = kit.filter((x) => x.id !== a.id);
              renderKit();
              codeInput.focus();
            });
            return b;
          },
        ],
      ],
      kit,
      { empty: 'Nessun dispositivo: scansiona le etichette.' },
    ),
  );
  confirmButton.disabled = kit.length === 0;
}

onScan(/** @type {HTMLFormElement} */ (document.getElementById('scan-form')), codeInput, async (code) => {
  try {
    const asset = await findAssetByCode(code);
    if (!asset) {
      fieldMessage(codeInput, `Nessun dispositivo con etichetta o numero di serie “${code}”.`);
      return;
    }
    if (kit.some((a) => a.id === asset.id)) {
      fieldMessage(codeInput, `${asset.assetTag} è già nel kit.`);
      return;
    }
    const refusal = employee ? await scanRefusal(employee, asset) : null;
    if (refusal) {
      fieldMessage(codeInput, refusal);
      return;
    }
    fieldMessage(codeInput, null);
    kit.push(asset);
    renderKit();
  } catch (err) {
    fieldMessage(codeInput, errorText(err));
  }
});

/**
 * Why the scanned asset cannot go to this employee, in Italian, or null when it can: the API's check
 * (GET /api/v1/handovers/check, the same rules as the confirmation), asked at once so the kit holds only
 * what the confirmation will accept.
 * @param {import('./operator-common.js').Employee} to
 * @param {Asset} asset
 * @returns {Promise<string | null>}
 */
async function scanRefusal(to, asset) {
  const check = await api(`/api/v1/handovers/check?employeeId=${encodeURIComponent(to.id)}&assetId=${encodeURIComponent(asset.id)}`);
  if (check.allowed) return null;
  const what = `${asset.assetTag} (${KIND_LABELS[asset.kind] || asset.kind})`;
  /** @type {string[]} */
  const why = [];
  if (check.refusals.includes('ASSET_NOT_MUNICIPAL')) why.push(`${what} è un dispositivo personale: non si consegna.`);
  if (check.refusals.includes('ASSET_NOT_AVAILABLE')) {
    const holder = check.holderEmployeeId ? await employeeById(check.holderEmployeeId) : null;
    if (check.holderEmployeeId && check.holderEmployeeId === to.id) why.push(`${what} è già in consegna a questo dipendente.`);
    else if (check.holderEmployeeId) why.push(`${what} è in consegna a ${holder ? employeeName(holder) : 'un altro dipendente'}: va prima fatto rientrare.`);
    else why.push(`${what} non è disponibile in magazzino (stato: ${(ASSET_STATE_LABELS[check.state] || check.state).toLowerCase()}).`);
  }
  if (check.refusals.includes('GATE_REFUSED')) {
    /** @type {Record<string, string>} */
    const explained = Object.fromEntries((gateStatus?.refusals ?? []).map((r) => [r.code, r.explanation]));
    const reasons = check.gateRefusals.map((/** @type {string} */ c) => explained[c] || c).join(' ');
    why.push(`${what} non si può consegnare a ${employeeName(to)}: il dipendente non ha i requisiti per il lavoro agile. ${reasons}`);
  }
  return why.join(' ');
}

form.addEventListener('submit', async (ev) => {
  ev.preventDefault();
  clearErrors(form);
  if (!employee || !kit.length) return;
  /** @type {{ employeeId: string, assetIds: string[], conditions?: string, notes?: string }} */
  const body = { employeeId: employee.id, assetIds: kit.map((a) => a.id) };
  const conditions = form.elements.conditions.value.trim();
  const notes = form.elements.notes.value.trim();
  if (conditions) body.conditions = conditions;
  if (notes) body.notes = notes;
  confirmButton.disabled = true;
  try {
    handover = await api('/api/v1/handovers', { method: 'POST', body });
    showDone();
  } catch (err) {
    confirmButton.disabled = false;
    formError(form, err);
    const box = /** @type {HTMLElement} */ (form.querySelector('[data-role="form-error"]'));
    const asked = employee;
    if (err.code === 'GATE_REFUSED' && asked) {
      // The reasons in plain words, as the gate gives them (its explanations, not ours).
      try {
        const status = await api(`/api/v1/employees/${asked.id}/provisioning-status`);
        const reasons = el('div', { class: 'gate-refusal' });
        renderGateStatus(reasons, status);
        box.append(reasons);
        renderGateStatus(gateBox, status);
      } catch {
        box.append(el('p', { text: (err.details.refusals || []).join(', ') }));
      }
    } else if (err.details && Array.isArray(err.details.assets)) {
      renderKit(err.details.assets.map((/** @type {{ id: string }} */ a) => a.id));
    }
    box.focus();
  }
});

function showDone() {
  step2.hidden = true;
  step3.hidden = false;
  document
    .getElementById('done')
    .replaceChildren(
      el(
        'div',
        { class: 'alert ok' },
        `Consegna registrata il ${fmtDate(handover.handoverDate)} a ${employeeName(employee)}: ${handover.items.map((/** @type {{ assetTag: string }} */ i) => i.assetTag).join(', ')}.`,
      ),
    );
  /** @type {HTMLAnchorElement} */ (document.getElementById('receipt-open')).href = handover.receiptUrl;
  renderSignatures();
  document.getElementById('step3-title').focus();
}

function renderSignatures() {
  const parts = [];
  parts.push(handover.employeeSignedAt ? `Firma del dipendente registrata il ${fmtDateTime(handover.employeeSignedAt)}.` : 'Manca la firma del dipendente.');
  parts.push(handover.technicianSignedAt ? `Firma del tecnico registrata il ${fmtDateTime(handover.technicianSignedAt)}.` : 'Manca la firma del tecnico.');
  document.getElementById('signatures').textContent = parts.join(' ');
}

document.getElementById('receipt').addEventListener('click', async () => {
  try {
    await download(handover.receiptUrl, `verbale-consegna-${handover.id}.pdf`);
  } catch (err) {
    setAlert(pageError, 'error', errorText(err), { focus: true });
  }
});

/** @param {File} file */
async function sha256Hex(file) {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

signForm.addEventListener('submit', async (ev) => {
  ev.preventDefault();
  clearErrors(signForm);
  /** @type {{ signedBy: string, signedScanSha256?: string }} */
  const body = { signedBy: signForm.elements.signedBy.value };
  const file = signForm.elements.signedScanSha256.files?.[0];
  try {
    if (file) body.signedScanSha256 = await sha256Hex(file);
    handover = await api(`/api/v1/handovers/${handover.id}/sign`, { method: 'POST', body });
    renderSignatures();
    signForm.reset();
    document.getElementById('signatures').focus?.();
  } catch (err) {
    formError(signForm, err);
  }
});
document.getElementById('signatures').setAttribute('tabindex', '-1');

document.getElementById('again').addEventListener('click', () => location.assign('/ui/technician/handover'));

renderKit();
const preset = param('employee');
if (preset) {
  try {
    await choose(await api(`/api/v1/employees/${encodeURIComponent(preset)}`));
  } catch (err) {
    setAlert(pageError, 'error', errorText(err), { focus: true });
  }
} else {
  picker.focus();
}
