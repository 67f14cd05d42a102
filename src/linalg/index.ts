/** Dense linear algebra on flat row-major `Float64Array`s. */
export * from './dense.ts';
export * from './cholesky.ts';
export * from './blocked.ts';
export { inArena, createSharedArena, attachSharedArena, simdAvailable, heapAlloc, type Alloc, type SharedArenaSpec } from './simd.ts';
