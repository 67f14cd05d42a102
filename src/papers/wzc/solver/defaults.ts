/**
 * The paper's parameter settings: Table 2 (shared values and τ, η per dataset) and the iteration caps of
 * Table 3 (a)–(c).
 *
 * Table 2 sets η3 = 0.01 and 0.015, which contradicts Algorithm 3.1's hypothesis η3 > 1 (the proof of
 * Theorem 4.7 needs η3 > 1 for (4.15)). We keep Table 2's values as the defaults — they are what the paper
 * ran — and {@link checkAlmHypotheses} reports the violation.
 */
import type { Dims, Lambda } from '../problem/types.ts';
import type { AlmParams } from './types.ts';

/** The three experimental settings of §5. */
export type AlmSetting = 'synthetic-T10' | 'sp500' | 'synthetic-T500';

/** All settings, in the paper's order. */
export const ALM_SETTINGS: readonly AlmSetting[] = ['synthetic-T10', 'sp500', 'synthetic-T500'];

interface SettingRow {
  tau: number;
  eta: readonly [number, number, number, number];
  outer: number;
  inner: number;
}

const TABLE: Record<AlmSetting, SettingRow> = {
  // Table 2 rows; caps from Table 3 (a) 50/10, (b) 200/500, (c) 100/500.
  'synthetic-T10': { tau: 1.2, eta: [0.99, 5 / 6, 0.01, 5 / 6], outer: 50, inner: 10 },
  sp500: { tau: 1, eta: [0.99, 5 / 6, 0.01, 5 / 6], outer: 200, inner: 500 },
  'synthetic-T500': { tau: 500, eta: [0.9, 0.9, 0.015, 0.8], outer: 100, inner: 500 },
};

/**
 * Table 2: γ0 = 1, ξ0 = ζ0 = 0, ε0 = 0.1, Γ = 100, μ = 1e−5 and
 * λ1 = τ/(rm), λ2 = τ/r², λ3 = τ/(rn), λ4 = τ/r, λ5 = τ/m, λ6 = 1e−8, with τ and η of the setting.
 */
export function tableTwo(setting: AlmSetting, dims: Dims): { params: AlmParams; lambda: Lambda } {
  const row = TABLE[setting];
  const { n, m, r } = dims;
  const tau = row.tau;
  const [eta1, eta2, eta3, eta4] = row.eta;
  return {
    params: { gamma0: 1, mu: 1e-5, eps0: 0.1, Gamma: 100, eta1, eta2, eta3, eta4, outer: row.outer, inner: row.inner },
    lambda: [tau / (r * m), tau / (r * r), tau / (r * n), tau / r, tau / m, 1e-8],
  };
}

/**
 * Hypotheses of Algorithm 3.1 that `params` and `lambda` violate, one message each (empty when all hold):
 * γ0 > 0, μ > 0, ε0 ≥ 0, λ_i > 0, η1, η2, η4 ∈ (0, 1), η3 > 1, and integer caps ≥ 1.
 */
export function checkAlmHypotheses(params: AlmParams, lambda: Lambda): string[] {
  const out: string[] = [];
  const need = (ok: boolean, msg: string): void => {
    if (!ok) out.push(msg);
  };
  need(params.gamma0 > 0 && Number.isFinite(params.gamma0), `γ0 = ${params.gamma0}: Algorithm 3.1 needs γ0 > 0`);
  need(params.mu > 0 && Number.isFinite(params.mu), `μ = ${params.mu}: Algorithm 3.2 needs μ > 0`);
  need(params.eps0 >= 0 && Number.isFinite(params.eps0), `ε0 = ${params.eps0}: needs ε0 ≥ 0 (0 selects the exact test (4.9))`);
  lambda.forEach((l, i) => need(l > 0 && Number.isFinite(l), `λ${i + 1} = ${l}: (2.5) needs λ${i + 1} > 0`));
  for (const [name, v] of [['η1', params.eta1], ['η2', params.eta2], ['η4', params.eta4]] as const) {
    need(v > 0 && v < 1, `${name} = ${v}: Algorithm 3.1 needs ${name} ∈ (0, 1)`);
  }
  need(params.eta3 > 1 && Number.isFinite(params.eta3), `η3 = ${params.eta3}: Algorithm 3.1 needs η3 > 1 (eta3)`);
  need(Number.isInteger(params.outer) && params.outer >= 1, `outer = ${params.outer}: needs an integer ≥ 1`);
  need(Number.isInteger(params.inner) && params.inner >= 1, `inner = ${params.inner}: needs an integer ≥ 1`);
  return out;
}
