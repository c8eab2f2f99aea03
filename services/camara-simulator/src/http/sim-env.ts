import type { AccessToken } from '../domain/access-token.ts';

/** Per-request values set by the simulator's middleware. */
export interface SimEnv {
  Variables: {
    /** The x-correlator of the response: the client's, or one the simulator made up. */
    correlator: string;
    /** The validated bearer token (CAMARA routes only). */
    token: AccessToken;
    /** SHA-256 of the bearer value: the rate limiter's key. */
    tokenDigest: string;
  };
}
