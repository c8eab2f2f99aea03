-- How many decisions each reason code triggered on, by tenant and UTC day of decidedAt.
SELECT
  d.tenantId,
  DATE(d.decidedAt) AS day,
  reason.code,
  COUNT(DISTINCT d.decisionId) AS decisions
FROM `{{project}}.{{dataset}}.decisions_dedup` AS d
CROSS JOIN UNNEST(d.reasons) AS reason
GROUP BY d.tenantId, day, reason.code
