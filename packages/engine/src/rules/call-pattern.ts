import { usageAnomaly } from './usage-anomaly.ts';

/** `callPattern` — far more voice calls in 24 h than the subscriber's usual day. */
export const callPattern = usageAnomaly({
  kind: 'callPattern',
  code: 'CALL_PATTERN_ANOMALY',
  noun: 'calls',
  last24h: 'calls24h',
  usualPerDay: 'usualCallsPerDay',
});
