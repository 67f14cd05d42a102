/** TKS problem (4)–(8): contracts, the loss R, (8), the unrolled RNN, the text task and instance files, init. */
export * from './types.ts';
export * from './loss.ts';
export * from './lagrangian.ts';
export * from './rnn.ts';
export * from './text.ts';
export * from './instance.ts';
export * from './init.ts';
export * from './curvature.ts';
