// The resources in infra/terraform against what the code uses: topics and their schemas, the
// escrow's push subscriptions, the BigQuery subscriptions, dead letters, secrets, schedules, and
// each service account's roles against docs/operations.md.
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DECISION_AVSC_PATH, ESCROW_EVENT_AVSC_PATH, OUTCOME_AVSC_PATH } from '@sentinel/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { documentedGrants, terraformGrants } from './support/grants.ts';
import { serviceEnv, SERVICE_MODULES } from './support/service-env.ts';
import {
  TERRAFORM_DIR,
  literal,
  readTerraformDir,
  type Block,
  type TerraformDir,
} from './support/terraform.ts';

const ROOT = join(TERRAFORM_DIR, '..', '..');
let stack: TerraformDir;
const modulesDir: Record<string, TerraformDir> = {};
beforeAll(async () => {
  stack = await readTerraformDir(join(TERRAFORM_DIR, 'modules', 'sentinel'));
  for (const name of ['event-topic', 'push-subscription', 'dead-letter', 'cloud-run-service']) {
    modulesDir[name] = await readTerraformDir(join(TERRAFORM_DIR, 'modules', name));
  }
});

function callsOf(source: string): Record<string, Block> {
  return Object.fromEntries(
    Object.entries(stack.modules).filter(([, call]) => call['source'] === `../${source}`),
  );
}

/** Every topic the stack creates: event topics and dead-letter topics (incl. the modules' own). */
function topics(): Set<string> {
  const names = new Set<string>();
  for (const call of Object.values(callsOf('event-topic'))) {
    names.add(String(call['name']));
    names.add(`${String(call['name'])}-bigquery-dead-letter`);
  }
  for (const call of Object.values(callsOf('dead-letter'))) {
    names.add(String(call['name']));
  }
  for (const call of Object.values(callsOf('push-subscription'))) {
    names.add(`${String(call['name'])}-dead-letter`);
  }
  return names;
}

