import { startLoopbackServer, type LoopbackServer, type Reply } from './loopback-server.ts';

export const FAKE_TWILIO = {
  accountSid: `AC${'0123456789abcdef'.repeat(2)}`,
  authToken: 'twilio-auth-token',
};

/** A Lookup v2 body as Twilio sends it (snake_case), with `simSwap` as its `sim_swap`. */
export function lookupBody(phoneNumber: string, simSwap: unknown): Record<string, unknown> {
  return {
    calling_country_code: '1',
    country_code: 'US',
    phone_number: phoneNumber,
    national_format: null,
    valid: true,
    validation_errors: [],
    caller_name: null,
    sim_swap: simSwap,
    call_forwarding: null,
    line_status: null,
    line_type_intelligence: null,
    identity_match: null,
    reassigned_number: null,
    sms_pumping_risk: null,
    phone_number_quality_score: null,
    pre_fill: null,
    url: `https://lookups.twilio.com/v2/PhoneNumbers/${phoneNumber}`,
  };
}

/** Twilio's error body (`RestException` reads code, message, more_info, status). */
export function twilioError(status: number, code: number): Reply {
  return {
    status,
    body: {
      code,
      message: 'error',
      more_info: `https://www.twilio.com/docs/errors/${code}`,
      status,
    },
  };
}

/**
 * Twilio at the HTTP boundary, where `TwilioRequestClient` sends `https://lookups.twilio.com/v2/…`:
 * `GET /lookups/v2/PhoneNumbers/{n}?Fields=sim_swap` with Basic auth, answered by `lookup`.
 */
export async function startFakeTwilio(
  lookup: (phoneNumber: string) => Reply | Promise<Reply>,
): Promise<LoopbackServer> {
  const basic = `Basic ${Buffer.from(`${FAKE_TWILIO.accountSid}:${FAKE_TWILIO.authToken}`).toString('base64')}`;
  return startLoopbackServer((request) => {
    const url = new URL(request.path, 'http://fake');
    const match = /^\/lookups\/v2\/PhoneNumbers\/([^/]+)$/.exec(url.pathname);
    if (request.headers.authorization !== basic) {
      return twilioError(401, 20003);
    }
    if (match?.[1] === undefined || request.method !== 'GET') {
      return twilioError(404, 20404);
    }
    return lookup(decodeURIComponent(match[1]));
  });
}
