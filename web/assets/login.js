// @ts-check
import { api, showError, clearErrors } from './api.js';
import { safeNext } from './login-next.js';

function nextUrl() {
  return safeNext(new URLSearchParams(location.search).get('next') || '/ui', location.origin);
}

/** @param {string} token */
async function openSession(token) {
  await api('/api/v1/auth/session', { method: 'POST', body: { token } });
  location.assign(nextUrl());
}

/**
 * The submit handlers are attached at once, before anything is fetched: an Enter pressed while the page still asks
 * the server which methods it offers must never fall through to the browser's own form submission.
 */
function init() {
  const form = /** @type {NamedForm} */ (document.getElementById('directory-form'));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(form);
    try {
      const res = await api('/api/v1/auth/login', { method: 'POST', body: { username: form.username.value, password: form.password.value } });
      await openSession(res.token);
    } catch (err) {
      showError(form, err);
    }
  });
  const tokenForm = /** @type {NamedForm} */ (document.getElementById('token-form'));
  tokenForm.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(tokenForm);
    try {
      await openSession(tokenForm.token.value.trim());
    } catch (err) {
      showError(tokenForm, err);
    }
  });
  void showMethods();
}

async function showMethods() {
  const methods = await api('/api/v1/auth/methods');
  document.getElementById('municipality').textContent = methods.municipality;
  if (methods.directory) {
    document.getElementById('directory-panel').hidden = false;
    document.getElementById('username').focus();
  } else {
    document.getElementById('token').focus();
  }
}

init();
