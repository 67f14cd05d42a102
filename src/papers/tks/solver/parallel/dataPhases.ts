/**
 * Data-parallel ADMMiRNN as a sequence of phases of independent chunks: one visit (vanilla's block order,
 * `iteration.ts`) on arrays every thread holds (one shared WebAssembly memory), with vanilla's bits.
 *
 * The splits (why the bits do not change: every entry is made by the same code from the same inputs, and every sum
 * over rows runs whole, in vanilla's order, inside one chunk):
 * - row-separable work (o, a, the s-step's right-hand sides and solves, the targets Q1/Q3, the cached products
 *   TA, sPrev, UX, SW, SV) and the forward pass (by windows): contiguous row ranges;
 * - the sums over all rows — the Gram matrices and right-hand sides of the v- and w-steps, the b-, c- and u-steps —
 *   by their OUTPUT entries (Gram rows in upper trapezoids of equal work, columns of the rest);
 * - the s-step's three inverses, one chunk each (on the running thread's own scratch);
 * - one-chunk phases for what is serial: the visit's start, the batch loss, the Cholesky solves of the v- and
 *   w-steps, the multipliers (15).
 *
 * Chunks are not owned by threads: each thread claims its own block of a phase first, then what the others left
 * (`dataSync.ts`, `Tickets`), so a thread the scheduler has put aside delays the others by at most the chunk it is
 * running. A phase starts once every chunk of the previous one is done. Any chunk may run on any thread, so a chunk
 * uses no thread's state but the scratch it is handed. Every thread walks the same phases (the validity of the
 * cached products is
 * bookkeeping, the same in each thread).
 */
import { NotPositiveDefiniteError, transpose } from '../../../../linalg/index.ts';
import { fillBatch, type TextTask } from '../../problem/text.ts';
import { bStep, cStep, multiplierStep, oStep, paramProx, scaledOutputTargets, scaledStateTargets, uStepOnehotRows, type BlockContext } from '../blocks.ts';
import { ALGORITHM1_ORDER, TksDivergenceError, type BlockName, type SolverState } from '../iteration.ts';
import { aStep, sStepInverses, sStepRhs, sStepSolveRows } from '../stateSteps.ts';
import type { Workspace } from '../workspace.ts';
import { allFinite, gemmNNo } from '../../../../linalg/index.ts';
import { addInputTerm } from '../../problem/rnn.ts';
import {
  dataParts, factorGram, forwardWindows, solveParam, transposeRows, freshValid, weightedGramRows, type DataArrays, type DataPart, type DataValid, type OwnScratch, type PhaseLabel,
} from './dataSplit.ts';

/** One phase: `n` independent chunks; `run(c, own)` does chunk c with the running thread's scratch. */
export interface Phase {
  label: PhaseLabel;
  n: number;
  run(c: number, own: OwnScratch): void;
}

/** What every thread knows of a run: the arrays, the task (to fill a batch), the chunking. */
export interface PhaseEnv {
  ctx: BlockContext;
  st: SolverState;
  ws: Workspace;
  task: TextTask;
  /** The loss of each row at a visit's start, and at index N·B the batch loss (vanilla's `lossValue`). */
  rowLoss: Float64Array;
  /** The chunks of the row phases, and of the phases split by output entries (fewer: each of those reads all rows). */
  chunks: DataPart[];
  cols: DataPart[];
  /** The Gram bands and right-hand-side column ranges of the v- and w-steps (finer than `cols`: their chunks read XT only). */
  gram: DataPart[];
  rhsCols: DataPart[];
  /** The transpose of the v- or w-step's data matrix (h×N·B), made by its targets' row phase. */
  xT: Float64Array;
  valid: DataValid;
}

/**
 * The environment of a thread: `n` chunks per row phase, `nCols` per phase split by output entries (each of whose
 * chunks streams all N·B rows: more chunks there cost memory traffic, measured 2–3× on the b-, c-, u-steps at 8);
 * the v- and w-steps' sums, which read the transposed rows, in four and two times as many.
 */
