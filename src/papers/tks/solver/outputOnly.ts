/**
 * The output-only floor of the text task: a random tanh RNN (4) whose recurrent layer (u, w, b) stays at its
 * initialization and whose readout (v, c) alone is fitted — an exact convex fit (softmax cross-entropy is
 * convex in (v, c) for fixed states; minimized by L-BFGS to a small gradient) on the hidden states the RNN
 * produces over the training text, laid out as the B streams of the ADMM batches (states carried through the
 * whole stream). A method that does not beat it on held-out text has not trained the recurrent layer.
 */
import { performance } from 'node:perf_hooks';
import { gemmNNo, gemmTNo, inArena, transpose } from '../../../linalg/index.ts';
import { sequenceLoss } from '../problem/rnn.ts';
import type { TextTask } from '../problem/text.ts';
import type { Params } from '../problem/types.ts';
import { cloneParams } from '../problem/types.ts';
import { lbfgs, type LbfgsResult } from './lbfgs.ts';

/** Options of {@link outputOnlyFloor}. */
export interface FloorOptions {
  maxIterations?: number;
  /** Stop when ‖∇‖∞ of the mean cross-entropy is below this (default 1e-7). */
  gradTol?: number;
  timeBudgetMs?: number;
  simd?: boolean;
}

/** Result of {@link outputOnlyFloor}. */
export interface FloorResult {
  /** The initialization with the fitted readout. */
  params: Params;
  /** Mean cross-entropy of the fit on the training streams (the minimized objective). */
  trainLoss: number;
  heldOutLoss: number;
  fit: LbfgsResult;
  timeMs: number;
}

/** Fit the readout of the RNN `init` on the task's training text; `init` is not modified. */
export function outputOnlyFloor(task: TextTask, init: Params, opts: FloorOptions = {}): FloorResult {
  const t0 = performance.now();
  const h = init.b.length, V = task.vocab.length;
  const { B, L, train } = task;
  const n = B * L;
  const mem = inArena((alloc) => ({
    F: alloc(n * h), Z: alloc(n * V), W: alloc(h * V), G: alloc(h * V), wT: alloc(h * h), s: alloc(B * h), nx: alloc(B * h),
  }), opts.simd ?? true);
  // hidden states, row t·B + i = stream i after reading its t-th character
  transpose(mem.wT, init.w, h, h);
  for (let t = 0; t < L; t++) {
    gemmNNo(mem.nx, 0, h, mem.s, 0, h, mem.wT, 0, h, B, h, h);
    for (let i = 0; i < B; i++) {
      const col = train[i * L + t];
      for (let j = 0; j < h; j++) {
        const v = Math.tanh(mem.nx[i * h + j] + init.u[j * V + col] + init.b[j]);
        mem.s[i * h + j] = v;
        mem.F[(t * B + i) * h + j] = v;
      }
    }
  }
  const target = new Int32Array(n);
  for (let t = 0; t < L; t++) for (let i = 0; i < B; i++) target[t * B + i] = train[i * L + t + 1];
  // θ = (vᵀ (h×V) row-major, c (V)); f = mean CE
  const theta = new Float64Array(h * V + V);
  transpose(theta.subarray(0, h * V), init.v, V, h);
  theta.set(init.c, h * V);
  const objective = (x: Float64Array, grad: Float64Array): number => {
    mem.W.set(x.subarray(0, h * V));
    gemmNNo(mem.Z, 0, V, mem.F, 0, h, mem.W, 0, V, n, h, V);
    let total = 0;
    const gc = grad.subarray(h * V);
    gc.fill(0);
    for (let r = 0; r < n; r++) {
      const off = r * V;
      let mx = -Infinity;
      for (let k = 0; k < V; k++) {
        const z = mem.Z[off + k] + x[h * V + k];
        mem.Z[off + k] = z;
        if (z > mx) mx = z;
      }
      const y = target[r];
      const zy = mem.Z[off + y];
      let sum = 0;
      for (let k = 0; k < V; k++) {
        const e = Math.exp(mem.Z[off + k] - mx);
        mem.Z[off + k] = e;
        sum += e;
      }
      total += Math.log(sum) + mx - zy;
      const inv = 1 / (sum * n);
      for (let k = 0; k < V; k++) mem.Z[off + k] *= inv;
      mem.Z[off + y] -= 1 / n;
      for (let k = 0; k < V; k++) gc[k] += mem.Z[off + k];
    }
    // Fᵀ(P − Y) in chunks of rows: one pass with K = n would stream all of F and Z once per 4×4 block of the
    // result (8× slower measured at n ≈ 1e5); chunks of 256 rows stay in cache.
    for (let r0 = 0; r0 < n; r0 += 256) {
      gemmTNo(mem.G, 0, V, mem.F, r0 * h, h, mem.Z, r0 * V, V, Math.min(256, n - r0), h, V, 1, r0 === 0 ? 0 : 1);
    }
    grad.set(mem.G, 0);
    return total / n;
  };
  const fit = lbfgs(objective, theta, { maxIterations: opts.maxIterations ?? 2000, gradTol: opts.gradTol ?? 1e-7, timeBudgetMs: opts.timeBudgetMs });
  const params = cloneParams(init);
  transpose(params.v, theta.subarray(0, h * V), h, V);
  params.c.set(theta.subarray(h * V));
  const dims = { d: V, h, q: V };
  return { params, trainLoss: fit.f, heldOutLoss: sequenceLoss(params, task.heldOut, dims, 1).loss, fit, timeMs: performance.now() - t0 };
}
