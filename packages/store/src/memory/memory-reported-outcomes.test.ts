import { runReportedOutcomesContract } from '../contract/reported-outcomes.contract.ts';
import { MemoryReportedOutcomes } from './memory-reported-outcomes.ts';

runReportedOutcomesContract('memory', () => new MemoryReportedOutcomes());