export function phaseEnv(
  ctx: BlockContext, st: SolverState, arrays: Pick<DataArrays, 'ws' | 'rowLoss' | 'xT'>, task: TextTask, n: number, nCols = n,
): PhaseEnv {
  const { ws, rowLoss, xT } = arrays;
  return {
    ctx, st, ws, task, rowLoss, xT, chunks: dataParts(ctx.dims, n), cols: dataParts(ctx.dims, nCols),
    gram: dataParts(ctx.dims, 4 * nCols), rhsCols: dataParts(ctx.dims, 2 * nCols), valid: freshValid(),
  };
}

type Product = keyof DataValid;

/** The products of `what` not yet current, in the order they must be made (sPrev before SW); marks them current. */
function missing(env: PhaseEnv, what: Product[]): Product[] {
  const out: Product[] = [];
  const order: Product[] = ['TA', 'sPrev', 'UX', 'SW', 'SV'];
  const want = new Set(what);
  if (want.has('SW')) want.add('sPrev');
  for (const p of order) if (want.has(p) && !env.valid[p]) out.push(p);
  for (const p of out) env.valid[p] = true;
  return out;
}

/** Make products `list` on rows [r0, r1) (as `iteration.ts`'s ensure does on all rows). */
function products(env: PhaseEnv, list: readonly Product[], r0: number, r1: number): void {
  const { ws, st } = env;
  const { B, d, h, q } = ws.dims;
  const n = r1 - r0;
  for (const what of list) {
    switch (what) {
      case 'TA':
        for (let k = r0 * h; k < r1 * h; k++) ws.TA[k] = Math.tanh(st.aux.a[k]);
        break;
      case 'sPrev': {
        // row r of sPrev is s0 row r (r < B) or s row r − B
        const m = Math.min(r1, B);
        if (m > r0) ws.sPrev.set(st.batch.s0.subarray(r0 * h, m * h), r0 * h);
        const f = Math.max(r0, B);
        if (r1 > f) ws.sPrev.set(st.aux.s.subarray((f - B) * h, (r1 - B) * h), f * h);
        break;
      }
      case 'UX':
        ws.UX.fill(0, r0 * h, r1 * h);
        addInputTerm(ws.UX, r0 * h, st.p.u, st.batch.x, r0, n, d, h);
        break;
      case 'SW':
        gemmNNo(ws.SW, r0 * h, h, ws.sPrev, r0 * h, h, ws.wT, 0, h, n, h, h);
        break;
      case 'SV':
        gemmNNo(ws.SV, r0 * q, q, st.aux.s, r0 * h, h, ws.vT, 0, q, n, h, q);
        break;
    }
  }
}

/** A phase making the missing products of `what` (null when all are current). */
function productPhase(env: PhaseEnv, label: PhaseLabel, what: Product[]): Phase | null {
  const list = missing(env, what);
  if (!list.length) return null;
  return { label, n: env.chunks.length, run: (c) => products(env, list, env.chunks[c].r0, env.chunks[c].r1) };
}

/** A phase over the row chunks: `rows(r0, r1)` after making the missing products of `what` on the same rows. */
function rowPhase(env: PhaseEnv, label: PhaseLabel, what: Product[], rows: (r0: number, r1: number) => void): Phase {
  const list = missing(env, what);
  return {
    label, n: env.chunks.length, run: (c) => {
      const { r0, r1 } = env.chunks[c];
      products(env, list, r0, r1);
      rows(r0, r1);
    },
  };
}

/** A one-chunk phase. */
function serial(label: PhaseLabel, f: (own: OwnScratch) => void): Phase {
  return { label, n: 1, run: (_c, own) => f(own) };
}

/**
 * A v- or w-step after its targets (whose row phase made XT): the Gram bands; then the factorization (one chunk)
 * beside the right-hand-side column ranges, so it costs no thread a wait; then the solve (serial). Writes Xᵀ into
 * `outT` and X into `out`. Gram bands and right-hand sides read XT (h×N·B) in the A·B form: the same sums, in the
 * same order, as vanilla's `syrkTNo` and `gemmTNo`, which transpose first.
 */
