import type { Decision } from '@sentinel/contracts';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Api, CustomerView, DemoFixtures } from '../shared/api.ts';
import { formText } from '../shared/form-field.ts';
import { BehaviourControls } from './behaviour-controls.tsx';
import {
  behaviourSnapshot,
  captureBehaviour,
  showScreen,
  type BehaviourSource,
} from './behaviour-seam.ts';
import { boundDevice } from './devices.ts';
import { placeOf } from './ip-geography.ts';
import { methodName } from './methods.ts';
import { newTransactionId, paymentRequest } from './payment-request.ts';
import type { Staged } from './staged.ts';
import { useTrackedDecision } from './track-decision.ts';

const CHANNELS = ['PAYSHAP', 'EFT', 'CARD', 'QR', 'WALLET'] as const;

/** The auth service's step-up page for a challenge URL (`/v1/challenges/{id}#secret`). */
const stepUpPage = (challengeUrl: string) => challengeUrl.replace('/v1/challenges/', '/challenge/');

export interface PaymentAppProps {
  readonly api: Api;
  /** The tenant's API key: enrol mode posts the recorded sessions with it. */
  readonly apiKey: string;
  readonly fixtures: DemoFixtures;
  readonly customer: CustomerView | null;
  readonly signIn: (userId: string | null) => void;
  readonly staged: Staged;
  /** The staged conditions were used by a payment. */
  readonly consumeStaged: () => void;
  readonly note: (text: string, tone?: 'info' | 'good' | 'warn' | 'alert') => void;
  readonly decided: (heading: string, decision: Decision) => void;
}