describe('topics, schemas and subscriptions', () => {
  it('creates every topic a service publishes to, with the schema the code names', () => {
    const byTopic = Object.fromEntries(
      Object.values(callsOf('event-topic')).map((call) => [
        String(call['name']),
        { schema: call['schema_id'], avro: String(call['avro_definition']) },
      ]),
    );
    const used: [string, string, URL][] = [];
    for (const module of Object.keys(SERVICE_MODULES)) {
      const { plain } = serviceEnv(stack, module);
      const pairs: [string, string, URL][] = [
        ['SENTINEL_DECISIONS_TOPIC', 'SENTINEL_DECISIONS_SCHEMA', DECISION_AVSC_PATH],
        ['SENTINEL_OUTCOMES_TOPIC', 'SENTINEL_OUTCOMES_SCHEMA', OUTCOME_AVSC_PATH],
        ['ESCROW_EVENTS_TOPIC', 'ESCROW_EVENTS_SCHEMA', ESCROW_EVENT_AVSC_PATH],
      ];
      for (const [topicVar, schemaVar, avsc] of pairs) {
        const topic = literal(plain[topicVar]);
        if (topic !== undefined) {
          used.push([topic, String(plain[schemaVar]), avsc]);
        }
      }
      const deadLetters = literal(plain['ESCROW_DEAD_LETTER_TOPIC']);
      if (deadLetters !== undefined) {
        expect(topics()).toContain(deadLetters);
      }
    }
    expect(new Set(used.map(([topic]) => topic))).toEqual(
      new Set(['risk-decisions', 'risk-outcomes', 'escrow-events']),
    );
    for (const [topic, schema, avsc] of used) {
      expect(byTopic[topic]?.schema, topic).toBe(schema);
      // The topic's schema is the file the producer validates against.
      expect(byTopic[topic]?.avro, topic).toContain(`/pubsub/${basename(fileURLToPath(avsc))}`);
    }
  });

  it('writes each event topic to its BigQuery table with the topic schema and metadata', () => {
    const tables = (stack.modules['bigquery']?.['table_files'] ?? {}) as Record<string, string>;
    for (const [table, path] of Object.entries(tables)) {
      expect(existsSync(join(ROOT, 'infra', 'bigquery', basename(path))), path).toBe(true);
      expect(path).toContain(`/bigquery/${table}.json`);
    }
    const written = Object.values(callsOf('event-topic')).map(
      (call) => /module\.bigquery\.tables\["(\w+)"\]/.exec(String(call['bigquery_table']))?.[1],
    );
    expect(written.sort()).toEqual(Object.keys(tables).sort());
    const bigquery = modulesDir['event-topic']?.resources['google_pubsub_subscription.bigquery'];
    expect(bigquery?.['bigquery_config']).toEqual([
      { table: '${var.bigquery_table}', use_topic_schema: true, write_metadata: true },
    ]);
    expect(bigquery?.['dead_letter_policy']).toBeDefined();
  });

  it('pushes held decisions and every outcome to the escrow functions, OIDC-signed, with dead letters', () => {
    const push = callsOf('push-subscription');
    expect(
      Object.fromEntries(
        Object.values(push).map((call) => [
          String(call['name']),
          {
            topic: String(call['topic_id']),
            endpoint: String(call['push_endpoint']),
            filter: call['filter'],
            oidc: String(call['oidc_service_account']),
          },
        ]),
      ),
    ).toEqual({
      'escrow-decisions': {
        topic: '${module.risk_decisions.id}',
        // functions-framework turns a push to …/projects/{p}/topics/{t} into the topic's CloudEvent.
        endpoint:
          '${local.run_url["escrow-on-decision"]}/projects/${var.project_id}/topics/risk-decisions',
        // The risk-api publishes the attribute (pubsub-decision-event-publisher.ts).
        filter: 'attributes.escrowHeld = "true"',
        oidc: '${google_service_account.this["sentinel-pubsub-push"].email}',
      },
      'escrow-outcomes': {
        topic: '${module.risk_outcomes.id}',
        endpoint:
          '${local.run_url["escrow-on-outcome"]}/projects/${var.project_id}/topics/risk-outcomes',
        filter: undefined,
        oidc: '${google_service_account.this["sentinel-pubsub-push"].email}',
      },
    });
    expect(stack.modules['escrow_on_decision']?.['name']).toBe('escrow-on-decision');
    expect(stack.modules['escrow_on_outcome']?.['name']).toBe('escrow-on-outcome');
    const subscription =
      modulesDir['push-subscription']?.resources['google_pubsub_subscription.this'];
    expect(subscription?.['dead_letter_policy']).toEqual([
      {
        dead_letter_topic: '${module.dead_letter.topic_id}',
        max_delivery_attempts: '${var.max_delivery_attempts}',
      },
    ]);
    expect(JSON.stringify(subscription?.['push_config'])).toContain('oidc_token');
  });

  it('keeps what lands on every dead-letter topic, and alerts on it', () => {
    const hold = modulesDir['dead-letter']?.resources['google_pubsub_subscription.hold'];
    expect(hold).toMatchObject({
      retain_acked_messages: true,
      message_retention_duration: '604800s',
    });
    const watched = String(stack.modules['monitoring']?.['dead_letter_subscriptions']);
    for (const name of Object.keys(callsOf('push-subscription'))) {
      expect(watched).toContain(`module.${name}.dead_letter_hold_subscription`);
    }
    for (const name of Object.keys(callsOf('event-topic'))) {
      expect(watched).toContain(`module.${name}.dead_letter_hold_subscriptions`);
    }
    for (const name of Object.keys(callsOf('dead-letter'))) {
      expect(watched).toContain(`module.${name}.hold_subscription`);
    }
  });
});

