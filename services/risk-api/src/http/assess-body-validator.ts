import { z } from '@hono/zod-openapi';
import { validator } from 'hono/validator';
import { invalidRequest } from './router.ts';
import { AssessPaymentRequestSchema, type AssessPaymentRequest } from './schemas.ts';

/**
 * The assess-payment body's schema compiled by zod itself (`z.compile`): generated code checks a
 * body and builds its value; a body it refuses goes to zod's own parser, so every error is zod's by
 * construction. `AssessPaymentRequestSchema` stays the source of the OpenAPI document.
 * assess-body-validator.test.ts proves both give the same value or the same issues over the fuzz
 * corpus; `npm run bench:plumbing` measures it against zod's parser. `strict`: a schema zod
 * cannot compile fails at start-up rather than silently falling back to the slower parser.
 */
export const compiledAssessPaymentRequest = z.compile(AssessPaymentRequestSchema, {
  strict: true,
});

/**
 * The body validator of `POST /v1/assess-payment`: synchronous, where the route's zod-openapi
 * validator awaited `safeParseAsync` (zod's async parser, which the compiled code does not run).
 * Malformed JSON and the media type are Hono's validator's, as before.
 */
export const assessBodyValidator = validator('json', (value): AssessPaymentRequest => {
  const result = compiledAssessPaymentRequest.safeParse(value);
  if (!result.success) {
    throw invalidRequest('json', result.error.issues);
  }
  return result.data;
});
