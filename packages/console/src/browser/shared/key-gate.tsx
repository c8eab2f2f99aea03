import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { ApiKeys } from './api.ts';
import { loadConfig } from './config.ts';
import { formText } from './form-field.ts';

const STORAGE_KEY = 'sentinel.console.keys';

type Gate =
  | { readonly state: 'loading' }
  | { readonly state: 'ask'; readonly error: string | null }
  | { readonly state: 'ready'; readonly keys: ApiKeys; readonly demo: boolean };

function storedKeys(): ApiKeys | null {
  const raw = sessionStorage.getItem(STORAGE_KEY);
  return raw === null ? null : (JSON.parse(raw) as ApiKeys);
}

/**
 * The console's access (issue 15 item 5): the local demo (npm start, loopback) hands the page the
 * demo tenant's keys in `/console/config.json`; anywhere else the operator types the tenant's keys,
 * kept in this tab's session storage only (gone when the tab closes), never in a cookie or a URL.
 */
export function KeyGate(props: {
  readonly children: (keys: ApiKeys, demo: boolean) => ComponentChildren;
}) {
  const [gate, setGate] = useState<Gate>({ state: 'loading' });
  useEffect(() => {
    loadConfig()
      .then((config) => {
        if (config.apiKey !== null) {
          setGate({
            state: 'ready',
            keys: { apiKey: config.apiKey, adminKey: config.adminKey },
            demo: config.demo,
          });
          return;
        }
        const stored = storedKeys();
        setGate(
          stored === null
            ? { state: 'ask', error: null }
            : { state: 'ready', keys: stored, demo: false },
        );
      })
      .catch((error: unknown) => setGate({ state: 'ask', error: String(error) }));
  }, []);

  if (gate.state === 'loading') {
    return <p role="status">Loading the console’s configuration…</p>;
  }
  if (gate.state === 'ready') {
    return <>{props.children(gate.keys, gate.demo)}</>;
  }
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const apiKey = formText(form, 'apiKey').trim();
    const adminKey = formText(form, 'adminKey').trim();
    if (apiKey === '') {
      setGate({ state: 'ask', error: 'The API key is required.' });
      return;
    }
    const keys = { apiKey, adminKey: adminKey === '' ? null : adminKey };
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(keys));
    setGate({ state: 'ready', keys, demo: false });
  };
  return (
    <form class="key-gate" onSubmit={submit} aria-describedby="key-gate-help">
      <h2>Sign in to the console</h2>
      <p id="key-gate-help">
        Outside the local demo the console needs your tenant’s keys. They stay in this tab’s session
        storage and are sent only to this origin.
      </p>
      <label>
        API key <input name="apiKey" type="password" autoComplete="off" required />
      </label>
      <label>
        Admin key (optional: unfreezing){' '}
        <input name="adminKey" type="password" autoComplete="off" />
      </label>
      <button type="submit">Continue</button>
      {gate.error === null ? null : (
        <p role="alert" class="error">
          {gate.error}
        </p>
      )}
    </form>
  );
}
