// Test-only: a composed simulator on the in-memory store with a settable clock and quiet logs.
import {
  composeSimulator,
  type SimulatorAdapters,
  type SimulatorSettings,
} from '../compose-simulator.ts';
import { FakeClock } from '@sentinel/kernel/testing';
import { LOCAL_TWO_LEGGED_TOKEN } from '../config.ts';
import type { Scope } from '../domain/access-token.ts';
import { MemorySimulatorStore } from '../store/memory-simulator-store.ts';
import type { SimulatorStore } from '../store/simulator-store.ts';

export const T0 = new Date('2026-06-01T12:00:00.000Z');
export const LOCAL_TOKEN = LOCAL_TWO_LEGGED_TOKEN;
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** A clock the test moves by hand, starting at `T0`. */
export function settableClock(start = T0): FakeClock {
  return new FakeClock(start);
}

export function testSettings(over: Partial<SimulatorSettings> = {}): SimulatorSettings {
  return {
    monitoredPeriodDays: 120,
    localMode: true,
    fixedTwoLeggedTokens: [LOCAL_TOKEN],
    tokenTtlSeconds: 3_600,
    rateLimit: null,
    eventSource: 'urn:sentinel:camara-simulator',
    delivery: { attempts: 3, baseDelayMs: 1, timeoutMs: 2_000 },
    accessTokenLeadMs: 60_000,
    ...over,
  };
}

export interface CallOptions {
  readonly body?: unknown;
  /** Sent as is (malformed JSON); wins over `body`. */
  readonly rawBody?: string;
  /** A bearer token; `null` sends no Authorization header. Default: the fixed 2-legged token. */
  readonly token?: string | null;
  readonly headers?: Record<string, string>;
}

export interface CallResult {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
}

/** A simulator plus helpers to call it in process. */
export function testSimulator(
  opts: {
    readonly settings?: Partial<SimulatorSettings>;
    readonly store?: SimulatorStore;
    readonly clock?: FakeClock;
  } & Omit<SimulatorAdapters, 'store' | 'clock'> = {},
) {
  const clock = opts.clock ?? settableClock();
  const store = opts.store ?? new MemorySimulatorStore();
  const sim = composeSimulator(testSettings(opts.settings), { ...opts, store, clock });

  const call = async (method: string, path: string, o: CallOptions = {}): Promise<CallResult> => {
    const token = o.token === undefined ? LOCAL_TOKEN : o.token;
    const text = o.rawBody ?? (o.body === undefined ? undefined : JSON.stringify(o.body));
    const res = await sim.app.request(path, {
      method,
      headers: {
        ...(text === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token === null ? {} : { authorization: `Bearer ${token}` }),
        ...o.headers,
      },
      ...(text === undefined ? {} : { body: text }),
    });
    const raw = await res.text();
    return {
      status: res.status,
      headers: res.headers,
      body: raw === '' ? undefined : JSON.parse(raw),
    };
  };

  /** Registers or changes a number through the demo endpoint. */
  const putNumber = async (phoneNumber: string, body: Record<string, unknown> = {}) => {
    const res = await call('PUT', `/sim-swap/v2/demo/numbers/${phoneNumber}`, {
      body,
      token: null,
    });
    if (res.status !== 200 && res.status !== 201) {
      throw new Error(`PUT number answered ${res.status}: ${JSON.stringify(res.body)}`);
    }
    return res.body as Record<string, unknown>;
  };

  /** A token from the demo endpoint: 3-legged with a number, 2-legged without. */
  const issueToken = async (
    o: { phoneNumber?: string; scopes?: readonly Scope[]; expiresInSeconds?: number } = {},
  ) => {
    const res = await call('POST', '/sim-swap/v2/demo/tokens', { body: o, token: null });
    if (res.status !== 201) {
      throw new Error(`POST token answered ${res.status}`);
    }
    return (res.body as { access_token: string }).access_token;
  };

  return { sim, clock, store, call, putNumber, issueToken };
}
