-- How many decisions of each action, by tenant and UTC day of decidedAt.
SELECT
  d.tenantId,
  DATE(d.decidedAt) AS day,
  d.action,
  COUNT(*) AS decisions
FROM `{{project}}.{{dataset}}.decisions_dedup` AS d
GROUP BY d.tenantId, day, d.action
