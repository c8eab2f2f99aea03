import type { AssessmentContext, PaymentRequest, UserHistory } from '@sentinel/engine';
import type { ActivityRow } from './parse-row.ts';

const LONG_KNOWN = new Date(0); // no first-seen date: the handset counts as long known
// No device_id: the handset was not measured, which is no evidence of a new one. The payment's
// device is this stand-in, bound long ago, so the device rules stay silent (empty = not measured).
const UNMEASURED_DEVICE = 'unmeasured';
const NONE: readonly Date[] = [];

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * The engine's view of one activity row (the mapping in issue 16): a zero-amount payment at
 * `as_of` carrying the row's usage, a fresh SIM swap signal read from the file, a profile bound to
 * the row's handset and a history made of the row's failed logins and previous location.
 * Built field by field, without object spreads: this runs for every row of the file.
 */
export function toAssessmentContext(row: ActivityRow): AssessmentContext {
  const userId = row.subscriberId;
  const phoneNumber = row.msisdn;
  const payment: Mutable<PaymentRequest> = {
    transactionId: `row-${row.line}`,
    userId,
    phoneNumber,
    amount: { minor: 0, currency: 'ZAR' },
    channel: 'OTHER',
    device: { id: row.deviceId ?? UNMEASURED_DEVICE },
    ipAddress: '0.0.0.0',
    telcoUsage: row.telcoUsage,
    occurredAt: row.asOf,
  };
  if (row.location !== undefined) {
    payment.location = { lat: row.location.lat, lon: row.location.lon, source: 'NETWORK' };
  }
  let failedLogins = NONE;
  if (row.failedLogins24h > 0) {
    const at: Date[] = [];
    for (let i = 0; i < row.failedLogins24h; i++) {
      at.push(row.asOf);
    }
    failedLogins = at;
  }
  const history: Mutable<UserHistory> = { recentPayments: [], failedLogins };
  const previous = row.previousLocation;
  if (previous !== undefined) {
    history.lastLocation = {
      lat: previous.lat,
      lon: previous.lon,
      source: 'NETWORK',
      at: previous.at,
    };
  }
  return {
    now: row.asOf,
    payment,
    simSwap: {
      signal: {
        phoneNumber,
        lastSwapAt: row.lastSimChangeAt ?? null,
        checkedAt: row.asOf,
        source: 'file',
      },
      freshness: 'FRESH',
    },
    profile: {
      userId,
      phoneNumber,
      devices: [
        {
          id: row.deviceId ?? UNMEASURED_DEVICE,
          boundAt: row.deviceId === undefined ? LONG_KNOWN : (row.deviceFirstSeenAt ?? LONG_KNOWN),
        },
      ],
      enrolledFactors: [],
      contacts: {},
    },
    history,
  };
}
