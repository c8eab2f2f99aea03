import type { FeedState } from './feed-state.ts';
import { latestState } from './feed-state.ts';

/** Rows shown; the KPIs and charts use the whole window. */
const SHOWN = 100;

const money = (minor: number, currency: string) =>
  `${currency} ${(minor / 100).toLocaleString('en', { minimumFractionDigits: 2 })}`;

/** The live decisions, newest first, with what happened to them since. */
export function FeedTable(props: {
  readonly state: FeedState;
  readonly selected: string | null;
  readonly onOpen: (decisionId: string) => void;
}) {
  const { state } = props;
  return (
    <section aria-labelledby="feed-title" class="panel feed">
      <h2 id="feed-title">Live decisions</h2>
      {state.decisions.length === 0 ? (
        <p>Waiting for decisions… make a payment in the payment app.</p>
      ) : (
        <div class="scroll" tabIndex={0} role="region" aria-label="Live decisions table">
          <table id="feed">
            <caption class="visually-hidden">
              Decisions newest first; step-up and hold outcomes appear as they arrive
            </caption>
            <thead>
              <tr>
                <th scope="col">Decided (UTC)</th>
                <th scope="col">Action</th>
                <th scope="col">Risk</th>
                <th scope="col">Amount</th>
                <th scope="col">Reasons</th>
                <th scope="col">Since</th>
                <th scope="col">Detail</th>
              </tr>
            </thead>
            <tbody>
              {state.decisions.slice(0, SHOWN).map((d) => (
                <tr
                  key={d.decisionId}
                  data-decision-id={d.decisionId}
                  class={props.selected === d.decisionId ? 'selected' : undefined}
                >
                  <td>{d.decidedAt.slice(11, 19)}</td>
                  <td>
                    <span class={`badge badge-${d.action}`}>{d.action}</span>
                  </td>
                  <td>{d.riskScore}</td>
                  <td>{money(d.amountMinor, d.currency)}</td>
                  <td>{d.reasons.map((r) => r.code).join(', ') || '–'}</td>
                  <td class="since">
                    {latestState(
                      d,
                      state.outcomes.get(d.decisionId) ?? [],
                      state.escrows.get(d.decisionId) ?? [],
                    ) || '–'}
                  </td>
                  <td>
                    <button
                      type="button"
                      onClick={() => props.onOpen(d.decisionId)}
                      aria-label={`Open decision ${d.transactionId}`}
                    >
                      Open
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
