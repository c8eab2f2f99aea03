// npm start's step-up part: the auth service on 8081 and a local fake of Twilio Verify whose
// "sent" codes are printed (they stand for the customer's phone).
import { startFakeTwilio } from '@sentinel/auth/testing';

const env = process.env;
export const AUTH_PORT = Number(env['AUTH_PORT'] ?? 8081);
// WebAuthn needs a domain as its RP id: the step-up page is served at localhost, not 127.0.0.1.
export const AUTH = `http://localhost:${AUTH_PORT}`;
export const FAKE_TWILIO_PORT = Number(env['FAKE_TWILIO_PORT'] ?? 8086);
const LOCAL_TWILIO = {
  accountSid: 'AC-local-fake-account',
  authToken: 'local-fake-twilio-token',
  serviceSid: 'VA-local-fake-service',
};

/** Starts the fake Twilio and the auth service; resolves to a function that stops the fake. */
export async function startLocalAuth(opts: {
  readonly run: (name: string, script: string, extra: Record<string, string>) => void;
  readonly out: (line: string) => void;
  readonly store: 'firestore' | 'memory';
  /** `apiKeys` as risk-api gets them; `tenant`, the demo customers': the enrolment page's. */
  readonly keys: { readonly apiKeys: string; readonly tenant: string };
  /** Origins that may frame the step-up page (the console's). */
  readonly frameAncestors?: readonly string[];
}): Promise<() => Promise<void>> {
  const twilio = await startFakeTwilio({
    ...LOCAL_TWILIO,
    port: FAKE_TWILIO_PORT,
    onMessage: (m) => {
      opts.out(
        `[fake Twilio] ${m.channel} to ${m.to}: code ${m.code} (${m.amount ?? ''} to ${m.payee ?? '—'})`,
      );
    },
  });
  opts.run('auth', 'services/auth/src/main.ts', {
    AUTH_PORT: String(AUTH_PORT),
    AUTH_ORIGINS: AUTH, // the page's origin, whatever AUTH_PORT is
    SENTINEL_STORE: opts.store,
    SENTINEL_API_KEYS: opts.keys.apiKeys,
    SENTINEL_ENSURE_TOPIC: 'true',
    AUTH_DEMO_ENROLMENT_TENANT: opts.keys.tenant,
    AUTH_FRAME_ANCESTORS: (opts.frameAncestors ?? []).join(','),
    TWILIO_ACCOUNT_SID: LOCAL_TWILIO.accountSid,
    TWILIO_AUTH_TOKEN: LOCAL_TWILIO.authToken,
    TWILIO_VERIFY_SERVICE_SID: LOCAL_TWILIO.serviceSid,
    TWILIO_BASE_URL: twilio.baseUrl,
  });
  return () => twilio.close();
}

/** The banner's lines about the auth service and the fake Twilio. */
export function authBanner(): string[] {
  return [
    `auth (step-up)      ${AUTH}   (OpenAPI ${AUTH}/openapi.json, docs ${AUTH}/docs)`,
    `passkey enrolment   ${AUTH}/demo/enrol   (local only: no API key, demo tenant)`,
    `fake Twilio Verify  http://127.0.0.1:${FAKE_TWILIO_PORT}   (the codes it "sends" are printed here)`,
  ];
}

// Reads a decision on stdin; prints its step-up page (the challengeUrl with /v1/challenges/ →
// /challenge/, the client secret staying in the fragment) and the curl that shows its outcome.
const PAGE_URL_SNIPPET =
  `node -e 'let s="";process.stdin.on("data",(d)=>(s+=d)).on("end",()=>{const d=JSON.parse(s);` +
  `console.log(d.stepUp?d.stepUp.challengeUrl.replace("/v1/challenges/","/challenge/"):"no step-up: "+d.action);` +
  `console.log("decision: "+d.decisionId)})'`;

/**
 * The walkthrough's lines about the step-up challenge of a STEP_UP answer: enrol Alice's passkey
 * on the local-only page, turn the answer's challengeUrl into the page URL, pass it there.
 */
export function stepUpLines(
  store: 'firestore' | 'memory',
  payment: string,
  decisionsUrl: string,
  apiKey: string,
): string[] {
  if (store === 'memory') {
    return [
      '#    (In-memory mode the challenge lives in the risk-api process; the auth service is a',
      '#    separate process and cannot see it: step-up needs the emulators. docs/step-up.md)',
    ];
  }
  return [
    '#    Alice passes it with her passkey in the step-up page. Once, first, she enrols one on the',
    '#    local-only page (a browser with a passkey, or Chrome DevTools → WebAuthn → a virtual',
    `#    authenticator), customer demo-alice:   ${AUTH}/demo/enrol`,
    '#    Then the page URL: the challengeUrl with /v1/challenges/ → /challenge/, its client secret',
    '#    after # (the same payment again is an idempotent replay: same decision, same URL):',
    `${payment} \\`,
    `  | ${PAGE_URL_SNIPPET}`,
    '#    Open it: amount and payee, "Confirm with your passkey" → PASSED. The decision shows it',
    '#    (stepUp.status PASSED, method WEBAUTHN) and risk-outcomes carries it:',
    `curl -s ${decisionsUrl}/<decision> -H 'Authorization: Bearer ${apiKey}'`,
    '#    (SMS is refused for her swapped SIM; curl the challengeUrl with the secret as Bearer to',
    '#    see the challenge itself.)',
  ];
}
