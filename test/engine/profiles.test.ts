/** engine/profiles.ts: Dolan–Moré performance profiles on a hand-computed example, failures, ties, and bad costs. */
import { describe, expect, it } from 'vitest';
import { performanceProfile, profileAt } from '../../src/engine/profiles.ts';

describe('Dolan–Moré performance profiles', () => {
  // costs of solvers A, B, C on four problems; C fails on problem 2, everybody fails on problem 3
  const costs = [
    [1, 2, 4],
    [3, 3, 6],
    [10, 5, NaN],
    [Infinity, Infinity, NaN],
  ];
  const p = performanceProfile(['A', 'B', 'C'], costs);

  it('ratios to the best solver per problem; failures and all-failed problems are +∞', () => {
    expect(p.ratios).toEqual([
      [1, 2, 4],
      [1, 1, 2],
      [2, 1, Infinity],
      [Infinity, Infinity, Infinity],
    ]);
    expect(p.problems).toBe(4);
  });

  it('ρ_s at every breakpoint: ties count for each tied solver; the limit is the share solved', () => {
    expect(p.taus).toEqual([1, 2, 4]);
    expect(p.rho).toEqual([
      [0.5, 0.75, 0.75], // A: best on problems 0, 1; within 2 on problem 2
      [0.5, 0.75, 0.75], // B: best on 1, 2; within 2 on 0
      [0, 0.25, 0.5], // C
    ]);
    expect(p.solved).toEqual([0.75, 0.75, 0.5]);
    expect([0.5, 1, 1.5, 3.9, 4, 100].map((t) => profileAt(p, 2, t))).toEqual([0, 0, 0, 0.25, 0.5, 0.5]);
  });

  it('is invariant under scaling a problem\'s costs, and rejects costs ≤ 0 and ragged rows by name', () => {
    const scaled = performanceProfile(['A', 'B', 'C'], costs.map((r, i) => r.map((t) => t * 10 ** i)));
    expect(scaled.rho).toEqual(p.rho);
    expect(() => performanceProfile(['A', 'B'], [[1, 0]])).toThrow(/cost of B on problem 0 is 0; costs must be > 0/);
    expect(() => performanceProfile(['A', 'B'], [[1, 2], [1]])).toThrow(/problem 1 has 1 costs, expected 2/);
    expect(() => performanceProfile([], [])).toThrow(/no solvers/);
    expect(performanceProfile(['A'], []).taus).toEqual([]);
  });
});
