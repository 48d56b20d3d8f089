/** Test helpers for code built on @innoserve/core (import from specs only). */
export * from './describe-machine.js';
