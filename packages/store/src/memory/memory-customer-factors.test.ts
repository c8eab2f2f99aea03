import { runCustomerFactorsContract } from '../contract/customer-factors.contract.ts';
import { MemoryCustomerFactors } from './memory-customer-factors.ts';

runCustomerFactorsContract('memory', () => new MemoryCustomerFactors());
