// npm run smoke: a few real requests against a running Sentinel, the gate between a tagged
// revision and its traffic (cloudbuild.yaml) and a check of the local stack (npm start).
//   SMOKE_RISK_API_URL (http://127.0.0.1:8080)  SMOKE_AUTH_URL (http://127.0.0.1:8081)
//   SMOKE_ESCROW_URL (unset: not checked)       SMOKE_API_KEY (npm start's demo key)
// It checks readiness, one assessment, its idempotent replay (same decision), and reading the
// decision back. Payments go to the smoke key's tenant under `smoke-` ids, so they never mix with a
// bank's. Exit 0 when every check passed, 1 otherwise; one line per check.
import { randomUUID } from 'node:crypto';

export interface SmokeTargets {
  readonly riskApi: string;
  readonly auth?: string | undefined;
  readonly escrow?: string | undefined;
  /** A risk-api key (the bearer value, without its tenant). */
  readonly apiKey: string;
  /** Per request (a cold revision may take a few seconds). */
  readonly timeoutMs?: number;
}

export interface SmokeCheck {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
  readonly ms: number;
}

const ACTIONS = new Set(['APPROVE', 'STEP_UP', 'DENY']);

interface Decision {
  decisionId?: unknown;
  action?: unknown;
}

/** Runs every check in order (later ones need the decision the first assessment made). */
export async function smoke(targets: SmokeTargets): Promise<SmokeCheck[]> {
  const timeoutMs = targets.timeoutMs ?? 10_000;
  const checks: SmokeCheck[] = [];
  const call = (url: string, init: RequestInit = {}) =>
    fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  const run = async (name: string, body: () => Promise<string>): Promise<void> => {
    const started = performance.now();
    try {
      const detail = await body();
      checks.push({ name, ok: true, detail, ms: performance.now() - started });
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      checks.push({ name, ok: false, detail, ms: performance.now() - started });
    }
  };
  const ready = (service: string, base: string) =>
    run(`${service} /readyz`, async () => {
      const res = await call(`${base}/readyz`);
      if (res.status !== 200) {
        throw new Error(`answered ${String(res.status)}`);
      }
      return '200';
    });

  const auth = { authorization: `Bearer ${targets.apiKey}`, 'content-type': 'application/json' };
  const payment = JSON.stringify({
    transactionId: `smoke-${randomUUID()}`,
    userId: 'smoke-user',
    phoneNumber: '+27820000000',
    amount: { minor: 100, currency: 'ZAR' },
    channel: 'PAYSHAP',
    device: { id: 'smoke-device' },
    ipAddress: '196.25.1.1',
  });
  const assess = async (): Promise<Decision> => {
    const res = await call(`${targets.riskApi}/v1/assess-payment`, {
      method: 'POST',
      headers: auth,
      body: payment,
    });
    const body = (await res.json()) as Decision;
    if (res.status !== 200 || typeof body.decisionId !== 'string') {
      throw new Error(`answered ${String(res.status)}: ${JSON.stringify(body).slice(0, 200)}`);
    }
    if (!ACTIONS.has(String(body.action))) {
      throw new Error(`unknown action ${String(body.action)}`);
    }
    return body;
  };

  await ready('risk-api', targets.riskApi);
  let first: Decision | undefined;
  await run('assess-payment', async () => {
    first = await assess();
    return `${String(first.action)} ${String(first.decisionId)}`;
  });
  await run('assess-payment replay (idempotent)', async () => {
    const again = await assess();
    if (again.decisionId !== first?.decisionId) {
      throw new Error(`a second decision: ${String(again.decisionId)}`);
    }
    return 'same decision';
  });
  await run('read the decision back', async () => {
    const res = await call(`${targets.riskApi}/v1/decisions/${String(first?.decisionId)}`, {
      headers: auth,
    });
    const body = (await res.json()) as Decision;
    if (res.status !== 200 || body.decisionId !== first?.decisionId) {
      throw new Error(`answered ${String(res.status)}`);
    }
    return '200';
  });
  if (targets.auth !== undefined) {
    await ready('auth', targets.auth);
  }
  if (targets.escrow !== undefined) {
    await ready('escrow', targets.escrow);
  }
  return checks;
}

async function main(): Promise<void> {
  const env = process.env;
  const checks = await smoke({
    riskApi: env['SMOKE_RISK_API_URL'] ?? 'http://127.0.0.1:8080',
    auth: env['SMOKE_AUTH_URL'] ?? 'http://127.0.0.1:8081',
    escrow: env['SMOKE_ESCROW_URL'],
    apiKey: env['SMOKE_API_KEY'] ?? 'local-dev-key',
  });
  for (const check of checks) {
    const mark = check.ok ? 'ok  ' : 'FAIL';
    process.stdout.write(`${mark} ${check.name} (${check.ms.toFixed(0)} ms): ${check.detail}\n`);
  }
  const failed = checks.filter((c) => !c.ok).length;
  process.stdout.write(
    `smoke: ${String(checks.length - failed)} passed, ${String(failed)} failed\n`,
  );
  process.exitCode = failed === 0 ? 0 : 1;
}

if (import.meta.main || process.argv[1] === import.meta.filename) {
  await main();
}
