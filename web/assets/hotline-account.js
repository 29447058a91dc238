// @ts-check
import { api, download } from './api.js';
import {
  CERT_STATUS_LABELS,
  REVOCATION_REASON_LABELS,
  VPN_STATE_LABELS,
  clearErrors,
  el,
  employeeById,
  employeeName,
  errorText,
  fmtDate,
  fmtDateTime,
  formError,
  loadGateStatus,
  param,
  renderGateStatus,
  setAlert,
  table,
} from './operator-common.js';
import { base64ToBytes, confirmDialog, saveBlob, startHotlinePage } from './hotline-common.js';

await startHotlinePage('account', 'Account VPN');

const id = param('id') ?? '';
const pageError = document.getElementById('page-error');
const flash = document.getElementById('flash');
const issuedBox = document.getElementById('issued');
const forms = /** @type {Record<'approve' | 'issue' | 'install' | 'activate' | 'suspend' | 'resume' | 'revoke', NamedForm>} */ ({
  approve: document.getElementById('approve-form'),
  issue: document.getElementById('issue-form'),
  install: document.getElementById('installed-form'),
  activate: document.getElementById('activate-form'),
  suspend: document.getElementById('suspend-form'),
  resume: document.getElementById('resume-form'),
  revoke: document.getElementById('revoke-form'),
});
const revokeReason = document.getElementById('revoke-reason');
revokeReason.append(el('option', { value: '', text: '– scegli –' }));
for (const r of ['privilegeWithdrawn', 'affiliationChanged', 'cessationOfOperation', 'keyCompromise', 'superseded', 'unspecified']) {
  revokeReason.append(el('option', { value: r, text: REVOCATION_REASON_LABELS[r] }));
}

/** @type {any} the account as the API answered it */
let account = null;
/** @type {import('./operator-common.js').Employee | null} */
let employee = null;
/** @type {Record<string, string[]>} the lifecycle's actions per state (GET /api/v1/operator/vpn-account-actions) */
let actionsByState = {};
/** @type {string[]} states where the account holds a working certificate: issuing there is a replacement */
let replacementIn = [];
/** The operator opened the replacement form (another laptop, a lost password) on an account that has a certificate. */
let replacing = false;
/** A one-time password is on screen and not acknowledged yet: leaving would lose it (it exists nowhere else). */
let secretShown = false;
window.addEventListener('beforeunload', (ev) => {
  if (!secretShown) return;
  ev.preventDefault();
  ev.returnValue = ''; // Chromium still looks at returnValue; the browser shows its own wording
});

/** @param {string} text */
function flashOk(text) {
  setAlert(flash, 'ok', text, { focus: true });
}

/** Shows only the forms of the actions the lifecycle allows from the account's state (the API decides anyway). */
function showActions() {
  const allowed = actionsByState[account.state] || [];
  for (const [action, form] of Object.entries(forms)) form.hidden = !allowed.includes(action);
  // A certificate that works is replaced only on purpose: the form stays behind its own button.
  const replaceable = replacementIn.includes(account.state);
  if (!replaceable) replacing = false;
  const replaceOpen = document.getElementById('replace-open');
  replaceOpen.hidden = !replaceable || replacing;
  document.getElementById('replace-intro').hidden = !replaceable;
  if (replaceable) forms.issue.hidden = !replacing;
  issueButton.textContent = replaceable ? 'Emetti un certificato sostitutivo' : 'Emetti il certificato';
  for (const panelId of ['approve-panel', 'issue-panel', 'manage-panel']) {
    const panel = document.getElementById(panelId);
    panel.hidden =
      [...panel.querySelectorAll('form')].every((f) => f.hidden) &&
      !(panelId === 'issue-panel' && (issuedBox.childElementCount || replacementIn.includes(account.state)));
  }
  // The profile can be downloaded whenever the account has a certificate.
  document.getElementById('ovpn').hidden = !account.certificate;
  const profilePanel = document.getElementById('profile-panel');
  profilePanel.hidden = forms.install.hidden && forms.activate.hidden && !account.certificate;
}

async function renderStation() {
  const box = document.getElementById('station');
  const select = forms.issue.elements.stationAssetId;
  const laptops = await api(`/api/v1/assets?employeeId=${account.employeeId}&kind=laptop&limit=50`);
  /** @type {import('./operator-common.js').Asset[]} */
  const held = laptops.items;
  select.replaceChildren(...held.map((a) => el('option', { value: a.id, text: `${a.assetTag} – ${a.manufacturer} ${a.model} (S/N ${a.serial})` })));
  if (account.stationAssetId) select.value = account.stationAssetId;
  /** @type {Node[]} */
  const lines = [];
  lines.push(
    account.stationAssetTag
      ? el('p', {}, 'Certificato legato al portatile ', el('strong', { text: account.stationAssetTag }), '.')
      : el('p', { text: "L'account non è ancora legato a un portatile." }),
  );
  lines.push(
    laptops.items.length
      ? el('p', { text: `Portatili in consegna al dipendente: ${held.map((a) => a.assetTag).join(', ')}.` })
      : el('p', { class: 'alert warn', text: 'Il dipendente non ha portatili in consegna: un tecnico deve prima consegnargliene uno.' }),
  );
  box.replaceChildren(...lines);
}

