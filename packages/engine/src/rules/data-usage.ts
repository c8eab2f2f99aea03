import { usageAnomaly } from './usage-anomaly.ts';

/** `dataUsage` — far more mobile data in 24 h than the subscriber's usual day. */
export const dataUsage = usageAnomaly({
  kind: 'dataUsage',
  code: 'DATA_USAGE_ANOMALY',
  noun: 'MB of data',
  last24h: 'dataMb24h',
  usualPerDay: 'usualDataMbPerDay',
});
