import { useEffect, useState } from 'preact/hooks';
import { describeProblem, type Api } from './api.ts';

interface Freeze {
  readonly frozen: boolean;
  readonly frozenAt?: string;
  readonly reason?: string;
  readonly unfrozenAt?: string;
}

/** The customer's freeze state, with freeze (the analyst's own) and unfreeze. */
export function FreezeControls(props: {
  readonly api: Api;
  readonly userId: string;
  readonly decisionId: string;
}) {
  const { api, userId } = props;
  const [freeze, setFreeze] = useState<Freeze | null>(null);
  const [message, setMessage] = useState<string>('');
  const user = encodeURIComponent(userId);

  const load = async () => {
    const res = await api.call<{ freeze: Freeze }>('GET', `/v1/users/${user}`);
    if (res.ok) {
      setFreeze(res.value.freeze);
    } else {
      setMessage(`Customer ${userId}: ${describeProblem(res.problem)}`);
    }
  };
  useEffect(() => {
    void load();
  }, [userId]);

  const act = async (action: 'freeze' | 'unfreeze') => {
    const res =
      action === 'freeze'
        ? await api.call<Freeze>('POST', `/v1/console/users/${user}/freeze`, {
            decisionId: props.decisionId,
          })
        : await api.call<Freeze>('POST', `/v1/users/${user}/unfreeze`, {
            comment: 'unfrozen in the analyst view',
          });
    if (res.ok) {
      setFreeze(res.value);
      setMessage(res.value.frozen ? `${userId} is frozen.` : `${userId} is unfrozen.`);
    } else {
      setMessage(describeProblem(res.problem));
    }
  };

  return (
    <div class="freeze" aria-labelledby="freeze-title" role="group">
      <h3 id="freeze-title">Customer {userId}</h3>
      {freeze === null ? null : (
        <p id="freeze-state">
          {freeze.frozen
            ? `Frozen since ${freeze.frozenAt ?? '?'} (${freeze.reason ?? 'no reason'}): payments are denied with ACCOUNT_FROZEN.`
            : 'Not frozen.'}
        </p>
      )}
      <div class="buttons">
        <button
          type="button"
          onClick={() => void act('freeze')}
          disabled={freeze?.frozen !== false}
        >
          Freeze customer
        </button>
        <button
          type="button"
          onClick={() => void act('unfreeze')}
          disabled={freeze?.frozen !== true}
        >
          Unfreeze customer
        </button>
        <span role="status">{message}</span>
      </div>
    </div>
  );
}
