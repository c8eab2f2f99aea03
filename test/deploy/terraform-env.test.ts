// Every Cloud Run service's environment in infra/terraform against the config its code loads
// (support/service-env.ts says how). Providers cannot be downloaded here, so this stands in for
// what `terraform validate` and a first start on Cloud Run would find.
import { join } from 'node:path';
import { ESCROW_TARGETS } from '@sentinel/escrow';
import { FUNCTION_TARGETS } from '@sentinel/telco';
import { beforeAll, describe, expect, it } from 'vitest';
import { SERVICE_MODULES, envProblems, serviceEnv } from './support/service-env.ts';
import { TERRAFORM_DIR, readTerraformDir, type TerraformDir } from './support/terraform.ts';

let stack: TerraformDir;
beforeAll(async () => {
  stack = await readTerraformDir(join(TERRAFORM_DIR, 'modules', 'sentinel'));
});

describe('the services’ environment in Terraform', () => {
  it('checks every Cloud Run service the stack declares', () => {
    const services = Object.entries(stack.modules)
      .filter(([, call]) => call['source'] === '../cloud-run-service')
      .map(([name]) => name)
      .sort();
    expect(services).toEqual(Object.keys(SERVICE_MODULES).sort());
  });

  it.each(Object.keys(SERVICE_MODULES))(
    '%s: sets what its config reads, reads what is set, and starts on Cloud Run',
    (module) => {
      expect(envProblems(module, serviceEnv(stack, module))).toEqual([]);
    },
  );

  it('fails when a variable is removed from a service, naming it', () => {
    const env = serviceEnv(stack, 'risk_api');
    delete env.secrets['SENTINEL_API_KEYS'];
    expect(envProblems('risk_api', env)).toEqual([
      'risk_api: the config refuses it: SENTINEL_API_KEYS: at least one API key is required',
      'risk_api: SENTINEL_API_KEYS is read by its config but not set',
    ]);

    const webhook = serviceEnv(stack, 'camara_webhook');
    delete webhook.secrets['TELCO_WEBHOOK_TOKENS'];
    expect(envProblems('camara_webhook', webhook)).toEqual([
      'camara_webhook: the config refuses it: TELCO_WEBHOOK_TOKENS: required on Cloud Run (mount it from Secret Manager)',
      'camara_webhook: TELCO_WEBHOOK_TOKENS is read by its config but not set',
    ]);
  });

  it('fails when an optional variable is removed (its default would apply silently)', () => {
    const env = serviceEnv(stack, 'auth');
    delete env.plain['AUTH_SWEEP_MS'];
    expect(envProblems('auth', env)).toEqual([
      'auth: AUTH_SWEEP_MS is read by its config but not set',
    ]);
  });

  it('fails on a variable no config reads, and on a credential outside Secret Manager', () => {
    const env = serviceEnv(stack, 'escrow_api');
    env.plain['ESCROW_SWEEP_TOKENS'] = 'typo';
    env.plain['SENTINEL_ADMIN_KEYS'] = 'bank-a:admin-key-in-plain-text-000';
    delete env.secrets['SENTINEL_ADMIN_KEYS'];
    expect(envProblems('escrow_api', env)).toEqual([
      'escrow_api: ESCROW_SWEEP_TOKENS is a credential; mount it from Secret Manager (secret_env)',
      'escrow_api: SENTINEL_ADMIN_KEYS is a credential; mount it from Secret Manager (secret_env)',
      'escrow_api: ESCROW_SWEEP_TOKENS is set but its config never reads it',
    ]);
  });

  it('runs each function target the code registers, with its signature type', () => {
    const targets = Object.fromEntries(
      Object.entries(stack.modules)
        .filter(([, call]) => call['function_target'] !== undefined)
        .map(([name, call]) => [
          name,
          `${String(call['function_target'])}/${String(call['signature_type'])}`,
        ]),
    );
    expect(targets).toEqual({
      escrow_api: `${ESCROW_TARGETS.api}/http`,
      escrow_on_decision: `${ESCROW_TARGETS.decisions}/cloudevent`,
      escrow_on_outcome: `${ESCROW_TARGETS.outcomes}/cloudevent`,
      poll_sim_swaps: `${FUNCTION_TARGETS.poll}/http`,
      camara_webhook: `${FUNCTION_TARGETS.webhook}/http`,
    });
  });

  it('gives the risk-api its latency settings: min instances, CPU boost, CPU always on, timeout, concurrency', () => {
    const call = stack.modules['risk_api'] ?? {};
    expect(call).toMatchObject({
      min_instances: '${var.risk_api.min_instances}',
      max_instances: '${var.risk_api.max_instances}',
      concurrency: '${var.risk_api.concurrency}',
      startup_cpu_boost: true,
      cpu_always_allocated: true,
      timeout_seconds: 10,
      ingress: 'INGRESS_TRAFFIC_ALL',
      public: true,
    });
    // Private targets take only their invoker's calls.
    for (const name of ['escrow_on_decision', 'escrow_on_outcome', 'poll_sim_swaps']) {
      expect(stack.modules[name]).toMatchObject({ ingress: 'INGRESS_TRAFFIC_INTERNAL_ONLY' });
      expect(stack.modules[name]?.['public']).toBeUndefined();
    }
  });
});
