import { envFields, type ConfigResult, type Env, type EnvFields } from '@sentinel/kernel';
import { parseRoutingTable, providerIdsOf, type RoutingTable } from './routing/routing-table.ts';

export type CamaraAuth =
  | { readonly kind: 'static'; readonly token: string }
  | {
      readonly kind: 'client-credentials';
      readonly tokenUrl: string;
      readonly clientId: string;
      readonly clientSecret: string;
      readonly clientAuth: 'basic' | 'post';
    };

export type ProviderSpec =
  | {
      readonly kind: 'camara';
      readonly id: string;
      /** `{apiRoot}/sim-swap/v2` */
      readonly baseUrl: string;
      readonly auth: CamaraAuth;
    }
  | {
      readonly kind: 'twilio';
      readonly id: string;
      readonly accountSid: string;
      readonly authToken: string;
      /** Local fake of `https://*.twilio.com`; never set in production. */
      readonly baseUrl?: string;
    };

export interface ProviderConfig {
  readonly routes: RoutingTable;
  readonly providers: readonly ProviderSpec[];
  readonly breaker: {
    readonly failureThreshold: number;
    readonly coolDownMs: number;
    /** Timeouts of calls given less than this do not count against a provider. */
    readonly minJudgedTimeoutMs: number;
  };
  /** Upper bound of any single provider call, whatever a caller asks for. */
  readonly maxCallTimeoutMs: number;
  /** Settings that fell back to local-only defaults (the simulator's fixed token). */
  readonly insecureDefaults: readonly string[];
}

export type ProviderConfigResult = ConfigResult<ProviderConfig>;

/** The local simulator (issue 3): port 8083, fixed 2-legged token in local mode. */
export const SIMULATOR_DEFAULTS = {
  id: 'simulator',
  baseUrl: 'http://127.0.0.1:8083/sim-swap/v2',
  token: 'local-camara-token',
} as const;

/** `camara-za` → `TELCO_CAMARA_ZA_` */
export function envPrefix(providerId: string): string {
  return `TELCO_${providerId.toUpperCase().replace(/-/g, '_')}_`;
}

/**
 * Provider settings from the environment, every problem listed at once:
 * - `TELCO_ROUTES`: `+27=camara-za,+1=twilio,*=simulator` (default `*=simulator`);
 * - per provider id, `TELCO_<ID>_KIND` = `camara` | `twilio` (default: `twilio` for ids starting
 *   with "twilio", else `camara`);
 * - CAMARA: `_BASE_URL`, then either `_TOKEN_URL` + `_CLIENT_ID` + `_CLIENT_SECRET`
 *   (+ `_CLIENT_AUTH` basic|post) or `_STATIC_TOKEN`; the id `simulator` defaults to the local
 *   simulator and its fixed token;
 * - Twilio: `_ACCOUNT_SID`, `_AUTH_TOKEN`, optional `_BASE_URL` (a local fake);
 * - `TELCO_BREAKER_FAILURES` (5), `TELCO_BREAKER_COOLDOWN_MS` (30000),
 *   `TELCO_BREAKER_MIN_JUDGED_TIMEOUT_MS` (250), `TELCO_MAX_CALL_TIMEOUT_MS` (5000).
 * Secrets are named in issues, never shown.
 */
export function loadProviderConfig(env: Env): ProviderConfigResult {
  const f = envFields(env);
  const config = readProviderConfig(f);
  return f.result(() => config);
}

/** `loadProviderConfig` on fields a caller is reading too (their problems listed together). */
export function readProviderConfig(f: EnvFields): ProviderConfig {
  const insecureDefaults: string[] = [];
  const table = parseRoutingTable(f.optional('TELCO_ROUTES') ?? `*=${SIMULATOR_DEFAULTS.id}`);
  if (!table.ok) {
    for (const problem of table.issues) {
      f.issue('TELCO_ROUTES', problem);
    }
  }
  // A bad table routes nothing while its problems are reported (the result is then refused).
  const routes: RoutingTable = table.ok ? table.table : { routes: [] };
  const providers = providerIdsOf(routes).flatMap((id) => {
    const spec = providerSpec(id, f, insecureDefaults);
    return spec === null ? [] : [spec];
  });
  const int = (name: string, min: number, max: number, fallback: number) =>
    f.int(name, { min, max, fallback });
  return {
    routes,
    providers,
    breaker: {
      failureThreshold: int('TELCO_BREAKER_FAILURES', 1, 1_000, 5),
      coolDownMs: int('TELCO_BREAKER_COOLDOWN_MS', 0, 3_600_000, 30_000),
      minJudgedTimeoutMs: int('TELCO_BREAKER_MIN_JUDGED_TIMEOUT_MS', 0, 60_000, 250),
    },
    maxCallTimeoutMs: int('TELCO_MAX_CALL_TIMEOUT_MS', 1, 60_000, 5_000),
    insecureDefaults,
  };
}

function providerSpec(id: string, f: EnvFields, insecure: string[]): ProviderSpec | null {
  const p = envPrefix(id);
  const read = (name: string): string | undefined => f.optional(`${p}${name}`);
  const kind = read('KIND') ?? (id.startsWith('twilio') ? 'twilio' : 'camara');
  const need = (name: string): string => f.required(`${p}${name}`, `required for provider ${id}`);
  const url = (name: string, value: string): string => {
    if (value !== '' && !URL.canParse(value)) {
      f.issue(`${p}${name}`, 'not a URL');
    }
    return value.replace(/\/+$/, '');
  };
  if (kind === 'twilio') {
    const accountSid = need('ACCOUNT_SID');
    if (accountSid !== '' && !/^AC[0-9a-fA-F]{32}$/.test(accountSid)) {
      f.issue(`${p}ACCOUNT_SID`, 'must be AC followed by 32 hex digits');
    }
    const authToken = need('AUTH_TOKEN');
    const baseUrl = read('BASE_URL');
    return baseUrl === undefined
      ? { kind, id, accountSid, authToken }
      : { kind, id, accountSid, authToken, baseUrl: url('BASE_URL', baseUrl) };
  }
  if (kind !== 'camara') {
    f.issue(`${p}KIND`, 'must be camara or twilio');
    return null;
  }
  const isSimulator = id === SIMULATOR_DEFAULTS.id;
  const baseUrl = url(
    'BASE_URL',
    isSimulator ? (read('BASE_URL') ?? SIMULATOR_DEFAULTS.baseUrl) : need('BASE_URL'),
  );
  const tokenUrl = read('TOKEN_URL');
  if (tokenUrl !== undefined) {
    const clientAuth = f.oneOf(`${p}CLIENT_AUTH`, ['basic', 'post'], 'basic');
    return {
      kind,
      id,
      baseUrl,
      auth: {
        kind: 'client-credentials',
        tokenUrl: url('TOKEN_URL', tokenUrl),
        clientId: need('CLIENT_ID'),
        clientSecret: need('CLIENT_SECRET'),
        clientAuth,
      },
    };
  }
  const token = read('STATIC_TOKEN');
  if (token === undefined && !isSimulator) {
    f.issue(`${p}TOKEN_URL`, `required for provider ${id} (or ${p}STATIC_TOKEN)`);
    return null;
  }
  if (token === undefined) {
    insecure.push(`${p}STATIC_TOKEN`);
  }
  return { kind, id, baseUrl, auth: { kind: 'static', token: token ?? SIMULATOR_DEFAULTS.token } };
}
