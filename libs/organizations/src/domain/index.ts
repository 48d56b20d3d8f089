export * from './uscc.js';
export * from './size-classifier.js';
export * from './enterprise-verification.state-machine.js';
export * from './provider-admission.state-machine.js';
export * from './provider-types.js';
