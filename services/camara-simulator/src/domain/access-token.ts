/** Scopes of sim-swap.yaml and sim-swap-subscriptions.yaml (each operation names the ones it accepts). */
export const SCOPES = [
  'sim-swap',
  'sim-swap:retrieve-date',
  'sim-swap:check',
  'sim-swap-subscriptions:org.camaraproject.sim-swap-subscriptions.v0.swapped:create',
  'sim-swap-subscriptions:read',
  'sim-swap-subscriptions:delete',
] as const;

export type Scope = (typeof SCOPES)[number];

/**
 * A validated bearer token. A 2-legged token (client credentials) identifies no subscriber; a
 * 3-legged token was issued with a subscriber's consent and identifies exactly one number.
 */
export type AccessToken =
  | { readonly kind: 'TWO_LEGGED'; readonly scopes: readonly Scope[] }
  | {
      readonly kind: 'THREE_LEGGED';
      readonly phoneNumber: string;
      readonly scopes: readonly Scope[];
    };

/** True when the token carries at least one of the scopes an operation accepts. */
export function hasAnyScope(token: AccessToken, accepted: readonly Scope[]): boolean {
  return accepted.some((scope) => token.scopes.includes(scope));
}
