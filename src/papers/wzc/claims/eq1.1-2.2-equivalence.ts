/**
 * WZC §2.1, (1.1) ⇔ (2.2) (paper line 147; ℓ of (2.4)): the constrained reformulation has the same objective on F.
 *
 * Claims     wzc.eq1.1-2.2.equivalence
 * Solver     none (solver-independent)
 * Oracle     loss11 below (the nested composition (1.1) written out); ℓ (problem/lagrangian.ts); FeasVio
 *            (theory/kkt.ts)
 * Instances  wzc.point.feasible (_internals/feasiblePoints.ts, _internals/families.ts)
 */
import { compareEq, compareLe, worstVerdict } from '../../../engine/tolerance.ts';
import type { RegisteredClaim } from '../../../engine/types.ts';
import { sigma } from '../../../models/activations/piecewise.ts';
import { ell } from '../problem/lagrangian.ts';
import type { Problem, Weights } from '../problem/types.ts';
import { feasibilityViolation } from '../theory/kkt.ts';
import { src } from './_internals/common.ts';
import { feasScale, onFeasible } from './_internals/feasiblePoints.ts';

/**
 * The loss (1.1) of z computed literally: the nested composition Aσ(W(…σ(Vx_1 + b)…) + Vx_t + b) + c, written
 * out here on its own rather than taken from the model's forward pass.
 */
function loss11(prob: Problem, z: Weights): number {
  const { T, n, m, r } = prob.data.dims;
  const { X, Y } = prob.data;
  let hPrev = new Float64Array(r); // h_0 = 0
  let total = 0;
  for (let t = 0; t < T; t++) {
    const h = new Float64Array(r);
    for (let i = 0; i < r; i++) {
      let pre = z.b[i];
      for (let k = 0; k < r; k++) pre += z.W[i * r + k] * hPrev[k];
      for (let k = 0; k < n; k++) pre += z.V[i * n + k] * X[t * n + k];
      h[i] = sigma(prob.activation, pre);
    }
    for (let j = 0; j < m; j++) {
      let out = z.c[j];
      for (let k = 0; k < r; k++) out += z.A[j * r + k] * h[k];
      total += (Y[t * m + j] - out) ** 2;
    }
    hPrev = h;
  }
  return total / T;
}

const equivalence = onFeasible({
  id: 'wzc.eq1.1-2.2.equivalence',
  source: src('§2.1, (1.1) ⇔ (2.2)', ['(1.1)', '(2.2)', '(2.4)'], 147),
  statement:
    'Problems (1.1) and (2.2) are equivalent: for any weights z, the point s = (z; h; u) with u_t = W h_{t−1} + V x_t + b, '
    + 'h_t = (u_t)_+, h_0 = 0 satisfies the constraints of (2.2) (s ∈ F) and its objective ℓ(s) (2.4) equals the loss (1.1) of z.',
  method:
    'Draws weights z, data X, Y, λ and the activation (ReLU, leaky ReLU, ELU) on integer grids and builds s = (z; '
    + 'h; u) by the model\'s forward pass, with biases chosen so that some u_{1,i} are exactly 0 (kinks). Compares '
    + 'ℓ(s) of (2.4) from the problem layer with the loss (1.1) of z, recomputed here by the nested composition '
    + 'Aσ(W(…) + Vx_t + b) + c without the model\'s forward pass (identity, rtol 1e-9 relative to max(1, |ℓ|, '
    + '|loss|)), and requires FeasVio(s) ≤ 0 within rtol relative to 1 + ‖z‖(1 + ‖h‖ + ‖X‖), the size the entries '
    + 'of C1 = u − Ψ(h)w are rounded at.',
  kind: 'identity',
  hypotheses: [],
  check: (p, ctx) => {
    const fv = feasibilityViolation(p.prob, p.s).max;
    return worstVerdict([
      compareEq(ell(p.prob, p.s), loss11(p.prob, p.s.z), ctx, { what: 'ℓ(s(z)) = loss (1.1) of z' }),
      compareLe(fv, 0, ctx, { scale: feasScale(p), what: 'FeasVio(s(z)) = 0' }),
    ]);
  },
  runs: { ci: 100 },
});

/** The claims of this item, in paper order. */
export const claims: RegisteredClaim[] = [equivalence];
