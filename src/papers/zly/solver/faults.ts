/**
 * Planted bugs ("faults") of the ZLY ADMM solver, for the falsifiability matrix of the ZLY ledger: each must be
 * caught by some claim, or that claim proves nothing. They reach the solver only through
 * `ZlyOptions.faults`; the CLI never sets them and the catalogue is not exported from the package entry point.
 */

/** Fault id → what it breaks. */
export const ZLY_FAULTS = {
  'dual-sign-13': 'multiplier update (13) with the wrong sign: Λ_i^k = Λ_i^{k−1} − β_i(σ_i(W_i^k V_{i−1}^k) − V_i^k)',
  'stale-v-18': 'the LLA W_i-subproblem (18), i < N, uses A = V_{i−1}^{k−2} (stale) instead of V_{i−1}^{k−1}',
  'no-prox-18': 'the proximal term β_i h_i^k/4 ‖(W_i − W_i^{k−1})V_{i−1}^{k−1}‖² is dropped from (18)',
  'h-ignores-multiplier-20': 'h_i^k of (20) and μ_j^k of (21) drop the −β^{-1}Λ^{k−1} term: 𝕃(‖V^{k−1}‖_max)',
  'lla-drops-l0-22': '𝕃 of (22) without L0: 2L2|c| + 2L1² instead of 2L2(L0 + |c|) + 2L1²',
  'dual-before-vn': 'Λ_N updated before V_N (with V_N^{k−1}); V_N then solves (12) with Λ_N^k',
  'stale-w-19': 'the V_j-subproblem (19), j ≤ N−2, linearizes σ(W_{j+1}V_j) with W_{j+1}^{k−1} instead of W_{j+1}^k',
} as const;

/** A fault id. */
export type ZlyFault = keyof typeof ZLY_FAULTS;

/** Every fault id, in catalogue order. */
export const ZLY_FAULT_IDS = Object.keys(ZLY_FAULTS) as ZlyFault[];

/** The faults as booleans, looked up once per solver (never inside a hot loop). */
export type FaultFlags = Readonly<Record<ZlyFault, boolean>>;

/**
 * Resolve a fault set into flags. Unknown ids are an error (a misspelt fault would silently test nothing).
 */
export function faultFlags(faults: ReadonlySet<string> | undefined): FaultFlags {
  const out = Object.fromEntries(ZLY_FAULT_IDS.map((id) => [id, false])) as Record<ZlyFault, boolean>;
  if (!faults) return out;
  for (const f of faults) {
    if (!(f in ZLY_FAULTS)) throw new Error(`unknown ZLY fault "${f}" (known: ${ZLY_FAULT_IDS.join(', ')})`);
    out[f as ZlyFault] = true;
  }
  return out;
}
