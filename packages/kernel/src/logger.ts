import { AsyncLocalStorage } from 'node:async_hooks';

export type Severity = 'DEBUG' | 'INFO' | 'WARNING' | 'ERROR';
export type LogFields = Readonly<Record<string, unknown>>;

/** Trace context of the current request (W3C traceparent or X-Cloud-Trace-Context). */
export interface TraceContext {
  readonly traceId: string;
  readonly spanId?: string;
  readonly sampled: boolean;
}

/** The logging port: structured fields, never raw phone numbers, keys or codes. */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

const traceStore = new AsyncLocalStorage<TraceContext>();

/** Runs `fn` with `trace` as the current trace context for every log line it writes. */
export function withTrace<T>(trace: TraceContext | undefined, fn: () => T): T {
  return trace === undefined ? fn() : traceStore.run(trace, fn);
}

const RANK: Record<Severity, number> = { DEBUG: 0, INFO: 1, WARNING: 2, ERROR: 3 };
const LEVEL_TO_SEVERITY = {
  debug: 'DEBUG',
  info: 'INFO',
  warn: 'WARNING',
  error: 'ERROR',
} as const;

/** The least severe level a logger writes. */
export type LogLevel = keyof typeof LEVEL_TO_SEVERITY;

// Ours, not @google-cloud/logging 12's LogSync: 3.3 µs a 'decision' line against our 2.0 µs (1.7×,
// test/bench/plumbing-bench.ts; a line per request), and it drops an Error's name and message.
/**
 * The one logger of every service: one JSON object per line on stdout; Cloud Logging reads
 * `severity`, `message` and the trace fields from it (ecosystem.md §5). Trace fields need
 * `projectId`; without it lines carry none. `write` is injectable so tests can capture lines.
 */
export function createLogger(opts: {
  readonly level: LogLevel;
  readonly projectId?: string;
  readonly service: string;
  readonly write?: (line: string) => void;
}): Logger {
  const min = RANK[LEVEL_TO_SEVERITY[opts.level]];
  const write = opts.write ?? writeToStdout;
  const emit = (severity: Severity, message: string, fields?: LogFields): void => {
    if (RANK[severity] < min) {
      return;
    }
    const trace = traceStore.getStore();
    const entry: Record<string, unknown> = {
      severity,
      message,
      time: new Date().toISOString(),
      service: opts.service,
      ...fields,
    };
    if (trace !== undefined && opts.projectId !== undefined) {
      entry['logging.googleapis.com/trace'] = `projects/${opts.projectId}/traces/${trace.traceId}`;
      if (trace.spanId !== undefined) {
        entry['logging.googleapis.com/spanId'] = trace.spanId;
      }
      entry['logging.googleapis.com/trace_sampled'] = trace.sampled;
    }
    write(
      JSON.stringify(
        entry,
        fields !== undefined && mayHoldError(fields) ? errorReplacer : undefined,
      ),
    );
  };
  return {
    debug: (m, f) => emit('DEBUG', m, f),
    info: (m, f) => emit('INFO', m, f),
    warn: (m, f) => emit('WARNING', m, f),
    error: (m, f) => emit('ERROR', m, f),
  };
}

/**
 * Lines for stdout, written together once per turn of the event loop: stdout is a pipe on Cloud
 * Run and a file or pipe locally, both written synchronously by Node, and one write per line was
 * 4 % of the in-memory risk-api's CPU under load (a 'decision' line per request; profiled). Every
 * logger of the process shares the buffer, so lines keep their order; what is buffered is written
 * before the process exits, also on an uncaught exception (lost only to a SIGKILL or a crash of
 * the runtime itself, as a turn's worth of lines at most).
 */
let pending: string[] = [];
let flushScheduled = false;

function flushStdout(): void {
  flushScheduled = false;
  if (pending.length > 0) {
    const text = pending.join('');
    pending = [];
    process.stdout.write(text);
  }
}

let exitHooked = false;

function writeToStdout(line: string): void {
  pending.push(line + '\n');
  if (!flushScheduled) {
    flushScheduled = true;
    setImmediate(flushStdout);
    if (!exitHooked) {
      exitHooked = true;
      process.on('exit', flushStdout);
    }
  }
}

const ignore = (): void => undefined;

/** A logger that drops everything. */
export const silentLogger: Logger = { debug: ignore, info: ignore, warn: ignore, error: ignore };

/**
 * Whether a line's fields may hold an Error anywhere: an object other than a list of plain values.
 * Lines without one (the decision line of every request) are serialised without the replacer,
 * which takes JSON.stringify off its fast path.
 */
function mayHoldError(fields: LogFields): boolean {
  for (const key in fields) {
    const value = fields[key];
    if (
      typeof value === 'object' &&
      value !== null &&
      !(Array.isArray(value) && value.every((item) => typeof item !== 'object' || item === null))
    ) {
      return true;
    }
  }
  return false;
}

/** Errors are logged by name, code and message only; stacks stay out of request logs. */
function errorReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    return { name: value.name, message: value.message, ...(code === undefined ? {} : { code }) };
  }
  return value;
}

const TRACEPARENT = /^[\da-f]{2}-([\da-f]{32})-([\da-f]{16})-([\da-f]{2})$/;
const CLOUD_TRACE = /^([\da-f]{32})(?:\/(\d+))?(?:;o=([01]))?$/i;

/**
 * Trace context from request headers, in the precedence @google-cloud/logging uses:
 * W3C `traceparent` first, then `X-Cloud-Trace-Context` (whose span id is decimal).
 */
export function parseTraceHeaders(
  traceparent: string | undefined,
  cloudTrace: string | undefined,
): TraceContext | undefined {
  const w3c = traceparent === undefined ? null : TRACEPARENT.exec(traceparent.trim());
  if (
    w3c?.[1] !== undefined &&
    w3c[2] !== undefined &&
    w3c[3] !== undefined &&
    !/^0+$/.test(w3c[1])
  ) {
    return { traceId: w3c[1], spanId: w3c[2], sampled: (parseInt(w3c[3], 16) & 1) === 1 };
  }
  const gcp = cloudTrace === undefined ? null : CLOUD_TRACE.exec(cloudTrace.trim());
  if (gcp?.[1] !== undefined) {
    const span = gcp[2] === undefined ? undefined : BigInt(gcp[2]).toString(16).padStart(16, '0');
    return {
      traceId: gcp[1].toLowerCase(),
      ...(span === undefined ? {} : { spanId: span }),
      sampled: gcp[3] === '1',
    };
  }
  return undefined;
}
