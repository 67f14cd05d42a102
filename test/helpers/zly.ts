/** Shared ZLY test fixtures: seeded random problems, snapshots of consecutive iterates, first-order checks. */
import { expect } from 'vitest';
import { gaussian, mulberry32 } from '../../src/core/rng.ts';
import type { ZlyActivation, ZlyIterate, ZlyProblem } from '../../src/papers/zly/problem/types.ts';
import { cloneZlyIterate } from '../../src/papers/zly/problem/types.ts';
import { zlyDefaultInit } from '../../src/papers/zly/problem/demo.ts';
import { ZlyAdmm } from '../../src/papers/zly/solver/admm.ts';
import type { ZlyOptions, ZlyTraceRow } from '../../src/papers/zly/solver/types.ts';
import type { IterationContext, Subproblem } from '../../src/papers/zly/theory/subproblems.ts';

/** A random problem (5): X, Y ~ N(0, 1) entries, given sizes, σ, β and λ. */
export function randomProblem(seed: number, d: number[], n: number, activation: ZlyActivation = 'sigmoid', beta?: number[], lambda = 0.5): ZlyProblem {
  const g = gaussian(mulberry32(seed));
  const N = d.length - 1;
  const X = Float64Array.from({ length: d[0] * n }, g);
  const Y = Float64Array.from({ length: d[N] * n }, g);
  return { dims: { n, d }, X, Y, activation, lambda, beta: beta ?? Array.from({ length: N }, (_, i) => 1 + 0.5 * (N - 1 - i)) };
}

/** Initial weights for a problem (the seeded default scheme, scaled). */
export function initFor(prob: ZlyProblem, seed: number, scale = 1): Float64Array[] {
  return zlyDefaultInit(prob.dims, seed).map((w) => w.map((x) => scale * x));
}

/** One recorded iteration: Q^{k−2}, Q^{k−1}, Q^k, the row, and h, μ. */
export interface Snapshot {
  k: number;
  prevPrev: ZlyIterate;
  prev: ZlyIterate;
  next: ZlyIterate;
  row: ZlyTraceRow;
  h: number[];
  mu: number[];
}

/** Run K iterations recording every step (copies). */
export function recordRun(prob: ZlyProblem, W0: Float64Array[], K: number, options: ZlyOptions = {}): { solver: ZlyAdmm; snaps: Snapshot[] } {
  const solver = new ZlyAdmm(prob, W0, options);
  const snaps: Snapshot[] = [];
  let prevPrev = solver.current(), prev = solver.current();
  for (let k = 1; k <= K; k++) {
    const row = solver.step();
    if (row === null) throw new Error(`diverged at k=${k}`);
    const next = solver.current();
    const { h, mu } = solver.lastLipschitz();
    snaps.push({ k, prevPrev, prev, next, row, h, mu });
    prevPrev = prev;
    prev = cloneZlyIterate(next);
  }
  return { solver, snaps };
}

/** The context of a recorded iteration for the theory/ subproblems. */
export function contextOf(prob: ZlyProblem, s: Snapshot): IterationContext {
  return { prob, prev: s.prev, next: s.next, h: s.h, mu: s.mu };
}

/** The solver's value of a subproblem's block. */
export function solverBlock(sp: Subproblem, next: ZlyIterate): Float64Array {
  return sp.block === 'W' ? next.W[sp.layer - 1] : next.V[sp.layer - 1];
}

function norm(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * a[i];
  return Math.sqrt(s);
}

/**
 * First-order condition of a strongly convex quadratic subproblem at x: ‖∇f(x)‖ ≤ rtol·(‖∇f(0)‖ + ‖∇f(x) − ∇f(0)‖)
 * (the two sides of the normal equations: ‖b‖ and ‖Hx‖), i.e. x solves Hx = b to `rtol` relative accuracy.
 */
export function expectStationary(sp: Subproblem, x: Float64Array, rtol = 1e-10): void {
  const g = sp.gradient(x);
  const g0 = sp.gradient(new Float64Array(x.length));
  const Hx = g.map((v, i) => v - g0[i]);
  const scale = norm(g0) + norm(Hx);
  expect(norm(g), `${sp.eq} layer ${sp.layer}: ‖∇f‖ vs scale ${scale}`).toBeLessThanOrEqual(rtol * scale);
}

/** Random perturbations of x at several sizes never decrease the subproblem objective (beyond rounding of f). */
export function expectNoDescent(sp: Subproblem, x: Float64Array, seed: number, tries = 12): void {
  const g = gaussian(mulberry32(seed));
  const f0 = sp.objective(x);
  const size = Math.max(1e-3, norm(x) / Math.sqrt(x.length));
  for (let t = 0; t < tries; t++) {
    const eps = size * 10 ** (-(t % 6));
    const y = x.map((v) => v + eps * g());
    expect(sp.objective(y), `${sp.eq} layer ${sp.layer}: perturbation ${eps}`).toBeGreaterThanOrEqual(f0 - 1e-12 * Math.max(1, Math.abs(f0)));
  }
}

