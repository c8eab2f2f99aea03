import { useEffect, useState } from 'preact/hooks';
import type { Api, DecisionView } from '../shared/api.ts';

const POLL_MS = 1_000;

/** Still waiting on the customer (step-up) or the bank (hold)? */
export function settled(view: DecisionView): boolean {
  const stepUpOpen = view.stepUp !== undefined && view.stepUp.status === 'PENDING';
  const held = view.escrow !== undefined && view.escrow.status === 'HELD';
  return !stepUpOpen && !held;
}

/**
 * Follows a decision after its answer: `GET /v1/decisions/{id}` every second while its step-up is
 * pending or its hold is HELD (the step-up page and the bank's verification end them elsewhere).
 */
export function useTrackedDecision(api: Api, decisionId: string | null): DecisionView | null {
  const [view, setView] = useState<DecisionView | null>(null);
  useEffect(() => {
    setView(null);
    if (decisionId === null) {
      return undefined;
    }
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const next = await api.decision(decisionId);
        if (stopped) {
          return;
        }
        setView(next);
        if (settled(next)) {
          return;
        }
      } catch {
        // A failed poll is retried at the next tick.
      }
      if (!stopped) {
        timer = setTimeout(() => void poll(), POLL_MS);
      }
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [api, decisionId]);
  return view;
}
