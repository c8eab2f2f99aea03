import { z } from 'zod';

/**
 * A string field holding JSON text, parsed and checked with `schema`. A document keeps as text what
 * is only ever read whole (a decision's context, a customer's history): one field to encode, index
 * and decode instead of one per value. Its issues carry the field's path (`contextJson.payment`),
 * never its values.
 */
export function jsonText<S extends z.ZodType>(schema: S) {
  return z.string().transform((text, ctx): z.output<S> => {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'not JSON' });
      return z.NEVER;
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
      }
      return z.NEVER;
    }
    return parsed.data;
  });
}
