import type { Logger } from '@sentinel/kernel';

export interface RecordingLogger extends Logger {
  readonly lines: { readonly level: string; readonly message: string; readonly fields?: unknown }[];
}

/** Keeps log lines for assertions (tests must not write to the console). */
export function recordingLogger(): RecordingLogger {
  const lines: RecordingLogger['lines'] = [];
  const at =
    (level: string) =>
    (message: string, fields?: unknown): void => {
      lines.push({ level, message, fields });
    };
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
