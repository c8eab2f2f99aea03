-- One row per decision (docs/analytics.md, "Deduplication"). Delivery is at least once, so a
-- decision can be written more than once; keep its earliest publish. The tenant is
-- COALESCE(tenantId, clientId): tenantId is null before schemaVersion 3.
SELECT
  d.* REPLACE (COALESCE(d.tenantId, d.clientId) AS tenantId)
FROM `{{project}}.{{dataset}}.decisions` AS d
WHERE TRUE
QUALIFY ROW_NUMBER() OVER (
  PARTITION BY d.decisionId
  ORDER BY d.publish_time, d.message_id
) = 1
