/**
 * Data-parallel ADMMiRNN: one iteration of Algorithm 1 (vanilla's block order, `iteration.ts`) split over P
 * threads that hold the same arrays (one shared WebAssembly memory, `linalg` `createSharedArena`), with vanilla's
 * trajectory bit for bit.
 *
 * How each block is split, and why the bits do not change:
 * - Row-separable work (o, a, the s-step's right-hand sides and solves, the targets Q1/Q3 and the cached products
 *   TA, sPrev, UX, SW, SV) is cut into contiguous row ranges, one per thread. Every entry is computed by the same
 *   code from the same inputs as in vanilla, so it is the same double.
 * - Sums over all rows (the Gram matrices and right-hand sides of the v- and w-steps) are cut by their OUTPUT
 *   entries: each thread makes some rows of the h×h Gram matrix (upper trapezoids of equal work) and of the
 *   right-hand side, each entry summed over all N·B rows in vanilla's order (the kernels sum k ascending, no fused
 *   multiply-add, in every path: `linalg/simd.ts`).
 * - The b-, c- and u-steps are sums over all rows too: each thread makes some of their entries (columns).
 * - The s-step's three inverses (one per row class) go to different threads, each with its own scratch.
 * - What is small or inherently serial runs on thread 0 while the others wait: the two Cholesky solves of the v-
 *   and w-steps, the multipliers (t = N rows only), filling the batch and summing its loss.
 *
 * Each `yield` is a barrier: no thread passes it before all have reached it (`dataSync.ts`). A barrier stands
 * wherever a thread is about to read rows another thread wrote; the label says what the work before it was
 * (for the time accounting). Every thread runs the same generator, so all take the same branches.
 */
import { gemmNNo, gemmTNo, NotPositiveDefiniteError, transpose } from '../../../../linalg/index.ts';
import { addInputTerm } from '../../problem/rnn.ts';
import { rowCrossEntropy } from '../../problem/loss.ts';
import type { Dims } from '../../problem/types.ts';
import { bStep, cStep, multiplierStep, oStep, paramProx, scaledOutputTargets, scaledStateTargets, uStepOnehotRows, type BlockContext } from '../blocks.ts';
import { ALGORITHM1_ORDER, TksDivergenceError, type BlockName, type SolverState } from '../iteration.ts';
import { aStep, sStepInverses, sStepRhs, sStepSolveRows, type InverseScratch } from '../stateSteps.ts';
import { allocWorkspace, type Workspace } from '../workspace.ts';
import { allFinite, cholSolveBlocked, choleskyBlocked, type Alloc } from '../../../../linalg/index.ts';

/** What the work before a barrier was: a block, the visit's start (forward pass) or the multipliers (15). */
export type PhaseLabel = BlockName | 'forward' | 'multipliers';

/** The phase labels, in the order of the time accounting. */
export const PHASE_LABELS: readonly PhaseLabel[] = ['forward', 'o', 'c', 'v', 's', 'a', 'b', 'w', 'u', 'multipliers'];

/**
 * One thread's share: rows [r0, r1) of the N·B rows, rows [g0, g1) of the Gram matrices, [e0, e1) of the h-row
 * right-hand sides (and of b and u), [k0, k1) of c, and the s-step's row classes whose inverse it makes.
 */
export interface DataPart {
  index: number;
  r0: number;
  r1: number;
  g0: number;
  g1: number;
  e0: number;
  e1: number;
  k0: number;
  k1: number;
  classes: number[];
}

/**
 * The shares of P threads: rows split evenly (thread 0, which also runs the serial parts, gets `lighter` fewer
 * rows, default 0); the Gram rows so that each upper trapezoid Σ_{i∈[g0,g1)} (h − i) holds 1/P of the triangle.
 */
