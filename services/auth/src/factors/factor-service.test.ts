import { MemoryCustomerFactors } from '@sentinel/store';
import { runFactorServiceScenarios } from './testing/factor-scenarios.ts';

runFactorServiceScenarios('memory', () => new MemoryCustomerFactors());
