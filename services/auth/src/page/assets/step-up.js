// The step-up page's script: plain browser JavaScript, served as is (no build step). It reads the
// challenge id from the path and the client secret from the URL fragment (never sent to a server
// in a URL, never logged), shows the payment, and runs the passkey or a code.
/* global document, location, history, fetch, SimpleWebAuthnBrowser */

const id = decodeURIComponent(location.pathname.split('/').pop() ?? '');
const secret = location.hash.slice(1);
// The fragment has done its job: keep it out of history and screenshots.
history.replaceState(null, '', location.pathname);

const $ = (name) => document.querySelector(`[data-id="${name}"]`);
const base = `/v1/challenges/${encodeURIComponent(id)}`;
let passkeyOptions = null;

async function call(path, body) {
  const res = await fetch(base + path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      authorization: `Bearer ${secret}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  const json = text === '' ? {} : JSON.parse(text);
  return { ok: res.ok, status: res.status, json };
}

function show(state, message) {
  const el = $('outcome');
  el.dataset.state = state;
  el.textContent = message;
}

function refusal(json) {
  return `${json.title ?? 'Refused'}${json.code ? ` (${json.code})` : ''}`;
}

function formatAmount(amount) {
  const digits = new Intl.NumberFormat('en', {
    style: 'currency',
    currency: amount.currency,
  }).resolvedOptions().maximumFractionDigits;
  return new Intl.NumberFormat(undefined, { style: 'currency', currency: amount.currency }).format(
    amount.minor / 10 ** digits,
  );
}

function showPayment(payment) {
  $('amount').textContent = formatAmount(payment.amount);
  $('payee').textContent = payment.payee ?? '—';
}

async function load() {
  const got = await call('');
  if (!got.ok) {
    show('error', refusal(got.json));
    return;
  }
  const challenge = got.json;
  showPayment(challenge.payment);
  $('status').textContent = challenge.status;
  if (challenge.status !== 'PENDING') {
    show(challenge.status === 'PASSED' ? 'passed' : 'refused', challenge.status);
    return;
  }
  const methods = challenge.methods ?? [];
  if (methods.includes('WEBAUTHN')) {
    // Fetched before the click: Safari wants navigator.credentials.get straight from the gesture.
    const options = await call('/webauthn/options', {});
    if (options.ok) {
      passkeyOptions = options.json;
      showPayment(options.json.payment);
      $('passkey').hidden = false;
    } else {
      show('error', refusal(options.json));
    }
  }
  const codeMethods = methods.filter((m) => m !== 'WEBAUTHN');
  if (codeMethods.length > 0) {
    const select = $('method');
    for (const method of codeMethods) {
      const option = document.createElement('option');
      option.value = method;
      option.textContent = method;
      select.append(option);
    }
    const sendable = () => {
      // TOTP codes come from the customer's app; SMS and e-mail codes are sent on request.
      $('send').hidden = select.value === 'TOTP';
    };
    select.addEventListener('change', sendable);
    sendable();
    $('code-form').hidden = false;
  }
  show('ready', 'Confirm this payment.');
}

async function passkey() {
  if (passkeyOptions === null) {
    return;
  }
  const { payment: _payment, ...optionsJSON } = passkeyOptions;
  passkeyOptions = null; // one ceremony per set of options
  let response;
  try {
    response = await SimpleWebAuthnBrowser.startAuthentication({ optionsJSON });
  } catch (error) {
    show('error', `The passkey prompt failed: ${error.name ?? 'error'}`);
    return;
  }
  const result = await call('/webauthn', response);
  if (result.ok) {
    $('status').textContent = result.json.status;
    show(result.json.status === 'PASSED' ? 'passed' : 'refused', result.json.status);
  } else {
    show('refused', refusal(result.json));
  }
}

async function sendCode() {
  const channel = $('method').value;
  const result = await call('/otp', { channel });
  show(result.ok ? 'ready' : 'refused', result.ok ? 'Code sent.' : refusal(result.json));
}

async function submitCode(event) {
  event.preventDefault();
  const input = $('code');
  const result = await call('/verify', { method: $('method').value, code: input.value });
  input.value = '';
  if (result.ok) {
    $('status').textContent = result.json.status;
    show(result.json.status === 'PASSED' ? 'passed' : 'refused', result.json.status);
  } else {
    show('refused', refusal(result.json));
  }
}

$('passkey').addEventListener('click', () => void passkey());
$('send').addEventListener('click', () => void sendCode());
$('code-form').addEventListener('submit', (event) => void submitCode(event));
// Loaded with `defer`: the document is parsed.
void load();
