/**
 * The decision rules of TKS Table 2 ("ρ3 matters most") and Fig. 9 ("larger ν worse, small ν alike"), shared by
 * the ledger claims (claims/table2.ts, claims/fig9.ts: tiny runs) and `lagrangelab reproduce tks-table2 / tks-fig9`
 * (experiments/: the paper's sizes on the text task).
 */

/** A Table 2 row's multipliers of (ρ1, ρ2, ρ3, r) (the paper's values relative to our defaults). */
export interface Table2Factors {
  rho1: number;
  rho2: number;
  rho3: number;
  r: number;
}

/** The rows of Table 2 with the paper's losses (training, test). */
export const TKS_TABLE2: readonly { rho1: number; rho2: number; rho3: number; r: number; train: string; test: string }[] = [
  { rho1: 1, rho2: 1, rho3: 1, r: 1, train: '5.045e-2', test: '5.046e-2' },
  { rho1: 0.1, rho2: 1, rho3: 1, r: 1, train: '5.339e-2', test: '5.338e-2' },
  { rho1: 1, rho2: 0.1, rho3: 1, r: 1, train: '5.338e-2', test: '5.340e-2' },
  { rho1: 1, rho2: 1, rho3: 0.1, r: 1, train: '3.776e-4', test: '3.776e-4' },
  { rho1: 1, rho2: 1, rho3: 10, r: 1, train: '0.9984', test: '0.9985' },
  { rho1: 1, rho2: 1, rho3: 1, r: 10, train: '5.339e-2', test: '5.338e-2' },
  { rho1: 1, rho2: 1, rho3: 10, r: 10, train: '0.9987', test: '0.9986' },
];

/**
 * "ρ3 determines the best result …; ρ1 and ρ2 account less": the lowest final training loss is in a row that changes
 * ρ3, and the largest change from the first row among the rows that change only ρ3 exceeds that of every row that
 * changes only ρ1 or only ρ2. (The statement says nothing of r; its effect is reported beside.)
 */
export function rho3MattersMost(results: readonly { factors: Table2Factors; trainLoss: number | null }[]): { holds: boolean; detail: string } {
  const base = results.find((x) => x.factors.rho1 === 1 && x.factors.rho2 === 1 && x.factors.rho3 === 1 && x.factors.r === 1);
  if (!base || base.trainLoss === null) return { holds: false, detail: 'the base row (all 1) diverged or is missing' };
  const only = (k: keyof Table2Factors) => results.filter((x) => (Object.keys(x.factors) as (keyof Table2Factors)[]).every((j) => (j === k) !== (x.factors[j] === 1)));
  const delta = (x: { trainLoss: number | null }) => (x.trainLoss === null ? Infinity : Math.abs(x.trainLoss - (base.trainLoss as number)));
  const change = (k: keyof Table2Factors) => Math.max(0, ...only(k).map(delta));
  const c = { rho1: change('rho1'), rho2: change('rho2'), rho3: change('rho3'), r: change('r') };
  const best = results.reduce((a, b) => ((b.trainLoss ?? Infinity) < (a.trainLoss ?? Infinity) ? b : a));
  const bestByRho3 = best.factors.rho3 !== 1;
  const holds = bestByRho3 && c.rho3 > c.rho1 && c.rho3 > c.rho2;
  const at = `(${best.factors.rho1}, ${best.factors.rho2}, ${best.factors.rho3}), r = ${best.factors.r}`;
  return {
    holds,
    detail: `lowest training loss ${best.trainLoss?.toPrecision(4) ?? 'diverged'} at ρ = ${at}${bestByRho3 ? ' (a ρ3 row)' : ' (not a ρ3 row)'}; largest |Δ training loss| from the base row (${base.trainLoss.toPrecision(4)}): ρ3 ${c.rho3.toPrecision(3)}, ρ1 ${c.rho1.toPrecision(3)}, ρ2 ${c.rho2.toPrecision(3)}; r (not part of the statement) ${c.r.toPrecision(3)}`,
  };
}

