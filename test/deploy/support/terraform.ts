// Reads the Terraform in infra/terraform with an HCL parser (@cdktf/hcl2json, HashiCorp's own HCL
// library compiled to WebAssembly), since providers cannot be downloaded here for `terraform
// validate`. Expressions stay strings (`${local.env["auth"]}`); `localMap` resolves the few forms
// the environment maps use: a local, a key of a local, and merge() of those.
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

// Loaded without its type declarations: they pull in the DOM library, whose RequestInit would
// replace Node's for the whole program (and break `duplex` elsewhere).
const { parse } = createRequire(import.meta.url)('@cdktf/hcl2json') as {
  parse: (fileName: string, contents: string) => Promise<unknown>;
};

export const TERRAFORM_DIR = join(import.meta.dirname, '..', '..', '..', 'infra', 'terraform');

/** One block's attributes (hcl2json gives every block as a list of these). */
export type Block = Record<string, unknown>;

export interface TerraformDir {
  readonly locals: Readonly<Record<string, unknown>>;
  readonly modules: Readonly<Record<string, Block>>;
  readonly variables: Readonly<Record<string, Block>>;
  /** `type.name` → block */
  readonly resources: Readonly<Record<string, Block>>;
  readonly outputs: ReadonlySet<string>;
  /** `type.name` of every data source. */
  readonly data: ReadonlySet<string>;
  /** The files' text, for references (`var.x`, `module.m.o`, `local.l`). */
  readonly text: string;
}

interface Hcl2Json {
  locals?: Record<string, unknown>[];
  module?: Record<string, Block[]>;
  variable?: Record<string, Block[]>;
  resource?: Record<string, Record<string, Block[]>>;
  data?: Record<string, Record<string, Block[]>>;
  output?: Record<string, Block[]>;
}

/** Every `.tf` file of one directory (a module or a root), merged. */
export async function readTerraformDir(dir: string): Promise<TerraformDir> {
  const locals: Record<string, unknown> = {};
  const modules: Record<string, Block> = {};
  const variables: Record<string, Block> = {};
  const resources: Record<string, Block> = {};
  const outputs = new Set<string>();
  const data = new Set<string>();
  let text = '';
  const files = readdirSync(dir).filter((name) => name.endsWith('.tf'));
  for (const name of files.sort()) {
    const source = readFileSync(join(dir, name), 'utf8');
    text += `${source}\n`;
    const json = (await parse(name, source)) as Hcl2Json;
    for (const id of Object.keys(json.output ?? {})) {
      outputs.add(id);
    }
    for (const [type, byName] of Object.entries(json.data ?? {})) {
      for (const id of Object.keys(byName)) {
        data.add(`${type}.${id}`);
      }
    }
    for (const block of json.locals ?? []) {
      Object.assign(locals, block);
    }
    for (const [id, blocks] of Object.entries(json.module ?? {})) {
      modules[id] = blocks[0] ?? {};
    }
    for (const [id, blocks] of Object.entries(json.variable ?? {})) {
      variables[id] = blocks[0] ?? {};
    }
    for (const [type, byName] of Object.entries(json.resource ?? {})) {
      for (const [id, blocks] of Object.entries(byName)) {
        resources[`${type}.${id}`] = blocks[0] ?? {};
      }
    }
  }
  return { locals, modules, variables, resources, outputs, data, text };
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `local.a` or `local.a["k"]` → its value. */
function localRef(ref: string, locals: TerraformDir['locals']): unknown {
  const match = /^local\.(\w+)(?:\["([^"]+)"\])?$/.exec(ref.trim());
  if (match === null) {
    throw new Error(`not a local reference: ${ref}`);
  }
  const value = locals[match[1] ?? ''];
  return match[2] === undefined ? value : isMap(value) ? value[match[2]] : undefined;
}

/**
 * A map argument as Terraform would evaluate it, for the forms used here: a literal map,
 * `${local.x}`, `${local.x["k"]}` or `${merge(a, b, …)}` of those (later keys win).
 */
export function localMap(value: unknown, locals: TerraformDir['locals']): Record<string, unknown> {
  if (isMap(value)) {
    return value;
  }
  const expression = typeof value === 'string' ? /^\$\{(.*)\}$/s.exec(value)?.[1] : undefined;
  if (expression === undefined) {
    throw new Error(`not a map: ${JSON.stringify(value)}`);
  }
  const merge = /^merge\((.*)\)$/s.exec(expression.trim());
  const parts = merge === null ? [expression] : (merge[1] ?? '').split(/,(?![^[]*\])/);
  const result: Record<string, unknown> = {};
  for (const part of parts) {
    const resolved = localRef(part, locals);
    if (!isMap(resolved)) {
      throw new Error(`${part.trim()} is not a map local (in ${expression})`);
    }
    Object.assign(result, resolved);
  }
  return result;
}

/** A string attribute's literal value, or undefined when it is an expression. */
export function literal(value: unknown): string | undefined {
  return typeof value === 'string' && !value.includes('${') ? value : undefined;
}
