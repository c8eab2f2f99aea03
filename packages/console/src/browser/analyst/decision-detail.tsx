import { useEffect, useRef, useState } from 'preact/hooks';
import type { FeatureInspection, FeedEscrow, FeedOutcome } from '../../analyst-feed.ts';
import { describeProblem, type Api } from './api.ts';
import { FeatureTable } from './feature-table.tsx';
import { FreezeControls } from './freeze-controls.tsx';
import { VerificationForm } from './verification-form.tsx';

/** `GET /v1/decisions/{id}`, the parts the detail shows. */
export interface DecisionView {
  readonly decisionId: string;
  readonly transactionId: string;
  readonly action: string;
  readonly riskScore: number;
  readonly riskLevel: string;
  readonly reasons: readonly {
    readonly code: string;
    readonly message: string;
    readonly weight: number;
  }[];
  readonly stepUp?: {
    readonly methods: readonly string[];
    readonly status: string;
    readonly method: string | null;
    readonly completedAt: string | null;
  };
  readonly escrow?: {
    readonly escrowId: string;
    readonly status: string;
    readonly reason: string;
    readonly releaseBy: string;
    readonly cause: string | null;
    readonly verifications: number;
  };
  readonly freeze: boolean;
  readonly signals: {
    readonly simSwap: {
      readonly lastSwapAt: string | null;
      readonly ageHours: number | null;
      readonly freshness: string;
      readonly source: string | null;
    };
    readonly behavior?: {
      readonly score: number;
      readonly distance: number;
      readonly topAnomalies: readonly string[];
    };
  };
  readonly policy: { readonly id: string; readonly version: number };
  readonly latencyMs: number;
  readonly decidedAt: string;
  readonly outcomes: readonly {
    readonly outcome: string;
    readonly reportedBy: string;
    readonly occurredAt: string;
  }[];
}

/**
 * One decision: its answer, reasons and signals, its step-up and hold as they stand, what was
 * reported since (and what the feed brought), the customer's freeze, and the feature inspector.
 */
