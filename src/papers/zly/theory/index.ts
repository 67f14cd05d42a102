/**
 * Independent oracles for the ZLY ledger (never import solver/): the subproblems of Algorithm 1 and their
 * gradients, ∇L of (6) and the KKT residuals of (24), the printed closed forms (53)–(60), and mathjs's symbolic
 * Assumption 1 constants.
 */
export * from './subproblems.ts';
export * from './gradient.ts';
export * from './closedForms.ts';
export * from './assumption1.ts';
export type { Mat } from './mat.ts';
