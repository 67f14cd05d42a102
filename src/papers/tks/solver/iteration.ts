/**
 * One iteration of Algorithm 1 (ADMMiRNN) on one batch: the backward sweep o → c → v → s → a → b → w → u,
 * the forward sweep u → w → b → a → s → v → c → o (lines 20–21 update u twice in a row, and so do we), then
 * the multipliers (15). Algorithm 1 wraps the sweeps in a loop over t = 1..N that updates o_t, s_t, a_t one
 * step at a time and the shared parameters once per step; here each block is updated for all t at once. For
 * o, s and a that is the same thing — given the other blocks, (8) is separable over t in each of them (s_t meets
 * a_{t+1} only through the fixed a_{t+1}) — and the parameters get one update per sweep instead of N.
 *
 * The driver keeps the cached products of the workspace (sPrev, UX, SW, SV) current: each block invalidates
 * what it changes, and a product is recomputed only when a later block needs it.
 */
import { allFinite, gemmNNo, NotPositiveDefiniteError } from '../../../linalg/index.ts';
import { addInputTerm } from '../problem/rnn.ts';
import type { Aux, Batch, Hyper, Multipliers, Params } from '../problem/types.ts';
import { copyParamsInto } from '../problem/types.ts';
import { bStep, cStep, multiplierStep, oStep, uStep, vStep, wStep, type BlockContext } from './blocks.ts';
import { aStep, sStep } from './stateSteps.ts';
import type { Workspace } from './workspace.ts';
import { transpose } from '../../../linalg/index.ts';

/** A block of Algorithm 1. */
export type BlockName = 'o' | 'c' | 'v' | 's' | 'a' | 'b' | 'w' | 'u';

/** Algorithm 1's order of block updates within one iteration (lines 5–37). */
export const ALGORITHM1_ORDER: readonly BlockName[] = [
  'o', 'c', 'v', 's', 'a', 'b', 'w', 'u', 'u', 'w', 'b', 'a', 's', 'v', 'c', 'o',
];

/** The variables of one batch: parameters, auxiliary variables, multipliers, and the data. */
export interface SolverState {
  p: Params;
  aux: Aux;
  mult: Multipliers;
  batch: Batch;
}

/** Which cached products are current. */
interface Valid {
  sPrev: boolean;
  TA: boolean;
  UX: boolean;
  SW: boolean;
  SV: boolean;
  T: boolean;
}

const validity = new WeakMap<Workspace, Valid>();

function validOf(ws: Workspace): Valid {
  let v = validity.get(ws);
  if (!v) {
    v = { sPrev: false, TA: false, UX: false, SW: false, SV: false, T: false };
    validity.set(ws, v);
  }
  return v;
}

/**
 * Forget every cached product. Call after changing the state outside the solver (a new batch, new s0, edited
 * parameters or auxiliary variables) and before the next {@link admmIteration} or {@link runBlock}.
 */
export function invalidateProducts(ws: Workspace): void {
  const v = validOf(ws);
  v.sPrev = v.TA = v.UX = v.SW = v.SV = v.T = false;
}

function ensure(ws: Workspace, st: SolverState, what: keyof Valid): void {
  const v = validOf(ws);
  if (v[what]) return;
  const { N, B, d, h, q } = ws.dims;
  const M = N * B;
  switch (what) {
    case 'T':
      transpose(ws.wT, st.p.w, h, h);
      transpose(ws.vT, st.p.v, q, h);
      break;
    case 'TA':
      for (let k = 0; k < M * h; k++) ws.TA[k] = Math.tanh(st.aux.a[k]);
      break;
    case 'sPrev':
      ws.sPrev.set(st.batch.s0);
      ws.sPrev.set(st.aux.s.subarray(0, (N - 1) * B * h), B * h);
      break;
    case 'UX':
      if (st.batch.x.kind === 'dense') {
        transpose(ws.uT, st.p.u, h, d);
        gemmNNo(ws.UX, 0, h, st.batch.x.x, 0, d, ws.uT, 0, h, M, d, h);
      } else {
        ws.UX.fill(0);
        addInputTerm(ws.UX, 0, st.p.u, st.batch.x, 0, M, d, h);
      }
      break;
    case 'SW':
      ensure(ws, st, 'sPrev');
      ensure(ws, st, 'T');
      gemmNNo(ws.SW, 0, h, ws.sPrev, 0, h, ws.wT, 0, h, M, h, h);
      break;
    case 'SV':
      ensure(ws, st, 'T');
      gemmNNo(ws.SV, 0, q, st.aux.s, 0, h, ws.vT, 0, q, M, h, q);
      break;
  }
  v[what] = true;
}

