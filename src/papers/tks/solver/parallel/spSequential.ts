/**
 * SP-ADMMiRNN's rounds in one thread, written from Algorithm 1's blocks and not from the worker code (`roles.ts`):
 * the reference the threaded SP is tested against bit for bit, and what `bench/tks-sp-groups.ts` runs long.
 *
 * Round r: the state worker visits batch r — feasible start (4) with the parameter worker's blocks as θ^{r−2} and
 * its own blocks as it left them, then Algorithm 1's order restricted to its blocks — and publishes the batch with
 * the parameters θ̃ it visited with; the parameter worker fits batch r − 1's publication from θ̃ (its blocks, in
 * Algorithm 1's order) and sets θ^{r−1} = θ^{r−2} + η (fit − θ̃) on its blocks. After round K the last batch is
 * fitted too, as the threaded SP's final round does. Multipliers start at 0 in every visit.
 */
import { performance } from 'node:perf_hooks';
import { inArena } from '../../../../linalg/index.ts';
import { lossLipschitz, lossValue } from '../../problem/loss.ts';
import { forwardInto } from '../../problem/rnn.ts';
import { fillBatch, type TextTask } from '../../problem/text.ts';
import { cloneParams, type Aux, type Batch, type Hyper, type Multipliers, type Params } from '../../problem/types.ts';
import type { BlockContext } from '../blocks.ts';
import { flagsOf } from '../faults.ts';
import { ALGORITHM1_ORDER, invalidateProducts, runBlock, type BlockName, type SolverState } from '../iteration.ts';
import { allocWorkspace, type Workspace } from '../workspace.ts';
import { parameterWorkerBlocks, type Groups } from './roles.ts';
import { PARAM_BLOCKS } from './shared.ts';

/** What {@link runSpSequential} gives back. */
export interface SpSequentialResult {
  /** θ^K: the parameter worker's blocks after the last fit, the state worker's as its last visit left them. */
  params: Params;
  /** The batch loss at each visit's feasible start. */
  losses: number[];
  /** Mean milliseconds per round of each worker's part (in this thread). */
  msState: number;
  msParams: number;
}

type Side = SolverState & { ws: Workspace; fwd: { wT: Float64Array; vT: Float64Array }; idx: Int32Array; y: Int32Array };

function side(task: TextTask, h: number): Side {
  const V = task.vocab.length, M = task.N * task.B;
  const dims = { N: task.N, B: task.B, d: V, h, q: V };
  const m = inArena((alloc) => ({
    p: { u: alloc(h * V), w: alloc(h * h), b: alloc(h), v: alloc(V * h), c: alloc(V) } as Params,
    aux: { a: alloc(M * h), s: alloc(M * h), o: alloc(M * V) } as Aux,
    mult: { l1: alloc(task.B * h), l2: alloc(task.B * h), l3: alloc(task.B * V) } as Multipliers,
    s0: alloc(task.B * h), ws: allocWorkspace(dims, false, alloc), fwd: { wT: alloc(h * h), vT: alloc(h * V) },
  }), true);
  const idx = new Int32Array(M), y = new Int32Array(M);
  const batch: Batch = { dims, s0: m.s0, x: { kind: 'onehot', idx }, y: { kind: 'classes', y } };
  return { p: m.p, aux: m.aux, mult: m.mult, batch, ws: m.ws, fwd: m.fwd, idx, y };
}

function restart(st: SolverState): void {
  st.batch.s0.fill(0);
  st.mult.l1.fill(0);
  st.mult.l2.fill(0);
  st.mult.l3.fill(0);
}

/** K rounds of SP-ADMMiRNN from `init` (not modified) with `groups` and step fraction η. */
export function runSpSequential(task: TextTask, init: Params, o: { hyper: Hyper; iterations: number; groups: Groups; stepScale: number }): SpSequentialResult {
  const h = init.b.length, M = task.N * task.B;
  const pw = parameterWorkerBlocks(o.groups);
  const isP = (n: BlockName): boolean => (pw as readonly string[]).includes(n);
  const orderS = ALGORITHM1_ORDER.filter((n) => !isP(n)), orderP = ALGORITHM1_ORDER.filter(isP);
  const S = side(task, h), P = side(task, h);
  const ctx: BlockContext = { dims: S.batch.dims, hp: { ...o.hyper }, H: lossLipschitz('cross-entropy', M), faults: flagsOf(new Set()) };
  let newest = cloneParams(init); // θ^{r−2} when round r starts (the parameter worker's blocks)
  const own = cloneParams(init); // the state worker's blocks
  let pub: { tilde: Params; a: Float64Array; s: Float64Array; o: Float64Array; idx: Int32Array; y: Int32Array } | null = null;
  const losses: number[] = [];
  let msS = 0, msP = 0;
  const fit = (b: NonNullable<typeof pub>): void => {
    for (const k of PARAM_BLOCKS) P.p[k].set(b.tilde[k]);
    P.aux.a.set(b.a);
    P.aux.s.set(b.s);
    P.aux.o.set(b.o);
    P.idx.set(b.idx);
    P.y.set(b.y);
    restart(P);
    invalidateProducts(P.ws);
    for (const n of orderP) runBlock(ctx, n, P, P.ws);
    const next = cloneParams(newest);
    for (const k of pw) for (let e = 0; e < next[k].length; e++) next[k][e] += o.stepScale * (P.p[k][e] - b.tilde[k][e]);
    newest = next;
  };
  for (let r = 1; r <= o.iterations; r++) {
    let t0 = performance.now();
    const th = newest;
    for (const k of PARAM_BLOCKS) S.p[k].set((pw.includes(k) ? th : own)[k]);
    fillBatch(task, (r - 1) % task.J, S.idx, S.y);
    restart(S);
    forwardInto(S.aux, S.p, S.batch, S.fwd);
    losses.push(lossValue(S.aux.o, S.batch.y, M, task.vocab.length));
    invalidateProducts(S.ws);
    for (const n of orderS) runBlock(ctx, n, S, S.ws);
    for (const k of PARAM_BLOCKS) if (!pw.includes(k)) own[k].set(S.p[k]);
    msS += performance.now() - t0;
    t0 = performance.now();
    if (pub) fit(pub);
    msP += performance.now() - t0;
    // θ̃ of batch r: the parameter worker's blocks as visited (θ^{r−2}), the state worker's as the visit left them
    pub = { tilde: cloneParams(S.p), a: S.aux.a.slice(), s: S.aux.s.slice(), o: S.aux.o.slice(), idx: S.idx.slice(), y: S.y.slice() };
    for (const k of pw) pub.tilde[k].set(th[k]);
  }
  if (pub) fit(pub);
  const params = cloneParams(newest);
  for (const k of PARAM_BLOCKS) if (!pw.includes(k)) params[k].set(own[k]);
  return { params, losses, msState: msS / o.iterations, msParams: msP / o.iterations };
}
