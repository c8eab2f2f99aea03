// cloudbuild.yaml's gates, read as Cloud Build runs them: a step waits for its `waitFor` steps, or
// for every step above it when it has none; `-` means at once. The order that matters is checked
// on that graph, so reordering the file or a waitFor that skips a gate fails here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SERVICE_MODULES } from './support/service-env.ts';
import { TERRAFORM_DIR, readTerraformDir } from './support/terraform.ts';

const ROOT = join(import.meta.dirname, '..', '..');

interface Step {
  id: string;
  name: string;
  args?: string[];
  waitFor?: string[];
  secretEnv?: string[];
}

interface Build {
  serviceAccount: string;
  steps: Step[];
  availableSecrets: { secretManager: { versionName: string; env: string }[] };
}

const build = parse(readFileSync(join(ROOT, 'cloudbuild.yaml'), 'utf8')) as Build;

/** step id → every step that has finished before it starts. */
function predecessors(steps: readonly Step[]): Map<string, Set<string>> {
  const before = new Map<string, Set<string>>();
  steps.forEach((step, index) => {
    const direct =
      step.waitFor === undefined
        ? steps.slice(0, index).map((s) => s.id)
        : step.waitFor.filter((id) => id !== '-');
    const all = new Set<string>();
    for (const id of direct) {
      const known = before.get(id);
      if (known === undefined) {
        throw new Error(`${step.id} waits for ${id}, which is not an earlier step`);
      }
      all.add(id);
      known.forEach((p) => all.add(p));
    }
    before.set(step.id, all);
  });
  return before;
}

const GATES = ['format', 'terraform-fmt', 'lint', 'typecheck', 'unit-tests', 'integration-tests'];
const text = (step: Step) => (step.args ?? []).join(' ');
const isRunDeploy = (step: Step) => /gcloud run deploy|^run deploy /.test(text(step));

/** Every order the release depends on; one message per broken one. */
function orderProblems(steps: readonly Step[]): string[] {
  const before = predecessors(steps);
  const problems: string[] = [];
  const must = (first: string, then: string, why: string) => {
    if (!before.get(then)?.has(first)) {
      problems.push(`${then} may start before ${first} ends (${why})`);
    }
  };
  for (const gate of GATES) {
    must(gate, 'push-images', 'nothing is pushed before every check passed');
    must(gate, 'firestore-rules-and-indexes', 'nothing is released before every check passed');
    must(gate, 'bq-migrate', 'nothing is migrated before every check passed');
  }
  for (const buildStep of steps.filter((s) => s.id.startsWith('build-'))) {
    must(buildStep.id, 'push-images', 'every image is pushed');
  }
  for (const deploy of steps.filter(isRunDeploy)) {
    must('push-images', deploy.id, 'its image exists');
    must('firestore-rules-and-indexes', deploy.id, 'a query without its index fails in production');
    must('bq-migrate', deploy.id, 'a new column exists before a revision publishes it');
    if (!before.get('smoke')?.has(deploy.id) && !before.get(deploy.id)?.has('migrate-traffic')) {
      problems.push(`${deploy.id} is neither smoke-tested nor after the traffic migration`);
    }
    if (before.get('smoke')?.has(deploy.id) && !/--no-traffic .*--tag=/.test(text(deploy))) {
      problems.push(`${deploy.id} is smoke-tested but not deployed with --no-traffic --tag`);
    }
  }
  must('smoke', 'migrate-traffic', 'traffic moves only to a revision that passed the smoke test');
  must('migrate-traffic', 'deploy-functions', 'the functions follow the services');
  return problems;
}

describe('cloudbuild.yaml', () => {
  it('keeps the gates in order', () => {
    expect(orderProblems(build.steps)).toEqual([]);
  });

  it('fails when a step skips a gate, naming the order it breaks', () => {
    const skipping = build.steps.map((step) =>
      step.id === 'migrate-traffic' ? { ...step, waitFor: ['deploy-risk-api'] } : step,
    );
    expect(orderProblems(skipping)).toEqual([
      'migrate-traffic may start before smoke ends (traffic moves only to a revision that passed the smoke test)',
    ]);
    const early = build.steps.map((step) =>
      step.id === 'push-images'
        ? { ...step, waitFor: (step.waitFor ?? []).filter((id) => id !== 'integration-tests') }
        : step,
    );
    expect(orderProblems(early)).toContain(
      'push-images may start before integration-tests ends (nothing is pushed before every check passed)',
    );
  });

  it('runs the gates and the image builds in parallel', () => {
    const before = predecessors(build.steps);
    for (const gate of GATES.filter((g) => g !== 'terraform-fmt')) {
      expect([...(before.get(gate) ?? [])], gate).toEqual(['install']);
    }
    for (const step of build.steps.filter((s) => s.id.startsWith('build-'))) {
      expect(step.waitFor).toEqual(['-']);
    }
  });

  it('builds, pushes and deploys every deployable and Cloud Run service Terraform declares', async () => {
    const images = build.steps
      .filter((s) => s.id.startsWith('build-'))
      .map((s) =>
        /-f services\/([\w-]+)\/Dockerfile -t \$\{_IMAGES\}\/([\w-]+):\$COMMIT_SHA/.exec(text(s)),
      )
      .map((m) => (m?.[1] === m?.[2] ? m?.[1] : `mismatch ${String(m)}`));
    expect(images.sort()).toEqual(['auth', 'escrow', 'risk-api', 'telco-ingestion']);
    const stack = await readTerraformDir(join(TERRAFORM_DIR, 'modules', 'sentinel'));
    const serviceNames = Object.keys(SERVICE_MODULES).map((m) =>
      String(stack.modules[m]?.['name']),
    );
    const deployed = build.steps
      .filter((s) => /run deploy/.test(text(s)))
      .map(text)
      .join('\n');
    for (const name of serviceNames) {
      expect(deployed, name).toMatch(
        new RegExp(`(run deploy ${name} |\\b${name}\\b.*\\n?.*run deploy)`),
      );
    }
    expect(serviceNames.sort()).toEqual([
      'auth',
      'camara-webhook',
      'escrow-api',
      'escrow-on-decision',
      'escrow-on-outcome',
      'poll-sim-swaps',
      'risk-api',
    ]);
  });

  it('runs as Terraform’s deployer, with the smoke key it may read', async () => {
    expect(build.serviceAccount).toContain('/serviceAccounts/sentinel-deployer@');
    const stack = await readTerraformDir(join(TERRAFORM_DIR, 'modules', 'sentinel'));
    const grants = stack.locals['grants'] as { account: string; role: string; on: string }[];
    const secret = /secrets\/([\w-]+)\/versions/.exec(
      build.availableSecrets.secretManager[0]?.versionName ?? '',
    )?.[1];
    expect(grants).toContainEqual({
      account: 'sentinel-deployer',
      role: 'roles/secretmanager.secretAccessor',
      on: `secret/${String(secret)}`,
    });
    expect(build.steps.find((s) => s.id === 'smoke')?.secretEnv).toEqual(['SMOKE_API_KEY']);
  });
});
