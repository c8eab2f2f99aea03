import { describe, expect, it } from 'vitest';
import { SCOPES, type AccessToken } from './access-token.ts';
import { identifySubject } from './identify-subject.ts';

const TWO: AccessToken = { kind: 'TWO_LEGGED', scopes: SCOPES };
const THREE: AccessToken = { kind: 'THREE_LEGGED', phoneNumber: '+27820000001', scopes: SCOPES };

describe('identifySubject (2-legged / 3-legged identifier rules)', () => {
  it.each([
    ['2-legged with a number', TWO, '+27820000002', { ok: true, phoneNumber: '+27820000002' }],
    ['2-legged without a number', TWO, undefined, { ok: false, error: 'MISSING_IDENTIFIER' }],
    ['3-legged without a number', THREE, undefined, { ok: true, phoneNumber: '+27820000001' }],
    [
      '3-legged with another number',
      THREE,
      '+27820000002',
      { ok: false, error: 'UNNECESSARY_IDENTIFIER' },
    ],
    [
      '3-legged with its own number',
      THREE,
      '+27820000001',
      { ok: false, error: 'UNNECESSARY_IDENTIFIER' },
    ],
  ])('%s', (_name, token, phoneNumber, expected) => {
    expect(identifySubject(token, phoneNumber)).toEqual(expected);
  });
});
