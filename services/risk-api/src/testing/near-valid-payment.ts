// Near-valid assess-payment bodies: a valid one (payment-arbitraries.ts) with one to three fields
// at a limit, one step past it, of a wrong type or deleted — where a compiled validator that only
// mimics the schema would most likely part from it (assess-body-validator.test.ts).
import fc from 'fast-check';
import { validPaymentBody, type Path } from './payment-arbitraries.ts';

const DELETE = Symbol('delete');
const x = (n: number) => 'x'.repeat(n);
const digits = (n: number) => '1'.repeat(n);
const features = (n: number) =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`f${i}`, i]));

/**
 * Values one step either side of each field's limits (and a few wrong types), by path. What JSON.parse
 * can give: `1e400` parses to Infinity, `-0` to -0, `"__proto__"` becomes an own key.
 */
const BOUNDARIES: readonly (readonly [Path, readonly unknown[]])[] = [
  [[], [null, [], 'x', 1, {}]],
  [['transactionId'], [DELETE, '', x(128), x(129), 'a b', 'é', 'a/b', 5, null]],
  [['userId'], [DELETE, '', '-a', '.a', x(128), x(129), 'a@b:c', 'a b', 1]],
  [
    ['phoneNumber'],
    [DELETE, '+0123456', '+1234', '+12345', `+${digits(15)}`, `+${digits(16)}`, '27821234567', ''],
  ],
  [['amount'], [DELETE, null, [], 'ZAR 1', { minor: 1 }, { currency: 'ZAR' }]],
  [
    ['amount', 'minor'],
    [DELETE, 0, 1, -1, -0, 1.5, 2 ** 53 - 1, 2 ** 53, 1e21, Infinity, -Infinity, '1', null],
  ],
  [
    ['amount', 'currency'],
    [DELETE, 'zar', 'XXX', 'ZZZ', '', 'ZARR', 1, null],
  ],
  [
    ['amount', 'extra'],
    [1, null],
  ],
  [['channel'], [DELETE, 'card', 'CARD ', '', 'SWIFT', 1, null]],
  [['payee'], [null, {}, [], 'acct']],
  [
    ['payee', 'accountId'],
    [DELETE, '', 'a', x(128), x(129), 1],
  ],
  [
    ['payee', 'isNew'],
    ['yes', 1, null, true],
  ],
  [['payee', 'extra'], [true]],
  [['device'], [DELETE, null, {}, []]],
  [
    ['device', 'id'],
    [DELETE, '', x(256), x(257), 7],
  ],
  [
    ['device', 'imei'],
    [digits(13), digits(14), digits(16), digits(17), '1234567890123a', 35693803564380],
  ],
  [
    ['device', 'platform'],
    [x(64), x(65), 1, null],
  ],
  [
    ['device', 'appVersion'],
    [x(64), x(65), false],
  ],
  [['device', 'extra'], ['x']],
  [
    ['ipAddress'],
    [
      DELETE,
      '256.1.1.1',
      '1.2.3',
      '1.2.3.4 ',
      '01.2.3.4',
      '::',
      '::1',
      '1::2::3',
      'fe80::1%eth0',
      '::ffff:1.2.3.4',
      'gggg::1',
      '2001:db8::/32',
      '',
      5,
      null,
    ],
  ],
  [['location'], [null, {}, [], { lat: 0, lon: 0 }]],
  [
    ['location', 'lat'],
    [DELETE, 90, 90.000001, -90, -91, -0, Infinity, '1', null],
  ],
  [
    ['location', 'lon'],
    [DELETE, 180, 180.5, -180, -181, NaN],
  ],
  [
    ['location', 'accuracyM'],
    [-1, 0, 20_000_000, 20_000_001, '5'],
  ],
  [
    ['location', 'source'],
    [DELETE, 'x', '', 'GPS', 1],
  ],
  [['location', 'extra'], [0]],
  [['behavior'], [null, {}, [], { features: [] }]],
  [
    ['behavior', 'sessionId'],
    [x(128), x(129), 1],
  ],
  [
    ['behavior', 'features'],
    [
      DELETE,
      {},
      features(128),
      features(129),
      { '1a': 1 },
      { [`a${x(63)}`]: 1 },
      { [`a${x(64)}`]: 1 },
      { a_b: 1, 'a-b': 2 },
      JSON.parse('{"__proto__":1}') as unknown,
      { constructor: 1 },
      { a: Infinity },
      { a: null, b: 'x' },
      { '': 1 },
      [],
      null,
    ],
  ],
  [['behavior', 'extra'], [1]],
  [
    ['telcoUsage'],
    [
      null,
      [],
      {},
      features(64),
      features(65),
      { sms24h: -1 },
      { sms24h: 1.5 },
      { sms24h: '3' },
      { calls24h: true, cellTowerChanges24h: -2 },
      { dataMb24h: -0.5, usualSmsPerDay: -1 },
      { roaming: 'yes' },
      { roamingCountry: 'mz' },
      { roamingCountry: 'MZA', roaming: 1 },
      { roamingCountry: 5 },
      { note: x(256) },
      { note: x(257) },
      { note: null },
      { note: {} },
      { note: Infinity },
      { '9lives': 1 },
      JSON.parse('{"__proto__":"x"}') as unknown,
    ],
  ],
  [
    ['occurredAt'],
    [
      '2026-12-06T10:00:00Z',
      '2026-12-06T10:00:00+02:00',
      '2026-12-06T10:00:00.123456789Z',
      '2026-12-06T10:00:00',
      '2026-12-06',
      '2026-13-01T00:00:00Z',
      '2026-02-30T00:00:00Z',
      '2026-12-06t10:00:00z',
      '2026-12-06T24:00:00Z',
      '2026-12-06T10:00:00+0200',
      123,
      '',
    ],
  ],
  [['extra'], [1, null, 'x']],
  [['Amount'], [{ minor: 1, currency: 'ZAR' }]],
];

/** Sets (or deletes) the value at `path`, making the objects on the way when they are missing. */
function setAt(body: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) {
    return value;
  }
  const root: Record<string | number, unknown> =
    body !== null && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  let node = root;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    node[key] = next !== null && typeof next === 'object' ? next : {};
    node = node[key] as Record<string | number, unknown>;
  }
  const last = path.at(-1) ?? '';
  if (value === DELETE) {
    // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- the edit itself
    delete node[last];
  } else {
    // defineProperty, so a key named __proto__ becomes an own key, as JSON.parse makes it
    Object.defineProperty(node, last, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return root;
}

const boundaryEdit = fc
  .constantFrom(...BOUNDARIES)
  .chain(([path, values]) => fc.constantFrom(...values).map((value) => [path, value] as const));

/**
 * A valid body with one to three fields moved to (or just past) a limit, a wrong type or deleted:
 * the bodies where a validator that only mimics the schema would most likely part from it.
 */
export const nearValidPayment: fc.Arbitrary<unknown> = fc
  .tuple(validPaymentBody, fc.array(boundaryEdit, { minLength: 1, maxLength: 3 }))
  .map(([body, edits]) =>
    edits.reduce<unknown>(
      (acc, [path, value]) => setAt(acc, path, value === DELETE ? value : structuredClone(value)),
      structuredClone(body),
    ),
  );
