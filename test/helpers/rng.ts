/** Test-side re-export of the library's seeded generator, so tests and instances share one RNG. */
export { mulberry32 } from '../../src/core/rng.ts';
