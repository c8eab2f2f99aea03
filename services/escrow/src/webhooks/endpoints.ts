// Where each tenant's payment stack receives its escrow webhooks, from the environment:
//   ESCROW_WEBHOOKS={"<tenant>": {"url": "https://…", "secrets": ["whsec_…", …]}}
// A tenant without an entry has no endpoint (its holds send no webhooks).
import { z } from 'zod';
import { webhookSecretKey } from './signing.ts';

/** One tenant's webhook endpoint: deliveries are signed with every secret (rotation). */
export interface WebhookEndpoint {
  readonly tenantId: string;
  readonly url: string;
  /** 1–3 `whsec_` secrets; while a secret rotates, the old and the new one are both listed. */
  readonly secrets: readonly string[];
}

/** Endpoints by tenant id. */
export type WebhookEndpoints = ReadonlyMap<string, WebhookEndpoint>;

export type WebhookEndpointsResult =
  | { readonly ok: true; readonly endpoints: WebhookEndpoints; readonly issues?: never }
  | { readonly ok: false; readonly issues: readonly string[]; readonly endpoints?: never };

// Standard Webhooks: secrets rotate by listing the new one next to the old; three covers an
// overlap during a rotation that is itself rotated.
const MAX_SECRETS = 3;

const endpointSchema = z.strictObject({
  url: z.string({ error: 'must be a string' }),
  secrets: z
    .array(z.string({ error: 'must be a string' }), { error: 'must be an array of secrets' })
    .min(1, { error: `must list 1 to ${MAX_SECRETS} secrets` })
    .max(MAX_SECRETS, { error: `must list 1 to ${MAX_SECRETS} secrets` }),
});

const fieldPath = (path: readonly PropertyKey[]): string =>
  path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i > 0 ? '.' : ''}${String(key)}`))
    .join('');

const isLoopback = (hostname: string): boolean =>
  hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);

function urlProblem(text: string): string | null {
  if (!URL.canParse(text)) {
    return 'not a URL';
  }
  const url = new URL(text);
  if (url.username !== '' || url.password !== '') {
    return 'must not carry credentials';
  }
  if (url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url.hostname))) {
    return null;
  }
  return 'must be https (http only for a loopback host)';
}

function endpointOf(tenantId: string, entry: unknown, issues: string[]): WebhookEndpoint | null {
  const label = `tenant ${JSON.stringify(tenantId)}`;
  const parsed = endpointSchema.safeParse(entry);
  if (!parsed.success) {
    // zod's messages name the expectation, never the value received.
    for (const issue of parsed.error.issues) {
      const field = fieldPath(issue.path);
      issues.push(`${label}${field === '' ? '' : ` ${field}`}: ${issue.message}`);
    }
    return null;
  }
  const before = issues.length;
  const problem = urlProblem(parsed.data.url);
  if (problem !== null) {
    issues.push(`${label} url: ${problem}`);
  }
  parsed.data.secrets.forEach((secret, i) => {
    const key = webhookSecretKey(secret);
    if (!key.ok) {
      issues.push(`${label} secrets[${i}]: ${key.problem}`);
    }
  });
  return issues.length > before ? null : { tenantId, ...parsed.data };
}

/**
 * Parses `ESCROW_WEBHOOKS` (blank: no endpoints). Lists every problem, each naming the tenant and
 * the field; never a secret, nor the text around a JSON syntax error (it may hold one).
 */
export function parseWebhookEndpoints(json: string): WebhookEndpointsResult {
  if (json.trim() === '') {
    return { ok: true, endpoints: new Map() };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return { ok: false, issues: ['not valid JSON'] };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, issues: ['must be a JSON object: {"<tenant>": {"url", "secrets"}}'] };
  }
  const issues: string[] = [];
  const endpoints = new Map<string, WebhookEndpoint>();
  for (const [tenantId, entry] of Object.entries(raw)) {
    if (tenantId.trim() === '') {
      issues.push('a tenant id must not be blank');
      continue;
    }
    const endpoint = endpointOf(tenantId, entry, issues);
    if (endpoint !== null) {
      endpoints.set(tenantId, endpoint);
    }
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, endpoints };
}
