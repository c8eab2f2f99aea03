import type { Context } from 'hono';
import { hasAnyScope, type Scope } from '../domain/access-token.ts';
import { CamaraError } from './camara-error.ts';
import type { SimEnv } from './sim-env.ts';

/** 403 PERMISSION_DENIED unless the token carries one of the operation's scopes. */
export function requireScope(c: Context<SimEnv>, accepted: readonly Scope[]): void {
  if (!hasAnyScope(c.get('token'), accepted)) {
    throw new CamaraError('PERMISSION_DENIED');
  }
}