async function renderCertificates() {
  const page = await api(`/api/v1/certificates?vpnAccountId=${account.id}&limit=50`);
  document.getElementById('certs').replaceChildren(
    table(
      "Certificati emessi per l'account",
      [
        ['Seriale', (c) => c.serial],
        ['Portatile', (c) => c.assetTag || '–'],
        ['Chiave', (c) => (c.keyOrigin === 'csr' ? 'dal portatile (CSR)' : 'generata dal servizio')],
        ['Valido fino al', (c) => fmtDate(c.notAfter)],
        [
          'Stato',
          (c) =>
            `${CERT_STATUS_LABELS[c.status] || c.status}${c.revocationReason ? ` (${REVOCATION_REASON_LABELS[c.revocationReason] || c.revocationReason})` : ''}`,
        ],
      ],
      page.items,
      { empty: 'Nessun certificato emesso.' },
    ),
  );
}

async function render() {
  account = await api(`/api/v1/vpn/accounts/${encodeURIComponent(id)}`);
  employee = employee || (await employeeById(account.employeeId));
  document.getElementById('account').hidden = false;
  document.getElementById('title').textContent = `Account VPN di ${employee ? employeeName(employee) : account.username}`;
  const g = account.gateway;
  const facts = [
    el('li', {}, 'Stato: ', el('span', { class: 'badge', text: VPN_STATE_LABELS[account.state] || account.state })),
    el('li', { text: `Utente VPN (CN del certificato): ${account.username}` }),
    el('li', { text: `Profilo: ${account.profile}` }),
    el('li', { text: `Gateway: ${g ? `${g.name} (${g.host}:${g.port}/${g.proto})` : 'assegnato all’approvazione'}` }),
    el('li', { text: `Giorni di lavoro agile a settimana: ${account.remoteDaysPerWeek ?? '–'}` }),
    el('li', {
      text: `Richiesto il ${fmtDateTime(account.requestedAt)}${account.approvedAt ? `, approvato il ${fmtDateTime(account.approvedAt)}` : ''}${account.issuedAt ? `, certificato il ${fmtDateTime(account.issuedAt)}` : ''}${account.installedAt ? `, installato il ${fmtDateTime(account.installedAt)}` : ''}${account.activatedAt ? `, attivo dal ${fmtDateTime(account.activatedAt)}` : ''}`,
    }),
  ];
  if (account.certificate)
    facts.push(
      el('li', {
        text: `Certificato ${account.certificate.serial}, valido fino al ${fmtDate(account.certificate.notAfter)}${account.certificate.status ? ` – ${CERT_STATUS_LABELS[account.certificate.status] || account.certificate.status}` : ''}`,
      }),
    );
  if (account.suspensionReason && account.state === 'suspended') facts.push(el('li', { text: `Sospeso: ${account.suspensionReason}` }));
  if (account.revocationReason) facts.push(el('li', { text: `Revocato: ${REVOCATION_REASON_LABELS[account.revocationReason] || account.revocationReason}` }));
  if (account.certificateLostReason)
    facts.push(
      el('li', {
        class: 'alert warn',
        text: `Il certificato è stato revocato il ${fmtDateTime(account.certificateLostAt)} (${REVOCATION_REASON_LABELS[account.certificateLostReason] || account.certificateLostReason}): serve un nuovo certificato.`,
      }),
    );
  document.getElementById('facts').replaceChildren(...facts);
  await Promise.all([loadGateStatus(document.getElementById('gate'), account.employeeId), renderStation(), renderCertificates()]);
  showActions();
  document.body.dataset.state = 'ready'; // the account is read and its actions shown (tests wait for it)
}

/**
 * A gate refusal in plain words, as the gate explains it, inside the form's error box.
 * @param {HTMLFormElement} form
 * @param {import('./api.js').ApiError} err
 */
async function explainGate(form, err) {
  const box = /** @type {HTMLElement} */ (form.querySelector('[data-role="form-error"]'));
  try {
    const status = await api(`/api/v1/employees/${account.employeeId}/provisioning-status`);
    const reasons = el('div', { class: 'gate-refusal' });
    renderGateStatus(reasons, status);
    box.append(reasons);
    renderGateStatus(document.getElementById('gate'), status);
  } catch {
    box.append(el('p', { text: (err.details.refusals || []).join(', ') }));
  }
  box.focus();
}