export function dataParts(dims: Dims, P: number, lighter = 0): DataPart[] {
  const M = dims.N * dims.B, h = dims.h;
  const parts: DataPart[] = [];
  const rowCut = (p: number): number => (p === 0 ? 0 : p === P ? M : Math.min(M, Math.max(0, Math.round((p * M) / P - lighter * (P - p) / P))));
  const total = (h * (h + 1)) / 2;
  const gramCut = (p: number): number => {
    if (p === 0) return 0;
    if (p === P) return h;
    // rows [0, g) hold g·h − g(g−1)/2 entries; solve for p/P of the total
    const want = (p * total) / P;
    const g = (2 * h + 1 - Math.sqrt((2 * h + 1) ** 2 - 8 * want)) / 2;
    return Math.min(h, Math.max(0, Math.round(g)));
  };
  for (let p = 0; p < P; p++) {
    parts.push({
      index: p, r0: rowCut(p), r1: rowCut(p + 1), g0: gramCut(p), g1: gramCut(p + 1),
      e0: Math.round((p * h) / P), e1: Math.round(((p + 1) * h) / P),
      k0: Math.round((p * dims.q) / P), k1: Math.round(((p + 1) * dims.q) / P),
      classes: [0, 1, 2].filter((cl) => cl % P === p),
    });
  }
  return parts;
}

/** One thread's view of a data-parallel run. */
export interface DataEnv {
  ctx: BlockContext;
  st: SolverState;
  ws: Workspace;
  part: DataPart;
  /** Which cached products are current (each thread tracks its own; all take the same decisions). */
  valid: DataValid;
  /** The loss R of the visit's feasible start (thread 0 sets it after the forward pass). */
  batchLoss: number;
  /** This thread's own scratch ({@link ownScratch}). */
  own: OwnScratch;
}

/** Scratch each thread needs for itself: the s-step's inverses (into the shared Minv) and the u-step's symbol weights. */
export type OwnScratch = InverseScratch & { cnt: Float64Array };

/** Thread p's own scratch: the workspace's for thread 0, its own arrays for the others (Minv is shared). */
export function ownScratch(arrays: DataArrays, p: number): OwnScratch {
  const ws = arrays.ws;
  if (p === 0) return { vtv: ws.vtv, wtw: ws.wtw, gram: ws.gram, Lt: ws.Lt, U: ws.U, Minv: ws.Minv, cnt: ws.cnt };
  return { ...arrays.own[p - 1], Minv: ws.Minv };
}

/** Which cached products are current (as in `iteration.ts`; wT and vT are made at the start of each visit). */
export interface DataValid {
  sPrev: boolean;
  TA: boolean;
  UX: boolean;
  SW: boolean;
  SV: boolean;
}

/** Nothing current. */
export function freshValid(): DataValid {
  return { sPrev: false, TA: false, UX: false, SW: false, SV: false };
}

type Product = keyof DataValid;

/** Make the missing products of `what` on this thread's rows; true when anything was made (then a barrier is due before other rows are read). */
function ensureRows(env: DataEnv, ...what: Product[]): boolean {
  let made = false;
  for (const w of what) made = ensureOne(env, w) || made;
  return made;
}

function ensureOne(env: DataEnv, what: Product): boolean {
  const { ws, st, part, valid } = env;
  if (valid[what]) return false;
  const { B, d, h, q } = ws.dims;
  const { r0, r1 } = part;
  const n = r1 - r0;
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
      if (st.batch.x.kind !== 'onehot') throw new TypeError('data-parallel ADMMiRNN: one-hot inputs only (the text task)');
      ws.UX.fill(0, r0 * h, r1 * h);
      addInputTerm(ws.UX, r0 * h, st.p.u, st.batch.x, r0, n, d, h);
      break;
    case 'SW':
      ensureOne(env, 'sPrev');
      gemmNNo(ws.SW, r0 * h, h, ws.sPrev, r0 * h, h, ws.wT, 0, h, n, h, h);
      break;
    case 'SV':
      gemmNNo(ws.SV, r0 * q, q, st.aux.s, r0 * h, h, ws.vT, 0, q, n, h, q);
      break;
  }
  valid[what] = true;
  return true;
}

/**
 * Rows [g0, g1) of the weighted Gram matrix of `weightedGram` (blocks.ts), upper part (columns g0 … h−1): the
 * same entries as vanilla's, each summed over all rows in the same order. The lower triangle is mirrored by
 * {@link finishParamSolve}.
 */
export function weightedGramRows(G: Float64Array, X: Float64Array, dims: Dims, nu: number, kapN: number, diag: number, g0: number, g1: number): void {
  const { N, B, h } = dims;
  if (g1 <= g0) return;
  const m = g1 - g0, n = h - g0;
  if (N > 1) gemmTNo(G, g0 * h + g0, h, X, g0, h, X, g0, h, (N - 1) * B, m, n, nu, 0);
  gemmTNo(G, g0 * h + g0, h, X, (N - 1) * B * h + g0, h, X, (N - 1) * B * h + g0, h, B, m, n, kapN, N > 1 ? 1 : 0);
  for (let j = g0; j < g1; j++) G[j * h + j] += diag;
}

