import { describe, expect, it } from 'vitest';
import { DecisionSchema } from '@sentinel/contracts';
import { memoryAdapters, testApi } from '../testing/harness.ts';

interface ObjectSchema {
  readonly properties?: Record<string, ObjectSchema>;
  readonly required?: readonly string[];
  readonly allOf?: readonly unknown[];
}
interface OpenApiDoc {
  readonly paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
  readonly components: { readonly schemas: Record<string, ObjectSchema> };
}

const okSchema = (doc: OpenApiDoc, path: string, method: string) =>
  doc.paths[path]?.[method]?.responses['200'] as {
    content: { 'application/json': { schema: unknown } };
  };

describe('the OpenAPI document of a decision', () => {
  it('is generated from the contract’s DecisionSchema, for both routes that answer one', async () => {
    const t = testApi({ adapters: memoryAdapters() });
    const doc = (await (await t.api.app.request('/openapi.json')).json()) as OpenApiDoc;

    expect(okSchema(doc, '/v1/assess-payment', 'post').content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/Decision',
    });
    expect(
      okSchema(doc, '/v1/decisions/{decisionId}', 'get').content['application/json'].schema,
    ).toEqual({ $ref: '#/components/schemas/DecisionView' });
    // The view extends the decision by reference, not by a copy that could drift.
    expect(doc.components.schemas['DecisionView']?.allOf?.[0]).toEqual({
      $ref: '#/components/schemas/Decision',
    });

    const decision = doc.components.schemas['Decision'];
    const fields = Object.keys(DecisionSchema.shape);
    expect(Object.keys(decision?.properties ?? {})).toEqual(fields);
    expect(decision?.required).toEqual(fields.filter((f) => f !== 'stepUp' && f !== 'escrow'));
    expect(decision?.properties?.['signals']?.required).toEqual(['simSwap']);
    // The view's stepUp adds where the challenge stands (issue 11); an out-of-band step-up (issue
    // 12) has no challenge URL and no expiry.
    const stepUpView = doc.components.schemas['StepUpView'];
    expect(stepUpView?.required).toEqual(['methods', 'status', 'method', 'completedAt']);
  });
});
