// @ts-check
// The only way pages talk to the service: the JSON API, with the session cookie and the CSRF header.
export class ApiError extends Error {
  /**
   * @param {number} status
   * @param {string} code
   * @param {string} message
   * @param {Record<string, any>} [details]
   */
  constructor(status, code, message, details) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details || {};
  }
  /** Field-level problems of a 400 VALIDATION_FAILED (or any error carrying details.fields). */
  /** @returns {{ field: string, messages?: string[] }[]} */
  get fields() {
    return Array.isArray(this.details.fields) ? this.details.fields : [];
  }
}

/**
 * A call to the JSON API. The answer is the parsed JSON (typed by the caller where it matters), or the Response
 * itself with `raw` (downloads).
 * @param {string} path
 * @param {{ method?: string, body?: unknown, headers?: Record<string, string>, raw?: boolean }} [options]
 * @returns {Promise<any>}
 */
export async function api(path, { method = 'GET', body, headers = {}, raw = false } = {}) {
  /** @type {Record<string, string>} */
  // Accept-Language: it makes the server answer its errors in Italian (the catalog's text), for the person reading
  const h = { Accept: 'application/json', 'Accept-Language': 'it', 'x-rw-csrf': '1', ...headers };
  let payload = /** @type {BodyInit | undefined} */ (body);
  if (body !== undefined && typeof body !== 'string' && !(body instanceof Blob) && !(body instanceof FormData)) {
    h['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const res = await fetch(path, { method, headers: h, body: payload, credentials: 'same-origin' });
  if (res.status === 401 && !path.startsWith('/api/v1/auth/')) {
    location.assign('/ui/login?next=' + encodeURIComponent(location.pathname + location.search));
    throw new ApiError(401, 'UNAUTHENTICATED', 'Sessione scaduta: accedi di nuovo');
  }
  if (raw && res.ok) return res;
  const type = res.headers.get('content-type') || '';
  const data = type.includes('application/json') ? await res.json() : await res.text();
  if (!res.ok) {
    const e = (data && data.error) || {};
    throw new ApiError(res.status, e.code || 'HTTP_' + res.status, e.message || 'Richiesta non riuscita', e.details);
  }
  return data;
}

/**
 * Shows an API error next to the fields it names (aria-invalid + message), or in the form's alert box.
 * @param {HTMLElement} form
 * @param {ApiError} err
 */
export function showError(form, err) {
  clearErrors(form);
  const box = /** @type {HTMLElement | null} */ (form.querySelector('[data-role="form-error"]'));
  let placed = false;
  for (const f of err.fields || []) {
    const input = /** @type {HTMLInputElement | null} */ (form.querySelector(`[name="${CSS.escape(f.field)}"]`));
    if (!input) continue;
    placed = true;
    input.setAttribute('aria-invalid', 'true');
    const msg = document.createElement('p');
    msg.className = 'field-error';
    msg.id = `${input.id || input.name}-error`;
    msg.textContent = (f.messages || []).join('; ');
    input.setAttribute('aria-describedby', msg.id);
    input.insertAdjacentElement('afterend', msg);
  }
  if (box) {
    box.hidden = false;
    box.className = 'alert error';
    // the server's Italian sentence; the code apart and small, for the hot-line
    if (err instanceof ApiError) {
      const code = document.createElement('small');
      code.className = 'muted';
      code.textContent = `codice: ${err.code}`;
      box.replaceChildren(document.createTextNode(err.message), ' ', code);
    } else {
      box.textContent = 'Il servizio non risponde: controlla la connessione e riprova';
    }
    box.focus();
  }
}

/** @param {HTMLElement} form */
export function clearErrors(form) {
  form.querySelectorAll('.field-error').forEach((n) => n.remove());
  form.querySelectorAll('[aria-invalid]').forEach((n) => {
    n.removeAttribute('aria-invalid');
    n.removeAttribute('aria-describedby');
  });
  const box = /** @type {HTMLElement | null} */ (form.querySelector('[data-role="form-error"]'));
  if (box) {
    box.hidden = true;
    box.textContent = '';
  }
}

/** @type {Record<string, string>} */
const HTML_ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** @param {unknown} value */
export function escapeHtml(value) {
  return String(value ?? '').replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/**
 * Downloads an API response (PDF, .ovpn, CSV) through the session, keeping the server's file name.
 * @param {string} path
 * @param {string} fallbackName
 */
export async function download(path, fallbackName) {
  /** @type {Response} */
  const res = await api(path, { raw: true, headers: { Accept: '*/*' } });
  const blob = await res.blob();
  const disposition = res.headers.get('content-disposition') || '';
  const match = /filename="?([^";]+)"?/.exec(disposition);
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = match ? match[1] : fallbackName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}
