import type { ScenarioResult } from './run-scenario.ts';

/** The comparison table, a row per scenario run: Sentinel's answer beside "OTP only". */
export function ComparisonTable(props: { readonly rows: readonly ScenarioResult[] }) {
  return (
    <section class="comparison" aria-labelledby="comparison-title">
      <h2 id="comparison-title">Sentinel vs. OTP only</h2>
      <p class="muted">
        <strong>OTP only</strong> is what a bank without Sentinel would have done: confirm the
        payment with an SMS code to the registered number. It is derived from each scenario’s own
        facts, not from Sentinel’s answer: after a SIM swap the code reaches the attacker’s SIM, so
        it is entered and the payment approved; an attacker holding the customer’s phone receives it
        too; one without the SIM never sees it and is stopped.
      </p>
      <table data-id="comparison">
        <thead>
          <tr>
            <th scope="col">Scenario</th>
            <th scope="col">Sentinel</th>
            <th scope="col">Score</th>
            <th scope="col">Top reasons</th>
            <th scope="col">OTP only</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.length === 0 ? (
            <tr>
              <td colSpan={5} class="muted">
                Run a scenario from the panel: each run adds a row.
              </td>
            </tr>
          ) : (
            props.rows.map((row, i) => {
              const top = [...row.decision.reasons]
                .sort((a, b) => b.weight - a.weight)
                .slice(0, 3)
                .map((r) => r.code);
              return (
                <tr key={`${row.decision.decisionId}-${i}`} data-scenario={row.scenario.id}>
                  <th scope="row">{row.scenario.title}</th>
                  <td data-col="action">
                    <span class={`badge ${row.decision.action.toLowerCase()}`}>
                      {row.decision.action}
                    </span>
                    {row.decision.freeze ? ' + freeze' : ''}
                    {row.decision.stepUp === undefined
                      ? ''
                      : ` (${row.decision.stepUp.methods.join(', ')})`}
                  </td>
                  <td data-col="score">{row.decision.riskScore}</td>
                  <td data-col="reasons">{top.length === 0 ? '—' : top.join(', ')}</td>
                  <td data-col="otp" title={row.otp.why}>
                    <span
                      class={`badge ${row.otp.action === 'APPROVE' && !row.scenario.otp.legitimate ? 'approve-bad' : 'neutral'}`}
                    >
                      {row.otp.action}
                    </span>{' '}
                    <span class="muted">{row.otp.why}</span>
                  </td>
                </tr>
              );
            })
          )}
        </tbody>
      </table>
    </section>
  );
}
