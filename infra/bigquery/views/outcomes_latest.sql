-- Per decision its latest outcome (docs/analytics.md, "Outcomes"): duplicates of
-- (decisionId, source, status) dropped first (earliest publish kept), source NULL read as AUTH.
-- Besides the latest row, the latest step-up result (PASSED | FAILED | EXPIRED) and the latest
-- label (CONFIRMED_FRAUD | CONFIRMED_LEGITIMATE | CHARGEBACK), which the KPIs read separately:
-- a chargeback after a passed step-up keeps both facts.
WITH deduplicated AS (
  SELECT
    o.tenantId,
    o.decisionId,
    o.status,
    COALESCE(o.source, 'AUTH') AS source,
    o.completedAt,
    o.publish_time,
    o.message_id,
    CASE WHEN o.status IN ('PASSED', 'FAILED', 'EXPIRED') THEN 'STEP_UP' ELSE 'LABEL' END AS kind
  FROM `{{project}}.{{dataset}}.outcomes` AS o
  WHERE TRUE
  QUALIFY ROW_NUMBER() OVER (
    PARTITION BY o.decisionId, COALESCE(o.source, 'AUTH'), o.status
    ORDER BY o.publish_time, o.message_id
  ) = 1
),
ranked AS (
  SELECT
    x.*,
    ROW_NUMBER() OVER (
      PARTITION BY x.tenantId, x.decisionId
      ORDER BY x.completedAt DESC, x.publish_time DESC, x.message_id DESC
    ) AS latest,
    ROW_NUMBER() OVER (
      PARTITION BY x.tenantId, x.decisionId, x.kind
      ORDER BY x.completedAt DESC, x.publish_time DESC, x.message_id DESC
    ) AS latest_of_kind
  FROM deduplicated AS x
)
SELECT
  r.tenantId,
  r.decisionId,
  MAX(CASE WHEN r.latest = 1 THEN r.status END) AS status,
  MAX(CASE WHEN r.latest = 1 THEN r.source END) AS source,
  MAX(CASE WHEN r.latest = 1 THEN r.completedAt END) AS completedAt,
  MAX(CASE WHEN r.kind = 'STEP_UP' AND r.latest_of_kind = 1 THEN r.status END) AS stepUpStatus,
  MAX(CASE WHEN r.kind = 'LABEL' AND r.latest_of_kind = 1 THEN r.status END) AS label,
  MAX(CASE WHEN r.kind = 'LABEL' AND r.latest_of_kind = 1 THEN r.source END) AS labelSource
FROM ranked AS r
GROUP BY r.tenantId, r.decisionId
