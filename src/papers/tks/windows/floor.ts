/**
 * The output-only floor of a window task: the random tanh RNN (4) of the initialization with its recurrent layer
 * (u, w, b) frozen and its readout (v, c) alone fitted — a convex fit of R(o_N) over the final states s_N of
 * the training windows (softmax cross-entropy or ½‖o − y‖², each convex in (v, c) for fixed states), by L-BFGS
 * to a small gradient. A method that does not beat it on the held-out windows has not trained the recurrent
 * layer. The same floor as `solver/outputOnly.ts` gives the text task.
 */
import { sliceWindows, type WindowTask } from '../problem/windows.ts';
import type { Params } from '../problem/types.ts';
import { cloneParams } from '../problem/types.ts';
import { lbfgs, type LbfgsResult } from '../solver/lbfgs.ts';
import { windowMetrics } from './train.ts';

/** Result of {@link windowFloor}. */
export interface WindowFloorResult {
  /** The initialization with the fitted readout. */
  params: Params;
  heldOutLoss: number;
  trainLoss: number;
  heldOutAccuracy?: number;
  fit: LbfgsResult;
}

/** Final states s_N (count×h) of windows run from s_0 = 0 by the frozen u, w, b. */
function finalStates(task: WindowTask, p: Params): Float64Array {
  const set = sliceWindows(task.train, task.dropped, task.J * task.B);
  const { N, d } = set;
  const h = p.b.length;
  const x = set.x.kind === 'dense' ? set.x.x : new Float64Array(0);
  const out = new Float64Array(set.count * h);
  const prev = new Float64Array(h), cur = new Float64Array(h);
  for (let w = 0; w < set.count; w++) {
    prev.fill(0);
    for (let t = 0; t < N; t++) {
      const xo = (w * N + t) * d;
      for (let j = 0; j < h; j++) {
        let a = p.b[j];
        for (let k = 0; k < h; k++) a += p.w[j * h + k] * prev[k];
        for (let k = 0; k < d; k++) a += p.u[j * d + k] * x[xo + k];
        cur[j] = Math.tanh(a);
      }
      prev.set(cur);
    }
    out.set(prev, w * h);
  }
  return out;
}

/** Fit the readout of the RNN `init` (not modified) on the task's training windows. */
export function windowFloor(task: WindowTask, init: Params, opts: { maxIterations?: number; gradTol?: number } = {}): WindowFloorResult {
  const h = init.b.length;
  const { q } = task.dims;
  const S = finalStates(task, init);
  const n = S.length / h;
  const y = sliceWindows(task.train, task.dropped, task.J * task.B).y;
  const x = new Float64Array(q * h + q);
  x.set(init.v);
  x.set(init.c, q * h);
  const o = new Float64Array(q);
  // mean R(o_N) over the windows and its gradient in (v, c)
  const f = (z: Float64Array, g: Float64Array): number => {
    g.fill(0);
    let total = 0;
    for (let w = 0; w < n; w++) {
      for (let k = 0; k < q; k++) {
        let s = z[q * h + k];
        for (let j = 0; j < h; j++) s += z[k * h + j] * S[w * h + j];
        o[k] = s;
      }
      if (y.kind === 'classes') {
        let mx = -Infinity;
        for (let k = 0; k < q; k++) mx = Math.max(mx, o[k]);
        let sum = 0;
        for (let k = 0; k < q; k++) sum += Math.exp(o[k] - mx);
        total += Math.log(sum) + mx - o[y.y[w]];
        for (let k = 0; k < q; k++) o[k] = Math.exp(o[k] - mx) / sum - (k === y.y[w] ? 1 : 0);
      } else {
        for (let k = 0; k < q; k++) {
          const e = o[k] - y.y[w * q + k];
          total += 0.5 * e * e;
          o[k] = e;
        }
      }
      for (let k = 0; k < q; k++) {
        for (let j = 0; j < h; j++) g[k * h + j] += o[k] * S[w * h + j] / n;
        g[q * h + k] += o[k] / n;
      }
    }
    return total / n;
  };
  const fit = lbfgs(f, x, { maxIterations: opts.maxIterations ?? 500, gradTol: opts.gradTol ?? 1e-7 });
  const params = cloneParams(init);
  params.v.set(x.subarray(0, q * h));
  params.c.set(x.subarray(q * h));
  return { params, fit, ...windowMetrics(task, params) };
}
