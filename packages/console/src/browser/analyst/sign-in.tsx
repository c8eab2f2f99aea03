import { useState } from 'preact/hooks';

export const KEY_STORAGE = 'sentinel.console.adminKey';

/**
 * Outside the local demo the page has no key: the analyst pastes the tenant's admin key, kept in
 * this tab's session storage only (gone when the tab closes).
 */
export function SignIn(props: { readonly onKey: (key: string) => void }) {
  const [key, setKey] = useState('');
  return (
    <form
      class="panel sign-in"
      onSubmit={(e) => {
        e.preventDefault();
        sessionStorage.setItem(KEY_STORAGE, key);
        props.onKey(key);
      }}
    >
      <h2>Sign in</h2>
      <p>The analyst view needs your tenant&apos;s admin key (SENTINEL_ADMIN_KEYS).</p>
      <label for="admin-key">Tenant admin key</label>
      <input
        id="admin-key"
        type="password"
        autocomplete="off"
        required
        value={key}
        onInput={(e) => setKey(e.currentTarget.value)}
      />
      <button type="submit">Use this key</button>
    </form>
  );
}
