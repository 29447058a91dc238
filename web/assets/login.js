import { api, showError, clearErrors } from './api.js';
import { safeNext } from './login-next.js';

function nextUrl() {
  return safeNext(new URLSearchParams(location.search).get('next') || '/ui', location.origin);
}

async function openSession(token) {
  await api('/api/v1/auth/session', { method: 'POST', body: { token } });
  location.assign(nextUrl());
}

async function init() {
  const methods = await api('/api/v1/auth/methods');
  document.getElementById('municipality').textContent = methods.municipality;
  if (methods.directory) {
    const panel = document.getElementById('directory-panel');
    panel.hidden = false;
    const form = document.getElementById('directory-form');
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
    document.getElementById('username').focus();
  } else {
    document.getElementById('token').focus();
  }
  const tokenForm = document.getElementById('token-form');
  tokenForm.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(tokenForm);
    try {
      await openSession(tokenForm.token.value.trim());
    } catch (err) {
      showError(tokenForm, err);
    }
  });
}

init();
