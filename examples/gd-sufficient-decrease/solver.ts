/**
 * The code under test: one gradient-descent step x⁺ = x − η∇f(x) for least squares, with the gradient computed
 * its own way (column by column, not through the oracle's residual). Planted faults reach it only through the
 * `faults` option, which the claims pass on from their check context.
 */
import type { LeastSquares } from './problem.ts';

/** The planted bugs of this solver, id → what goes wrong (the ledger's `mutants`). */
export const GD_FAULTS = {
  'gradient-drops-b': 'the gradient is computed as AᵀAx, forgetting −Aᵀb',
} as const;

/** One step of gradient descent with step size `eta`. */
export function gdStep(p: LeastSquares, eta: number, opts: { faults?: ReadonlySet<string> } = {}): number[] {
  const dropB = opts.faults?.has('gradient-drops-b') === true;
  const { m, n, A, b, x } = p;
  const out = x.slice();
  for (let j = 0; j < n; j++) {
    let g = 0;
    for (let i = 0; i < m; i++) {
      let ri = dropB ? 0 : -b[i];
      for (let k = 0; k < n; k++) ri += A[i * n + k] * x[k];
      g += A[i * n + j] * ri;
    }
    out[j] = x[j] - eta * g;
  }
  return out;
}
