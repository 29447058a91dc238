// @ts-check
// The employee's own page: their agreement, devices and receipts, VPN account and safety notice, all from
// GET /api/v1/me (the server says whose: the session's). Labels of states come from the server too.
import { api, download } from './api.js';
import { renderLayout } from './layout.js';
import { el, errorText, setAlert, table } from './operator-common.js';

/**
 * @typedef {{ id: string, state: string, stateLabel: string, startDate: string, endDate: string | null, indefinite: boolean,
 *   inForceToday: boolean, remoteDaysPerWeek: number, places: string[], contactBand: string, nonOperabilityBand: string,
 *   employeeSignedAt: string | null, managerSignedAt: string | null, suspendedAt: string | null,
 *   withdrawalEffectiveDate: string | null, endedOn: string | null, documentUrl: string }} MyAgreement
 * @typedef {{ id: string, kind: string, kindLabel: string, manufacturer: string, model: string, assetTag: string, serial: string,
 *   ownership: string, since: string | null, handoverId: string | null }} MyDevice
 * @typedef {{ handoverId: string, handoverDate: string, status: string, statusLabel: string, itemsCount: number, receiptUrl: string }} MyReceipt
 * @typedef {{ serial: string, notBefore: string, notAfter: string, status: string, statusLabel: string }} MyCertificate
 * @typedef {{ id: string, state: string, stateLabel: string, profile: string, username: string, certificate: MyCertificate | null,
 *   certificateLostReason: string | null, certificateLostAt: string | null, profileAvailable: boolean, profileUrl: string | null }} MyVpnAccount
 * @typedef {{ agreementId: string, status: string, statusLabel: string, deliveredOn: string | null, expiresOn: string | null,
 *   validUntil: string | null }} MySafetyNotice
 * @typedef {{ employee: { id: string, employeeNumber: string, firstName: string, lastName: string, service: { code: string, name: string } },
 *   agreements: MyAgreement[], safetyNotice: MySafetyNotice | null, devices: MyDevice[], receipts: MyReceipt[], vpnAccounts: MyVpnAccount[] }} Me
 */

const pageError = /** @type {HTMLElement} */ (document.getElementById('page-error'));
const pageStatus = /** @type {HTMLElement} */ (document.getElementById('page-status'));
const box = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));

/**
 * gg/mm/aaaa, in the municipality's time zone.
 * @param {string | null | undefined} value an ISO date or date-time
 */
function date(value) {
  if (!value) return '–';
  const d = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(value + 'T12:00:00Z') : new Date(value);
  return d.toLocaleDateString('it-IT', { timeZone: 'Europe/Rome', day: '2-digit', month: '2-digit', year: 'numeric' });
}

/** @param {unknown} err */
function fail(err) {
  setAlert(pageError, 'error', errorText(/** @type {{ code: string, message: string }} */ (err)), { focus: true });
}

/**
 * A definition list of label → value rows.
 * @param {[string, string][]} rows
 */
function facts(rows) {
  return el('dl', { class: 'facts' }, ...rows.flatMap(([k, v]) => [el('dt', { text: k }), el('dd', { text: v })]));
}

/** @param {MyAgreement} a */
function renderAgreement(a) {
  const title = `Accordo dal ${date(a.startDate)} ${a.indefinite ? 'a tempo indeterminato' : `al ${date(a.endDate)}`}`;
  const rows = /** @type {[string, string][]} */ (
    [
      ['Stato', a.stateLabel],
      ['Giorni di lavoro agile a settimana', String(a.remoteDaysPerWeek)],
      ['Luoghi', a.places.join(', ') || '–'],
      ['Fascia di contattabilità', a.contactBand],
      ['Fascia di disconnessione', a.nonOperabilityBand],
      ['Tua firma', date(a.employeeSignedAt)],
      ['Firma del dirigente', date(a.managerSignedAt)],
      a.suspendedAt ? ['Sospeso dal', date(a.suspendedAt)] : null,
      a.withdrawalEffectiveDate ? ['Recesso con effetto dal', date(a.withdrawalEffectiveDate)] : null,
      a.endedOn ? ['Concluso il', date(a.endedOn)] : null,
    ].filter(Boolean)
  );
  const b = el('button', {
    type: 'button',
    class: 'link',
    text: 'Scarica l’accordo (PDF)',
    'aria-label': `Scarica l’accordo (PDF) del ${date(a.startDate)}`,
  });
  b.addEventListener('click', () => download(a.documentUrl, `accordo-lavoro-agile-${a.startDate}.pdf`).catch(fail));
  return el('article', { class: 'agreement', 'aria-label': title }, el('h3', { text: title }), facts(rows), el('p', {}, b));
}

