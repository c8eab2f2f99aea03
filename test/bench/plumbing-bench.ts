// Hand-written plumbing on the hot path against the maintained library for the same job
// (issue 10, item 8): UUIDv7, canonical JSON, the structured logger and the bounded map; and the
// assess-payment body's validation, zod's parser against zod's compiled code (issue 17).
// `node test/bench/plumbing-bench.ts [rounds]` prints ns/op (p50 of batches) and ops/s side by
// side, then the correctness checks the decision also rests on. Candidates run interleaved, round
// by round, so a busy neighbour on the machine slows both sides alike.
import type { Writable } from 'node:stream';
import { Logging } from '@google-cloud/logging';
import { BoundedMap, createLogger, uuidv7, withTrace } from '@sentinel/kernel';
import { isDeepStrictEqual } from 'node:util';
import {
  AssessPaymentRequestSchema,
  canonicalJson,
  compiledAssessPaymentRequest,
} from '@sentinel/risk-api';
import { nearValidPayment } from '@sentinel/risk-api/testing';
import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { canonicalize as jsonCanonicalize } from 'json-canonicalize';
import { LRUCache } from 'lru-cache';
import { v7 } from 'uuid';
import { aDecisionRecord } from '@sentinel/contracts/testing';
import { compiledSchema, toJsonText } from '@sentinel/store';
import { HOT_READ_DOCUMENTS } from '@sentinel/store/testing';
import { benchUsers, createMix } from './mix.ts';

interface Candidate {
  readonly name: string;
  /** One operation; `i` varies the input. Returns something so the JIT cannot drop the work. */
  readonly op: (i: number) => unknown;
  /** The operation answers a promise, awaited each time (others are never awaited). */
  readonly async?: boolean;
}

interface Result {
  readonly name: string;
  readonly p50Ns: number;
  readonly opsPerSec: number;
}

const out = (s = ''): boolean => process.stdout.write(s + '\n');
const BATCH = 1_000;
let sink = 0;

function consume(value: unknown): void {
  sink += typeof value === 'string' ? value.length : value === undefined ? 0 : 1;
}

/** `rounds` rounds, each running every candidate for `batches` batches of BATCH operations. */
async function compare(
  candidates: readonly Candidate[],
  rounds: number,
  batches: number,
): Promise<Result[]> {
  const samples = candidates.map(() => [] as number[]);
  const totals = candidates.map(() => ({ ns: 0, ops: 0 }));
  let i = 0;
  for (const c of candidates) {
    for (let w = 0; w < 20 * BATCH; w++) {
      consume(c.async === true ? await c.op(i++) : c.op(i++)); // warm-up: JIT tiers, pools, caches
    }
  }
  for (let r = 0; r < rounds; r++) {
    for (const [k, c] of candidates.entries()) {
      for (let b = 0; b < batches; b++) {
        const t = process.hrtime.bigint();
        for (let n = 0; n < BATCH; n++) {
          consume(c.async === true ? await c.op(i++) : c.op(i++));
        }
        const ns = Number(process.hrtime.bigint() - t);
        samples[k]?.push(ns / BATCH);
        const total = totals[k];
        if (total !== undefined) {
          total.ns += ns;
          total.ops += BATCH;
        }
      }
    }
  }
  return candidates.map((c, k) => {
    const sorted = [...(samples[k] ?? [])].sort((a, b) => a - b);
    const total = totals[k] ?? { ns: 1, ops: 0 };
    return {
      name: c.name,
      p50Ns: Math.round(sorted[Math.floor(sorted.length / 2)] ?? NaN),
      opsPerSec: Math.round((total.ops / total.ns) * 1e9),
    };
  });
}

function print(title: string, results: readonly Result[]): void {
  const ours = results[0]?.p50Ns ?? NaN;
  out(`\n${title}`);
  for (const r of results) {
    const ratio = (r.p50Ns / ours).toFixed(2);
    out(
      `  ${r.name.padEnd(44)} ${String(r.p50Ns).padStart(7)} ns/op p50  ` +
        `${r.opsPerSec.toLocaleString('en').padStart(12)} ops/s  ${ratio}× ours`,
    );
  }
}

