-- The four pitch KPIs by tenant, UTC day of decidedAt and policy version (docs/analytics.md).
-- A group exists only when it has decisions; a rate with nothing to divide by is NULL.
SELECT
  k.tenantId,
  DATE(k.decidedAt) AS day,
  k.policyId,
  k.policyVersion,
  COUNT(*) AS decisions,
  COUNTIF(k.action = 'APPROVE') AS approvals,
  COUNTIF(k.action = 'STEP_UP') AS step_ups,
  COUNTIF(k.action = 'DENY') AS denials,
  10000 * COUNTIF(k.blocked AND k.fraud) / COUNT(*) AS fraud_blocked_per_10k,
  SAFE_DIVIDE(COUNTIF(k.stepUpPassed), COUNTIF(k.stepUpEnded)) AS step_up_conversion,
  SAFE_DIVIDE(
    COUNTIF(k.legitimate AND (k.blocked OR k.action = 'STEP_UP')),
    COUNTIF(k.legitimate)
  ) AS false_positive_rate,
  APPROX_QUANTILES(k.latencyMs, 100)[SAFE_OFFSET(50)] AS latency_p50_ms,
  APPROX_QUANTILES(k.latencyMs, 100)[SAFE_OFFSET(95)] AS latency_p95_ms,
  APPROX_QUANTILES(k.latencyMs, 100)[SAFE_OFFSET(99)] AS latency_p99_ms
FROM `{{project}}.{{dataset}}.decisions_enriched` AS k
GROUP BY k.tenantId, day, k.policyId, k.policyVersion
