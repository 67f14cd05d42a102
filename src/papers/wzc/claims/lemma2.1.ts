/**
 * WZC Lemma 2.1 (paper line 174; proof (A.1)–(A.3)): NNAMCQ holds at every feasible point, kinks included.
 *
 * Claims     wzc.lemma2.1.nnamcq
 * Solver     none (solver-independent)
 * Oracle     nnamcqCheck (theory/nnamcq.ts): σ_min/σ_max of [JC1ᵀ | (0;0;I;−S)] over the selections of ∂σ at the
 *            kinks
 * Instances  wzc.point.feasible (_internals/feasiblePoints.ts)
 */
import { compareNonsingular } from '../../../engine/tolerance.ts';
import type { RegisteredClaim } from '../../../engine/types.ts';
import { nnamcqCheck } from '../theory/nnamcq.ts';
import { src } from './_internals/common.ts';
import { onFeasible } from './_internals/feasiblePoints.ts';

const nnamcq = onFeasible({
  id: 'wzc.lemma2.1.nnamcq',
  source: src('Lemma 2.1', ['(2.7)', '(A.1)', '(A.2)', '(A.3)'], 174),
  statement:
    'The NNAMCQ holds at any s ∈ F, i.e., there exist no nonzero vectors ξ, ζ ∈ R^{rT} such that '
    + '0 ∈ JC1(s)ᵀξ + ∂(ζᵀC2(s)) — including points with kinks u_i = 0 (every selection of the limiting subdifferential).',
  method:
    'On feasible points with exact kinks (forward pass, some u_i = 0): every element of JC1ᵀξ + ∂(ζᵀC2) is '
    + 'M(S)(ξ; ζ) with M(S) = [JC1ᵀ | (0; 0; I; −S)] and S the diagonal of σ-slopes, so NNAMCQ ⇔ M(S) injective for '
    + 'every admissible S. theory/nnamcq.ts takes σ_min/σ_max of M(S) (ml-matrix SVD) over all 2^k endpoint '
    + 'selections {σ\'(0⁻), σ\'(0⁺)} at the k kinks (64 random ones when k > 6) plus 8 interior selections per point, '
    + 'and compareNonsingular decides the minimum: holds when > 1e-9, violated when ≤ 1e3·ε ≈ 2.2e-13 (numerically '
    + 'singular), inconclusive in between.',
  kind: 'qualitative',
  check: (p, ctx) => {
    const r = nnamcqCheck(p.prob, p.s, { maxExhaustiveKinks: 6, samples: 64, interiorSamples: 8 });
    const v = compareNonsingular(r.relMinSingularValue, ctx, {
      what: `min over ${r.selections} selections (${r.kinkCount} kinks${r.exhaustive ? ', exhaustive' : ''}) of σ_min/σ_max of [JC1ᵀ | (0;0;I;−S)]`,
    });
    return v.status === 'holds' ? { ...v, note: `kinks=${r.kinkCount} σ_min/σ_max=${r.relMinSingularValue.toPrecision(3)}` } : v;
  },
  runs: { ci: 80 },
});

/** The claims of this item, in paper order. */
export const claims: RegisteredClaim[] = [nnamcq];
