// The keys npm start gives the risk-api: whatever SENTINEL_API_KEYS / SENTINEL_ADMIN_KEYS hold,
// plus the demo tenant's own pair, which the seeding and the printed walkthrough use. A user's own
// keys therefore never break the demo, and the demo keys never replace the user's.

/** The demo tenant: one client id for both keys, so its admin acts on its own customers. */
export const DEMO_CLIENT = 'demo';
export const DEMO_API_KEY = 'local-dev-key';
export const DEMO_ADMIN_KEY = 'local-admin-key';

interface Entry {
  readonly clientId: string;
  readonly key: string;
}

/** `clientId:key` or a bare key (client `default`), as the risk-api's loadConfig reads them. */
function entries(list: string | undefined): Entry[] {
  return (list ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0)
    .map((entry) => {
      const colon = entry.indexOf(':');
      return colon > 0
        ? { clientId: entry.slice(0, colon), key: entry.slice(colon + 1) }
        : { clientId: 'default', key: entry };
    });
}

/** Shows a secret's first four characters only. */
const mask = (key: string) => `${key.slice(0, 4)}${'•'.repeat(Math.max(4, key.length - 4))}`;

export interface DemoKeys {
  /** The tenant the demo customers are seeded in: both demo keys act on it. */
  readonly tenant: string;
  readonly apiKeys: string;
  readonly adminKeys: string;
  /** One line per accepted key, `client  key  (api|admin)`; only the demo keys unmasked. */
  readonly accepted: readonly string[];
}

/** The user's keys with the demo pair added (unless a list already holds that exact key). */
export function demoKeys(env: Readonly<Record<string, string | undefined>>): DemoKeys {
  const api = entries(env['SENTINEL_API_KEYS']);
  const admin = entries(env['SENTINEL_ADMIN_KEYS']);
  const known = new Set([...api, ...admin].map((e) => e.key));
  // A demo key the user already gave to a tenant (e.g. a bare `local-dev-key`, tenant `default`)
  // takes the demo there: the other demo key joins the same tenant, so the walkthrough's admin can
  // still unfreeze the customers the seeding created.
  const tenant =
    api.find((e) => e.key === DEMO_API_KEY)?.clientId ??
    admin.find((e) => e.key === DEMO_ADMIN_KEY)?.clientId ??
    DEMO_CLIENT;
  if (!known.has(DEMO_API_KEY)) {
    api.push({ clientId: tenant, key: DEMO_API_KEY });
  }
  if (!known.has(DEMO_ADMIN_KEY)) {
    admin.push({ clientId: tenant, key: DEMO_ADMIN_KEY });
  }
  const isDemo = (key: string) => key === DEMO_API_KEY || key === DEMO_ADMIN_KEY;
  const line = (kind: string) => (e: Entry) =>
    `${e.clientId.padEnd(12)} ${(isDemo(e.key) ? e.key : mask(e.key)).padEnd(20)} ${kind}`;
  const join = (list: Entry[]) => list.map((e) => `${e.clientId}:${e.key}`).join(',');
  return {
    tenant,
    apiKeys: join(api),
    adminKeys: join(admin),
    accepted: [...api.map(line('api')), ...admin.map(line('admin'))],
  };
}
