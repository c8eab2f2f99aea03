// npm test: format check, lint, typecheck, dependency rules, terraform fmt (where terraform is
// installed), then every vitest project (unit + integration), stopping at the first failing step. Always ends with one summary line, `N passed, N failed[, N skipped]`,
// counting vitest test cases; a step that fails before vitest counts as one failure.
//   node scripts/test.ts [--quick] [vitest args…]   --quick skips format, lint, typecheck and dependency rules.
import { spawn } from 'node:child_process';
import { accessSync, constants, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';

interface VitestJson {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults: { status: string; assertionResults: { status: string }[] }[];
}

const root = join(import.meta.dirname, '..');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const vitestArgs = args.filter((arg) => arg !== '--quick');
// Tools resolve from this repo and run on the Node that runs this script.
const env = {
  ...process.env,
  PATH: [join(root, 'node_modules', '.bin'), dirname(process.execPath), process.env['PATH']].join(
    delimiter,
  ),
};

let current: ReturnType<typeof spawn> | undefined;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  // Pass the signal on and let the step fail, so the summary line still gets printed.
  process.on(signal, () => current?.kill(signal));
}

function run(command: string, commandArgs: string[]): Promise<number> {
  process.stdout.write(`\n> ${command} ${commandArgs.join(' ')}\n`);
  return new Promise((resolve) => {
    const child = spawn(command, commandArgs, { cwd: root, env, stdio: 'inherit' });
    current = child;
    child.once('error', (error) => {
      process.stderr.write(`${command}: ${error.message}\n`);
      resolve(1);
    });
    child.once('exit', (code, signal) => {
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

/** Whether `command` is an executable on this PATH. */
function onPath(command: string): boolean {
  return env.PATH.split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, command), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

function summary(passed: number, failed: number, skipped: number): string {
  return `${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`;
}

async function main(): Promise<number> {
  const checks: [string, string[]][] = quick
    ? []
    : [
        ['prettier', ['--check', '.']],
        ['eslint', ['.', '--max-warnings=0']],
        ['tsc', ['-p', 'tsconfig.json', '--noEmit']],
        // The console's browser code: the DOM library and Preact's JSX (packages/console).
        ['tsc', ['-p', 'packages/console/tsconfig.json', '--noEmit']],
        // The house rules (.dependency-cruiser.cjs): no cycles, no service imports another, the
        // engine is a leaf, other packages only by their entry points.
        [
          'depcruise',
          [
            'packages',
            'services',
            'test',
            'scripts',
            '--config',
            '.dependency-cruiser.cjs',
            '--output-type',
            'err',
          ],
        ],
      ];
  if (!quick) {
    // Terraform's own formatter; the HCL itself is held against the code by test/deploy. CI images
    // without terraform skip it, loudly (the HashiCorp binary is not on the npm registry).
    if (onPath('terraform')) {
      checks.push(['terraform', ['fmt', '-check', '-recursive', '-diff', 'infra/terraform']]);
    } else {
      process.stdout.write(
        '\n!!! terraform is not installed: `terraform fmt -check -recursive infra/terraform` SKIPPED !!!\n',
      );
    }
  }
  for (const [command, commandArgs] of checks) {
    if ((await run(command, commandArgs)) !== 0) {
      process.stdout.write(`\n${command} failed.\n${summary(0, 1, 0)}\n`);
      return 1;
    }
  }

  const dir = mkdtempSync(join(tmpdir(), 'sentinel-test-'));
  try {
    const report = join(dir, 'vitest.json');
    const code = await run('vitest', [
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${report}`,
      ...vitestArgs,
    ]);
    let result: VitestJson | undefined;
    try {
      result = JSON.parse(readFileSync(report, 'utf8')) as VitestJson;
    } catch {
      // no report: vitest failed before running tests (config, global setup)
    }
    const passed = result?.numPassedTests ?? 0;
    // A file can fail with no failing test (import error, afterAll hook): count such a file once.
    const failedFiles = (result?.testResults ?? []).filter(
      (file) =>
        file.status === 'failed' && !file.assertionResults.some((t) => t.status === 'failed'),
    ).length;
    let failed = (result?.numFailedTests ?? 0) + failedFiles;
    if (code !== 0 && failed === 0) {
      failed = 1; // vitest itself failed (no tests found, unhandled error, global setup)
    }
    const skipped = (result?.numPendingTests ?? 0) + (result?.numTodoTests ?? 0);
    process.stdout.write(`\n${summary(passed, failed, skipped)}\n`);
    return failed > 0 ? 1 : 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
