import { duckDbWithViews } from './src/testing/duckdb-views.ts';
import { FIXTURE } from './src/testing/fixture.ts';
const db = await duckDbWithViews(FIXTURE);
for (const [v, o] of [['decisions_dedup', ['tenantId','decisionId']], ['outcomes_latest', ['tenantId','decisionId']], ['escrow_latest', ['escrowId']], ['kpi_daily', ['tenantId','day','policyVersion']], ['action_mix_daily', ['tenantId','day','action']], ['top_reasons_daily', ['tenantId','day','code']], ['hold_outcomes_daily', ['tenantId','day','escrowStatus']]] as const) {
  const rows = await db.view(v as never, o);
  console.log(v);
  for (const r of rows) console.log(v === 'decisions_dedup' ? [r.decisionId, r.tenantId, r.message_id, r.decidedAt, JSON.stringify(r.reasons)].join(' ') : JSON.stringify(r));
}
console.log(await db.query('SELECT decisionId, outcomeStatus, stepUpStatus, label, escrowStatus, escrowCause, holdSeconds, stepUpEnded, stepUpPassed, blocked, fraud, legitimate FROM sentinel.decisions_enriched ORDER BY tenantId, decidedAt'));