/** The phone: sign-in, the pay form, the step-up in the page and the hold's state. */
export function PaymentApp(props: PaymentAppProps) {
  const { api, customer } = props;
  const [busy, setBusy] = useState(false);
  const [decision, setDecision] = useState<Decision | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [source, setSource] = useState<BehaviourSource>('profile');
  const phone = useRef<HTMLElement>(null);
  // The behaviour SDK records the phone's own DOM events: the sign-in list is the dashboard,
  // the pay form the transfer screen (SHIELD's navigation features).
  const signedIn = customer !== null;
  useEffect(() => {
    const stop = phone.current === null ? undefined : captureBehaviour(phone.current);
    showScreen(signedIn ? 'transfer' : 'dashboard');
    return stop;
  }, [signedIn, customer?.userId]);
  const tracked = useTrackedDecision(
    api,
    decision !== null && (decision.stepUp !== undefined || decision.escrow !== undefined)
      ? decision.decisionId
      : null,
  );
  const stepUp = tracked?.stepUp;
  const hold = tracked?.escrow;

  useEffect(() => {
    if (stepUp !== undefined && stepUp.status !== 'PENDING') {
      props.note(
        `Step-up ${stepUp.status}${stepUp.method === null ? '' : ` with ${methodName(stepUp.method)}`}`,
        stepUp.status === 'PASSED' ? 'good' : 'alert',
      );
    }
  }, [stepUp?.status]);
  useEffect(() => {
    if (hold !== undefined && hold.status !== 'HELD') {
      props.note(
        `Hold ${hold.status}${hold.cause === null ? '' : ` (${hold.cause})`}: ${hold.status === 'RELEASED' ? 'the payment is sent' : 'the payment is not sent'}`,
        hold.status === 'RELEASED' ? 'good' : 'alert',
      );
    }
  }, [hold?.status]);

  if (customer === null) {
    return (
      <section class="phone-screen" aria-labelledby="sign-in-title" ref={phone}>
        <h3 id="sign-in-title">Sign in</h3>
        <p>Pick a demo customer (seeded by npm start through the real APIs).</p>
        <ul class="customer-list">
          {props.fixtures.customers.map((c) => (
            <li key={c.userId}>
              <button
                type="button"
                data-id={`sign-in-${c.userId}`}
                onClick={() => props.signIn(c.userId)}
              >
                {c.name} <span class="muted">({c.userId})</span>
              </button>
            </li>
          ))}
        </ul>
      </section>
    );
  }

  const pay = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const rands = Number(formText(form, 'amount').replace(',', '.'));
    if (!Number.isFinite(rands) || rands <= 0) {
      setError('Enter an amount in rand, such as 1250.00');
      return;
    }
    setBusy(true);
    setError(null);
    setDecision(null);
    const staged = props.staged;
    const place = placeOf(staged.ip ?? '');
    const transactionId = newTransactionId();
    const request = paymentRequest(
      {
        userId: customer.userId,
        phoneNumber: customer.phoneNumber,
        amountMinor: Math.round(rands * 100),
        channel: formText(form, 'channel') || 'PAYSHAP',
        payee: formText(form, 'payee').trim() || 'Unnamed payee',
        device: staged.device ?? boundDevice(customer),
        ipAddress: place.ip,
        location: place.location,
        behaviour: behaviourSnapshot(
          props.fixtures,
          staged.snapshot ?? 'own',
          transactionId,
          source,
        ),
      },
      transactionId,
    );
    props.consumeStaged();
    props.note(
      `Checking signals… ${customer.userId} pays R${rands.toFixed(2)} to ${request.payee.accountId} from ${request.device.id} in ${place.city}${staged.labels.length === 0 ? '' : ` (staged: ${staged.labels.join(', ')})`}`,
    );
    try {
      const answer = await api.assessPayment(request);
      setDecision(answer);
      props.decided(`Payment ${transactionId}`, answer);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  };

  const challengeUrl = decision?.stepUp?.challengeUrl;
  const stepUpOpen =
    challengeUrl !== undefined && (stepUp === undefined || stepUp.status === 'PENDING');
  return (
    <section class="phone-screen" aria-labelledby="pay-title" ref={phone}>
      <div class="phone-bar">
        <span>
          Signed in as <strong>{customer.userId}</strong>
          {customer.freeze.frozen ? <span class="badge deny"> frozen</span> : null}
        </span>
        <button type="button" class="link" onClick={() => props.signIn(null)}>
          Sign out
        </button>
      </div>
      <h3 id="pay-title">Pay someone</h3>
      <form class="pay-form" onSubmit={(e) => void pay(e)}>
        <label>
          Recipient <input name="payee" defaultValue="Bob’s Bakery" maxLength={64} required />
        </label>
        <label>
          Amount (R) <input name="amount" defaultValue="1250.00" inputMode="decimal" required />
        </label>
        <label>
          Channel
          <select name="channel" defaultValue="PAYSHAP">
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" data-id="pay" disabled={busy}>
          {busy ? 'Checking…' : 'Pay'}
        </button>
      </form>
      <BehaviourControls
        source={source}
        setSource={setSource}
        apiKey={props.apiKey}
        userId={customer.userId}
        note={props.note}
      />
      {error === null ? null : (
        <p role="alert" class="error" data-id="pay-error">
          {error}
        </p>
      )}
      {decision === null ? null : (
        <p
          class={`outcome ${decision.action.toLowerCase()}`}
          data-id="outcome"
          data-action={decision.action}
          data-decision-id={decision.decisionId}
          role="status"
        >
          {decision.action === 'APPROVE'
            ? 'Payment approved'
            : decision.action === 'DENY'
              ? 'Payment refused'
              : 'Please confirm this payment'}{' '}
          <span class="muted">
            score {decision.riskScore}, {decision.riskLevel.toLowerCase()}
          </span>
        </p>
      )}
      {stepUpOpen ? (
        <iframe
          class="step-up-frame"
          data-id="step-up-frame"
          title="Confirm the payment (step-up page of the auth service)"
          src={stepUpPage(challengeUrl)}
          allow="publickey-credentials-get; publickey-credentials-create"
        />
      ) : null}
      {stepUp !== undefined && stepUp.status !== 'PENDING' ? (
        <p class="outcome" data-id="step-up-status" data-status={stepUp.status} role="status">
          Step-up {stepUp.status}
          {stepUp.method === null ? '' : ` with ${methodName(stepUp.method)}`}
        </p>
      ) : null}
      {decision?.escrow === undefined ? null : (
        <HoldCard
          status={hold?.status ?? 'HELD'}
          reason={decision.escrow.reason}
          escrowId={decision.escrow.escrowId}
        />
      )}
    </section>
  );
}

/** The hold's state as the customer sees it: HELD until the bank verifies, then its end. */
function HoldCard(props: {
  readonly status: string;
  readonly reason: string;
  readonly escrowId: string;
}) {
  const text =
    props.status === 'HELD'
      ? `Waiting for the bank to verify you (${props.reason}); nothing is sent until then. Escrow ${props.escrowId}.`
      : props.status === 'RELEASED'
        ? 'Verified: the payment is on its way.'
        : 'The payment was not sent.';
  return (
    <div class="hold" data-id="hold" data-status={props.status} role="status">
      <strong>Payment {props.status}</strong>
      <span>{text}</span>
    </div>
  );
}
