// What `terraform validate` would check of the wiring, without the provider: each module call
// passes only variables the module declares and every one it requires; every `var.`, `local.`,
// `module.<m>.<output>`, resource and data reference names something that exists. The provider's
// own schema (attribute names, types) is verified only by a real `terraform validate`.
import { readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { TERRAFORM_DIR, readTerraformDir, type TerraformDir } from './support/terraform.ts';

const META = new Set(['source', 'depends_on', 'count', 'for_each', 'providers']);
const dirs = [
  ...readdirSync(join(TERRAFORM_DIR, 'modules')).map((m) => join(TERRAFORM_DIR, 'modules', m)),
  ...readdirSync(join(TERRAFORM_DIR, 'envs')).map((e) => join(TERRAFORM_DIR, 'envs', e)),
];
const read = new Map<string, TerraformDir>();
beforeAll(async () => {
  for (const dir of dirs) {
    read.set(dir, await readTerraformDir(dir));
  }
});

/** Every wiring problem of the directory `dir`. */
function wiringProblems(dir: string, tf: TerraformDir): string[] {
  const where = relative(TERRAFORM_DIR, dir);
  const problems: string[] = [];
  const refs = (pattern: RegExp) => [...tf.text.matchAll(pattern)].map((m) => m.slice(1));
  for (const [name] of refs(/\bvar\.(\w+)/g)) {
    if (name !== undefined && !(name in tf.variables)) {
      problems.push(`${where}: var.${name} is not declared`);
    }
  }
  for (const [name] of refs(/\blocal\.(\w+)/g)) {
    if (name !== undefined && !(name in tf.locals)) {
      problems.push(`${where}: local.${name} is not defined`);
    }
  }
  for (const [type, name] of refs(/\b(google_\w+)\.(\w+)\b/g)) {
    const id = `${String(type)}.${String(name)}`;
    const isData = new RegExp(`data\\.${id.replace('.', '\\.')}\\b`).test(tf.text);
    if (!(id in tf.resources) && !(isData && tf.data.has(id))) {
      problems.push(`${where}: ${id} is not declared`);
    }
  }
  for (const [call, block] of Object.entries(tf.modules)) {
    const target = read.get(resolve(dir, String(block['source'])));
    if (target === undefined) {
      problems.push(`${where}: module ${call} has no source ${String(block['source'])}`);
      continue;
    }
    for (const arg of Object.keys(block).filter((k) => !META.has(k))) {
      if (!(arg in target.variables)) {
        problems.push(`${where}: module ${call} passes ${arg}, which its module does not declare`);
      }
    }
    for (const [variable, spec] of Object.entries(target.variables)) {
      if (!('default' in spec) && !(variable in block)) {
        problems.push(`${where}: module ${call} does not pass the required ${variable}`);
      }
    }
    for (const [output] of refs(new RegExp(`\\bmodule\\.${call}(?:\\[\\w+\\])?\\.(\\w+)`, 'g'))) {
      if (output !== undefined && !target.outputs.has(output)) {
        problems.push(`${where}: module.${call}.${output} is not an output of its module`);
      }
    }
  }
  for (const [name] of refs(/\bmodule\.(\w+)/g)) {
    if (name !== undefined && !(name in tf.modules)) {
      problems.push(`${where}: module.${name} is not called here`);
    }
  }
  return [...new Set(problems)];
}

describe('the Terraform wiring', () => {
  it.each(dirs.map((d) => [relative(TERRAFORM_DIR, d), d]))('%s', (_name, dir) => {
    const tf = read.get(dir);
    if (tf === undefined) {
      throw new Error(`not read: ${dir}`);
    }
    expect(wiringProblems(dir, tf)).toEqual([]);
  });

  it('finds a misspelt variable, a missing argument and an unknown output', () => {
    const dir = join(TERRAFORM_DIR, 'modules', 'sentinel');
    const tf = read.get(dir);
    if (tf === undefined) {
      throw new Error('not read');
    }
    const calls = { ...tf.modules };
    const { oidc_audience: _dropped, ...withoutAudience } = calls['escrow_outcomes_push'] ?? {};
    calls['escrow_outcomes_push'] = { ...withoutAudience, oidc_audiences: 'x' };
    const broken: TerraformDir = {
      ...tf,
      modules: calls,
      text: `${tf.text}\n# var.project_idd module.risk_api.url\n`,
    };
    expect(wiringProblems(dir, broken)).toEqual([
      'modules/sentinel: var.project_idd is not declared',
      'modules/sentinel: module escrow_outcomes_push passes oidc_audiences, which its module does not declare',
      'modules/sentinel: module escrow_outcomes_push does not pass the required oidc_audience',
      'modules/sentinel: module.risk_api.url is not an output of its module',
    ]);
  });
});
