/**
 * The solver's z- and h-steps run the way the BCD runs them (solver/bcd.ts): every operand of their matrix products
 * in one WebAssembly arena, so the products go through the SIMD kernel and its JS edge paths; or, with `simd`
 * false, in heap arrays on the plain JS kernels (`bcdWorkspace(prob, ev, false)`). The two give bit-identical
 * results, so a claim's verdict must not depend on which one an instance takes.
 */
import { inArena } from '../../../../linalg/simd.ts';
import type { Iterate, Problem, Weights } from '../../problem/types.ts';
import { zeroWeights } from '../../problem/types.ts';
import { copyWeightsInto } from '../../../../models/elman.ts';
import { allocHStep, hStepInto, prepareHStep } from '../../solver/hStep.ts';
import { allocZStep, prepareZStep, zStepInto } from '../../solver/zStep.ts';
import { NO_FAULTS, type WzcFault } from '../../solver/mutants.ts';

/** (3.14) by the solver's zStepInto at s with ξ, γ: h and u copied into the workspace's arena (unless `simd` is false). */
export function zStepAsBcd(
  prob: Problem, s: Iterate, xi: Float64Array, gamma: number, simd = true, faults: ReadonlySet<WzcFault> = NO_FAULTS,
): Weights {
  const d = prob.data.dims;
  const N = d.T * d.r;
  const a = inArena((alloc) => ({ ws: allocZStep(d, alloc), h: alloc(N), u: alloc(N) }), simd);
  prepareZStep(a.ws, prob);
  a.h.set(s.h);
  a.u.set(s.u);
  const out = zeroWeights(d);
  zStepInto(prob, a.ws, a.h, a.u, xi, gamma, out, faults);
  return out;
}

/** (3.18) by the solver's hStepInto at s with ξ, ζ, γ: z, u and the output in the workspace's arena (unless `simd` is false). */
export function hStepAsBcd(
  prob: Problem, s: Iterate, xi: Float64Array, zeta: Float64Array, gamma: number, simd = true,
  faults: ReadonlySet<WzcFault> = NO_FAULTS,
): Float64Array {
  const d = prob.data.dims;
  const N = d.T * d.r;
  const a = inArena((alloc) => ({
    ws: allocHStep(d, alloc),
    z: { W: alloc(d.r * d.r), V: alloc(d.r * d.n), b: alloc(d.r), A: alloc(d.m * d.r), c: alloc(d.m) },
    u: alloc(N), out: alloc(N),
  }), simd);
  prepareHStep(a.ws, prob);
  copyWeightsInto(a.z, s.z);
  a.u.set(s.u);
  hStepInto(prob, a.ws, a.z, a.u, xi, zeta, gamma, a.out, undefined, faults);
  return a.out.slice();
}
