import { describe, expect, it } from 'vitest';
import { ApiError, problemBody } from './problem.ts';

describe('problemBody', () => {
  it('adds extension members after the standard ones, never replacing them', () => {
    const err = new ApiError('BEHAVIOR.NOT_ENOUGH_SESSIONS', '3 sessions stored', {
      extensions: { sessions: 3, minSessions: 10, status: 200, code: 'OK' },
    });
    const body = problemBody(err, '/v1/users/u-1/behavior/enroll');
    expect(body).toEqual({
      type: 'urn:sentinel:problem:behavior-not-enough-sessions',
      title: 'Not enough behaviour sessions stored to fit a baseline',
      status: 422,
      code: 'BEHAVIOR.NOT_ENOUGH_SESSIONS',
      detail: '3 sessions stored',
      instance: '/v1/users/u-1/behavior/enroll',
      sessions: 3,
      minSessions: 10,
    });
    expect(Object.keys(body).slice(-2)).toEqual(['sessions', 'minSessions']);
  });
});