/** @param {MyAgreement[]} agreements */
function renderAgreements(agreements) {
  if (!agreements.length) return el('p', { class: 'muted', text: 'Non risulta alcun accordo di lavoro agile a tuo nome.' });
  return el('div', {}, ...agreements.map(renderAgreement));
}

/**
 * The confirm step of a lost/stolen report: what happens, the choice, an optional note, then confirm or cancel.
 * @param {MyDevice} device
 * @param {HTMLButtonElement} opener
 */
function openReport(device, opener) {
  const container = box('report');
  const name = `${device.kindLabel} ${device.manufacturer} ${device.model} (${device.assetTag})`;
  const form = el('form', { class: 'panel', id: 'report-form', novalidate: true });
  const legendId = 'report-legend';
  form.append(
    el('h3', { id: legendId, tabindex: '-1', text: `Segnala smarrimento o furto: ${name}` }),
    el('p', {
      text:
        device.kind === 'laptop'
          ? 'Il portatile non sarà più a tuo nome e il suo certificato VPN viene revocato subito: non potrà più collegarsi alla rete del Comune.'
          : 'Il dispositivo non sarà più a tuo nome. Avvisa anche il tuo dirigente.',
    }),
    el(
      'fieldset',
      {},
      el('legend', { text: 'Che cosa è successo?' }),
      el('label', {}, el('input', { type: 'radio', name: 'kind', value: 'lost', checked: true }), ' Smarrito'),
      el('label', {}, el('input', { type: 'radio', name: 'kind', value: 'stolen' }), ' Rubato'),
    ),
    el('label', { for: 'report-note', text: 'Nota (facoltativa: dove, quando, numero della denuncia)' }),
    el('textarea', { id: 'report-note', name: 'note', rows: '3', maxlength: '2000' }),
    el(
      'p',
      { class: 'actions' },
      el('button', { type: 'submit', class: 'button', text: 'Conferma la segnalazione' }),
      el('button', { type: 'button', class: 'button secondary', id: 'report-cancel', text: 'Annulla' }),
    ),
  );
  const close = () => {
    container.replaceChildren();
    opener.focus();
  };
  form.querySelector('#report-cancel')?.addEventListener('click', close);
  form.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') close();
  });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const data = new FormData(form);
    const note = String(data.get('note') || '').trim();
    const submit = /** @type {HTMLButtonElement} */ (form.querySelector('button[type="submit"]'));
    submit.disabled = true;
    try {
      await api(`/api/v1/me/devices/${device.id}/report`, { method: 'POST', body: { kind: data.get('kind'), ...(note ? { note } : {}) } });
      container.replaceChildren();
      await load();
      setAlert(pageStatus, 'ok', `Segnalazione registrata: ${name}.${device.kind === 'laptop' ? ' Il certificato VPN del portatile è stato revocato.' : ''}`, {
        focus: true,
      });
    } catch (err) {
      submit.disabled = false;
      fail(err);
    }
  });
  container.replaceChildren(form);
  /** @type {HTMLElement} */ (form.querySelector(`#${legendId}`)).focus();
}

/** @param {MyDevice[]} devices */
function renderDevices(devices) {
  return table(
    'Dispositivi che hai in consegna',
    [
      ['Tipo', (d) => d.kindLabel],
      ['Modello', (d) => `${d.manufacturer} ${d.model}`],
      ['Etichetta', (d) => d.assetTag],
      ['Numero di serie', (d) => d.serial],
      ['Dal', (d) => date(d.since)],
      [
        'Azioni',
        (d) => {
          const b = /** @type {HTMLButtonElement} */ (
            el('button', {
              type: 'button',
              class: 'link',
              text: 'Segnala smarrimento o furto',
              'aria-label': `Segnala smarrimento o furto: ${d.kindLabel} ${d.assetTag}`,
            })
          );
          b.addEventListener('click', () => openReport(d, b));
          return b;
        },
      ],
    ],
    devices,
    { empty: 'Non hai dispositivi in consegna.' },
  );
}

