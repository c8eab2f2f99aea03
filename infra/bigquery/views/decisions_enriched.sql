-- Each decision with how it turned out, and the per-decision facts every KPI counts
-- (docs/analytics.md): stepUpEnded, stepUpPassed, blocked, fraud, legitimate.
WITH joined AS (
  SELECT
    d.*,
    o.status AS outcomeStatus,
    o.source AS outcomeSource,
    o.stepUpStatus,
    o.label,
    o.labelSource,
    e.status AS escrowStatus,
    e.cause AS escrowCause,
    e.holdSeconds,
    COALESCE(d.action = 'STEP_UP' AND (o.stepUpStatus = 'PASSED' OR e.status = 'RELEASED'), FALSE)
      AS stepUpPassed
  FROM `{{project}}.{{dataset}}.decisions_dedup` AS d
  LEFT JOIN `{{project}}.{{dataset}}.outcomes_latest` AS o
    ON o.tenantId = d.tenantId AND o.decisionId = d.decisionId
  LEFT JOIN `{{project}}.{{dataset}}.escrow_latest` AS e
    ON e.tenantId = d.tenantId AND e.decisionId = d.decisionId
)
SELECT
  j.*,
  COALESCE(
    j.action = 'STEP_UP'
    AND (j.stepUpStatus IS NOT NULL OR j.escrowStatus IN ('RELEASED', 'REVERSED', 'EXPIRED')),
    FALSE
  ) AS stepUpEnded,
  COALESCE(
    j.action = 'DENY'
    OR (j.action = 'STEP_UP' AND NOT j.stepUpPassed)
    OR j.escrowStatus IN ('REVERSED', 'EXPIRED'),
    FALSE
  ) AS blocked,
  COALESCE(j.label IN ('CONFIRMED_FRAUD', 'CHARGEBACK'), FALSE) AS fraud,
  COALESCE(j.label = 'CONFIRMED_LEGITIMATE' OR (j.label IS NULL AND j.stepUpPassed), FALSE)
    AS legitimate
FROM joined AS j