const rounds = Number(process.argv[2] ?? 5);
const T0 = Date.parse('2026-12-02T16:00:00.123Z');

// --- UUIDv7: one per decision (and escrow) ---------------------------------------------------
print(
  'UUIDv7 (one per decision)',
  await compare(
    [
      { name: 'ours: uuidv7(at)', op: (i) => uuidv7(new Date(T0 + (i >> 4))) },
      { name: 'uuid v7({ msecs }) (injected time)', op: (i) => v7({ msecs: T0 + (i >> 4) }) },
      { name: 'uuid v7() (reads Date.now itself)', op: () => v7() },
    ],
    rounds,
    40,
  ),
);

// --- canonical JSON: the idempotency fingerprint of every request body -------------------------
const mix = createMix(benchUsers(100), 'plumbing');
const bodies = Array.from({ length: 100 }, (_, i) => JSON.parse(mix.body(i).body) as unknown);
const body = (i: number): unknown => bodies[i % bodies.length];
print(
  'canonical JSON of an assess-payment body (the bench mix: 1 in 10 with 55 features)',
  await compare(
    [
      { name: 'ours: canonicalJson', op: (i) => canonicalJson(body(i)) },
      { name: 'canonicalize (RFC 8785)', op: (i) => canonicalize(body(i)) },
      { name: 'json-canonicalize (RFC 8785)', op: (i) => jsonCanonicalize(body(i)) },
    ],
    rounds,
    10,
  ),
);

// --- the logger: one 'decision' line per request, inside the request's trace -----------------
const drop = (line: string): void => consume(line);
const ours = createLogger({ level: 'info', projectId: 'p', service: 'risk-api', write: drop });
const logSync = new Logging({ projectId: 'p' }).logSync(
  'risk-api',
  { write: (chunk: string) => (drop(chunk), true) } as unknown as Writable,
  { useMessageField: false },
);
const trace = {
  traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
  spanId: '00f067aa0ba902b7',
  sampled: true,
};
const fields = (i: number) => ({
  decisionId: '019aa0a1-7b2c-7def-8123-456789abcdef',
  action: 'APPROVE',
  riskScore: i % 100,
  reasons: ['SIM_SWAP_RECENT', 'NEW_DEVICE'],
  policyVersion: 'v3',
  latencyMs: 4.2,
});
print(
  "logger: info('decision', 6 fields) with a trace context, to a sink",
  await compare(
    [
      {
        name: 'ours: createLogger(...).info',
        op: (i) => withTrace(trace, () => ours.info('decision', fields(i))),
      },
      {
        name: '@google-cloud/logging LogSync.info(entry)',
        op: (i) =>
          logSync.info(
            logSync.entry(
              {
                trace: `projects/p/traces/${trace.traceId}`,
                spanId: trace.spanId,
                traceSampled: trace.sampled,
              },
              { message: 'decision', service: 'risk-api', ...fields(i) },
            ),
          ),
      },
    ],
    rounds,
    10,
  ),
);

// --- validation of the assess-payment body: every request -------------------------------------
// The route awaited zod's asynchronous parse (zod-openapi's validator); it now calls the compiled
// code synchronously. Both sides of each pair on the same bodies of the bench mix.
const validate = (schema: typeof AssessPaymentRequestSchema) => (i: number) =>
  schema.safeParse(body(i)).success;
print(
  'assess-payment body validation (the bench mix), synchronous',
  await compare(
    [
      { name: 'ours: z.compile(schema).safeParse', op: validate(compiledAssessPaymentRequest) },
      { name: 'zod: schema.safeParse', op: validate(AssessPaymentRequestSchema) },
    ],
    rounds,
    10,
  ),
);
print(
  'assess-payment body validation (the bench mix), as the route awaits it',
  await compare(
    [
      {
        name: 'ours: await compiled.safeParse (now)',
        op: (i) => Promise.resolve(compiledAssessPaymentRequest.safeParse(body(i)).success),
        async: true,
      },
      {
        name: 'zod: await schema.safeParseAsync (before)',
        op: (i) => AssessPaymentRequestSchema.safeParseAsync(body(i)).then((r) => r.success),
        async: true,
      },
    ],
    rounds,
    10,
  ),
);

