import type { LogLevel } from './logger.ts';

/** The process environment, or a test's stand-in for it. */
export type Env = Readonly<Record<string, string | undefined>>;

/** What a service's `loadConfig` answers: its config, or every problem found (never both). */
export type ConfigResult<C> =
  | { readonly ok: true; readonly config: C; readonly issues?: never }
  | { readonly ok: false; readonly issues: readonly string[]; readonly config?: never };

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const satisfies readonly LogLevel[];

/**
 * Reads one service's environment field by field and collects every problem instead of stopping at
 * the first (functions-framework's `parseOptions` style). A field that is unset, blank or invalid
 * gives its fallback, so reading goes on and `result` lists the whole story. Issues name the
 * variable, never its value (some are secrets).
 */
export interface EnvFields {
  /** Whether this runs on Cloud Run (`K_SERVICE` is set), where local defaults are refused. */
  readonly onCloudRun: boolean;
  readonly issues: readonly string[];
  /** Records a problem of `name` that only the loader can see (cross-field rules). */
  issue(name: string, problem: string): void;
  /** The trimmed value, or undefined when unset or blank. */
  optional(name: string): string | undefined;
  /** The trimmed value; an issue (`problem`, default "required") when unset or blank. */
  required(name: string, problem?: string): string;
  /** Text of at least `minLength` characters, or `fallback` when unset. */
  text(name: string, opts: { readonly fallback: string; readonly minLength?: number }): string;
  /** A secret of at least `minLength` characters, or undefined when unset. */
  secret(name: string, minLength: number): string | undefined;
  /** An integer within `min`…`max` (milliseconds, counts, ports …). */
  int(
    name: string,
    opts: { readonly min: number; readonly max: number; readonly fallback: number },
  ): number;
  /** A number above 0 and at most `max` (rates). */
  positive(name: string, opts: { readonly max: number; readonly fallback: number }): number;
  /** A TCP port to listen on (0: any free one, when `allowAny`). */
  port(name: string, fallback: number, opts?: { readonly allowAny?: boolean }): number;
  oneOf<T extends string>(name: string, options: readonly T[], fallback: T): T;
  /** `true` or `false`; undefined when unset. */
  flag(name: string): boolean | undefined;
  /** Comma-separated entries, trimmed, blanks dropped; undefined when unset. */
  list(name: string): string[] | undefined;
  /** An absolute URL without trailing slashes. */
  url(name: string, fallback: string): string;
  logLevel(name?: string): LogLevel;
  /**
   * The backing store (`firestore` | `memory`, from `name`) and the Google Cloud project: required
   * for Firestore, `local` in memory.
   */
  store(name: string): { readonly store: 'firestore' | 'memory'; readonly projectId: string };
  /**
   * A secret left unset: refused on Cloud Run, recorded in `insecureDefaults` everywhere (the
   * loader then uses its local-only default).
   */
  missingSecret(name: string, insecureDefaults: string[]): void;
  /** The config `build` makes when no problem was found, else every problem. */
  result<C>(build: () => C): ConfigResult<C>;
}

/** `['a', 'b', 'c']` → `a, b or c` */
const alternatives = (options: readonly string[]): string =>
  options.length <= 1
    ? (options[0] ?? '')
    : `${options.slice(0, -1).join(', ')} or ${options.at(-1) ?? ''}`;

/** Field readers over `env` that collect every problem; see `EnvFields`. */
export function envFields(env: Env): EnvFields {
  const issues: string[] = [];
  const issue = (name: string, problem: string): void => {
    issues.push(`${name}: ${problem}`);
  };
  const optional = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const int: EnvFields['int'] = (name, { min, max, fallback }) => {
    const raw = optional(name);
    if (raw === undefined) {
      return fallback;
    }
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      issue(name, `must be an integer from ${min} to ${max}`);
      return fallback;
    }
    return value;
  };
  const oneOf = <T extends string>(name: string, options: readonly T[], fallback: T): T => {
    const raw = optional(name);
    if (raw === undefined) {
      return fallback;
    }
    if (!(options as readonly string[]).includes(raw)) {
      issue(name, `must be ${alternatives(options)}`);
      return fallback;
    }
    return raw as T;
  };
  const secret = (name: string, minLength: number): string | undefined => {
    const value = optional(name);
    if (value !== undefined && value.length < minLength) {
      issue(name, `must be at least ${minLength} characters`);
      return undefined;
    }
    return value;
  };
  return {
    onCloudRun: env['K_SERVICE'] !== undefined,
    issues,
    issue,
    optional,
    required(name, problem = 'required') {
      const value = optional(name);
      if (value === undefined) {
        issue(name, problem);
      }
      return value ?? '';
    },
    text: (name, { fallback, minLength = 1 }) => secret(name, minLength) ?? fallback,
    secret,
    int,
    positive(name, { max, fallback }) {
      const raw = optional(name);
      if (raw === undefined) {
        return fallback;
      }
      const value = Number(raw);
      if (!Number.isFinite(value) || value <= 0 || value > max) {
        issue(name, `must be a number above 0 and at most ${max}`);
        return fallback;
      }
      return value;
    },
    port: (name, fallback, opts) =>
      int(name, { min: opts?.allowAny === true ? 0 : 1, max: 65_535, fallback }),
    oneOf,
    flag(name) {
      const raw = optional(name);
      if (raw !== undefined && raw !== 'true' && raw !== 'false') {
        issue(name, 'must be true or false');
        return undefined;
      }
      return raw === undefined ? undefined : raw === 'true';
    },
    list: (name) =>
      env[name]
        ?.split(',')
        .map((entry) => entry.trim())
        .filter((entry) => entry.length > 0),
    url(name, fallback) {
      const value = optional(name) ?? fallback;
      if (!URL.canParse(value)) {
        issue(name, 'not a URL');
      }
      return value.replace(/\/+$/, '');
    },
    logLevel: (name = 'LOG_LEVEL') => oneOf(name, LOG_LEVELS, 'info'),
    store(name) {
      const store = oneOf(name, ['firestore', 'memory'], 'firestore');
      const projectId = optional('GOOGLE_CLOUD_PROJECT') ?? (store === 'memory' ? 'local' : '');
      if (projectId === '') {
        issue('GOOGLE_CLOUD_PROJECT', `required when ${name}=firestore`);
      }
      return { store, projectId };
    },
    missingSecret(name, insecureDefaults) {
      if (env['K_SERVICE'] !== undefined) {
        issue(name, 'required on Cloud Run (mount it from Secret Manager)');
      }
      insecureDefaults.push(name);
    },
    result: <C>(build: () => C): ConfigResult<C> =>
      issues.length > 0 ? { ok: false, issues: [...issues] } : { ok: true, config: build() },
  };
}
