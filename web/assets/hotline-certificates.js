// @ts-check
import { api } from './api.js';
import { clearErrors, el, errorText, fmtDate, fmtDateTime, formError, setAlert, table } from './operator-common.js';
import { startHotlinePage } from './hotline-common.js';

await startHotlinePage('certificates', 'Certificati e CRL');

/** @param {number} seconds */
function duration(seconds) {
  const s = Math.abs(seconds);
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  return d ? `${d} g ${h} h` : h ? `${h} h ${m} min` : `${m} min`;
}

try {
  const status = await api('/api/v1/pki/status');
  const c = status.crl;
  const verdict =
    c.secondsToNextUpdate < 0
      ? el('span', { class: 'badge err', text: 'Scaduta: i gateway rifiutano gli accessi' })
      : c.alert
        ? el('span', { class: 'badge warn', text: 'Da rinnovare a breve' })
        : el('span', { class: 'badge ok', text: 'Aggiornata' });
  document.getElementById('crl').replaceChildren(
    el('p', {}, verdict, ` CRL numero ${c.crlNumber}, con ${c.entries} certificati revocati o sospesi.`),
    el(
      'ul',
      {},
      el('li', { text: `Emessa il ${fmtDateTime(c.thisUpdate)} (${duration(c.ageSeconds)} fa)` }),
      el('li', {
        text: `Prossimo aggiornamento entro il ${fmtDateTime(c.nextUpdate)} (${c.secondsToNextUpdate < 0 ? `scaduto da ${duration(c.secondsToNextUpdate)}` : `tra ${duration(c.secondsToNextUpdate)}`})`,
      }),
      el('li', {
        text: `Certificati validi ${status.certificates.valid}, sospesi ${status.certificates.onHold}, revocati ${status.certificates.revoked}, in scadenza entro 30 giorni ${status.certificates.expiringWithin30Days}`,
      }),
      el('li', { text: `CA: ${status.ca.subject}, valida fino al ${fmtDate(status.ca.notAfter)}` }),
    ),
  );
} catch (err) {
  setAlert(document.getElementById('page-error'), 'error', errorText(err), { focus: true });
}

const form = /** @type {NamedForm} */ (document.getElementById('days-form'));
const more = document.getElementById('more');
/** @type {string | null} */
let cursor = null;
/** @type {any[]} certificates as the API lists them */
let rows = [];
let days = '30';

const flash = document.getElementById('flash');

/**
 * "Rinnova": the renewal the daily run would make, now (POST /api/v1/vpn/accounts/:id/renew): a new certificate
 * for the same key and laptop; the old one keeps working through the grace period.
 * @param {any} c a certificate of the list
 */
function renewButton(c) {
  const button = el(
    'button',
    { type: 'button', class: 'secondary', 'data-renew': c.vpnAccountId, 'aria-label': `Rinnova il certificato di ${c.subjectCn}` },
    'Rinnova',
  );
  button.addEventListener('click', async () => {
    button.disabled = true;
    flash.hidden = true;
    try {
      const account = await api(`/api/v1/vpn/accounts/${c.vpnAccountId}/renew`, { method: 'POST' });
      await load(true);
      const until = account.certificate ? `, valido fino al ${fmtDate(account.certificate.notAfter)}` : '';
      setAlert(
        flash,
        'ok',
        `Certificato di ${c.subjectCn} rinnovato${until}: il portatile riceve il nuovo profilo, il vecchio resta valido per il periodo di transizione.`,
        {
          focus: true,
        },
      );
    } catch (err) {
      button.disabled = false;
      setAlert(flash, 'error', `Rinnovo per ${c.subjectCn} non riuscito: ${errorText(err)}`, { focus: true });
    }
  });
  return button;
}

/** @param {boolean} reset */
async function load(reset) {
  clearErrors(form);
  if (reset) {
    cursor = null;
    rows = [];
  }
  const qs = new URLSearchParams({ expiringWithinDays: days, status: 'valid', kind: 'station', limit: '100' });
  if (cursor) qs.set('cursor', cursor);
  try {
    const page = await api(`/api/v1/certificates?${qs}`);
    rows = rows.concat(page.items);
    cursor = page.nextCursor;
    const today = Date.now();
    document.getElementById('expiring').replaceChildren(
      table(
        `Certificati di postazione in scadenza entro ${days} giorni: ${rows.length}${cursor ? '+' : ''}`,
        [
          ['Utente VPN', (c) => c.subjectCn],
          ['Portatile', (c) => c.assetTag || '–'],
          ['Scade il', (c) => fmtDate(c.notAfter)],
          ['Giorni', (c) => Math.max(0, Math.ceil((new Date(c.notAfter).getTime() - today) / 86_400_000)), { num: true }],
          [
            '',
            (c) =>
              c.vpnAccountId
                ? el(
                    'span',
                    { class: 'actions' },
                    renewButton(c),
                    ' ',
                    el('a', { href: `/ui/hotline/account?id=${c.vpnAccountId}`, 'aria-label': `Apri account di ${c.subjectCn}`, text: 'Apri account' }),
                  )
                : '',
          ],
        ],
        rows,
        { empty: 'Nessun certificato in scadenza in questo periodo.' },
      ),
    );
    more.hidden = !cursor;
  } catch (err) {
    formError(form, err);
  }
}

form.addEventListener('submit', (ev) => {
  ev.preventDefault();
  days = form.elements.expiringWithinDays.value.trim() || '30';
  load(true);
});
more.addEventListener('click', () => load(false));
await load(true);