/**
 * The serial end of the v- and w-steps (thread 0): mirror the Gram matrix's upper triangle, factor, solve for the
 * `cols` right-hand sides, write Xᵀ (h×cols) and X (cols×h).
 */
function finishParamSolve(ws: Workspace, h: number, cols: number, what: string, outT: Float64Array, out: Float64Array): void {
  const G = ws.gram;
  for (let i = 0; i < h; i++) for (let j = i + 1; j < h; j++) G[j * h + i] = G[i * h + j];
  choleskyBlocked(G, h, what, ws.Lt);
  cholSolveBlocked(G, h, ws.rhs, cols, ws.U);
  outT.set(ws.rhs.subarray(0, h * cols));
  transpose(out, outT, h, cols);
}

/** One block of Algorithm 1 on this thread's share; yields at each barrier. */
function* block(env: DataEnv, name: BlockName): Generator<PhaseLabel, void, void> {
  const { ctx, st, ws, part, valid } = env;
  const { p, aux, mult, batch } = st;
  const { N, B, h, q } = ctx.dims;
  const M = N * B;
  const { r0, r1 } = part;
  const lead = part.index === 0;
  switch (name) {
    case 'o':
      ensureRows(env, 'SV');
      oStep(ctx, aux.o, ws.SV, p.c, mult.l3, batch.y, aux.o, ws.Q3, r0, r1);
      yield 'o';
      return;
    case 'c':
      if (ensureRows(env, 'SV')) yield 'c';
      cStep(ctx, aux.o, ws.SV, mult.l3, p.c, part.k0, part.k1);
      yield 'c';
      return;
    case 'v': {
      scaledOutputTargets(ctx, aux.o, p.c, mult.l3, ws.Q3, r0, r1);
      yield 'v';
      const rp = paramProx(ctx);
      weightedGramRows(ws.gram, aux.s, ctx.dims, ctx.hp.nu, ctx.hp.rho3, rp, part.g0, part.g1);
      const { e0, e1 } = part;
      if (e1 > e0) gemmTNo(ws.rhs, e0 * q, q, aux.s, e0, h, ws.Q3, 0, q, M, e1 - e0, q);
      for (let k = e0 * q; k < e1 * q; k++) ws.rhs[k] += rp * ws.vT[k];
      yield 'v';
      if (lead) finishParamSolve(ws, h, q, 'TKS v-step', ws.vT, p.v);
      yield 'v';
      valid.SV = false;
      return;
    }
    case 's':
      if (ensureRows(env, 'UX', 'TA')) yield 's';
      sStepRhs(ctx, { a: aux.a, ta: ws.TA, s: aux.s, o: aux.o, UX: ws.UX, b: p.b, c: p.c, v: p.v, w: p.w, l1: mult.l1, l2: mult.l2, l3: mult.l3 }, ws, r0, r1);
      // the three inverses: class cl on thread cl mod P, each with its own scratch (vᵀv, wᵀw made by each)
      if (part.classes.length) {
        try {
          sStepInverses(ctx, p, env.own, part.classes);
        } catch (e) {
          if (!(e instanceof NotPositiveDefiniteError)) throw e;
          // not thrown here: thread 0 redoes the marked classes in vanilla's order, so the error is vanilla's
          for (const cl of part.classes) ws.Minv[cl * h * h] = NaN;
        }
      }
      yield 's';
      if (ws.Minv[0] !== ws.Minv[0] || ws.Minv[h * h] !== ws.Minv[h * h] || ws.Minv[2 * h * h] !== ws.Minv[2 * h * h]) {
        // a NaN mark (every thread sees the same marks): thread 0 redoes those classes; the first that fails throws
        if (lead) for (let cl = 0; cl < 3; cl++) if (ws.Minv[cl * h * h] !== ws.Minv[cl * h * h]) sStepInverses(ctx, p, env.own, [cl]);
        yield 's';
      }
      sStepSolveRows(ctx, aux.s, ws, r0, r1);
      yield 's';
      valid.sPrev = valid.SW = valid.SV = false;
      return;
    case 'a':
      // aStep reads only this thread's rows of every row-indexed input: no barrier after the products
      ensureRows(env, 'UX', 'SW', 'TA');
      aStep(ctx, { a: aux.a, ta: ws.TA, s: aux.s, UX: ws.UX, SW: ws.SW, b: p.b, l1: mult.l1, l2: mult.l2 }, aux.a, ws.TA, r0, r1);
      yield 'a';
      return;
    case 'b':
      if (ensureRows(env, 'UX', 'SW')) yield 'b';
      bStep(ctx, aux.a, ws.UX, ws.SW, mult.l1, p.b, part.e0, part.e1);
      yield 'b';
      return;
    case 'w': {
      ensureRows(env, 'UX', 'sPrev');
      scaledStateTargets(ctx, aux.a, ws.UX, p.b, mult.l1, ws.Q1, r0, r1);
      yield 'w';
      const X = ctx.faults['w-off-by-one'] ? aux.s : ws.sPrev;
      const rp = paramProx(ctx);
      weightedGramRows(ws.gram, X, ctx.dims, ctx.hp.nu, ctx.hp.rho1, rp + ctx.hp.omega, part.g0, part.g1);
      const { e0, e1 } = part;
      if (e1 > e0) gemmTNo(ws.rhs, e0 * h, h, X, e0, h, ws.Q1, 0, h, M, e1 - e0, h);
      for (let k = e0 * h; k < e1 * h; k++) ws.rhs[k] += rp * ws.wT[k];
      yield 'w';
      if (lead) finishParamSolve(ws, h, h, 'TKS w-step', ws.wT, p.w);
      yield 'w';
      valid.SW = false;
      return;
    }
    case 'u':
      ensureRows(env, 'SW');
      scaledStateTargets(ctx, aux.a, ws.SW, p.b, mult.l1, ws.Q1, r0, r1);
      yield 'u';
      if (batch.x.kind !== 'onehot') throw new TypeError('data-parallel ADMMiRNN: one-hot inputs only (the text task)');
      uStepOnehotRows(ctx, batch.x.idx, ws.Q1, p.u, p.u, ws.rhsD, env.own.cnt, part.e0, part.e1);
      yield 'u';
      valid.UX = false;
      return;
  }
}

