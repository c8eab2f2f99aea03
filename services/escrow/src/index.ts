export * from './app/escrow-service.ts';
export * from './domain/escrow-machine.ts';
