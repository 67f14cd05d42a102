/**
 * WZC Lemma 4.5 (paper line 426; proof (A.16)): L'(s; d) separates into the z-, h- and u-blocks.
 *
 * Claims     wzc.lemma4.5.separable-directional
 * Solver     none (solver-independent)
 * Oracle     one-sided derivatives from the polynomial form (_internals/polyDerivative.ts), no oracle involved
 * Instances  wzc.point-direction (_internals/sec4Families.ts)
 */
import { compareEq } from '../../../engine/tolerance.ts';
import type { RegisteredClaim } from '../../../engine/types.ts';
import type { Iterate } from '../problem/types.ts';
import { mapWeights, src } from './_internals/common.ts';
import { onesidedPolyDerivative, onPointDirs, polyDerivativeScale } from './_internals/polyDerivative.ts';

/** d restricted to one block (others zero). */
function blockOf(d: Iterate, block: 'z' | 'h' | 'u'): Iterate {
  const z0 = (a: Float64Array) => (block === 'z' ? a.slice() : new Float64Array(a.length));
  return {
    z: mapWeights(d.z, z0),
    h: block === 'h' ? d.h.slice() : new Float64Array(d.h.length),
    u: block === 'u' ? d.u.slice() : new Float64Array(d.u.length),
  };
}

const separable = onPointDirs({
  id: 'wzc.lemma4.5.separable-directional',
  source: src('Lemma 4.5', [], 426),
  statement:
    'L\'(s; d) = L\'(s; (d_z, 0, 0)) + L\'(s; (0, d_h, 0)) + L\'(s; (0, 0, d_u)) at every s (kinks included), which '
    + 'gives Lemma 4.5 (blockwise nonnegativity ⇒ L\'(s; d) ≥ 0).',
  method:
    'At points with exact kinks (ReLU or leaky ReLU) and a grid direction, computes all four one-sided '
    + 'derivatives — along d and along its z-, h- and u-parts — from L\'s degree-4 polynomial form on a ray (the '
    + '5-node forward formula, exact for piecewise-linear σ, no oracle involved); the full one must equal the sum '
    + 'of the three within rtol relative to the largest of their rounding scales (1e-3·term size/h).',
  kind: 'identity',
  check: (p, ctx) => {
    const full = onesidedPolyDerivative(p.prob, p.s, p.mult, p.gamma, p.d);
    const parts = (['z', 'h', 'u'] as const).map((b) => onesidedPolyDerivative(p.prob, p.s, p.mult, p.gamma, blockOf(p.d, b)));
    const sum = parts.reduce((a, x) => a + x.value, 0);
    const scale = Math.max(polyDerivativeScale(full), ...parts.map(polyDerivativeScale));
    return compareEq(full.value, sum, ctx, { scale, what: "L'(s; d) = Σ blocks" });
  },
});

/** The claims of this item, in paper order. */
export const claims: RegisteredClaim[] = [separable];
