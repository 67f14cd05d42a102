/**
 * TKS Lemma 1 (AP-ADMMiRNN, from [40]): if ∞ > L_ρ(θ⁰) − Φ* ≥ 0, Φ* > −∞, and ρ_i > ρ̄(H) = ((1 + H + H²) +
 * √((1 + H + H²)² + 8H²))/2 (16), then the iterates of Algorithms 2 and 4 are bounded and their limit points are
 * KKT points. Its conclusions are not checked on AP-ADMMiRNN runs (solver/parallel/); here the hypotheses are checked for satisfiability
 * first: they can be met (Φ* ≥ 0 for both losses, ρ̄ finite), but ρ̄(H) > 1 while H = O(1/M), so the solver's
 * defaults (ρ_i = 2/M) never meet (16) at M ≥ 2. "There exists a constant S ∈ [1, N]" is never used again.
 *
 * Claims     tks.lemma1.hypotheses
 * Solver     the solver's default ρ_i (solver/defaults.ts)
 * Oracle     H of the loss, R ≥ 0 at the point, ρ̄(H) of (16) (_internals/ap.ts)
 * Instances  tks.point (_internals/families.ts)
 */
import { oracle } from '../../../engine/attribution.ts';
import { claimGroup } from '../../../engine/claimGroup.ts';
import type { RegisteredClaim } from '../../../engine/types.ts';
import { defaultHyper } from '../solver/defaults.ts';
import { alValue } from '../theory/lagrangian.ts';
import { lemma1RhoBar } from './_internals/ap.ts';
import { hOf, src } from './_internals/common.ts';
import { points } from './_internals/families.ts';
import { buildPoint, type PointSpec } from './_internals/points.ts';

const hypotheses = claimGroup<PointSpec>({ family: points, hypotheses: [], tags: ['hypotheses', 'ap'] })({
  id: 'tks.lemma1.hypotheses',
  source: src('Lemma 1 (16)', ['(16)']),
  statement:
    'The hypotheses of Lemma 1 can be met together: Φ* > −∞, ∞ > L_ρ(θ⁰) − Φ* ≥ 0, and ρ_i > ((1 + H + H²) + √((1 + H + H²)² + 8H²))/2 (16) for i = 1, 2, 3.',
  method:
    'Draws a point (tks.point: loss, M = N·B); Φ* ≥ 0 because R ≥ 0 for both losses (the oracle\'s R at the point must be ≥ 0 and (8) '
    + 'finite), ρ̄(H) of (16) must be finite, and ρ_i = 2ρ̄(H) meets (16): holds. The note records whether the solver\'s defaults at this M '
    + 'meet (16) (they cannot: ρ̄ > 1 > 2/M).',
  kind: 'inequality',
  runs: { ci: 10 },
  check: (s) => {
    const pt = buildPoint(s);
    const H = hOf(pt), bar = lemma1RhoBar(H), M = s.dims.N * s.dims.B;
    const v = oracle(() => alValue(pt), 'alValue');
    // Φ* ≥ inf R = 0 > −∞, the gap L_ρ(θ⁰) − Φ* finite, and ρ̄(H) finite: then ρ_i = 2ρ̄(H) meets (16)
    if (!(v.R >= 0 && Number.isFinite(v.L) && Number.isFinite(bar))) return { status: 'violated', detail: `R = ${v.R}, L_ρ(θ⁰) = ${v.L}, ρ̄(H) = ${bar}: (16) cannot be met` };
    const def = defaultHyper(M).rho1;
    return { status: 'holds', note: `ρ̄(H = ${H.toPrecision(3)}) = ${bar.toPrecision(6)}; the default ρ_i = ${def.toPrecision(3)} ${def > bar ? 'meets' : 'does not meet'} (16) at M = ${M}` };
  },
});

/** The claims of this item, in paper order. */
export const claims: RegisteredClaim[] = [hypotheses];
