/** ZLY problem (5): contracts, activations and Assumption 1, network, (6) and (26), conditions, instance files, demo data. */
export * from './types.ts';
export * from './activation.ts';
export * from './network.ts';
export * from './lagrangian.ts';
export * from './conditions.ts';
export * from './instance.ts';
export * from './demo.ts';
