/**
 * Stationarity of (8) (Theorem 2: limit points are critical, 0 ∈ ∂L_ρ). L_ρ is continuously differentiable
 * (R smooth, Ω(w) = ω/2‖w‖², tanh smooth), so ∂L_ρ = {∇L_ρ} and dist(0, ∂L_ρ) = ‖∇L_ρ‖ over the primal blocks
 * and the multipliers; ∇_λ L_ρ = r_N, the t = N constraint residuals (primal feasibility of Problem 2's
 * constraints). Computed with the oracle of `lagrangian.ts`.
 */
import { alGradient, type AlGradient, type TksPoint } from './lagrangian.ts';

/** Per-block norms of ∇L_ρ and the totals. */
export interface KktResidual {
  /** ‖∂L/∂X‖ for every primal block and multiplier. */
  blocks: Record<keyof AlGradient, number>;
  /** ‖∇_θ L‖ over θ = (u, w, b, a, s, v, c, o). */
  stationarity: number;
  /** ‖(r1_N, r2_N, r3_N)‖ = ‖∇_λ L‖. */
  feasibility: number;
  /** dist(0, ∂L_ρ) = ‖∇L_ρ‖ over every variable. */
  dist: number;
}

/** dist(0, ∂L_ρ) and its parts at a point. */
export function kktResidual(pt: TksPoint): KktResidual {
  const g = alGradient(pt);
  const blocks = {} as Record<keyof AlGradient, number>;
  let st = 0, fe = 0;
  for (const key of Object.keys(g) as (keyof AlGradient)[]) {
    let s = 0;
    for (const x of g[key]) s += x * x;
    blocks[key] = Math.sqrt(s);
    if (key === 'l1' || key === 'l2' || key === 'l3') fe += s;
    else st += s;
  }
  return { blocks, stationarity: Math.sqrt(st), feasibility: Math.sqrt(fe), dist: Math.sqrt(st + fe) };
}