/** Run one block update in place on `st` (keeping the workspace's cached products consistent). */
export function runBlock(ctx: BlockContext, name: BlockName, st: SolverState, ws: Workspace): void {
  const { p, aux, mult, batch } = st;
  const v = validOf(ws);
  ensure(ws, st, 'T');
  switch (name) {
    case 'o':
      ensure(ws, st, 'SV');
      oStep(ctx, aux.o, ws.SV, p.c, mult.l3, batch.y, aux.o, ws.Q3);
      break;
    case 'c':
      ensure(ws, st, 'SV');
      cStep(ctx, aux.o, ws.SV, mult.l3, p.c);
      break;
    case 'v':
      vStep(ctx, aux.s, aux.o, p.c, mult.l3, ws.vT, ws.vT, p.v, ws.Q3, ws);
      v.SV = false;
      break;
    case 's':
      ensure(ws, st, 'UX');
      ensure(ws, st, 'TA');
      sStep(ctx, { a: aux.a, ta: ws.TA, s: aux.s, o: aux.o, UX: ws.UX, b: p.b, c: p.c, v: p.v, w: p.w, l1: mult.l1, l2: mult.l2, l3: mult.l3 }, aux.s, ws);
      v.sPrev = v.SW = v.SV = false;
      break;
    case 'a':
      ensure(ws, st, 'UX');
      ensure(ws, st, 'SW');
      ensure(ws, st, 'TA');
      aStep(ctx, { a: aux.a, ta: ws.TA, s: aux.s, UX: ws.UX, SW: ws.SW, b: p.b, l1: mult.l1, l2: mult.l2 }, aux.a, ws.TA);
      break;
    case 'b':
      ensure(ws, st, 'UX');
      ensure(ws, st, 'SW');
      bStep(ctx, aux.a, ws.UX, ws.SW, mult.l1, p.b);
      break;
    case 'w':
      ensure(ws, st, 'UX');
      ensure(ws, st, 'sPrev');
      wStep(ctx, aux.a, ws.UX, p.b, ws.sPrev, aux.s, mult.l1, ws.wT, ws.wT, p.w, ws.Q1, ws);
      v.SW = false;
      break;
    case 'u':
      ensure(ws, st, 'SW');
      uStep(ctx, aux.a, ws.SW, p.b, batch.x, mult.l1, p.u, p.u, ws);
      v.UX = false;
      break;
  }
}

/** Update the multipliers (15) in place. */
export function runMultipliers(ctx: BlockContext, st: SolverState, ws: Workspace): void {
  ensure(ws, st, 'T');
  ensure(ws, st, 'UX');
  ensure(ws, st, 'SW');
  ensure(ws, st, 'SV');
  ensure(ws, st, 'TA');
  const { p, aux, mult } = st;
  multiplierStep(ctx, { a: aux.a, ta: ws.TA, s: aux.s, o: aux.o, UX: ws.UX, SW: ws.SW, SV: ws.SV, b: p.b, c: p.c }, mult.l1, mult.l2, mult.l3);
}

/** Observer of one iteration: called after every block (index into {@link ALGORITHM1_ORDER}) and after (15). */
export interface IterationObserver {
  onBlock?(name: BlockName, index: number, st: SolverState): void;
  onMultipliers?(st: SolverState): void;
}

/** Raised when an update produced a non-finite value. */
export class TksDivergenceError extends Error {
  readonly block: string;
  constructor(block: string, where: string) {
    super(`ADMMiRNN diverged: non-finite values after the ${block} update (${where})`);
    this.name = 'TksDivergenceError';
    this.block = block;
  }
}

/**
 * One iteration of Algorithm 1 on `st`, in place. Throws {@link TksDivergenceError} on a non-finite iterate,
 * or when a block's linear system is no longer positive definite to working precision (non-finite or
 * overflowing entries: with r > 0 every system is positive definite in exact arithmetic).
 */
export function admmIteration(ctx: BlockContext, st: SolverState, ws: Workspace, obs?: IterationObserver): void {
  for (let k = 0; k < ALGORITHM1_ORDER.length; k++) {
    const name = ALGORITHM1_ORDER[k];
    try {
      runBlock(ctx, name, st, ws);
    } catch (e) {
      if (e instanceof NotPositiveDefiniteError) throw new TksDivergenceError(`${name} (step ${k + 1} of ${ALGORITHM1_ORDER.length})`, e.message);
      throw e;
    }
    obs?.onBlock?.(name, k, st);
  }
  runMultipliers(ctx, st, ws);
  obs?.onMultipliers?.(st);
  const { p, aux, mult } = st;
  if (!(allFinite(p.u) && allFinite(p.w) && allFinite(p.b) && allFinite(p.v) && allFinite(p.c) && allFinite(aux.o) && allFinite(mult.l3))) {
    throw new TksDivergenceError('iteration', 'parameters, o or λ3');
  }
}

/**
 * The sweeps of one visit (`sweeps` iterations of Algorithm 1 on `st`), with `lastFinite` the parameters before the
 * visit: null when every sweep stayed finite (`lastFinite` then takes the new parameters), else the divergence's
 * message, with `st.p` put back to `lastFinite`.
 */
export function sweepVisit(ctx: BlockContext, st: SolverState, ws: Workspace, sweeps: number, lastFinite: Params): string | null {
  try {
    for (let e = 0; e < sweeps; e++) admmIteration(ctx, st, ws);
  } catch (err) {
    if (!(err instanceof TksDivergenceError)) throw err;
    copyParamsInto(st.p, lastFinite);
    return err.message;
  }
  copyParamsInto(lastFinite, st.p);
  return null;
}

/** The hyperparameters a block context needs, checked: ν, ρ_i, r > 0 and ω ≥ 0, all finite. */
export function checkHyper(hp: Hyper): string | null {
  for (const k of ['nu', 'rho1', 'rho2', 'rho3', 'r'] as const) {
    if (!(Number.isFinite(hp[k]) && hp[k] > 0)) return `${k} must be a positive finite number, got ${hp[k]}`;
  }
  if (!(Number.isFinite(hp.omega) && hp.omega >= 0)) return `omega must be a finite number ≥ 0, got ${hp.omega}`;
  return null;
}
