export * from './payment.ts';
export * from './signals.ts';
export * from './rule.ts';
export * from './assessment.ts';
export * from './policy/policy-document.ts';
