/** Independent oracles for the TKS paper: (8) and its gradient, the block models, the printed updates, KKT. */
export * from './lagrangian.ts';
export * from './models.ts';
export * from './printed.ts';
export * from './kkt.ts';