describe('secrets and schedules', () => {
  it('creates every secret a service mounts', () => {
    const mounted = new Set(
      Object.keys(SERVICE_MODULES).flatMap((m) =>
        Object.values(serviceEnv(stack, m).secrets).map(String),
      ),
    );
    const declared = Object.values(stack.locals['secrets'] as Record<string, object>)
      .concat([stack.locals['telco_secrets'] as object])
      .flatMap((map) => Object.values(map).map(String));
    expect(new Set(declared)).toEqual(mounted);
    expect(String(stack.modules['secrets']?.['secret_ids'])).toBe(
      '${setunion(toset(flatten([for s in concat(values(local.secrets), [local.telco_secrets]) : values(s)])), ["sentinel-smoke-key"])}',
    );
    // Each kind the issue names: API keys, pseudonym key, step-up secret, TOTP key, webhook
    // secrets, sweep tokens, telco and Twilio credentials.
    expect([...mounted].sort()).toEqual([
      'auth-sweep-token',
      'auth-totp-key',
      'escrow-sweep-token',
      'escrow-webhooks',
      'sentinel-admin-keys',
      'sentinel-api-keys',
      'sentinel-platform-keys',
      'sentinel-pseudonym-key',
      'sentinel-step-up-secret',
      'telco-camara-client-id',
      'telco-camara-client-secret',
      'telco-twilio-account-sid',
      'telco-twilio-auth-token',
      'telco-webhook-tokens',
      'twilio-verify-account-sid',
      'twilio-verify-auth-token',
      'twilio-verify-service-sid',
    ]);
  });

  it('sweeps the escrow and auth with their tokens every minute, and polls the telcos every 5 minutes', () => {
    const jobs = Object.fromEntries(
      Object.values(callsOf('scheduler-job')).map((job) => [
        String(job['name']),
        [job['schedule'], job['uri'], job['bearer_token'] ?? job['oidc_service_account']],
      ]),
    );
    expect(jobs).toEqual({
      'escrow-sweep': [
        '* * * * *',
        '${local.run_url["escrow-api"]}/internal/sweep',
        '${data.google_secret_manager_secret_version.sweep_token["escrow-sweep-token"].secret_data}',
      ],
      'auth-sweep': [
        '* * * * *',
        '${local.run_url["auth"]}/internal/sweep',
        '${data.google_secret_manager_secret_version.sweep_token["auth-sweep-token"].secret_data}',
      ],
      'telco-poll': [
        '*/5 * * * *',
        '${local.run_url["poll-sim-swaps"]}',
        '${google_service_account.this["sentinel-scheduler"].email}',
      ],
    });
    // The token the job sends is the one the service checks.
    expect(serviceEnv(stack, 'escrow_api').secrets['ESCROW_SWEEP_TOKEN']).toBe(
      'escrow-sweep-token',
    );
    expect(serviceEnv(stack, 'auth').secrets['AUTH_SWEEP_TOKEN']).toBe('auth-sweep-token');
  });
});

describe('service accounts', () => {
  it('grants each account exactly the roles docs/operations.md lists', () => {
    const docs = readFileSync(join(ROOT, 'docs', 'operations.md'), 'utf8');
    const documented = documentedGrants(docs);
    expect(documented.length).toBeGreaterThan(40);
    expect(terraformGrants(stack)).toEqual(documented);
  });

  it('lets each account read only the secrets its own services mount', () => {
    const readers = stack.locals['secret_readers'] as Record<string, unknown>;
    const mountedBy: Record<string, Set<string>> = {};
    for (const module of Object.keys(SERVICE_MODULES)) {
      const account =
        /this\["([^"]+)"\]/.exec(String(stack.modules[module]?.['service_account']))?.[1] ?? '?';
      const set = (mountedBy[account] ??= new Set());
      for (const secret of Object.values(serviceEnv(stack, module).secrets)) {
        set.add(String(secret));
      }
    }
    const granted = Object.fromEntries(
      Object.keys(readers).map((account) => [
        account,
        new Set(
          terraformGrants(stack)
            .filter((g) => g.startsWith(`${account} roles/secretmanager.secretAccessor `))
            .map((g) => g.replace(/^.* secret\//, '')),
        ),
      ]),
    );
    expect(granted).toEqual(mountedBy);
  });

  it('fails when a role is granted that the table does not list', () => {
    const docs = readFileSync(join(ROOT, 'docs', 'operations.md'), 'utf8');
    const fewer = docs.replace(/^\| `sentinel-auth` \| `roles\/pubsub\.publisher` .*\n/m, '');
    const granted = terraformGrants(stack);
    expect(granted).not.toEqual(documentedGrants(fewer));
    expect(granted.filter((g) => !documentedGrants(fewer).includes(g))).toEqual([
      'sentinel-auth roles/pubsub.publisher topic/risk-outcomes',
    ]);
  });
});
