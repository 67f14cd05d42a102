/**
 * Planted solver bugs ("faults") of the WZC solver: a pure catalogue. A fault reaches the solver only through
 * its options (`AlmParams.faults`, the trailing `faults` argument of the step functions), so a run carries its
 * faults with it — into a worker thread as well — and nothing here holds state. The claims suite must catch
 * each one; a property never seen failing proves nothing. Users cannot switch faults on: the CLI never sets
 * them and the catalogue is not exported from the package entry point.
 */

/** Identifiers of the planted bugs in the WZC solver, with what each one breaks. */
export const WZC_FAULTS = {
  'xi-sign': 'ξ update (3.7) with the wrong sign: ξ^k = ξ^{k−1} − γ(u − Ψ(h)w)',
  'zeta-sign': 'ζ update (3.7) with the wrong sign',
  'stale-theta1': 'θ1 of the u-step uses Ψ(h^{j−1})w^j (stale h) instead of Ψ(h^j)w^j',
  'tie-reversed': 'Remark 3.4 reversed: u⁻ is chosen when φ(u⁺) = φ(u⁻)',
  'no-prox': 'the proximal term μ/2‖u − u^{j−1}‖² is dropped from the u-step (3.16)',
  'penalty-branch': 'Step 3 reversed: γ grows when (3.8) holds and stays when it fails',
  'hT-uses-D1': 'the last h-step (t = T) uses D1 and d1 instead of D2 and d2T (3.18)',
  'lambda-half': 'the z-step uses Λ instead of 2Λ in Q̂1, Q̂2 (Lemma 3.1 (iii))',
  'restart-ignored': 'the restart rule (3.13) always warm-starts, even when L(s^{k−1}) > Γ',
  'eps-frozen': 'ε is never decreased (ε_k = ε_{k−1} instead of η4 ε_{k−1})',
  'u-minus-gamma-theta2': 'u⁻ of (3.22) wrongly includes the γθ2 term of u⁺',
  'diverge-on-data': 'the BCD throws DivergenceError (as if u overflowed) in its first iteration on about 40% of problems, keyed on a hash of X, Y',
} as const;

/** A fault id. */
export type WzcFault = keyof typeof WZC_FAULTS;

/** The empty fault set: what every run gets unless a test harness says otherwise. */
export const NO_FAULTS: ReadonlySet<WzcFault> = new Set<WzcFault>();

/** Share of problems on which the 'diverge-on-data' fault throws. */
export const DIVERGE_ON_DATA_SHARE = 0.4;

/**
 * A deterministic pseudo-uniform key in [0, 1) of the data X, Y (FNV-1a over their bytes): the 'diverge-on-data'
 * fault throws when it is below {@link DIVERGE_ON_DATA_SHARE}, so the same problem always fails the same way.
 */
export function dataKey(X: Float64Array, Y: Float64Array): number {
  let h = 0x811c9dc5;
  for (const a of [X, Y]) {
    const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  }
  return (h >>> 0) / 2 ** 32;
}

/** Is `id` a WZC fault? */
export function isWzcFault(id: string): id is WzcFault {
  return Object.prototype.hasOwnProperty.call(WZC_FAULTS, id);
}

/**
 * The engine's fault ids (`CheckContext.faults`) as WZC faults.
 * @throws RangeError naming the first id that is not a WZC fault.
 */
export function wzcFaults(ids: ReadonlySet<string>): ReadonlySet<WzcFault> {
  if (ids.size === 0) return NO_FAULTS;
  for (const id of ids) if (!isWzcFault(id)) throw new RangeError(`unknown WZC fault '${id}'`);
  return ids as ReadonlySet<WzcFault>;
}