/** This thread's windows (of the B in a batch): [i0, i1). */
export function windowsOf(part: DataPart, B: number, P: number): [number, number] {
  return [Math.round((part.index * B) / P), Math.round(((part.index + 1) * B) / P)];
}

/**
 * The forward pass (4) of `forwardInto` (`problem/rnn.ts`) for windows [i0, i1) only — the windows are independent,
 * so no barrier is needed between the steps — and the per-row losses of `lossValue` into `rowLoss`. Every entry
 * as in vanilla (the same operations on the same operands). Reads wT, vT from the workspace.
 */
export function forwardWindows(env: DataEnv, i0: number, i1: number, rowLoss: Float64Array): void {
  const { st, ws } = env;
  const { N, B, d, h, q } = env.ctx.dims;
  const { p, aux, batch } = st;
  const n = i1 - i0;
  if (n <= 0) return;
  if (batch.x.kind !== 'onehot' || batch.y.kind !== 'classes') throw new TypeError('data-parallel ADMMiRNN: the text task (one-hot inputs, class targets) only');
  const y = batch.y.y;
  for (let t = 0; t < N; t++) {
    const row = t * B + i0, off = row * h;
    if (t === 0) gemmNNo(aux.a, off, h, batch.s0, i0 * h, h, ws.wT, 0, h, n, h, h);
    else gemmNNo(aux.a, off, h, aux.s, off - B * h, h, ws.wT, 0, h, n, h, h);
    addInputTerm(aux.a, off, p.u, batch.x, row, n, d, h);
    for (let k = off; k < off + n * h; k++) {
      aux.a[k] += p.b[(k - off) % h];
      aux.s[k] = Math.tanh(aux.a[k]);
    }
    gemmNNo(aux.o, row * q, q, aux.s, off, h, ws.vT, 0, q, n, h, q);
    for (let r = row; r < row + n; r++) {
      for (let k = 0; k < q; k++) aux.o[r * q + k] += p.c[k];
      rowLoss[r] = rowCrossEntropy(aux.o, r * q, q, y[r]);
    }
  }
}

