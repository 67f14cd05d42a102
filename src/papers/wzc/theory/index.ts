/**
 * Independent oracles for the WZC theory checks: literal paper objects, exact gradients, directional
 * derivatives, limiting subdifferentials, KKT residuals, NNAMCQ and strong-convexity moduli. Small sizes only.
 * None of these import solver code; they judge it.
 */
export * from './explicit.ts';
export * from './gradient.ts';
export * from './directional.ts';
export * from './subdifferential.ts';
export * from './kkt.ts';
export * from './nnamcq.ts';
export * from './hessian.ts';
