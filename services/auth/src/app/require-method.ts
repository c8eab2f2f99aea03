import type { StepUpChallenge } from '@sentinel/contracts';
import type { StepUpMethod } from '@sentinel/engine';
import { AuthError } from '../http/problem.ts';

/** Only the methods the decision allowed (its `stepUp.methods`) can pass its challenge. */
export function requireMethod(c: StepUpChallenge, method: StepUpMethod): void {
  if (!c.methods.includes(method)) {
    throw new AuthError('AUTH.METHOD_NOT_ALLOWED', `${method} is not allowed for this challenge`);
  }
}
