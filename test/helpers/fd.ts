/** Central-difference gradients for checking hand-written gradients (small problems only). */

/** ∂f/∂x_i ≈ (f(x + s e_i) − f(x − s e_i)) / 2s with s = h·max(1, |x_i|), entry by entry. */
export function centralGradient(f: (x: Float64Array) => number, x: Float64Array, h = 1e-6): Float64Array {
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const xp = x.slice(), xm = x.slice();
    const s = h * Math.max(1, Math.abs(x[i]));
    xp[i] += s;
    xm[i] -= s;
    out[i] = (f(xp) - f(xm)) / (2 * s);
  }
  return out;
}
