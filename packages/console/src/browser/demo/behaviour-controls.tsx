import type { BehaviorSnapshot } from '@sentinel/behavior-sdk';
import { useState } from 'preact/hooks';
import { fitBaseline, recordEnrolmentSession, type BehaviourSource } from './behaviour-seam.ts';

/** The engine fits a baseline from at least this many sessions (BEHAVIOR.NOT_ENOUGH_SESSIONS). */
const MIN_SESSIONS = 10;

export interface BehaviourControlsProps {
  readonly source: BehaviourSource;
  readonly setSource: (source: BehaviourSource) => void;
  readonly apiKey: string;
  readonly userId: string;
  readonly note: (text: string, tone?: 'info' | 'good' | 'warn' | 'alert') => void;
}

/**
 * Which behaviour a payment carries, and enrol mode (SHIELD's sandbox): one person fills in the
 * pay form several times, each round recorded by the behaviour SDK instead of paying, and fits the
 * signed-in customer's baseline from those sessions; then someone else pays with "this browser".
 */
export function BehaviourControls(props: BehaviourControlsProps) {
  const [recorded, setRecorded] = useState<readonly BehaviorSnapshot[]>([]);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const record = () => {
    const session = recordEnrolmentSession();
    if (session !== null) {
      setRecorded([...recorded, session]);
      setStatus(`Session ${recorded.length + 1} recorded. Fill in the form again for the next.`);
    }
  };
  const fit = async () => {
    setBusy(true);
    const result = await fitBaseline(props.apiKey, props.userId, recorded);
    setBusy(false);
    if (result.ok) {
      const text = `Baseline v${result.value.version} fitted for ${props.userId} from ${result.value.n} sessions`;
      setStatus(text);
      setRecorded([]);
      props.note(text, 'good');
    } else {
      setStatus(`Refused (${result.problem.status}): ${result.problem.detail ?? 'see the API'}`);
    }
  };

  return (
    <div class="behaviour-controls">
      <fieldset>
        <legend>Behaviour sent with a payment</legend>
        <label>
          <input
            type="radio"
            name="behaviour-source"
            data-id="behaviour-profile"
            checked={props.source === 'profile'}
            onChange={() => props.setSource('profile')}
          />{' '}
          Seeded SHIELD profile
        </label>
        <label>
          <input
            type="radio"
            name="behaviour-source"
            data-id="behaviour-browser"
            checked={props.source === 'browser'}
            onChange={() => props.setSource('browser')}
          />{' '}
          This browser (behaviour SDK: your keys, taps and navigation)
        </label>
      </fieldset>
      <details>
        <summary>Enrol mode: train {props.userId}’s baseline on you</summary>
        <p class="muted">
          Fill in the form as you normally would and press Record instead of Pay, at least{' '}
          {MIN_SESSIONS} times; then fit. The sessions join any already stored for the customer.
        </p>
        <button type="button" data-id="record-session" onClick={record}>
          Record this session ({recorded.length})
        </button>{' '}
        <button
          type="button"
          data-id="fit-baseline"
          disabled={busy || recorded.length < MIN_SESSIONS}
          onClick={() => void fit()}
        >
          Fit the baseline
        </button>
        {status === null ? null : (
          <p role="status" data-id="enrol-status">
            {status}
          </p>
        )}
      </details>
    </div>
  );
}
