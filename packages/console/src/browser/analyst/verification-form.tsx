import { useState } from 'preact/hooks';
import { describeProblem, type Api } from './api.ts';

/**
 * Records an out-of-band verification (call centre, branch) on a held payment, through the
 * risk-api's same-origin proxy to the escrow service.
 */
export function VerificationForm(props: {
  readonly api: Api;
  readonly escrowId: string;
  readonly onDone: () => void;
}) {
  const [method, setMethod] = useState('CALL_CENTRE');
  const [result, setResult] = useState('PASSED');
  const [operator, setOperator] = useState('');
  const [reference, setReference] = useState('');
  const [message, setMessage] = useState('');

  const submit = async (e: Event) => {
    e.preventDefault();
    const res = await props.api.call<{ status: string }>(
      'POST',
      `/v1/console/escrows/${props.escrowId}/verifications`,
      { method, result, operator, reference },
    );
    if (res.ok) {
      setMessage(`Recorded: the hold is ${res.value.status}.`);
      props.onDone();
    } else {
      setMessage(describeProblem(res.problem));
    }
  };

  return (
    <form class="verification" onSubmit={(e) => void submit(e)} aria-labelledby="verify-title">
      <h3 id="verify-title">Record an out-of-band verification</h3>
      <label>
        Method
        <select value={method} onChange={(e) => setMethod(e.currentTarget.value)}>
          <option value="CALL_CENTRE">Call centre</option>
          <option value="BRANCH">Branch</option>
          <option value="OTHER">Other</option>
        </select>
      </label>
      <label>
        Result
        <select value={result} onChange={(e) => setResult(e.currentTarget.value)}>
          <option value="PASSED">Passed</option>
          <option value="FAILED">Failed</option>
        </select>
      </label>
      <label>
        Operator
        <input required value={operator} onInput={(e) => setOperator(e.currentTarget.value)} />
      </label>
      <label>
        Reference
        <input required value={reference} onInput={(e) => setReference(e.currentTarget.value)} />
      </label>
      <button type="submit">Record verification</button>
      <span role="status">{message}</span>
    </form>
  );
}
