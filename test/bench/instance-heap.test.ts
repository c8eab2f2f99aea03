import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTerraformDir, TERRAFORM_DIR } from '../deploy/support/terraform.ts';
import { heapFlagsFor, riskApiMemory, workerShareOf } from './instance-heap.ts';

describe('the heap the bench gives its servers', () => {
  it('reads the risk-api instance’s memory as Terraform does', async () => {
    const text = readFileSync(join(TERRAFORM_DIR, 'modules/sentinel/services.tf'), 'utf8');
    const stack = await readTerraformDir(join(TERRAFORM_DIR, 'modules/sentinel'));
    expect(riskApiMemory(text)).toBe(stack.modules['risk_api']?.['memory']);
  });

  it('gives a 1 GiB instance’s heap, and refuses a size nobody measured', () => {
    expect(heapFlagsFor('1Gi')).toEqual(['--max-old-space-size=512', '--max-semi-space-size=16']);
    expect(() => heapFlagsFor('3Gi')).toThrow(/no measured Node heap for a 3Gi/);
  });

  it('refuses a services.tf whose risk_api memory is not a literal', () => {
    expect(() => riskApiMemory('module "risk_api" {\n  memory = var.memory\n}\n')).toThrow(
      /no literal memory/,
    );
    expect(
      riskApiMemory(
        'module "auth" {\n  memory = "2Gi"\n}\nmodule "risk_api" {\n  memory = "1Gi"\n}\n',
      ),
    ).toBe('1Gi');
  });

  it('gives each of n workers the old generation the supervisor gives it in that instance', () => {
    const twoGi = heapFlagsFor('2Gi');
    expect(workerShareOf(twoGi, '2Gi', 1)).toEqual(twoGi);
    expect(workerShareOf(twoGi, '2Gi', 2)).toEqual([
      '--max-old-space-size=512',
      '--max-semi-space-size=32',
    ]);
    expect(workerShareOf(heapFlagsFor('4Gi'), '4Gi', 4)).toEqual([
      '--max-old-space-size=512',
      '--max-semi-space-size=64',
    ]);
  });
});
