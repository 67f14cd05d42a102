/**
 * Activations: the piecewise ones of WZC (ReLU, leaky ReLU, ELU: kinks handled exactly) and the smooth ones
 * of ZLY and TKS (sigmoid, tanh). The WZC code uses only the piecewise module.
 */
export * from './piecewise.ts';
export * from './smooth.ts';
