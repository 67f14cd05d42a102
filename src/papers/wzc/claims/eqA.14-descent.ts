/**
 * WZC (A.14), proof of Lemma 4.1 (paper line 811): every block update of the BCD does not increase L.
 *
 * Claims     wzc.eqA.14.descent
 * Solver     runBcd (solver/bcd.ts) through runBcdCase (_internals/runs.ts), observed per BCD iteration
 * Oracle     L by the problem layer (alParts) at the observed s^(j−1), s_z^(j), s_h^(j), s^(j)
 *            (_internals/bcdSteps.ts)
 * Instances  wzc.bcd+kernels (_internals/families.ts)
 */
import { compareLe } from '../../../engine/tolerance.ts';
import type { RegisteredClaim } from '../../../engine/types.ts';
import { at, onBcdRuns, perBcdStep, PROBE_TAGS } from './_internals/bcdSteps.ts';
import { src } from './_internals/common.ts';
import { bcdFamily } from './_internals/families.ts';

const descent = onBcdRuns({
  id: 'wzc.eqA.14.descent',
  source: src('Lemma 4.1 proof (A.14)', ['(A.14)', '(3.11)', '(3.12)'], 811),
  statement: 'For every BCD iteration j: L(s^(j)) ≤ L(s_h^(j)) ≤ L(s_z^(j)) ≤ L(s^(j−1)) (each block update does not increase L).',
  method:
    'Runs one BCD of the real solver (ALM iteration k = 1 with random ξ, ζ, γ, μ, ε, cap J ≤ 15 at ci; one run in 30 '
    + 'with larger dimensions — r ≥ 5, n ≥ 4, T ≥ 5, r + n + 1 ≥ 20 in half — and SIMD on or off) and at '
    + 'every iteration recomputes L at s^(j−1), s_z^(j), s_h^(j), s^(j) with the problem layer from the observed '
    + 'iterates (not the solver\'s numbers); the three inequalities hold within rtol relative to |L(s^(j−1))|. The '
    + 'first violated iteration ends the run; one whose block systems may have condition number > 1e-3/ε is '
    + 'reported inconclusive.',
  kind: 'inequality',
  // one run in 30 has kernel-path dimensions (≈ 10 of the 300 at ci): whole sweeps through the SIMD edge paths,
  // the Cholesky panel path, and the JS path
  family: bcdFamily('wzc.bcd+kernels', { kernels: 30 }),
  tags: PROBE_TAGS,
  runs: { ci: 300 },
  check: (c, ctx) =>
    perBcdStep(c, ctx, (v, add) => {
      const scale = Math.abs(v.Lprev);
      add(compareLe(v.Lz, v.Lprev, ctx, { scale, what: `L(s_z) ≤ L(s^(j−1)) at ${at(v.k, v.j)}` }));
      add(compareLe(v.Lh, v.Lz, ctx, { scale, what: `L(s_h) ≤ L(s_z) at ${at(v.k, v.j)}` }));
      add(compareLe(v.L, v.Lh, ctx, { scale, what: `L(s^(j)) ≤ L(s_h) at ${at(v.k, v.j)}` }));
    }),
});

/** The claims of this item, in paper order. */
export const claims: RegisteredClaim[] = [descent];