/**
 * Runs one action: the API call, a fresh view of the account, the outcome in the flash box (or the form).
 * @param {HTMLFormElement} form
 * @param {() => Promise<any>} call
 * @param {(result: any) => void} [done]
 * @param {() => Promise<boolean>} [ask] a confirmation asked first; nothing is sent unless it answers true
 */
function action(form, call, done, ask) {
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(form);
    if (ask && !(await ask())) return;
    flash.hidden = true;
    const button = /** @type {HTMLButtonElement} */ (form.querySelector('button[type="submit"]'));
    button.disabled = true;
    try {
      const result = await call();
      await render();
      if (done) done(result);
    } catch (err) {
      formError(form, err);
      if (err.code === 'GATE_REFUSED') await explainGate(form, err);
    } finally {
      button.disabled = false;
    }
  });
}

action(
  forms.approve,
  () => api(`/api/v1/vpn/accounts/${id}/approve`, { method: 'POST' }),
  () => flashOk(`Richiesta approvata: account sul gateway ${account.gateway ? account.gateway.name : ''}. Ora emetti il certificato.`),
);

// CSR or generated key: the CSR file is read here as text and sent as PEM.
const csrField = document.getElementById('csr-field');
const issueButton = /** @type {HTMLButtonElement} */ (forms.issue.querySelector('button[type="submit"]'));
document.getElementById('replace-open').addEventListener('click', () => {
  replacing = true;
  showActions();
  /** @type {HTMLElement} */ (forms.issue.querySelector('select, input')).focus();
});
const modes = /** @type {RadioNodeList} */ (forms.issue.elements.namedItem('mode'));
for (const radio of modes) radio.addEventListener('change', () => (csrField.hidden = modes.value !== 'csr'));

action(
  forms.issue,
  async () => {
    const f = forms.issue.elements;
    /** @type {{ stationAssetId?: string, generateKey?: boolean, csrPem?: string }} */
    const body = { stationAssetId: f.stationAssetId.value || undefined };
    const csr = f.csrPem.files?.[0];
    if (modes.value === 'generate') body.generateKey = true;
    else if (csr) body.csrPem = await csr.text();
    return api(`/api/v1/vpn/accounts/${id}/certificates`, { method: 'POST', body });
  },
  (res) => {
    forms.issue.reset();
    csrField.hidden = false;
    replacing = false;
    showIssued(res);
  },
);

/**
 * The answer of an issuance. With a generated key it is the only time the one-time password exists anywhere (the
 * service keeps the PKCS#12, sealed by it, for later profiles): it stays in this page until the operator hides it.
 */
/** @param {any} res the API's answer to the issuance */
function showIssued(res) {
  const ovpn = () => saveBlob(new Blob([res.openvpnProfile], { type: 'application/x-openvpn-profile' }), res.openvpnProfileFileName);
  const parts = [el('p', { text: `Certificato ${res.certificate.serial} emesso, valido fino al ${fmtDate(res.certificate.notAfter)}.` })];
  const buttons = el('p', { class: 'actions' });
  if (res.oneTimePassword && res.pkcs12Base64) {
    secretShown = true;
    parts.push(
      el(
        'p',
        {},
        el('strong', { text: 'Password monouso del file .p12 e del profilo .ovpn (mostrata solo ora, non viene conservata): ' }),
        el('span', { class: 'secret', id: 'otp', text: res.oneTimePassword }),
      ),
      el('p', { text: 'OpenVPN la chiede a ogni connessione. Comunicala al dipendente per un canale diverso da quello del file.' }),
    );
    const p12 = el('button', { type: 'button', id: 'download-p12', text: 'Scarica il file .p12' });
    p12.addEventListener('click', () => saveBlob(new Blob([base64ToBytes(res.pkcs12Base64)], { type: 'application/x-pkcs12' }), `${res.account.username}.p12`));
    buttons.append(p12);
  }
  const o = el('button', {
    type: 'button',
    class: res.oneTimePassword ? 'secondary' : null,
    id: 'download-issued-ovpn',
    text: res.keyInline ? 'Scarica il profilo .ovpn (chiave protetta dalla password)' : 'Scarica il profilo .ovpn',
  });
  o.addEventListener('click', ovpn);
  buttons.append(o);
  const hideButton = el('button', { type: 'button', class: 'secondary', text: res.oneTimePassword ? 'Fatto: nascondi la password e i file' : 'Chiudi' });
  hideButton.addEventListener('click', () => {
    issuedBox.replaceChildren();
    res = null;
    secretShown = false;
    showActions();
    document.getElementById('profile-title').focus?.();
  });
  buttons.append(hideButton);
  setAlert(issuedBox, res.oneTimePassword ? 'warn' : 'ok', [...parts, buttons], { focus: true });
  document.getElementById('issue-panel').hidden = false;
}
document.getElementById('profile-title').setAttribute('tabindex', '-1');

