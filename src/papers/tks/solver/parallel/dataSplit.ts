/**
 * Data-parallel ADMMiRNN, the pieces: how the rows, windows and output entries are cut into chunks
 * ({@link dataParts}), the split kernels (the Gram rows, the forward pass by windows, the serial end of a parameter
 * solve), the arrays every thread holds (one shared WebAssembly memory) and each thread's own scratch. The phases
 * that use them are in `dataPhases.ts`.
 */
import { cholSolveBlocked, choleskyBlocked, gemmNNo, syrkBandNNo, transpose, transposeInto, type Alloc } from '../../../../linalg/index.ts';
import { addInputTerm } from '../../problem/rnn.ts';
import { rowCrossEntropy } from '../../problem/loss.ts';
import type { Dims } from '../../problem/types.ts';
import type { BlockContext } from '../blocks.ts';
import type { BlockName, SolverState } from '../iteration.ts';
import type { InverseScratch } from '../stateSteps.ts';
import { allocWorkspace, type Workspace } from '../workspace.ts';

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

/**
 * Rows [g0, g1) of the weighted Gram matrix of `weightedGram` (blocks.ts), upper triangle only (a trapezoid: the
 * bands of {@link dataParts} hold equal shares of it), from X (N·B×h) and its transpose XT (h×N·B, made by the row
 * phase before): the same entries as vanilla's, each summed over all rows in the same order. The lower triangle is
 * mirrored by {@link factorGram}.
 */
export function weightedGramRows(G: Float64Array, XT: Float64Array, X: Float64Array, dims: Dims, nu: number, kapN: number, diag: number, g0: number, g1: number): void {
  const { N, B, h } = dims;
  const M = N * B, K = (N - 1) * B;
  if (g1 <= g0) return;
  if (N > 1) syrkBandNNo(G, 0, h, XT, 0, M, X, 0, h, K, h, g0, g1, nu, 0);
  syrkBandNNo(G, 0, h, XT, K, M, X, K * h, h, B, h, g0, g1, kapN, N > 1 ? 1 : 0);
  for (let j = g0; j < g1; j++) G[j * h + j] += diag;
}

/** Rows [r0, r1) of X (N·B×h) into columns [r0, r1) of XT (h×N·B). */
export function transposeRows(XT: Float64Array, X: Float64Array, dims: Dims, r0: number, r1: number): void {
  if (r1 > r0) transposeInto(XT, r0, dims.N * dims.B, X, r0 * dims.h, dims.h, r1 - r0, dims.h);
}

/** The v- and w-steps' factorization (one chunk): mirror the Gram matrix's upper triangle, factor it in place. */
export function factorGram(ws: Workspace, h: number, what: string): void {
  const G = ws.gram;
  for (let i = 0; i < h; i++) for (let j = i + 1; j < h; j++) G[j * h + i] = G[i * h + j];
  choleskyBlocked(G, h, what, ws.Lt);
}

/** The serial end of the v- and w-steps: solve with the factor for the `cols` right-hand sides, write Xᵀ (h×cols) and X (cols×h). */
export function solveParam(ws: Workspace, h: number, cols: number, outT: Float64Array, out: Float64Array): void {
  cholSolveBlocked(ws.gram, h, ws.rhs, cols, ws.U);
  outT.set(ws.rhs.subarray(0, h * cols));
  transpose(out, outT, h, cols);
}

/**
 * The forward pass (4) of `forwardInto` (`problem/rnn.ts`) for windows [i0, i1) only — the windows are independent,
 * so no barrier is needed between the steps — and the per-row losses of `lossValue` into `rowLoss`. Every entry
 * as in vanilla (the same operations on the same operands). Reads wT, vT from the workspace.
 */
export function forwardWindows(env: { ctx: BlockContext; st: SolverState; ws: Workspace }, i0: number, i1: number, rowLoss: Float64Array): void {
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

/** The arrays of a data-parallel run, laid out the same way in every thread of the shared arena. */
export interface DataArrays {
  p: SolverState['p'];
  aux: SolverState['aux'];
  mult: SolverState['mult'];
  s0: Float64Array;
  ws: Workspace;
  /** The loss of each row at the visit's start (summed in order by thread 0: vanilla's batch loss). */
  rowLoss: Float64Array;
  /** The transpose (h×N·B) of the v- or w-step's data matrix, for the Gram bands and right-hand sides. */
  xT: Float64Array;
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
    rowLoss: alloc(M + 1),
    xT: alloc(h * M),
    own: Array.from({ length: P - 1 }, () => ({ vtv: alloc(h * h), wtw: alloc(h * h), gram: alloc(h * h), Lt: alloc(h * h), U: alloc(h * h), cnt: alloc(d) })),
  });
}
