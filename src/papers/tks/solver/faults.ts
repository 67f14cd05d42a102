/**
 * Planted solver bugs ("faults") of the TKS solver, for the ledger's falsifiability matrix: a claim never seen
 * failing proves nothing. A run switches faults on through its options (`faults: ReadonlySet<string>`), so
 * they reach code running in worker threads too; the CLI never sets them. Several are the printed formulas
 * the solver corrects, planted back.
 */

/** Identifiers and descriptions of the planted faults. */
export const TKS_FAULTS = {
  'lambda-sign': 'multiplier update (15) with the wrong sign: λ_i ← λ_i − ρ_i r_{i,N}',
  'shift-sign': 'the t = N targets shifted by −λ_i/ρ_i, as printed in (9), (12), (14), (21), (24), instead of +λ_i/ρ_i',
  's-no-coupling': 'the s-step drops the coupling of s_t to a_{t+1} (the "trick" of §3.2.3)',
  's-last-no-rho2': 'the s_N step omits the λ2/ρ2 term s_N − f(a_N), as printed in (14)',
  'a-small-trick': 'the a-step replaces tanh(a) by a (the "small a_t" trick of §3.2.2)',
  'w-off-by-one': 'the w-step regresses a_t on s_t instead of s_{t−1}',
  'b-no-lambda1': 'the b-step omits the multiplier term Σ λ1',
  'o-printed': 'the o-step minimizes R alone around o^k, as printed in (23)/(24) (the penalty is evaluated at o^k, a constant)',
} as const;

/** A fault id. */
export type TksFault = keyof typeof TKS_FAULTS;

/** The fault ids, in catalogue order. */
export const TKS_FAULT_IDS = Object.keys(TKS_FAULTS) as TksFault[];

/** Whether `id` names a TKS fault. */
export function isTksFault(id: string): id is TksFault {
  return Object.prototype.hasOwnProperty.call(TKS_FAULTS, id);
}

/** The faults as booleans, looked up once per run (never inside a hot loop). */
export type FaultFlags = Readonly<Record<TksFault, boolean>>;

/** No fault switched on. */
export const NO_FAULTS: FaultFlags = flagsOf(undefined);

/** Resolve a fault set into flags; unknown ids are ignored (they belong to other papers' solvers). */
export function flagsOf(faults: ReadonlySet<string> | undefined): FaultFlags {
  const out = {} as Record<TksFault, boolean>;
  for (const id of TKS_FAULT_IDS) out[id] = faults?.has(id) ?? false;
  return out;
}
