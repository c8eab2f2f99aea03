import { describe, expect, it } from 'vitest';
import { problemDocument } from './problem-document.ts';

const CATALOG = {
  'ESCROW.NOT_HELD': { status: 409, title: 'The escrow has already ended' },
} as const;

describe('problemDocument', () => {
  it('builds the RFC 9457 body with a stable URN, then standard members, then extensions', () => {
    const body = problemDocument(
      CATALOG,
      {
        code: 'ESCROW.NOT_HELD',
        message: 'Escrow e-1 is RELEASED',
        extensions: { escrowStatus: 'RELEASED', status: 200, errors: 'not this', retryable: false },
      },
      '/v1/escrows/e-1/release',
      { errors: [{ path: 'by', message: 'Required' }] },
    );
    expect(body).toEqual({
      type: 'urn:sentinel:problem:escrow-not-held',
      title: 'The escrow has already ended',
      status: 409,
      code: 'ESCROW.NOT_HELD',
      detail: 'Escrow e-1 is RELEASED',
      instance: '/v1/escrows/e-1/release',
      errors: [{ path: 'by', message: 'Required' }],
      // An extension never replaces a standard member (status, errors).
      escrowStatus: 'RELEASED',
      retryable: false,
    });
    expect(Object.keys(body).slice(0, 5)).toEqual(['type', 'title', 'status', 'code', 'detail']);
  });

  it('leaves instance out when there is none', () => {
    expect(problemDocument(CATALOG, { code: 'ESCROW.NOT_HELD', message: 'x' })).not.toHaveProperty(
      'instance',
    );
  });
});
