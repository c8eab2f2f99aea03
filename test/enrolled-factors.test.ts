// Issue 11, item 7, in memory: the auth service's factor service and risk-api composed on one
// MemoryRiskStateStore (its `factors` is the factor service's store).
import { describe, it } from 'vitest';
import { memoryAdapters, settableClock, TENANT } from '@sentinel/risk-api/testing';
import { enrolDeleteAndPay } from './support/factors-and-risk.ts';

describe('enrolled factors, one source of truth (memory)', () => {
  it('risk-api offers what the factor service enrolled, and stops when it is deleted or locked', async () => {
    const adapters = memoryAdapters();
    await enrolDeleteAndPay({
      adapters,
      factors: adapters.state.factors,
      clock: settableClock(),
      record: (id) => adapters.log.get(TENANT, id),
    });
  });
});
