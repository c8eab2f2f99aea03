// Test-only: validators built from the CAMARA OpenAPI files in ../spec (r3.3, see spec/README.md).
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

export type SpecFile = 'sim-swap.yaml' | 'sim-swap-subscriptions.yaml';

interface OpenApiDoc {
  readonly paths: Record<string, Record<string, { responses: Record<string, { $ref?: string }> }>>;
}

const pointer = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1');
const JSON_SCHEMA = `content/${pointer('application/json')}/schema`;

/**
 * Ajv validators for one OpenAPI 3.0 file: `schema('SimSwapInfo')` for a component schema,
 * `response('/check', 'post', '422')` for what an operation documents for a status (following
 * the `$ref` to a shared response). Ajv understands `nullable`; OpenAPI-only keywords such as
 * `discriminator` and `example` are ignored (`strict: false`), and ajv logs nothing.
 */
export function specValidators(file: SpecFile) {
  const doc = parse(
    readFileSync(new URL(`../spec/${file}`, import.meta.url), 'utf8'),
  ) as OpenApiDoc;
  const ajv = new Ajv({ strict: false, logger: false, allErrors: true, validateSchema: false });
  addFormats.default(ajv);
  ajv.addSchema(doc, file);
  const compile = (ref: string): ValidateFunction => ajv.compile({ $ref: `${file}${ref}` });
  return {
    schema: (name: string) => compile(`#/components/schemas/${name}`),
    response(path: string, method: 'get' | 'post' | 'delete', status: string) {
      const response = doc.paths[path]?.[method]?.responses[status];
      if (response === undefined) {
        throw new Error(`${file}: ${method.toUpperCase()} ${path} documents no ${status}`);
      }
      const base = response.$ref ?? `#/paths/${pointer(path)}/${method}/responses/${status}`;
      return compile(`${base}/${JSON_SCHEMA}`);
    },
    /** Ajv's errors of the last call, for assertion messages. */
    errors: (validate: ValidateFunction) => ajv.errorsText(validate.errors),
  };
}