// --- bounded map: per-instance memories (pseudonyms, recent decisions, known versions) ---------
/** The hand-written BoundedMap that lru-cache replaced, kept here to measure against. */
class MapBoundedMap<K, V> {
  readonly #entries = new Map<K, V>();
  readonly capacity: number;
  constructor(capacity: number) {
    this.capacity = capacity;
  }
  get(key: K): V | undefined {
    return this.#entries.get(key);
  }
  set(key: K, value: V): void {
    this.#entries.delete(key);
    if (this.#entries.size >= this.capacity) {
      const oldest = this.#entries.keys().next();
      if (oldest.done !== true) {
        this.#entries.delete(oldest.value);
      }
    }
    this.#entries.set(key, value);
  }
}
// The production capacity (10,000); a read, and a set on a miss. 16,000 keys in turn: the map is
// full and about a third of the operations evict. 5,000 keys: every read hits after warm-up.
const CAPACITY = 10_000;
for (const keys of [16_000, 5_000]) {
  const names = Array.from({ length: keys }, (_, i) => `tenant-a/user-${i}`);
  const readOrSet = (map: {
    get(k: string): number | undefined;
    set(k: string, v: number): void;
  }) => {
    return (i: number) => {
      const key = names[(i * 7919) % names.length] ?? '';
      const hit = map.get(key);
      if (hit === undefined) {
        map.set(key, 1);
      }
      return hit;
    };
  };
  const lruGet = new LRUCache<string, number>({ max: CAPACITY });
  print(
    `bounded map: get, set on a miss (capacity ${CAPACITY}, ${keys} keys)`,
    await compare(
      [
        { name: 'hand-written Map (before)', op: readOrSet(new MapBoundedMap(CAPACITY)) },
        { name: 'BoundedMap now: lru-cache peek/set', op: readOrSet(new BoundedMap(CAPACITY)) },
        { name: 'lru-cache get/set (least recently read)', op: readOrSet(lruGet) },
      ],
      rounds,
      20,
    ),
  );
}

// --- JSON text: what the Firestore adapter writes per decision (issue 17, eighth session) -------
// A decision's context (the engine's inputs, a history of twenty payments among them) and a
// customer's history, as the hot path writes them: sixteen of each, in turn.
const twentyPayments = (k: number) => ({
  recentPayments: Array.from({ length: 20 }, (_, p) => ({
    decisionId: `decision-${k}-${p}`,
    at: new Date(T0 + k * 1_000 - p * 60_000),
    amount: { minor: 1_000 * (p + 1), currency: 'ZAR' },
    payeeAccountId: `payee-${p}`,
    action: 'APPROVE',
  })),
  failedLogins: [],
});
const contexts = Array.from({ length: 16 }, (_, k) => ({
  ...aDecisionRecord().context,
  history: twentyPayments(k),
}));
const histories = Array.from({ length: 16 }, (_, k) => twentyPayments(k));
for (const [what, values] of [
  ["a decision's context", contexts],
  ['a history of twenty payments', histories],
] as const) {
  print(
    `JSON text of ${what}`,
    await compare(
      [
        { name: 'ours: toJsonText (now)', op: (i) => toJsonText(values[i % values.length]) },
        { name: 'JSON.stringify (before)', op: (i) => JSON.stringify(values[i % values.length]) },
      ],
      rounds,
      10,
    ),
  );
}

