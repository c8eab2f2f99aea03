import { latestSimChange, type NumberRecord } from '../domain/number-record.ts';

/** A registered number as the demo endpoints show it. */
export interface NumberWire {
  readonly phoneNumber: string;
  readonly activatedAt: string | null;
  readonly lastSwapAt: string | null;
  /** What retrieve-date would answer without a monitored period. */
  readonly latestSimChange: string | null;
  readonly serviceApplicable: boolean;
  readonly updatedAt: string;
}

export function numberToWire(record: NumberRecord): NumberWire {
  return {
    phoneNumber: record.phoneNumber,
    activatedAt: record.activatedAt?.toISOString() ?? null,
    lastSwapAt: record.lastSwapAt?.toISOString() ?? null,
    latestSimChange: latestSimChange(record)?.toISOString() ?? null,
    serviceApplicable: record.serviceApplicable,
    updatedAt: record.updatedAt.toISOString(),
  };
}