function* paramSolvePhases(
  env: PhaseEnv, label: PhaseLabel, X: Float64Array, kapN: number, diag: number, Q: Float64Array, cols: number, prev: Float64Array,
  what: string, outT: Float64Array, out: Float64Array,
): Generator<Phase, void, void> {
  const { ws, xT, gram, rhsCols, ctx } = env;
  const { N, B, h } = ctx.dims;
  const M = N * B, rp = paramProx(ctx);
  yield { label, n: gram.length, run: (c) => weightedGramRows(ws.gram, xT, X, ctx.dims, ctx.hp.nu, kapN, diag, gram[c].g0, gram[c].g1) };
  yield {
    label, n: rhsCols.length + 1, run: (c) => {
      if (c === 0) return factorGram(ws, h, what);
      const { e0, e1 } = rhsCols[c - 1];
      if (e1 > e0) gemmNNo(ws.rhs, e0 * cols, cols, xT, e0 * M, M, Q, 0, cols, e1 - e0, M, cols);
      for (let k = e0 * cols; k < e1 * cols; k++) ws.rhs[k] += rp * prev[k];
    },
  };
  yield serial(label, () => solveParam(ws, h, cols, outT, out));
}

/** The phases of one block. */
function* block(env: PhaseEnv, name: BlockName): Generator<Phase, void, void> {
  const { ctx, st, ws, cols } = env;
  const { p, aux, mult, batch } = st;
  const { h, q } = ctx.dims;
  const n = env.chunks.length, nc = cols.length;
  const maybe = (ph: Phase | null): Phase[] => (ph ? [ph] : []);
  switch (name) {
    case 'o':
      yield rowPhase(env, 'o', ['SV'], (r0, r1) => oStep(ctx, aux.o, ws.SV, p.c, mult.l3, batch.y, aux.o, ws.Q3, r0, r1));
      return;
    case 'c':
      yield* maybe(productPhase(env, 'c', ['SV']));
      yield { label: 'c', n: nc, run: (c) => cStep(ctx, aux.o, ws.SV, mult.l3, p.c, cols[c].k0, cols[c].k1) };
      return;
    case 'v': {
      yield rowPhase(env, 'v', [], (r0, r1) => {
        scaledOutputTargets(ctx, aux.o, p.c, mult.l3, ws.Q3, r0, r1);
        transposeRows(env.xT, aux.s, ctx.dims, r0, r1);
      });
      yield* paramSolvePhases(env, 'v', aux.s, ctx.hp.rho3, paramProx(ctx), ws.Q3, q, ws.vT, 'TKS v-step', ws.vT, p.v);
      env.valid.SV = false;
      return;
    }
    case 's': {
      yield* maybe(productPhase(env, 's', ['UX', 'TA']));
      const inputs = { a: aux.a, ta: ws.TA, s: aux.s, o: aux.o, UX: ws.UX, b: p.b, c: p.c, v: p.v, w: p.w, l1: mult.l1, l2: mult.l2, l3: mult.l3 };
      // n right-hand-side chunks, then the three inverses (chunk n + class), each on its thread's own scratch
      yield {
        label: 's', n: n + 3, run: (c, own) => {
          if (c < n) return sStepRhs(ctx, inputs, ws, env.chunks[c].r0, env.chunks[c].r1);
          const cl = c - n;
          try {
            sStepInverses(ctx, p, own, [cl]);
          } catch (e) {
            if (!(e instanceof NotPositiveDefiniteError)) throw e;
            // not thrown here: the next phase redoes the marked classes in vanilla's order, so the error is vanilla's
            ws.Minv[cl * h * h] = NaN;
          }
        },
      };
      yield serial('s', (own) => {
        for (let cl = 0; cl < 3; cl++) if (Number.isNaN(ws.Minv[cl * h * h])) sStepInverses(ctx, p, own, [cl]);
      });
      yield rowPhase(env, 's', [], (r0, r1) => sStepSolveRows(ctx, aux.s, ws, r0, r1));
      env.valid.sPrev = env.valid.SW = env.valid.SV = false;
      return;
    }
    case 'a':
      yield rowPhase(env, 'a', ['UX', 'SW', 'TA'], (r0, r1) => aStep(ctx, { a: aux.a, ta: ws.TA, s: aux.s, UX: ws.UX, SW: ws.SW, b: p.b, l1: mult.l1, l2: mult.l2 }, aux.a, ws.TA, r0, r1));
      return;
    case 'b':
      yield* maybe(productPhase(env, 'b', ['UX', 'SW']));
      yield { label: 'b', n: nc, run: (c) => bStep(ctx, aux.a, ws.UX, ws.SW, mult.l1, p.b, cols[c].e0, cols[c].e1) };
      return;
    case 'w': {
      const X = ctx.faults['w-off-by-one'] ? aux.s : ws.sPrev;
      yield rowPhase(env, 'w', ['UX', 'sPrev'], (r0, r1) => {
        scaledStateTargets(ctx, aux.a, ws.UX, p.b, mult.l1, ws.Q1, r0, r1);
        transposeRows(env.xT, X, ctx.dims, r0, r1);
      });
      yield* paramSolvePhases(env, 'w', X, ctx.hp.rho1, paramProx(ctx) + ctx.hp.omega, ws.Q1, h, ws.wT, 'TKS w-step', ws.wT, p.w);
      env.valid.SW = false;
      return;
    }
    case 'u': {
      yield rowPhase(env, 'u', ['SW'], (r0, r1) => scaledStateTargets(ctx, aux.a, ws.SW, p.b, mult.l1, ws.Q1, r0, r1));
      if (batch.x.kind !== 'onehot') throw new TypeError('data-parallel ADMMiRNN: one-hot inputs only (the text task)');
      const idx = batch.x.idx;
      yield { label: 'u', n: nc, run: (c, own) => uStepOnehotRows(ctx, idx, ws.Q1, p.u, p.u, ws.rhsD, own.cnt, cols[c].e0, cols[c].e1) };
      env.valid.UX = false;
      return;
    }
  }
}

