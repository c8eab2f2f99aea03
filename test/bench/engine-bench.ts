// The engine alone: assessments per second and the p99 of one assessment, on a realistic context
// (profile, fresh signal, 20 remembered payments, last location), with and without a behavioural
// snapshot.
import {
  assess,
  compilePolicy,
  DEFAULT_POLICY,
  fitBaseline,
  scoreSession,
  type AssessmentContext,
  type CompiledPolicy,
} from '@sentinel/engine';
import { aBaseline, asFeatureMap, legitimateSessions } from '@sentinel/engine/testing';
import { summarise } from './stats.ts';

export interface EngineBench {
  readonly opsPerSec: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

const NOW = new Date('2026-11-21T10:00:00Z');
const H = 3_600_000;

/**
 * With a behavioural snapshot: one of the user's own sessions (SHIELD's legitimate profile, all 55
 * features) scored against a baseline fitted from 20 others — the full Mahalanobis path, z-scores
 * and fusion, not a rule that stays silent for want of a baseline.
 */
export function benchContext(withBehaviour: boolean): AssessmentContext {
  const features = asFeatureMap(legitimateSessions(1, 99)[0] ?? []);
  return {
    payment: {
      transactionId: 'tx',
      userId: 'u',
      phoneNumber: '+27821234567',
      amount: { minor: 125_000, currency: 'ZAR' },
      channel: 'PAYSHAP',
      payee: { accountId: 'p-1', isNew: true },
      device: { id: 'd-1', imei: '356938035643809' },
      ipAddress: '196.25.1.1',
      location: { lat: -26.2, lon: 28.04, source: 'GPS', accuracyM: 20 },
      ...(withBehaviour ? { behavior: { features } } : {}),
      occurredAt: NOW,
    },
    profile: {
      userId: 'u',
      phoneNumber: '+27821234567',
      devices: [
        { id: 'd-1', imei: '356938035643809', boundAt: new Date(NOW.getTime() - 400 * 24 * H) },
      ],
      enrolledFactors: ['WEBAUTHN'],
      contacts: { email: 'x@example.test' },
    },
    simSwap: {
      signal: {
        phoneNumber: '+27821234567',
        lastSwapAt: new Date(NOW.getTime() - 50 * 24 * H),
        checkedAt: NOW,
        source: 'camara',
      },
      freshness: 'FRESH',
    },
    history: {
      recentPayments: Array.from({ length: 20 }, (_, i) => ({
        decisionId: `d${i}`,
        at: new Date(NOW.getTime() - (i + 1) * 3 * H),
        amount: { minor: 100_000 + i * 1_000, currency: 'ZAR' },
        action: 'APPROVE' as const,
      })),
      lastLocation: { lat: -26.1, lon: 28.0, source: 'GPS', at: new Date(NOW.getTime() - 2 * H) },
      lastImei: {
        imei: '356938035643809',
        phoneNumber: '+27821234567',
        at: new Date(NOW.getTime() - 2 * H),
      },
      failedLogins: [],
    },
    now: NOW,
    ...(withBehaviour ? { behavior: { baseline: aBaseline(20) } } : {}),
  };
}

export function runEngineBench(
  ctx: AssessmentContext,
  iterations: number,
  policy?: CompiledPolicy,
): EngineBench {
  const compiled =
    policy ??
    (() => {
      const r = compilePolicy(DEFAULT_POLICY);
      if (!r.ok) {
        throw new Error('default policy does not compile');
      }
      return r.policy;
    })();
  const first = assess(ctx, compiled);
  if (ctx.payment.behavior !== undefined && first.signals.behavior === undefined) {
    throw new Error('engine bench: the behavioural snapshot was not scored');
  }
  for (let i = 0; i < 2_000; i++) {
    assess(ctx, compiled);
  }
  const samples: number[] = [];
  const started = performance.now();
  for (let i = 0; i < iterations; i++) {
    const t = performance.now();
    assess(ctx, compiled);
    samples.push(performance.now() - t);
  }
  const wall = performance.now() - started;
  const s = summarise(samples, wall);
  return {
    opsPerSec: Math.round((iterations / wall) * 1000),
    p50Ms: s.p50Ms,
    p99Ms: Math.round(summariseExact(samples, 99) * 1000) / 1000,
  };
}

export interface ModelBench {
  /** Sessions the baseline is fitted from. */
  readonly sessions: number;
  readonly fitP50Ms: number;
  readonly fitMaxMs: number;
  /** One 55-feature session against that baseline: distance, z-scores, top anomalies. */
  readonly scoreP50Ms: number;
  readonly scoreP99Ms: number;
}

/**
 * The behavioural model alone (issue: fit from 200 sessions < 50 ms, score one < 0.1 ms): fits of
 * a baseline from `sessions` of SHIELD's legitimate profile, then scores of held-out sessions.
 */
export function runModelBench(sessions: number, fits: number, scores: number): ModelBench {
  const training = legitimateSessions(sessions, 7);
  const fitOnce = () => {
    const fitted = fitBaseline(training, { fittedAt: NOW });
    if (!fitted.ok) {
      throw new Error(`model bench: baseline does not fit: ${JSON.stringify(fitted.issues)}`);
    }
    return fitted.baseline;
  };
  const baseline = fitOnce(); // first use: JIT and ml-matrix warm-up, not counted
  const fitSamples = Array.from({ length: fits }, () => {
    const t = performance.now();
    fitOnce();
    return performance.now() - t;
  });
  const held = legitimateSessions(100, 8);
  for (let i = 0; i < 2_000; i++) {
    scoreSession(baseline, held[i % held.length] ?? []);
  }
  const scoreSamples = Array.from({ length: scores }, (_, i) => {
    const vector = held[i % held.length] ?? [];
    const t = performance.now();
    scoreSession(baseline, vector);
    return performance.now() - t;
  });
  const ms = (v: number) => Math.round(v * 1000) / 1000;
  return {
    sessions,
    fitP50Ms: ms(summariseExact(fitSamples, 50)),
    fitMaxMs: ms(Math.max(...fitSamples)),
    scoreP50Ms: ms(summariseExact(scoreSamples, 50)),
    scoreP99Ms: ms(summariseExact(scoreSamples, 99)),
  };
}

/** Percentile with microsecond precision (summarise rounds to 0.01 ms). */
function summariseExact(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}