export function DecisionDetail(props: {
  readonly api: Api;
  readonly decisionId: string;
  readonly live: {
    readonly outcomes: readonly FeedOutcome[];
    readonly escrows: readonly FeedEscrow[];
  };
  readonly onClose: () => void;
}) {
  const { api, decisionId } = props;
  const [view, setView] = useState<DecisionView | null>(null);
  const [inspection, setInspection] = useState<FeatureInspection | null>(null);
  const [error, setError] = useState<string | null>(null);

  // Only the newest load's answer is shown: an older one can arrive after it.
  const loads = useRef(0);
  const load = async () => {
    const ticket = ++loads.current;
    const [decision, features] = await Promise.all([
      api.call<DecisionView>('GET', `/v1/decisions/${decisionId}`),
      api.call<FeatureInspection>('GET', `/v1/console/decisions/${decisionId}/features`),
    ]);
    if (ticket !== loads.current) {
      return;
    }
    setError(
      decision.ok
        ? features.ok
          ? null
          : describeProblem(features.problem)
        : describeProblem(decision.problem),
    );
    // A failed reload keeps what is shown, with its error above.
    if (decision.ok) {
      setView(decision.value);
    }
    if (features.ok) {
      setInspection(features.value);
    }
  };
  useEffect(() => {
    // Reloaded in place when the feed brings news of this decision (the parent keys the detail
    // by decision, so another one starts afresh): the detail stays on the page, and so does what
    // the analyst is typing in it. Clearing it here remounted the verification form empty, and
    // a call-centre agent's operator and reference were lost to a hold's HELD event.
    void load();
  }, [props.live.outcomes.length, props.live.escrows.length]);

  // The bank's reports are in the decision view (reloaded when the feed brings one); the feed
  // adds the step-up results of the auth service.
  const stepUpResults = props.live.outcomes.filter((o) => o.source !== 'BANK');
  return (
    <section aria-labelledby="detail-title" class="panel detail" id="decision-detail">
      <div class="detail-head">
        <h2 id="detail-title" tabIndex={-1}>
          Decision <code>{decisionId}</code>
        </h2>
        <button type="button" onClick={props.onClose}>
          Close detail
        </button>
      </div>
      {error === null ? null : (
        <p role="alert" class="problem">
          {error}
        </p>
      )}
      {view === null ? (
        <p>Loading…</p>
      ) : (
        <>
          <dl class="facts">
            <dt>Action</dt>
            <dd>
              <span class={`badge badge-${view.action}`}>{view.action}</span> risk {view.riskScore}{' '}
              ({view.riskLevel})
            </dd>
            <dt>Transaction</dt>
            <dd>{view.transactionId}</dd>
            <dt>Decided</dt>
            <dd>
              {view.decidedAt} in {view.latencyMs} ms, policy {view.policy.id} v
              {view.policy.version}
            </dd>
            <dt>SIM swap</dt>
            <dd>
              {view.signals.simSwap.freshness}
              {view.signals.simSwap.ageHours === null
                ? ', no swap known'
                : `, swapped ${view.signals.simSwap.ageHours.toFixed(1)} h ago`}
              {view.signals.simSwap.source === null ? '' : ` (${view.signals.simSwap.source})`}
            </dd>
            <dt>Behaviour</dt>
            <dd>
              {view.signals.behavior === undefined
                ? 'not scored'
                : `confidence ${view.signals.behavior.score} (distance ${view.signals.behavior.distance})`}
            </dd>
            <dt>Step-up</dt>
            <dd>
              {view.stepUp === undefined
                ? 'none'
                : `${view.stepUp.methods.join(', ')}: ${view.stepUp.status}${view.stepUp.method === null ? '' : ` with ${view.stepUp.method}`}`}
            </dd>
            <dt>Hold</dt>
            <dd>
              {view.escrow === undefined
                ? 'none'
                : `${view.escrow.status}${view.escrow.cause === null ? '' : ` (${view.escrow.cause})`}, release by ${view.escrow.releaseBy}, ${view.escrow.verifications} verification(s)`}
            </dd>
            <dt>Freeze</dt>
            <dd>{view.freeze ? 'this decision froze the account' : 'no'}</dd>
          </dl>
          <h3>Reasons</h3>
          {view.reasons.length === 0 ? (
            <p>None.</p>
          ) : (
            <ul class="reasons">
              {view.reasons.map((r) => (
                <li key={r.code}>
                  <code>{r.code}</code> (+{r.weight}): {r.message}
                </li>
              ))}
            </ul>
          )}
          <h3>Outcomes</h3>
          <ul class="outcomes">
            {view.outcomes.map((o) => (
              <li key={`r-${o.outcome}-${o.occurredAt}`}>
                {o.outcome} reported by {o.reportedBy} at {o.occurredAt}
              </li>
            ))}
            {stepUpResults.map((o) => (
              <li key={`o-${o.status}-${o.completedAt}`}>
                {o.status} ({o.source.toLowerCase()}) at {o.completedAt}
              </li>
            ))}
            {props.live.escrows.map((e) => (
              <li key={e.eventId}>
                hold {e.status}
                {e.cause === null ? '' : ` (${e.cause})`} at {e.occurredAt}
              </li>
            ))}
            {view.outcomes.length + stepUpResults.length + props.live.escrows.length === 0 ? (
              <li>None yet.</li>
            ) : null}
          </ul>
          {view.escrow?.status === 'HELD' ? (
            <VerificationForm
              api={api}
              escrowId={view.escrow.escrowId}
              onDone={() => void load()}
            />
          ) : null}
          {inspection === null ? null : (
            <FreezeControls api={api} userId={inspection.userId} decisionId={decisionId} />
          )}
          <h3>Feature inspector</h3>
          {inspection === null ? (
            <p>Loading…</p>
          ) : inspection.scored ? (
            <FeatureTable inspection={inspection} />
          ) : (
            <p>{inspection.reason}.</p>
          )}
        </>
      )}
    </section>
  );
}
