import { runEventLedgerContract } from '../contract/event-ledger.contract.ts';
import { runSubscriptionRefsContract } from '../contract/subscription-refs.contract.ts';
import { runWatchedNumbersContract } from '../contract/watched-numbers.contract.ts';
import { MemoryEventLedger } from './memory-event-ledger.ts';
import { MemorySubscriptionRefs } from './memory-subscription-refs.ts';
import { MemoryWatchedNumbers } from './memory-watched-numbers.ts';

runWatchedNumbersContract('memory', () => new MemoryWatchedNumbers());
runEventLedgerContract('memory', (opts) => new MemoryEventLedger(opts));
runSubscriptionRefsContract('memory', () => new MemorySubscriptionRefs());
