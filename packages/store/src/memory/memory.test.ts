import { runBehaviorStateContract } from '../contract/behavior-state.contract.ts';
import { runEnrolledFactorsContract } from '../contract/enrolled-factors.contract.ts';
import { runDecisionLogContract } from '../contract/decision-log.contract.ts';
import {
  runPolicyScopesContract,
  runPolicyStoreContract,
} from '../contract/policy-store.contract.ts';
import { runRiskStateStoreContract } from '../contract/risk-state-store.contract.ts';
import { runStepUpChallengesContract } from '../contract/step-up-challenges.contract.ts';
import { runTenantIsolationContract } from '../contract/tenant-isolation.contract.ts';
import { MemoryDecisionLog } from './memory-decision-log.ts';
import { MemoryPolicyStores } from './memory-policy-store.ts';
import { MemoryRiskStateStore } from './memory-risk-state-store.ts';

runRiskStateStoreContract('memory', () => new MemoryRiskStateStore());
runBehaviorStateContract('memory', () => new MemoryRiskStateStore());
runTenantIsolationContract('memory', () => new MemoryRiskStateStore());
runDecisionLogContract('memory', () => new MemoryDecisionLog());
runPolicyStoreContract('memory platform', () => new MemoryPolicyStores().platform);
runPolicyStoreContract('memory tenant', () => new MemoryPolicyStores().forTenant('bank-a'));
runPolicyScopesContract('memory', () => new MemoryPolicyStores());
runStepUpChallengesContract('memory', () => {
  const log = new MemoryDecisionLog();
  return { log, challenges: log.challenges };
});
runEnrolledFactorsContract('memory', () => {
  const state = new MemoryRiskStateStore();
  return { state, factors: state.factors };
});
