/**
 * Planted solver bugs ("mutants"). The claims suite must catch each one; a property never seen failing proves
 * nothing. Only the test harness switches them on (via `withMutant`, which is not exported from the package
 * entry point nor reachable from the CLI).
 */

/** Identifiers of the planted bugs in the WZC solver. */
export const WZC_MUTANTS = {
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
} as const;

/** A mutant id. */
export type WzcMutant = keyof typeof WZC_MUTANTS;

let active: WzcMutant | null = null;

/** The mutant currently switched on, if any. Solvers read this at the planted sites. */
export function activeMutant(): WzcMutant | null {
  return active;
}

/** Run `fn` with mutant `id` switched on; always switches it off again. Test-harness use only. */
export function withMutant<T>(id: WzcMutant, fn: () => T): T {
  const prev = active;
  active = id;
  try {
    return fn();
  } finally {
    active = prev;
  }
}
