/**
 * TKS Assumption 1 (§3.4): ∇R is H-Lipschitz, equivalently R(o1) ≤ R(o2) + ∇R(o2)·(o1 − o2) + H/2‖o1 − o2‖². With R
 * the mean over M = N·B output rows, H = 1/M for the squared loss (Hessian I/M) and H = 1/(2M) for softmax
 * cross-entropy (the Hessian diag(p) − ppᵀ of a row has largest eigenvalue ≤ ½, attained as two logits tie and
 * the rest go to −∞). Theorems 1–2 ask ρ_i > 2H.
 *
 * Claims     tks.assumption1.h · tks.assumption1.rho-gt-2h
 * Solver     H as the solver uses it (problem/loss.ts lossLipschitz, in the o-step's proximal weight)
 * Oracle     R and ∇R by their own formulas (theory/lagrangian.ts lossAndGradient), sampled pairs of outputs
 * Instances  tks.point (_internals/families.ts)
 */
import { gaussian, mulberry32 } from '../../../core/rng.ts';
import { oracle } from '../../../engine/attribution.ts';
import { claimGroup } from '../../../engine/claimGroup.ts';
import { compareLe, worstVerdict } from '../../../engine/tolerance.ts';
import type { RegisteredClaim, Verdict } from '../../../engine/types.ts';
import { defaultHyper } from '../solver/defaults.ts';
import { lossAndGradient, type TksPoint } from '../theory/lagrangian.ts';
import { fro, hOf, sqDiff, src } from './_internals/common.ts';
import { points } from './_internals/families.ts';
import { buildPoint, type PointSpec } from './_internals/points.ts';

const onPoints = claimGroup<PointSpec>({ family: points, hypotheses: [], tags: ['assumption'] });

/** Output pairs (o1, o2): random at three scales, and the cross-entropy's worst case (two tied logits, a tiny step along e1 − e2). */
function pairs(pt: TksPoint, seed: number): [Float64Array, Float64Array][] {
  const g = gaussian(mulberry32(seed));
  const n = pt.aux.o.length, q = pt.batch.dims.q;
  const out: [Float64Array, Float64Array][] = [];
  for (const s of [0.1, 1, 10]) {
    for (let rep = 0; rep < 4; rep++) {
      const o1 = Float64Array.from({ length: n }, () => s * g());
      out.push([o1, o1.map((x) => x + s * 0.1 * g())]);
    }
  }
  const tie = new Float64Array(n).fill(-40);
  for (let row = 0; row < n / q; row++) tie[row * q] = tie[row * q + 1] = 0;
  out.push([tie, tie.map((x, k) => (k % q === 0 ? x + 1e-4 : k % q === 1 ? x - 1e-4 : x))]);
  return out;
}

const h = onPoints({
  id: 'tks.assumption1.h',
  source: src('Assumption 1'),
  statement:
    'The gradient of R is H-Lipschitz, ‖∇R(o1) − ∇R(o2)‖ ≤ H‖o1 − o2‖, equivalently R(o1) ≤ R(o2) + ∇R(o2)·(o1 − o2) + H/2‖o1 − o2‖², '
    + 'with H = 1/(2M) for softmax cross-entropy and H = 1/M for the squared loss (R the mean over M rows).',
  method:
    'Draws a point (tks.point: loss, M = N·B, q) and 13 output pairs — random at scales 0.1, 1, 10 and the cross-entropy\'s worst case '
    + '(two tied logits, the others at −40, a 1e-4 step along e1 − e2) — and compares ‖∇R(o1) − ∇R(o2)‖ with H‖o1 − o2‖ and the '
    + 'quadratic upper bound, R and ∇R by their own formulas (theory/lagrangian.ts); the verdict\'s ratio is the sampled sup of the '
    + 'curvature over H (≈ 1 on the tie: H is tight).',
  kind: 'bound',
  runs: { ci: 20 },
  check: (s, ctx) => {
    const pt = buildPoint(s);
    const H = hOf(pt);
    const vs: Verdict[] = [];
    for (const [o1, o2] of pairs(pt, s.seed)) {
      const a = oracle(() => lossAndGradient(pt, o1), 'lossAndGradient'), b = oracle(() => lossAndGradient(pt, o2), 'lossAndGradient');
      const d = Math.sqrt(sqDiff(o1, o2));
      const dg = Math.sqrt(sqDiff(a.g, b.g));
      vs.push(compareLe(dg, H * d, ctx, { scale: fro(a.g) + fro(b.g), what: '‖∇R(o1) − ∇R(o2)‖ ≤ H‖o1 − o2‖' }));
      let lin = 0;
      for (let k = 0; k < o1.length; k++) lin += b.g[k] * (o1[k] - o2[k]);
      vs.push(compareLe(a.R, b.R + lin + (H / 2) * d * d, ctx, { scale: Math.abs(a.R) + Math.abs(b.R), what: 'R(o1) ≤ R(o2) + ∇R(o2)·(o1 − o2) + H/2‖o1 − o2‖²' }));
    }
    return worstVerdict(vs);
  },
});

const rho = onPoints({
  id: 'tks.assumption1.rho-gt-2h',
  source: src('Theorems 1–2 hypothesis ρ_i > 2H'),
  statement:
    'The hypothesis ρ_i > 2H (i = 1, 2, 3) of Theorems 1–2 can be met for both losses at every M; the solver\'s defaults (ρ_i·M = 2) meet it '
    + 'for cross-entropy (ρ_i = 4H) and sit on its boundary for the squared loss (ρ_i = 2H, not > 2H).',
  method:
    'Draws a point (tks.point: loss, M = N·B), takes H of the loss and the defaults of solver/defaults.ts at that M, and checks that ρ = 4H '
    + 'meets ρ > 2H, that the default ρ_i exceed 2H for cross-entropy, and that they equal 2H (to rtol) for the squared loss.',
  kind: 'inequality',
  runs: { ci: 10 },
  check: (s, ctx) => {
    const pt = buildPoint(s);
    const H = hOf(pt), M = s.dims.N * s.dims.B, d = defaultHyper(M);
    const vs: Verdict[] = [compareLe(2 * H, 4 * H, ctx, { what: '2H < 4H: ρ = 4H meets ρ > 2H' })];
    for (const r of [d.rho1, d.rho2, d.rho3]) {
      if (s.loss === 'cross-entropy') vs.push(r > 2 * H ? { status: 'holds', ratio: (2 * H) / r } : { status: 'violated', detail: `default ρ = ${r} ≤ 2H = ${2 * H}` });
      else vs.push(Math.abs(r - 2 * H) <= ctx.rtol * 2 * H ? { status: 'holds', note: 'default ρ = 2H: on the boundary of ρ > 2H' } : { status: 'violated', detail: `default ρ = ${r} ≠ 2H = ${2 * H}` });
    }
    return worstVerdict(vs);
  },
});

/** The claims of this item, in paper order. */
export const claims: RegisteredClaim[] = [h, rho];
