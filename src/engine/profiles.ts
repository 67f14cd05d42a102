/**
 * Dolan–Moré performance profiles (E. D. Dolan, J. J. Moré, "Benchmarking optimization software with performance
 * profiles", Math. Program. 91 (2002) 201–213), for comparing training methods across instances.
 *
 * For problems p = 1..n_p and solvers s with costs t_{p,s} > 0 (CPU time, iterations, a final error — smaller is
 * better; a failure is +∞ or NaN):
 *
 *   r_{p,s} = t_{p,s} / min_{s′} t_{p,s′}          (performance ratio; +∞ for a failure, and for every solver on a
 *                                                    problem no solver solved)
 *   ρ_s(τ)  = |{p : r_{p,s} ≤ τ}| / n_p              (profile: the share of problems s solves within factor τ of the best)
 *
 * ρ_s is a non-decreasing step function, right-continuous, with ρ_s(1) the share of problems s is best on (ties
 * count for every tied solver) and ρ_s(τ) → the share s solves at all as τ → ∞. It jumps only at the finite
 * ratios, which {@link performanceProfile} returns as `taus` together with every ρ_s there: an exact
 * representation a report can draw as steps. Costs ≤ 0 are rejected (ratios need positive costs; shift a
 * quantity that can be 0, or profile another).
 */

/** A profile: the ratios, the breakpoints and ρ_s at each. */
export interface PerformanceProfile {
  readonly solvers: readonly string[];
  /** n_p. */
  readonly problems: number;
  /** r_{p,s} (problems × solvers); +∞ for failures. */
  readonly ratios: readonly (readonly number[])[];
  /** Every distinct finite ratio, ascending (the first is 1 when any problem was solved). */
  readonly taus: readonly number[];
  /** rho[s][i] = ρ_s(taus[i]). */
  readonly rho: readonly (readonly number[])[];
  /** ρ_s(∞): the share of problems s solved. */
  readonly solved: readonly number[];
}

/** The profile of `costs` (problems × solvers, in the order of `solvers`). */
export function performanceProfile(solvers: readonly string[], costs: readonly (readonly number[])[]): PerformanceProfile {
  const ns = solvers.length;
  if (ns === 0) throw new RangeError('performanceProfile: no solvers');
  const ratios = costs.map((row, p) => {
    if (row.length !== ns) throw new RangeError(`performanceProfile: problem ${p} has ${row.length} costs, expected ${ns}`);
    row.forEach((t, s) => {
      if (t <= 0) throw new RangeError(`performanceProfile: cost of ${solvers[s]} on problem ${p} is ${t}; costs must be > 0 (or +∞/NaN for a failure)`);
    });
    const best = Math.min(...row.map((t) => (Number.isFinite(t) ? t : Infinity)));
    return row.map((t) => (Number.isFinite(t) && Number.isFinite(best) ? t / best : Infinity));
  });
  const taus = [...new Set(ratios.flat().filter(Number.isFinite))].sort((a, b) => a - b);
  const np = costs.length;
  const rho = solvers.map((_, s) => {
    const sorted = ratios.map((r) => r[s]).sort((a, b) => a - b);
    let k = 0;
    return taus.map((tau) => {
      while (k < sorted.length && sorted[k] <= tau) k++;
      return np === 0 ? 0 : k / np;
    });
  });
  const solved = solvers.map((_, s) => (np === 0 ? 0 : ratios.filter((r) => Number.isFinite(r[s])).length / np));
  return { solvers: [...solvers], problems: np, ratios, taus, rho, solved };
}

/** ρ_s(τ) of a profile at any τ (0 below τ = 1). */
export function profileAt(profile: PerformanceProfile, solver: number, tau: number): number {
  let v = 0;
  for (let i = 0; i < profile.taus.length && profile.taus[i] <= tau; i++) v = profile.rho[solver][i];
  return v;
}
