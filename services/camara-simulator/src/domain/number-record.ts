/**
 * What the simulated operator knows about one MSISDN. `activatedAt: null` means the number never
 * had a SIM; `lastSwapAt: null` means it was never swapped (its activation is then the latest SIM
 * change: "a new subscription is considered as a SIM swap as well", sim-swap.yaml).
 */
export interface NumberRecord {
  readonly phoneNumber: string;
  readonly activatedAt: Date | null;
  readonly lastSwapAt: Date | null;
  /** false: the number exists but the service is not offered for it (422 SERVICE_NOT_APPLICABLE). */
  readonly serviceApplicable: boolean;
  readonly updatedAt: Date;
}

/** The latest MSISDN ↔ IMSI pairing change: the last swap, else the activation, else none. */
export function latestSimChange(record: NumberRecord): Date | null {
  return record.lastSwapAt ?? record.activatedAt;
}
