import type { HttpFunction } from '@google-cloud/functions-framework';
import { describeError } from '../providers/describe-error.ts';
import type { Logger } from '@sentinel/kernel';
import type { Ingestion } from './compose-ingestion.ts';
import { toFunctionsHandler } from './functions-handler.ts';

/** The functions-framework targets of the telco ingestion. */
export const FUNCTION_TARGETS = {
  /** Cloud Scheduler, every 5 minutes (`POST`, OIDC-authenticated by the invoker IAM binding). */
  poll: 'pollSimSwaps',
  /** The CAMARA subscriptions sink. */
  webhook: 'camaraWebhook',
} as const;

/**
 * Registers both HTTP targets with functions-framework (`ff.http`). The poller answers 200 with
 * the poll report; 409 while a poll of this instance still runs (an overlapping schedule); 500
 * when the store could not be walked.
 */
export function registerIngestionFunctions(
  ff: { http(name: string, handler: HttpFunction): void },
  ingestion: Ingestion,
  logger: Logger,
): void {
  let polling = false;
  ff.http(FUNCTION_TARGETS.poll, async (req, res) => {
    if (req.method !== 'POST' && req.method !== 'GET') {
      res.status(405).json({ status: 405, code: 'METHOD_NOT_ALLOWED', message: 'use POST' });
      return;
    }
    if (polling) {
      res.status(409).json({ status: 409, code: 'CONFLICT', message: 'a poll is running' });
      return;
    }
    polling = true;
    try {
      const report = await ingestion.poll(req.abortController?.signal);
      logger.info('SIM swap poll finished', { ...report });
      res.status(200).json(report);
    } catch (error) {
      logger.error('SIM swap poll failed', { error: describeError(error) });
      res.status(500).json({ status: 500, code: 'INTERNAL', message: 'poll failed' });
    } finally {
      polling = false;
    }
  });
  ff.http(FUNCTION_TARGETS.webhook, toFunctionsHandler(ingestion.webhook, logger));
}