/** @param {MyReceipt[]} receipts */
function renderReceipts(receipts) {
  return table(
    'Le tue consegne',
    [
      ['Data', (r) => date(r.handoverDate)],
      ['Dispositivi', (r) => String(r.itemsCount)],
      ['Stato', (r) => r.statusLabel],
      [
        'Ricevuta',
        (r) => {
          const b = el('button', {
            type: 'button',
            class: 'link',
            text: 'Scarica la ricevuta',
            'aria-label': `Scarica la ricevuta della consegna del ${date(r.handoverDate)}`,
          });
          b.addEventListener('click', () => download(r.receiptUrl, `ricevuta-consegna-${r.handoverId}.pdf`).catch(fail));
          return b;
        },
      ],
    ],
    receipts,
    { empty: 'Nessuna consegna registrata.' },
  );
}

/** @param {MyVpnAccount[]} accounts */
function renderVpn(accounts) {
  if (!accounts.length) return el('p', { class: 'muted', text: 'Non hai un account VPN. Per richiederlo rivolgiti al tuo dirigente o al supporto.' });
  return el(
    'div',
    {},
    ...accounts.map((a) => {
      const rows = /** @type {[string, string][]} */ (
        [
          ['Stato', a.stateLabel],
          ['Profilo', a.profile],
          ['Nome utente', a.username],
          a.certificate ? ['Certificato', a.certificate.statusLabel] : ['Certificato', 'nessuno'],
          a.certificate ? ['Valido dal', date(a.certificate.notBefore)] : null,
          a.certificate ? ['Valido fino al', date(a.certificate.notAfter)] : null,
          a.certificateLostAt ? ['Certificato revocato il', date(a.certificateLostAt)] : null,
        ].filter(Boolean)
      );
      const article = el('article', { 'aria-label': `Account VPN ${a.profile}` }, facts(rows));
      if (a.profileAvailable && a.profileUrl) {
        const url = a.profileUrl;
        const b = el('button', { type: 'button', class: 'button', text: 'Scarica il profilo VPN (.ovpn)' });
        b.addEventListener('click', () => download(url, `${a.username}.ovpn`).catch(fail));
        article.append(
          el('p', { class: 'actions' }, b),
          el('p', { class: 'muted', text: 'La password del profilo ti è stata consegnata dal supporto insieme al certificato.' }),
        );
      } else {
        article.append(
          el('p', { class: 'muted', text: 'Il profilo VPN sarà scaricabile quando il supporto avrà emesso il certificato per il tuo portatile.' }),
        );
      }
      return article;
    }),
  );
}

/** @param {MySafetyNotice | null} notice */
function renderNotice(notice) {
  if (!notice) return el('p', { class: 'muted', text: 'Nessun accordo: nessuna informativa dovuta.' });
  const rows = /** @type {[string, string][]} */ ([
    ['Stato', notice.statusLabel],
    ['Ricevuta il', date(notice.deliveredOn)],
    ['Valida fino al', date(notice.validUntil)],
  ]);
  const advice =
    notice.status === 'valid'
      ? `La prossima informativa va ricevuta entro il ${date(notice.validUntil)}.`
      : 'Devi ricevere l’informativa sui rischi del lavoro agile: rivolgiti all’ufficio del personale.';
  return el('div', {}, facts(rows), el('p', { text: advice }));
}

async function load() {
  const me = /** @type {Me} */ (await api('/api/v1/me'));
  box('whoami').textContent = `${me.employee.firstName} ${me.employee.lastName} · matricola ${me.employee.employeeNumber} · ${me.employee.service.name}`;
  box('agreements').replaceChildren(renderAgreements(me.agreements));
  box('devices').replaceChildren(renderDevices(me.devices));
  box('receipts').replaceChildren(renderReceipts(me.receipts));
  box('vpn').replaceChildren(renderVpn(me.vpnAccounts));
  box('notice').replaceChildren(renderNotice(me.safetyNotice));
}

await renderLayout('La mia situazione');
await load().catch(fail);