// --- the documents a decision reads, parsed: zod's compiled code against zod's parser ----------
// Profile, factors, SIM swap signal, freeze, device sightings and the history's JSON value (its
// text parsed beforehand), as Firestore hands them back (issue 17, eighth session).
const everyDecision = HOT_READ_DOCUMENTS.filter((d) => d.everyDecision);
const readAll = (schemaOf: (schema: (typeof everyDecision)[number]['schema']) => typeof schema) => {
  const schemas = everyDecision.map((d) => schemaOf(d.schema));
  return () => {
    let ok = 0;
    for (let d = 0; d < everyDecision.length; d++) {
      ok += schemas[d]?.safeParse(everyDecision[d]?.example).success === true ? 1 : 0;
    }
    return ok;
  };
};
print(
  `the ${everyDecision.length} documents a decision reads, parsed`,
  await compare(
    [
      { name: 'ours: compiledSchema(schema) (now)', op: readAll(compiledSchema) },
      { name: 'zod: schema.safeParse (before)', op: readAll((schema) => schema) },
    ],
    rounds,
    10,
  ),
);

// --- correctness the decision also rests on ----------------------------------------------------
out('\ncorrectness');
// Any UTF-16 code unit, lone surrogates too: they are valid JSON text and reach the fingerprint.
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((u) => String.fromCharCode(u));
const corpus: unknown[] = fc.sample<unknown>(
  fc
    .jsonValue({ maxDepth: 4, stringUnit: codeUnit })
    .map((v) => JSON.parse(JSON.stringify(v)) as unknown),
  { numRuns: 5_000, seed: 8785 },
);
for (const [name, other] of [
  ['canonicalize', canonicalize],
  ['json-canonicalize', jsonCanonicalize],
] as const) {
  let same = 0;
  let differs = 0;
  let throws = 0;
  let throwsOnLone = 0;
  for (const value of corpus) {
    try {
      if (other(value) === canonicalJson(value)) {
        same++;
      } else {
        differs++;
      }
    } catch {
      throws++;
      // JSON.stringify writes a lone surrogate as an escape such as \ud800.
      throwsOnLone += /\\ud[89a-f][0-9a-f]{2}/i.test(JSON.stringify(value)) ? 1 : 0;
    }
  }
  out(
    `  ${name}: of ${corpus.length} JSON values ${same} byte-identical to ours, ` +
      `${differs} different, ${throws} thrown (${throwsOnLone} of them hold a lone surrogate)`,
  );
}
// The equality proof is assess-body-validator.test.ts; this repeats it on a fixed sample.
const nearValid = fc.sample(nearValidPayment, { numRuns: 5_000, seed: 17 });
const outcomeOf = (schema: typeof AssessPaymentRequestSchema, input: unknown) => {
  const r = schema.safeParse(input);
  return r.success ? r.data : r.error.issues.map((x) => [x.code, x.path, x.message]);
};
const identical = nearValid.filter((input) =>
  isDeepStrictEqual(
    outcomeOf(compiledAssessPaymentRequest, input),
    outcomeOf(AssessPaymentRequestSchema, input),
  ),
).length;
const refused = nearValid.filter((input) => !AssessPaymentRequestSchema.safeParse(input).success);
out(
  `  compiled validator vs zod: ${identical} of ${nearValid.length} near-valid bodies give the same value or issues (${refused.length} refused by zod)`,
);
// The equality proof is json-text.test.ts; this repeats it on the values timed above.
const sameText = [...contexts, ...histories].filter((v) => toJsonText(v) === JSON.stringify(v));
out(`  toJsonText vs JSON.stringify: ${sameText.length} of 32 texts identical`);
const sameMs = Array.from({ length: 1_000 }, () => v7({ msecs: T0 }));
const oursSameMs = Array.from({ length: 1_000 }, () => uuidv7(new Date(T0)));
const inOrder = (ids: string[]) => ids.every((id, k) => k === 0 || (ids[k - 1] ?? '') < id);
out(
  `  1,000 ids in one millisecond, in creation order: ours ${inOrder(oursSameMs)}, ` +
    `uuid v7({ msecs }) ${inOrder(sameMs)}, ` +
    `uuid v7() ${inOrder(Array.from({ length: 1_000 }, () => v7()))}`,
);
out(`\n(sink ${sink % 10})`);
