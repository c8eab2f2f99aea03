import type { KpiDaily } from '@sentinel/analytics';

const pct = (v: number | null) => (v === null ? 'n/a' : `${(100 * v).toFixed(1)} %`);
const ms = (v: number | null) => (v === null ? 'n/a' : `${v.toFixed(1)} ms`);

function Card(props: { readonly label: string; readonly kpi: string; readonly value: string }) {
  return (
    <div class="kpi">
      <dt>{props.label}</dt>
      <dd data-kpi={props.kpi}>{props.value}</dd>
    </div>
  );
}

/**
 * The four pitch KPIs of docs/analytics.md, one row per UTC day and policy version exactly as
 * view `kpi_daily` groups them, computed by `@sentinel/analytics` over the feed window.
 */
export function Kpis(props: { readonly rows: readonly KpiDaily[] }) {
  const rows = props.rows.toSorted(
    (a, b) => b.day.localeCompare(a.day) || b.policyVersion - a.policyVersion,
  );
  return (
    <section aria-labelledby="kpi-title" class="panel">
      <h2 id="kpi-title">KPIs</h2>
      <p class="note">
        Over the feed window: the decisions this page received (the instance&apos;s recent backlog
        at connect, then live), with the outcomes and holds that arrived since. Same definitions as
        BigQuery&apos;s <code>kpi_daily</code> (docs/analytics.md): per UTC day and policy version;
        unlabelled decisions make fraud blocked a lower bound.
      </p>
      {rows.length === 0 ? (
        <p>No decisions yet.</p>
      ) : (
        rows.map((r) => (
          <div class="kpi-group" key={`${r.day}/${r.policyId}/${r.policyVersion}`}>
            <h3>
              {r.day} · policy {r.policyId} v{r.policyVersion}
            </h3>
            <dl class="kpi-cards">
              <Card label="Decisions" kpi="decisions" value={String(r.decisions)} />
              <Card
                label="Approve / step-up / deny"
                kpi="mix"
                value={`${r.approvals} / ${r.step_ups} / ${r.denials}`}
              />
              <Card
                label="Fraud blocked per 10k"
                kpi="fraud-blocked"
                value={r.fraud_blocked_per_10k.toFixed(1)}
              />
              <Card
                label="Step-up conversion"
                kpi="step-up-conversion"
                value={pct(r.step_up_conversion)}
              />
              <Card
                label="False-positive rate"
                kpi="false-positive-rate"
                value={pct(r.false_positive_rate)}
              />
              <Card
                label="Latency p50 / p95 / p99"
                kpi="latency"
                value={`${ms(r.latency_p50_ms)} / ${ms(r.latency_p95_ms)} / ${ms(r.latency_p99_ms)}`}
              />
            </dl>
          </div>
        ))
      )}
    </section>
  );
}
