import { runBehaviorStateContract } from '../contract/behavior-state.contract.ts';
import { runDecisionLogContract } from '../contract/decision-log.contract.ts';
import { runPolicyStoreContract } from '../contract/policy-store.contract.ts';
import { runRiskStateStoreContract } from '../contract/risk-state-store.contract.ts';
import { MemoryDecisionLog } from './memory-decision-log.ts';
import { MemoryPolicyStore } from './memory-policy-store.ts';
import { MemoryRiskStateStore } from './memory-risk-state-store.ts';

runRiskStateStoreContract('memory', () => new MemoryRiskStateStore());
runBehaviorStateContract('memory', () => new MemoryRiskStateStore());
runDecisionLogContract('memory', () => new MemoryDecisionLog());
runPolicyStoreContract('memory', () => new MemoryPolicyStore());