document.getElementById('ovpn').addEventListener('click', async () => {
  try {
    await download(`/api/v1/vpn/accounts/${id}/openvpn-profile`, `${account.username}.ovpn`);
  } catch (err) {
    setAlert(pageError, 'error', errorText(err), { focus: true });
  }
});

action(
  forms.install,
  () => api(`/api/v1/vpn/accounts/${id}/installed`, { method: 'POST', body: { activate: forms.install.elements.activate.checked } }),
  () => flashOk(account.state === 'active' ? 'Profilo installato e accesso attivato: il dipendente è nel gruppo VPN.' : 'Profilo segnato come installato.'),
);
action(
  forms.activate,
  () => api(`/api/v1/vpn/accounts/${id}/activate`, { method: 'POST' }),
  () => flashOk('Accesso attivato: il dipendente è nel gruppo VPN.'),
);
action(
  forms.suspend,
  () => api(`/api/v1/vpn/accounts/${id}/suspend`, { method: 'POST', body: { reason: forms.suspend.elements.reason.value.trim() } }),
  () => {
    forms.suspend.reset();
    flashOk('Account sospeso: certificato sospeso nella CRL e utente fuori dal gruppo VPN.');
  },
);
action(
  forms.resume,
  () => api(`/api/v1/vpn/accounts/${id}/resume`, { method: 'POST' }),
  () => flashOk(`Account riattivato: ora è “${VPN_STATE_LABELS[account.state] || account.state}”.`),
);
action(
  forms.revoke,
  () => {
    /** @type {{ reason?: string, note?: string }} */
    const body = { reason: forms.revoke.elements.reason.value || undefined };
    const note = forms.revoke.elements.note.value.trim();
    if (note) body.note = note;
    return api(`/api/v1/vpn/accounts/${id}/revoke`, { method: 'POST', body });
  },
  () => flashOk('Account revocato: i certificati sono nella CRL.'),
  () =>
    confirmDialog({
      title: `Revocare l'account ${account.username}?`,
      lines: [
        'La revoca è definitiva: l’account non si può riattivare, per ridare l’accesso serve una nuova richiesta.',
        'Tutti i certificati dell’account vanno nella CRL: il portatile non si collega più alla VPN.',
        'Il dipendente esce dal gruppo VPN della directory.',
      ],
      confirm: "Sì, revoca l'account",
      cancel: 'No, torna indietro',
      danger: true,
    }),
);

/** The hot-line's mini-training in one step (POST /api/v1/training/hotline-onboarding): repeated the same day, nothing changes. */
const trainingForm = /** @type {HTMLFormElement} */ (document.getElementById('training-form'));
trainingForm.addEventListener('submit', async (ev) => {
  ev.preventDefault();
  clearErrors(trainingForm);
  flash.hidden = true;
  const button = /** @type {HTMLButtonElement} */ (trainingForm.querySelector('button[type="submit"]'));
  button.disabled = true;
  try {
    const res = await api('/api/v1/training/hotline-onboarding', { method: 'POST', body: { employeeId: account.employeeId } });
    flashOk(
      res.created
        ? `Mini-formazione registrata (${res.date}): VPN e desktop remoto, mezz'ora.`
        : `La mini-formazione del ${res.date} era già registrata per questo dipendente: nessuna modifica.`,
    );
  } catch (err) {
    formError(trainingForm, err);
    if (err.code === 'TRAINING_EMPLOYEE_INACTIVE') {
      const box = /** @type {HTMLElement} */ (trainingForm.querySelector('[data-role="form-error"]'));
      box.textContent = `Il dipendente non è più in servizio: la mini-formazione non è stata registrata (${err.code}).`;
    }
  } finally {
    button.disabled = false;
  }
});

try {
  if (!id) throw Object.assign(new Error("Nessun account indicato: aprilo dalla coda dell'hot-line"), { code: 'NO_ACCOUNT' });
  ({ byState: actionsByState, replacementIn } = await api('/api/v1/operator/vpn-account-actions'));
  await render();
  if (param('created')) flashOk('Richiesta registrata. Controlla i requisiti e approvala.');
} catch (err) {
  setAlert(pageError, 'error', err.code === 'NO_ACCOUNT' ? [err.message, ' ', el('a', { href: '/ui/hotline', text: 'Vai alla coda' })] : errorText(err), {
    focus: true,
  });
}
