import { z } from 'zod';
import { DeadlineExceededError, withDeadline, type Clock } from '@sentinel/kernel';
import {
  E164,
  providerFailure,
  type ProviderResult,
  type SimSwapProvider,
} from '../sim-swap-provider.ts';
import type { AccessTokenSource } from './access-token-source.ts';
import { camaraCall } from './camara-call.ts';
import { camaraFailure } from './camara-error.ts';

/** The narrow scope of `POST /retrieve-date` (the wide `sim-swap` also works; ask for the least). */
export const RETRIEVE_DATE_SCOPE = 'sim-swap:retrieve-date';

/** CAMARA sim-swap 2.1.0 `SimSwapInfo`. */
const SimSwapInfo = z.object({
  latestSimChange: z.iso.datetime({ offset: true }).nullable(),
  /** Days. */
  monitoredPeriod: z.number().int().positive().optional(),
});

export interface CamaraSimSwapProviderOptions {
  readonly id: string;
  /** `{apiRoot}/sim-swap/v2`, without a trailing slash. */
  readonly baseUrl: string;
  readonly tokens: AccessTokenSource;
  readonly clock: Pick<Clock, 'now' | 'setTimer'>;
  readonly scope?: string;
}

/**
 * CAMARA SIM Swap 2.1.0 `POST /retrieve-date` with a 2-legged token (client credentials), so the
 * number goes in the body. `latestSimChange` is the last swap (or, for an operator without a time
 * limit, the activation date: a new subscription counts as a swap). `null` with `monitoredPeriod`
 * means "no swap within N days", which is an answer. `null` without it tells nothing about recency,
 * so it is `UNAVAILABLE`, never "not swapped".
 */
export function camaraSimSwapProvider(opts: CamaraSimSwapProviderOptions): SimSwapProvider {
  const url = `${opts.baseUrl.replace(/\/+$/, '')}/retrieve-date`;
  const scope = opts.scope ?? RETRIEVE_DATE_SCOPE;
  return {
    id: opts.id,
    async lookup(phoneNumber, { signal, timeoutMs }): Promise<ProviderResult> {
      if (!E164.test(phoneNumber)) {
        return providerFailure('ERROR', `${opts.id}: not an E.164 phone number`, false);
      }
      // The deadline runs on the injected clock (fractional hot-path budgets included); a caller's
      // abort or the deadline aborts the HTTP call and answers TIMEOUT.
      const response = await withDeadline(
        (aborted) =>
          camaraCall(opts.tokens, {
            method: 'POST',
            url,
            scope,
            body: { phoneNumber },
            signal: aborted,
            label: opts.id,
          }),
        {
          clock: opts.clock,
          ms: timeoutMs,
          what: `${opts.id} retrieve-date`,
          ...(signal === undefined ? {} : { signal }),
        },
      ).catch((error: unknown) => {
        if (error instanceof DeadlineExceededError || signal?.aborted === true) {
          return providerFailure('TIMEOUT', `${opts.id}: no answer before the deadline`);
        }
        throw error;
      });
      if (!response.ok) {
        return response;
      }
      if (response.status !== 200) {
        return camaraFailure(opts.id, response.status, response.body);
      }
      const info = SimSwapInfo.safeParse(response.body);
      if (!info.success) {
        return providerFailure('ERROR', `${opts.id}: 200 body is not a SimSwapInfo`, false);
      }
      const { latestSimChange, monitoredPeriod } = info.data;
      const checkedAt = opts.clock.now();
      if (latestSimChange !== null) {
        return {
          ok: true,
          source: opts.id,
          lastSwapAt: new Date(latestSimChange),
          checkedAt,
          ...(monitoredPeriod === undefined ? {} : { monitoredPeriodHours: monitoredPeriod * 24 }),
        };
      }
      if (monitoredPeriod === undefined) {
        return providerFailure(
          'UNAVAILABLE',
          `${opts.id}: latestSimChange null without monitoredPeriod (no date given)`,
          false,
        );
      }
      return {
        ok: true,
        source: opts.id,
        lastSwapAt: null,
        monitoredPeriodHours: monitoredPeriod * 24,
        checkedAt,
      };
    },
  };
}
