// The dependency rules of .dependency-cruiser.cjs fail on what they forbid. Each case lays out a
// tiny tree in the repository's shape (packages/, services/, test/) in a temporary folder, runs the
// same dependency-cruiser with the same configuration on it, and reads which rules it broke.
// `npm test` runs the same check on the real tree before the test suites.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruiser.mjs');
const CONFIG = join(ROOT, '.dependency-cruiser.cjs');

interface CruiseJson {
  summary: { violations: { rule: { name: string }; from: string; to: string }[] };
}

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** Writes `files` (path → source) into a fresh tree and returns the broken rules, sorted. */
function violations(files: Record<string, string>): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'sentinel-deps-'));
  dirs.push(dir);
  const tree: Record<string, string> = {
    'tsconfig.json': JSON.stringify({
      compilerOptions: {
        module: 'nodenext',
        moduleResolution: 'nodenext',
        allowImportingTsExtensions: true,
        noEmit: true,
      },
    }),
    ...files,
  };
  for (const [path, text] of Object.entries(tree)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const roots = ['packages', 'services', 'test'].filter((top) =>
    Object.keys(files).some((path) => path.startsWith(`${top}/`)),
  );
  let stdout: string;
  try {
    stdout = execFileSync(
      process.execPath,
      [CLI, ...roots, '--config', CONFIG, '--output-type', 'json'],
      { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
  } catch (error) {
    // Exit code = number of errors; the JSON report is still on stdout.
    stdout = (error as { stdout: string }).stdout;
  }
  const result = JSON.parse(stdout) as CruiseJson;
  return result.summary.violations.map((v) => v.rule.name).sort();
}

const leaf = 'export const x = 1;\n';

describe('dependency rules', () => {
  it('pass a tree in the house shape: service → library entry → engine entry', () => {
    expect(
      violations({
        'packages/engine/src/index.ts': leaf,
        'packages/store/src/index.ts': "export * from '../../engine/src/index.ts';\n",
        'packages/store/src/testing.ts': "export * from './index.ts';\n",
        'services/risk-api/src/main.ts': "import '../../../packages/store/src/index.ts';\n",
        'services/risk-api/src/main.test.ts': "import '../../../packages/store/src/testing.ts';\n",
        'test/e2e.test.ts': "import '../services/risk-api/src/index.ts';\n",
        'services/risk-api/src/index.ts': leaf,
      }),
    ).toEqual([]);
  });

  it('fail on a cycle', () => {
    expect(
      violations({
        'packages/kernel/src/a.ts': "import './b.ts';\nexport const a = 1;\n",
        'packages/kernel/src/b.ts': "import './a.ts';\nexport const b = 1;\n",
      }),
    ).toEqual(['no-circular']);
  });

  it('fail when a service imports another service', () => {
    expect(
      violations({
        'services/auth/src/main.ts': "import '../../risk-api/src/index.ts';\n",
        'services/risk-api/src/index.ts': leaf,
      }),
    ).toEqual(['service-imports-no-service']);
  });

  it('fail when a library imports a service', () => {
    expect(
      violations({
        'packages/store/src/index.ts': "import '../../../services/risk-api/src/index.ts';\n",
        'services/risk-api/src/index.ts': leaf,
      }),
    ).toEqual(['library-imports-no-service']);
  });

  it('fail when the engine imports another package', () => {
    expect(
      violations({
        'packages/engine/src/index.ts': "import '../../kernel/src/index.ts';\n",
        'packages/kernel/src/index.ts': leaf,
      }),
    ).toEqual(['engine-is-a-leaf']);
  });

  it("fail on a path into another package's src/, from a package or from test/", () => {
    expect(
      violations({
        'services/risk-api/src/main.ts': "import '../../../packages/store/src/ports/signals.ts';\n",
        'test/e2e.test.ts': "import '../packages/store/src/ports/signals.ts';\n",
        'packages/store/src/ports/signals.ts': leaf,
      }),
    ).toEqual(['entry-points-only', 'tests-use-entry-points']);
  });

  it('fail when production code imports a testing entry', () => {
    expect(
      violations({
        'services/risk-api/src/main.ts': "import '../../../packages/store/src/testing.ts';\n",
        'packages/store/src/testing.ts': leaf,
      }),
    ).toEqual(['testing-entry-only-in-tests']);
  });
});
