// vitest setup file (every project): a test that writes to the console fails. Services log through
// their logger, which tests inject or silence, so console output in a test is a leak or a stray
// debugging line. Calls made outside a test (at import time, in beforeAll) fail the next test, or
// the file when no test follows.
import { format } from 'node:util';
import { afterAll, afterEach, beforeEach } from 'vitest';

const METHODS = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
let calls: string[] = [];

for (const method of METHODS) {
  // eslint-disable-next-line no-console -- replacing console is this file's job
  console[method] = (...args: unknown[]) => {
    calls.push(`console.${method}(${format(...args)})`);
  };
}

function failIfCalled(where: string): void {
  if (calls.length === 0) {
    return;
  }
  const made = calls;
  calls = [];
  throw new Error(
    `${where} wrote to the console (${made.length} call${made.length === 1 ? '' : 's'}); ` +
      `log through the logger instead:\n${made.map((c) => `  ${c}`).join('\n')}`,
  );
}

beforeEach(() => {
  failIfCalled('code that ran before this test (import time or a beforeAll hook)');
});
afterEach(() => {
  failIfCalled('this test');
});
afterAll(() => {
  failIfCalled('code that ran after the last test (an afterAll hook)');
});
