import type { Decision } from '@sentinel/contracts';

/** An RFC 9457 problem the API answered, with its stable code. */
export class ApiProblem extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, detail: string) {
    super(detail);
    this.name = 'ApiProblem';
    this.status = status;
    this.code = code;
  }
}

/** `GET /v1/decisions/{id}`: the decision with its step-up and hold as they stand now. */
export type DecisionView = Omit<Decision, 'stepUp' | 'escrow'> & {
  readonly stepUp?: NonNullable<Decision['stepUp']> & {
    readonly status: 'PENDING' | 'PASSED' | 'FAILED' | 'EXPIRED';
    readonly method: string | null;
  };
  readonly escrow?: Omit<NonNullable<Decision['escrow']>, 'status'> & {
    readonly status: 'HELD' | 'RELEASED' | 'REVERSED' | 'EXPIRED';
    readonly cause: string | null;
    readonly verifications: number;
  };
};

/** `GET /v1/users/{userId}`: the parts the payment app reads. */
export interface CustomerView {
  readonly userId: string;
  readonly phoneNumber: string;
  readonly devices: readonly { readonly id: string; readonly imei?: string }[];
  readonly enrolledFactors: readonly string[];
  readonly freeze: { readonly frozen: boolean };
}

/** `GET /demo/fixtures`: whom to sign in as, and the behavioural snapshots of the local demo. */
export interface DemoFixtures {
  readonly customers: readonly { readonly userId: string; readonly name: string }[];
  readonly snapshots: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

export interface ApiKeys {
  /** The tenant's API key: payments, decisions, customers, the demo helpers. */
  readonly apiKey: string;
  /** The tenant's admin key: unfreezing. Null when the operator gave none. */
  readonly adminKey: string | null;
}

/**
 * The console's client of the risk-api, same origin (the page's CSP allows no other): the `/v1`
 * API with the tenant's keys and, in the local demo, the `/demo` helpers behind the same key.
 */
export function createApi(keys: ApiKeys) {
  const call = async <T>(method: string, path: string, body?: unknown, key = keys.apiKey) => {
    const response = await fetch(path, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    const parsed: unknown = text === '' ? null : JSON.parse(text);
    if (!response.ok) {
      const problem = (parsed ?? {}) as { code?: string; detail?: string };
      throw new ApiProblem(
        response.status,
        problem.code ?? `HTTP.${response.status}`,
        problem.detail ?? `${method} ${path} answered ${response.status}`,
      );
    }
    return parsed as T;
  };
  const admin = () => {
    if (keys.adminKey === null) {
      throw new ApiProblem(403, 'AUTH.FORBIDDEN', 'This needs the tenant’s admin key');
    }
    return keys.adminKey;
  };
  return {
    assessPayment: (payment: unknown) => call<Decision>('POST', '/v1/assess-payment', payment),
    decision: (decisionId: string) =>
      call<DecisionView>('GET', `/v1/decisions/${encodeURIComponent(decisionId)}`),
    customer: (userId: string) =>
      call<CustomerView>('GET', `/v1/users/${encodeURIComponent(userId)}`),
    unfreeze: (userId: string, comment: string) =>
      call<{ frozen: boolean }>(
        'POST',
        `/v1/users/${encodeURIComponent(userId)}/unfreeze`,
        { comment },
        admin(),
      ),
    demo: {
      fixtures: () => call<DemoFixtures>('GET', '/demo/fixtures'),
      simSwap: (phoneNumber: string, swappedMinutesAgo: number | null) =>
        call<{ lastSwapAt: string | null; operator: string }>(
          'PUT',
          `/demo/sim-swaps/${encodeURIComponent(phoneNumber)}`,
          { swappedMinutesAgo },
        ),
      telcoOutage: (on: boolean, staleNumbers: readonly string[] = []) =>
        call<{ on: boolean; madeStale: string[] }>('PUT', '/demo/telco-outage', {
          on,
          staleNumbers,
        }),
    },
  };
}

export type Api = ReturnType<typeof createApi>;
