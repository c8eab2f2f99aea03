import type { DeviceSighting } from '@sentinel/engine';

/** One decision's payment seen from a device, recorded off the hot path (idempotent by decision). */
export interface SightingUpdate extends DeviceSighting {
  readonly decisionId: string;
}

/**
 * The accounts a device was recently seen paying from (fleet rule), per tenant: a device seen at
 * one bank does not count at another (docs/architecture.md, "Fleet rule across tenants").
 */
export interface DeviceSightings {
  /**
   * Idempotent on `decisionId`. Keeps a device's sightings newest first, within
   * `SIGHTINGS_WINDOW` of the newest and at most `SIGHTINGS_WINDOW.maxSightings`.
   */
  recordSighting(update: SightingUpdate): Promise<void>;
}