/**
 * The phases of visit `k` (1-based; batch (k − 1) mod J): fill the batch (s0 = 0, λ = 0, wᵀ and vᵀ), the forward pass
 * by windows, the batch loss summed in vanilla's order, every block of {@link ALGORITHM1_ORDER}, then the multipliers
 * (15) with `admmIteration`'s finiteness check ({@link TksDivergenceError}).
 */
export function* visitPhases(env: PhaseEnv, k: number): Generator<Phase, void, void> {
  const { ctx, st, ws, task, rowLoss, chunks } = env;
  const { N, B, h, q } = ctx.dims;
  const M = N * B;
  Object.assign(env.valid, freshValid());
  const { p, aux, mult, batch } = st;
  if (batch.x.kind !== 'onehot' || batch.y.kind !== 'classes') throw new TypeError('data-parallel ADMMiRNN: the text task (one-hot inputs, class targets) only');
  const idx = batch.x.idx, ys = batch.y.y;
  yield serial('forward', () => {
    fillBatch(task, (k - 1) % task.J, idx, ys);
    batch.s0.fill(0);
    mult.l1.fill(0);
    mult.l2.fill(0);
    mult.l3.fill(0);
    transpose(ws.wT, p.w, h, h);
    transpose(ws.vT, p.v, q, h);
  });
  const n = chunks.length;
  yield { label: 'forward', n, run: (c) => forwardWindows(env, Math.round((c * B) / n), Math.round(((c + 1) * B) / n), rowLoss) };
  yield serial('forward', () => {
    let total = 0;
    for (let r = 0; r < M; r++) total += rowLoss[r];
    rowLoss[M] = total / M;
  });
  for (let i = 0; i < ALGORITHM1_ORDER.length; i++) {
    const name = ALGORITHM1_ORDER[i];
    for (const ph of block(env, name)) {
      const run = ph.run;
      // a solve that fails reads as vanilla's divergence, naming the block and its step
      yield {
        ...ph, run: (c, own) => {
          try {
            run(c, own);
          } catch (e) {
            if (e instanceof NotPositiveDefiniteError) throw new TksDivergenceError(`${name} (step ${i + 1} of ${ALGORITHM1_ORDER.length})`, e.message);
            throw e;
          }
        },
      };
    }
  }
  const last = productPhase(env, 'multipliers', ['UX', 'SW', 'SV', 'TA']);
  if (last) yield last;
  yield serial('multipliers', () => {
    multiplierStep(ctx, { a: aux.a, ta: ws.TA, s: aux.s, o: aux.o, UX: ws.UX, SW: ws.SW, SV: ws.SV, b: p.b, c: p.c }, mult.l1, mult.l2, mult.l3);
    if (!(allFinite(p.u) && allFinite(p.w) && allFinite(p.b) && allFinite(p.v) && allFinite(p.c) && allFinite(aux.o) && allFinite(mult.l3))) {
      throw new TksDivergenceError('iteration', 'parameters, o or λ3');
    }
  });
}
