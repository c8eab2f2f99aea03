// The local demo's enrolment page: creates a passkey for the customer typed in, through the
// demo tenant's passkey registration routes (no API key; only mounted by npm start).
/* global document, fetch, SimpleWebAuthnBrowser */

const $ = (name) => document.querySelector(`[data-id="${name}"]`);

function show(state, message) {
  const el = $('outcome');
  el.dataset.state = state;
  el.textContent = message;
}

async function post(path, body) {
  const res = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { ok: res.ok, json: await res.json() };
}

async function enrol(event) {
  event.preventDefault();
  const user = $('user').value.trim();
  const base = `/demo/users/${encodeURIComponent(user)}/passkeys`;
  const options = await post(`${base}/options`, { userName: user });
  if (!options.ok) {
    show('error', `${options.json.title ?? 'Refused'} (${options.json.code ?? 'error'})`);
    return;
  }
  let response;
  try {
    response = await SimpleWebAuthnBrowser.startRegistration({ optionsJSON: options.json });
  } catch (error) {
    show('error', `The passkey prompt failed: ${error.name ?? 'error'}`);
    return;
  }
  const stored = await post(base, { ...response, name: 'demo passkey' });
  if (stored.ok) {
    show('passed', `Passkey enrolled for ${user}.`);
  } else {
    show('error', `${stored.json.title ?? 'Refused'} (${stored.json.code ?? 'error'})`);
  }
}

$('enrol-form').addEventListener('submit', (event) => void enrol(event));
