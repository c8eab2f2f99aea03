-- How holds ended and how long they lasted, by tenant and UTC day of the decision that made them.
-- A hold still HELD has no duration: its percentiles are NULL (SAFE_OFFSET on an empty result).
SELECT
  k.tenantId,
  DATE(k.decidedAt) AS day,
  k.escrowStatus,
  k.escrowCause,
  COUNT(*) AS holds,
  APPROX_QUANTILES(k.holdSeconds, 100)[SAFE_OFFSET(50)] AS hold_seconds_p50,
  APPROX_QUANTILES(k.holdSeconds, 100)[SAFE_OFFSET(95)] AS hold_seconds_p95
FROM `{{project}}.{{dataset}}.decisions_enriched` AS k
WHERE k.escrowStatus IS NOT NULL
GROUP BY k.tenantId, day, k.escrowStatus, k.escrowCause
