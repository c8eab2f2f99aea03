/**
 * The logging port (the same shape as the risk-api's `Logger`, so its logger fits). Fields are
 * structured; phone numbers appear only masked (`maskPhoneNumber`), tokens never.
 */
export interface Logger {
  debug(message: string, fields?: Readonly<Record<string, unknown>>): void;
  info(message: string, fields?: Readonly<Record<string, unknown>>): void;
  warn(message: string, fields?: Readonly<Record<string, unknown>>): void;
  error(message: string, fields?: Readonly<Record<string, unknown>>): void;
}

const ignore = (): void => undefined;

export const silentLogger: Logger = { debug: ignore, info: ignore, warn: ignore, error: ignore };

/** `+27821234567` → `+27*******67`: enough to correlate in logs, not enough to identify. */
export function maskPhoneNumber(phoneNumber: string): string {
  if (phoneNumber.length <= 5) {
    return '*'.repeat(phoneNumber.length);
  }
  return phoneNumber.slice(0, 3) + '*'.repeat(phoneNumber.length - 5) + phoneNumber.slice(-2);
}

const RANK = { debug: 0, info: 1, warn: 2, error: 3 } as const;
const SEVERITY = { debug: 'DEBUG', info: 'INFO', warn: 'WARNING', error: 'ERROR' } as const;
export type LogLevel = keyof typeof RANK;

/**
 * One JSON object per line, the shape Cloud Logging reads (`severity`, `message`), for the
 * ingestion functions. (The risk-api brings its own logger, with trace context, to the hot path.)
 */
export function jsonLogger(opts: {
  readonly level: LogLevel;
  readonly service: string;
  readonly write?: (line: string) => void;
}): Logger {
  const write = opts.write ?? ((line: string) => process.stdout.write(line + '\n'));
  const emit =
    (level: LogLevel) =>
    (message: string, fields?: Readonly<Record<string, unknown>>): void => {
      if (RANK[level] >= RANK[opts.level]) {
        write(
          JSON.stringify({
            severity: SEVERITY[level],
            message,
            time: new Date().toISOString(),
            service: opts.service,
            ...fields,
          }),
        );
      }
    };
  return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}