/** The ν values of Fig. 9. */
export const FIG9_NUS: readonly number[] = [1e-2, 1e-3, 1e-4, 1e-6, 1e-8];
/** "Not apparent": the final training losses at the two smallest ν within this relative distance. */
export const NOT_APPARENT = 0.01;

/**
 * The paper's reading on the final training losses by ν: the loss never falls as ν grows ("larger ν … worse"; a
 * rise smaller than {@link NOT_APPARENT} relative to the larger loss is let pass), and the two smallest ν end within
 * {@link NOT_APPARENT} of each other ("when ν is small enough, the influence … is not apparent").
 */
export function largerNuWorse(byNu: readonly { nu: number; trainLoss: number | null }[]): { holds: boolean; detail: string } {
  const sorted = [...byNu].sort((a, b) => b.nu - a.nu);
  const loss = sorted.map((x) => (x.trainLoss === null ? Infinity : x.trainLoss));
  // loss[i] belongs to a larger ν than loss[i + 1]: a smaller ν must not end clearly worse
  const breaks = sorted.slice(1).flatMap((x, i) => (loss[i + 1] > loss[i] * (1 + NOT_APPARENT) ? [`ν = ${x.nu} ends worse than ν = ${sorted[i].nu}`] : []));
  const a = loss[loss.length - 2], b = loss[loss.length - 1];
  const gap = Math.abs(a - b) / Math.min(a, b);
  const flat = gap <= NOT_APPARENT;
  return {
    holds: breaks.length === 0 && flat,
    detail: `final training loss by ν: ${sorted.map((x, i) => `${x.nu}: ${Number.isFinite(loss[i]) ? loss[i].toPrecision(4) : 'diverged'}`).join(', ')}; `
      + `${breaks.length ? breaks.join('; ') : 'the loss never falls as ν grows'}; the two smallest ν differ by ${gap.toPrecision(2)} (relative; "not apparent" asks ≤ ${NOT_APPARENT})`,
  };
}

/**
 * The corrected Fig. 9 reading: the final training loss is lowest at an intermediate ν (neither the largest nor
 * one ≤ 1e-6), and the largest ν and every ν ≤ 1e-6 end more than {@link NOT_APPARENT} (relative) above that best
 * loss — too large and too small a ν both train worse.
 */
export function nuInteriorBest(byNu: readonly { nu: number; trainLoss: number | null }[]): { holds: boolean; detail: string } {
  const loss = (x: { trainLoss: number | null }): number => x.trainLoss ?? Infinity;
  const largest = byNu.reduce((a, b) => (b.nu > a.nu ? b : a));
  const tiny = byNu.filter((x) => x.nu <= 1e-6);
  const middle = byNu.filter((x) => x !== largest && x.nu > 1e-6);
  if (middle.length === 0 || tiny.length === 0) return { holds: false, detail: 'needs a ν ≤ 1e-6 and one between it and the largest' };
  const best = middle.reduce((a, b) => (loss(b) < loss(a) ? b : a));
  const worse = (x: { trainLoss: number | null }): boolean => loss(x) > loss(best) * (1 + NOT_APPARENT);
  const fails = [largest, ...tiny].filter((x) => !worse(x)).map((x) => `ν = ${x.nu}`);
  const at = (x: { nu: number; trainLoss: number | null }): string => `${x.nu}: ${x.trainLoss?.toPrecision(4) ?? 'diverged'}`;
  return {
    holds: Number.isFinite(loss(best)) && fails.length === 0 && byNu.every((x) => loss(x) >= loss(best)),
    detail: `best final training loss at ν = ${at(best)}; largest ν ${at(largest)}; ν ≤ 1e-6 ${tiny.map(at).join(', ')}`
      + (fails.length ? `; not clearly (> ${NOT_APPARENT}) worse than the best: ${fails.join(', ')}` : `; all of these more than ${NOT_APPARENT} above the best`),
  };
}
