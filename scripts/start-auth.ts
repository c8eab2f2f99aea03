// npm start's step-up part: the auth service on 8081 and a local fake of Twilio Verify whose
// "sent" codes are printed (they stand for the customer's phone).
import { startFakeTwilio } from '@sentinel/auth/testing';

const env = process.env;
export const AUTH_PORT = Number(env['AUTH_PORT'] ?? 8081);
// WebAuthn needs a domain as its RP id: the step-up page is served at localhost, not 127.0.0.1.
export const AUTH = `http://localhost:${AUTH_PORT}`;
export const FAKE_TWILIO_PORT = Number(env['FAKE_TWILIO_PORT'] ?? 8086);
const LOCAL_TWILIO = {
  accountSid: 'AC00000000000000000000000000000000',
  authToken: 'local-fake-twilio-token',
  serviceSid: 'VA00000000000000000000000000000000',
};

/** Starts the fake Twilio and the auth service; resolves to a function that stops the fake. */
export async function startLocalAuth(opts: {
  readonly run: (name: string, script: string, extra: Record<string, string>) => void;
  readonly out: (line: string) => void;
  readonly store: 'firestore' | 'memory';
  readonly apiKeys: string;
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
    SENTINEL_STORE: opts.store,
    SENTINEL_API_KEYS: opts.apiKeys,
    SENTINEL_ENSURE_TOPIC: 'true',
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
    `fake Twilio Verify  http://127.0.0.1:${FAKE_TWILIO_PORT}   (the codes it "sends" are printed here)`,
  ];
}

/** The walkthrough's lines about the step-up challenge of a STEP_UP answer. */
export function stepUpLines(store: 'firestore' | 'memory'): string[] {
  if (store === 'memory') {
    return [
      '#    (In-memory mode the challenge lives in the risk-api process; the auth service is a',
      '#    separate process and cannot see it: step-up needs the emulators. docs/step-up.md)',
    ];
  }
  return [
    '#    stepUp.challengeUrl is the challenge on the auth service; the part after # is its client',
    '#    secret (docs/step-up.md). Read it, then pass it (passkey, TOTP; SMS is refused here):',
    `#    curl -s <challengeUrl before #> -H 'Authorization: Bearer <the part after #>'`,
  ];
}
