-- Per hold its latest event, the highest sequence (escrow.held is 1, the terminal event 2), so a
-- terminal event that arrives before its escrow.held still wins. holdSeconds: terminal event's
-- occurredAt - heldAt, NULL while the hold is HELD.
SELECT
  e.*,
  CASE
    WHEN e.status = 'HELD' THEN NULL
    ELSE (UNIX_MILLIS(e.occurredAt) - UNIX_MILLIS(e.heldAt)) / 1000
  END AS holdSeconds
FROM `{{project}}.{{dataset}}.escrow_events` AS e
WHERE TRUE
QUALIFY ROW_NUMBER() OVER (
  PARTITION BY e.tenantId, e.escrowId
  ORDER BY e.sequence DESC, e.publish_time, e.message_id
) = 1
