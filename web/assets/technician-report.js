// @ts-check
import { api } from './api.js';
import {
  ASSET_STATE_LABELS,
  KIND_LABELS,
  clearErrors,
  el,
  employeeById,
  employeeName,
  errorText,
  fieldMessage,
  findAssetByCode,
  formError,
  onScan,
  param,
  setAlert,
} from './operator-common.js';
import { startTechnicianPage } from './technician-common.js';

await startTechnicianPage('report', 'Segnalazioni');

const pageError = document.getElementById('page-error');
const codeInput = /** @type {HTMLInputElement} */ (document.getElementById('code'));
const assetBox = document.getElementById('asset');
const section = document.getElementById('report');
const form = /** @type {NamedForm} */ (document.getElementById('report-form'));
const result = document.getElementById('result');
/** @typedef {import('./operator-common.js').Asset} Asset */
/** @type {Asset | null} */
let asset = null;

/** @param {Asset} a */
async function show(a) {
  asset = a;
  const holder = await employeeById(a.holderEmployeeId);
  assetBox.replaceChildren(
    el(
      'p',
      {},
      el('strong', { text: a.assetTag }),
      ` – ${KIND_LABELS[a.kind] || a.kind} ${a.manufacturer} ${a.model}, S/N ${a.serial}. Stato: `,
      el('span', { class: 'badge', text: ASSET_STATE_LABELS[a.state] || a.state }),
      holder ? ` – in consegna a ${employeeName(holder)}` : '',
    ),
  );
  section.hidden = false;
  result.replaceChildren();
  form.elements.status.focus();
}

onScan(/** @type {HTMLFormElement} */ (document.getElementById('scan-form')), codeInput, async (code) => {
  try {
    const a = await findAssetByCode(code);
    if (!a) return fieldMessage(codeInput, `Nessun dispositivo con etichetta o numero di serie “${code}”.`);
    fieldMessage(codeInput, null);
    await show(a);
  } catch (err) {
    fieldMessage(codeInput, errorText(err));
  }
});

form.addEventListener('submit', async (ev) => {
  ev.preventDefault();
  clearErrors(form);
  if (!asset) return;
  const f = form.elements;
  /** @type {Record<string, string>} */
  const body = { status: f.status.value, note: f.note.value.trim() };
  if (f.reportedAt.value) body.reportedAt = new Date(f.reportedAt.value).toISOString();
  for (const k of ['policeReportRef', 'erasureMethod', 'erasureCertificateRef']) if (f[k].value.trim()) body[k] = f[k].value.trim();
  try {
    const res = await api(`/api/v1/assets/${asset.id}/report`, { method: 'POST', body });
    const lines = [el('p', { text: `Segnalazione registrata: ${res.asset.assetTag} ora è “${ASSET_STATE_LABELS[res.asset.state] || res.asset.state}”.` })];
    if (res.report.closedHandoverId) lines.push(el('p', { text: 'La consegna al dipendente è stata chiusa per questo dispositivo.' }));
    if (res.report.stationCompromised)
      lines.push(el('p', { text: 'È stata chiesta la revoca immediata dei certificati VPN legati a questa postazione (chiave compromessa).' }));
    setAlert(result, 'ok', lines, { focus: true });
    section.hidden = true;
    form.reset();
    assetBox.replaceChildren();
    asset = null;
  } catch (err) {
    formError(form, err);
  }
});

const preset = param('asset');
if (preset) {
  try {
    await show(await api(`/api/v1/assets/${encodeURIComponent(preset)}`));
  } catch (err) {
    setAlert(pageError, 'error', errorText(err), { focus: true });
  }
} else {
  codeInput.focus();
}
