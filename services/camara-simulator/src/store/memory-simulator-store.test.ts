import { MemorySimulatorStore } from './memory-simulator-store.ts';
import { runSimulatorStoreContract } from './simulator-store.contract.ts';

runSimulatorStoreContract('memory', () => new MemorySimulatorStore());
