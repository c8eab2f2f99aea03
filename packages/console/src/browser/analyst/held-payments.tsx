import { useEffect, useState } from 'preact/hooks';
import { describeProblem, type Api } from './api.ts';

interface HeldEscrow {
  readonly escrowId: string;
  readonly decisionId: string;
  readonly transactionId: string;
  readonly reason: string;
  readonly amount: { readonly minor: number; readonly currency: string };
  readonly releaseBy: string;
}

/**
 * Payments held for an out-of-band verification (the escrow's `status=HELD`, through the
 * risk-api's proxy); opening one shows its decision with the verification form. Reloaded when
 * the feed brings an escrow event (`changes`).
 */
export function HeldPayments(props: {
  readonly api: Api;
  readonly changes: number;
  readonly onOpen: (decisionId: string) => void;
}) {
  const { api } = props;
  const [held, setHeld] = useState<readonly HeldEscrow[] | null>(null);
  const [note, setNote] = useState<string | null>(null);
  useEffect(() => {
    void api
      .call<{ escrows: HeldEscrow[] }>('GET', '/v1/console/escrows?status=HELD')
      .then((res) => {
        if (res.ok) {
          setHeld(res.value.escrows);
          setNote(null);
        } else {
          setHeld(null);
          setNote(describeProblem(res.problem));
        }
      });
  }, [api, props.changes]);
  return (
    <section aria-labelledby="held-title" class="panel">
      <h2 id="held-title">Held payments</h2>
      {note !== null ? (
        <p class="note" id="held-note">
          {note}
        </p>
      ) : held === null ? (
        <p>Loading…</p>
      ) : held.length === 0 ? (
        <p>No payment is held.</p>
      ) : (
        <ul class="held">
          {held.map((e) => (
            <li key={e.escrowId}>
              {e.amount.currency} {(e.amount.minor / 100).toFixed(2)} ({e.reason}), release by{' '}
              {e.releaseBy.slice(0, 16)}{' '}
              <button
                type="button"
                onClick={() => props.onOpen(e.decisionId)}
                aria-label={`Open held payment ${e.transactionId}`}
              >
                Open
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