/**
 * One visit on this thread's share: thread 0 runs `fill` (the batch's symbols and s0), zeroes λ and makes wᵀ, vᵀ;
 * every thread runs the forward pass of its windows; thread 0 sums the batch loss in vanilla's order (into
 * `env.batchLoss`); then every block of {@link ALGORITHM1_ORDER}; then thread 0 updates the multipliers (15) and
 * checks finiteness as `admmIteration` does (throwing {@link TksDivergenceError} there, on thread 0 only). The
 * last barrier of a visit is the first of the next one (nothing the other threads do next reads what (15) writes).
 */
export function* dataVisit(env: DataEnv, fill: (() => void) | null, P: number, rowLoss: Float64Array): Generator<PhaseLabel, void, void> {
  const { ctx, st, ws, part } = env;
  const lead = part.index === 0;
  const { N, B, h, q } = ctx.dims;
  Object.assign(env.valid, freshValid());
  if (lead) {
    fill?.();
    st.mult.l1.fill(0);
    st.mult.l2.fill(0);
    st.mult.l3.fill(0);
    transpose(ws.wT, st.p.w, h, h);
    transpose(ws.vT, st.p.v, q, h);
  }
  yield 'forward';
  const [i0, i1] = windowsOf(part, B, P);
  forwardWindows(env, i0, i1, rowLoss);
  yield 'forward';
  if (lead) {
    let total = 0;
    for (let r = 0; r < N * B; r++) total += rowLoss[r];
    env.batchLoss = total / (N * B);
  }
  for (let k = 0; k < ALGORITHM1_ORDER.length; k++) {
    const name = ALGORITHM1_ORDER[k];
    try {
      yield* block(env, name);
    } catch (e) {
      if (e instanceof NotPositiveDefiniteError) throw new TksDivergenceError(`${name} (step ${k + 1} of ${ALGORITHM1_ORDER.length})`, e.message);
      throw e;
    }
  }
  ensureRows(env, 'UX', 'SW', 'SV', 'TA');
  yield 'multipliers';
  if (!lead) return;
  const { p, aux, mult } = st;
  multiplierStep(ctx, { a: aux.a, ta: ws.TA, s: aux.s, o: aux.o, UX: ws.UX, SW: ws.SW, SV: ws.SV, b: p.b, c: p.c }, mult.l1, mult.l2, mult.l3);
  if (!(allFinite(p.u) && allFinite(p.w) && allFinite(p.b) && allFinite(p.v) && allFinite(p.c) && allFinite(aux.o) && allFinite(mult.l3))) {
    throw new TksDivergenceError('iteration', 'parameters, o or λ3');
  }
}

/** The arrays of a data-parallel run, laid out the same way in every thread of the shared arena. */
export interface DataArrays {
  p: SolverState['p'];
  aux: SolverState['aux'];
  mult: SolverState['mult'];
  s0: Float64Array;
  ws: Workspace;
  /** The loss of each row at the visit's start (summed in order by thread 0: vanilla's batch loss). */
  rowLoss: Float64Array;
  /** The own scratch of threads 1 … P−1 (index p − 1). */
  own: Omit<OwnScratch, 'Minv'>[];
}

/** The allocation sequence of {@link DataArrays} for P threads (pass it to `createSharedArena` / `attachSharedArena`). */
export function dataLayout(dims: Dims, P: number): (alloc: Alloc) => DataArrays {
  const { N, B, d, h, q } = dims;
  const M = N * B;
  return (alloc) => ({
    p: { u: alloc(h * d), w: alloc(h * h), b: alloc(h), v: alloc(q * h), c: alloc(q) },
    aux: { a: alloc(M * h), s: alloc(M * h), o: alloc(M * q) },
    mult: { l1: alloc(B * h), l2: alloc(B * h), l3: alloc(B * q) },
    s0: alloc(B * h),
    ws: allocWorkspace(dims, false, alloc),
    rowLoss: alloc(M),
    own: Array.from({ length: P - 1 }, () => ({ vtv: alloc(h * h), wtw: alloc(h * h), gram: alloc(h * h), Lt: alloc(h * h), U: alloc(h * h), cnt: alloc(d) })),
  });
}
