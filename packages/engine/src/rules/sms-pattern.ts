import { usageAnomaly } from './usage-anomaly.ts';

/**
 * `smsPattern` — far more SMS in 24 h than the subscriber's usual day (one-time codes and bank
 * notifications flooding a line that has just been taken over).
 */
export const smsPattern = usageAnomaly({
  kind: 'smsPattern',
  code: 'SMS_PATTERN_ANOMALY',
  noun: 'SMS',
  last24h: 'sms24h',
  usualPerDay: 'usualSmsPerDay',
});
