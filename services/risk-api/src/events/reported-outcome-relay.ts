import { reportedOutcomeEvent, type ReportedOutcome } from '@sentinel/contracts';
import { BoundedMap, every, type Clock, type Logger } from '@sentinel/kernel';
import type { ReportedOutcomeStore, TenantId } from '@sentinel/store';
import type { OutcomeEventPublisher } from '../ports/outcome-event-publisher.ts';

const SWEEP_BATCH = 100;
// Reports this instance is publishing or has just published: the sweep leaves them alone.
const RECENT = 10_000;

const keyOf = (tenant: TenantId, report: ReportedOutcome) =>
  JSON.stringify([tenant, report.decisionId, report.outcome]);

/**
 * Publishes reported outcomes on `risk-outcomes` without losing one: each new report has an
 * outbox entry written in its own commit (`ReportedOutcomeStore.report`). The relay publishes at
 * once and completes the entry; while Pub/Sub is down the entry stays, and the sweep (every
 * `intervalMs`) publishes it later. At least once: consumers deduplicate on (decisionId, source,
 * status).
 */
export function createReportedOutcomeRelay(deps: {
  readonly store: ReportedOutcomeStore;
  readonly publisher: OutcomeEventPublisher;
  readonly clock: Pick<Clock, 'setTimer'>;
  readonly logger: Pick<Logger, 'warn'>;
  readonly intervalMs: number;
}) {
  const inFlight = new Set<Promise<unknown>>();
  const recent = new BoundedMap<string, true>(RECENT);
  let sweeping: Promise<number> | null = null;
  let stopTimer: (() => void) | undefined;

  const track = <T>(work: Promise<T>): Promise<T> => {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work)).catch(() => undefined);
    return work;
  };

  const publish = async (tenant: TenantId, report: ReportedOutcome): Promise<void> => {
    await deps.publisher.publish(reportedOutcomeEvent(tenant, report));
    await deps.store.completeReport(tenant, report.decisionId, report.outcome);
  };

  const sweepOnce = async (): Promise<number> => {
    let published = 0;
    for (const { tenant, report } of await deps.store.dueReports(SWEEP_BATCH)) {
      if (recent.get(keyOf(tenant, report)) === true) {
        continue;
      }
      try {
        await publish(tenant, report);
        published++;
      } catch (error) {
        deps.logger.warn('reported outcome not published; kept for the next sweep', {
          decisionId: report.decisionId,
          error,
        });
        break;
      }
    }
    return published;
  };

  const sweep = (): Promise<number> => {
    sweeping ??= track(sweepOnce()).finally(() => {
      sweeping = null;
    });
    return sweeping;
  };

  return {
    /** Publishes a new report in the background; the answer does not wait for Pub/Sub. */
    publishSoon(tenant: TenantId, report: ReportedOutcome): void {
      const key = keyOf(tenant, report);
      recent.set(key, true);
      void track(
        publish(tenant, report).catch((error: unknown) => {
          recent.delete(key);
          deps.logger.warn('reported outcome not published yet; the sweep retries it', {
            decisionId: report.decisionId,
            error,
          });
        }),
      );
    },
    /** Publishes every report still in the outbox; resolves to how many went out. */
    sweep,
    start(): void {
      stopTimer ??= every(deps.clock, deps.intervalMs, () => {
        sweep().catch((error: unknown) => {
          deps.logger.warn('reported outcome sweep failed', { error });
        });
      });
    },
    /** Waits for the publishes and sweep under way (tests, shutdown). */
    async settle(): Promise<void> {
      await Promise.allSettled([...inFlight]);
    },
    async stop(): Promise<void> {
      stopTimer?.();
      stopTimer = undefined;
      await Promise.allSettled([...inFlight]);
    },
  };
}

export type ReportedOutcomeRelay = ReturnType<typeof createReportedOutcomeRelay>;
