import { RecentList, type Logger } from '@sentinel/kernel';
import {
  EventPublishError,
  parseDecisionEvent,
  toAvroJson,
  type DecisionEvent,
  type DecisionEventAvroJson,
  type DecisionEventPublisher,
} from '@sentinel/contracts';

/**
 * Called with every accepted event, synchronously, in publish order: the object `publish` was
 * given, read-only — a listener copies what it keeps (the console's feed builds its own item).
 */
export type DecisionEventListener = (event: Readonly<DecisionEvent>) => void;

/**
 * A simulated broker fault (see `MemoryDecisionEventPublisher.setFault`): every publish rejects
 * with the error, or never settles with `'hang'`; a function picks the fault per event (`null`
 * accepts it).
 */
export type PublishFault = Error | 'hang' | ((event: DecisionEvent) => Error | 'hang' | null);

/**
 * `DecisionEventPublisher` in process memory: keeps the last `maxKept` events and fans them out
 * to listeners (the local console, tests). `setAvailable(false)` simulates a broker outage,
 * `setFault` a failing or hanging publish and `hold` a slow broker, so the outbox's retries can be
 * exercised without replacing the adapter's methods.
 *
 * Events are kept as the message body the Pub/Sub publisher sends (the Avro JSON object
 * `toAvroJson` builds: fresh throughout, so whatever the publisher or a reader does with its event
 * later cannot change what was accepted) and read back through JSON text with the consumers'
 * `parseDecisionEvent`, so in-memory runs exercise the same contract as the topic. The text is
 * made when read, not on every publish (3 % of the in-memory risk-api's CPU under load); two
 * structured clones per publish were 4 %, and parsing the body back for each listener — the
 * console's feed — another 5 %, so listeners get the event itself.
 */
export class MemoryDecisionEventPublisher implements DecisionEventPublisher {
  readonly #events: RecentList<DecisionEventAvroJson>;
  readonly #listeners = new Set<DecisionEventListener>();
  readonly #logger: Pick<Logger, 'warn'> | undefined;
  #available = true;
  #fault: PublishFault | null = null;
  #held: Promise<void> | null = null;
  #attempts = 0;

  constructor(opts: { readonly maxKept?: number; readonly logger?: Pick<Logger, 'warn'> } = {}) {
    this.#events = new RecentList(opts.maxKept ?? 1_000);
    this.#logger = opts.logger;
  }

  /** Copies of the accepted events, oldest first. */
  get events(): readonly DecisionEvent[] {
    return this.#events.toArray().map(read);
  }

  /** While false, `publish` rejects with `EventPublishError` and keeps nothing. */
  setAvailable(available: boolean): void {
    this.#available = available;
  }

  /** How many times `publish` was called, accepted or not. */
  get attempts(): number {
    return this.#attempts;
  }

  /**
   * Test fault hook: until cleared with `null`, `publish` rejects with the fault's error or never
   * settles (`'hang'`, a blackholed connection); `setAvailable(false)` still wins.
   */
  setFault(fault: PublishFault | null): void {
    this.#fault = fault;
  }

  /**
   * A slow broker: publishes wait until the returned function is called, then go on as they would
   * have (accepted, or refused by the fault or outage in force at release).
   */
  hold(): () => void {
    const gate = Promise.withResolvers<undefined>();
    this.#held = gate.promise;
    return () => {
      this.#held = null;
      gate.resolve(undefined);
    };
  }

  /** Returns the unsubscribe function. */
  subscribe(listener: DecisionEventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  publish(event: DecisionEvent): Promise<void> {
    this.#attempts++;
    const held = this.#held;
    return held === null ? this.#accept(event) : held.then(() => this.#accept(event));
  }

  #accept(event: DecisionEvent): Promise<void> {
    if (!this.#available) {
      return Promise.reject(new EventPublishError('event broker is down (simulated)'));
    }
    const fault = typeof this.#fault === 'function' ? this.#fault(event) : this.#fault;
    if (fault === 'hang') {
      return new Promise<never>(() => undefined);
    }
    if (fault !== null) {
      return Promise.reject(fault);
    }
    this.#events.push(toAvroJson(event));
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch (error) {
        // A broken listener (console) must not turn an accepted event into a failed publish.
        this.#logger?.warn('decision event listener failed', {
          error,
          decisionId: event.decisionId,
        });
      }
    }
    return Promise.resolve();
  }
}

function read(body: DecisionEventAvroJson): DecisionEvent {
  return parseDecisionEvent(JSON.parse(JSON.stringify(body)));
}
