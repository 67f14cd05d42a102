/**
 * AP-ADMMiRNN's block semantics on one fixed Problem 2 (one batch, multipliers kept): the object of Lemma 1 and
 * Theorem 4, which speak of the iterates θ^k of Algorithms 2 and 4 on Problem 2. The threaded AP (`roles.ts`) is a
 * pipeline over the batches of a text, with the multipliers restarted at every visit, so its iterates are not those
 * of one Problem 2; this is the same split into roles, run in one thread on one problem:
 *
 *   iteration k:  Algorithm 1's order (o, c, v, s, a, b, w, u, u, w, b, a, s, v, c, o), where each block of the state
 *                 worker (o, s, a) reads the parameter blocks (u, w, b, v, c) as the master last sent them — d_k(X)
 *                 iterations old, 0 ≤ d ≤ τ − 1 (d = 0: the newest, as vanilla; d ≥ 1: the parameters at the start
 *                 of iteration k − d + 1) — and each block of the parameter worker reads the newest states; then the
 *                 multipliers (15) from the newest of everything.
 *
 * The delays d_k(X) are the caller's (`delayOf`): any schedule within the bound τ is one that Algorithm 4 may
 * produce, so a claim can draw them, or take the worst (always τ − 1). With τ = 1 this is Algorithm 1 exactly.
 */
import type { Params } from '../../problem/types.ts';
import { cloneParams, copyParamsInto } from '../../problem/types.ts';
import type { BlockContext } from '../blocks.ts';
import { admmIteration, ALGORITHM1_ORDER, invalidateProducts, runBlock, runMultipliers, TksDivergenceError, type BlockName, type SolverState } from '../iteration.ts';
import { NotPositiveDefiniteError } from '../../../../linalg/index.ts';
import type { Workspace } from '../workspace.ts';
import { ROLE_ORDER } from './roles.ts';

const STATE_BLOCKS: ReadonlySet<BlockName> = new Set(ROLE_ORDER.states);

/** The parameters at the start of the last τ − 1 iterations (index 0 = the newest start), for the stale reads. */
export interface ParamHistory {
  /** starts[i] = θ at the start of iteration k − i (k the iteration being run). */
  starts: Params[];
  tau: number;
}

/** A history for delay bound τ ≥ 1, every slot holding θ⁰. */
export function newParamHistory(theta0: Params, tau: number): ParamHistory {
  if (!(Number.isInteger(tau) && tau >= 1)) throw new RangeError(`tau must be an integer ≥ 1, got ${tau}`);
  return { starts: Array.from({ length: Math.max(0, tau - 1) }, () => cloneParams(theta0)), tau };
}

/**
 * One iteration of AP-ADMMiRNN on `st` (one Problem 2), in place. `delayOf(name, index)` gives the delay d of the state
 * block at `index` in {@link ALGORITHM1_ORDER} (clamped to [0, τ − 1]). Throws {@link TksDivergenceError} as
 * {@link admmIteration} does.
 */
export function apIteration(
  ctx: BlockContext, st: SolverState, ws: Workspace, hist: ParamHistory, delayOf: (name: BlockName, index: number) => number,
): void {
  if (hist.tau === 1) {
    admmIteration(ctx, st, ws);
    return;
  }
  // the start of this iteration becomes the newest stale version
  const oldest = hist.starts.pop() as Params;
  copyParamsInto(oldest, st.p);
  hist.starts.unshift(oldest);
  for (let i = 0; i < ALGORITHM1_ORDER.length; i++) {
    const name = ALGORITHM1_ORDER[i];
    const d = STATE_BLOCKS.has(name) ? Math.min(hist.tau - 1, Math.max(0, Math.floor(delayOf(name, i)))) : 0;
    // the workspace caches products of the parameters (UX, SW, SV): a block on another version recomputes them
    invalidateProducts(ws);
    const view: SolverState = d === 0 ? st : { ...st, p: hist.starts[d - 1] };
    try {
      runBlock(ctx, name, view, ws);
    } catch (e) {
      if (e instanceof NotPositiveDefiniteError) throw new TksDivergenceError(`${name} (step ${i + 1} of ${ALGORITHM1_ORDER.length})`, e.message);
      throw e;
    }
  }
  invalidateProducts(ws);
  runMultipliers(ctx, st, ws);
  const { p, aux, mult } = st;
  for (const x of [p.u, p.w, p.b, p.v, p.c, aux.o, aux.s, aux.a, mult.l1, mult.l2, mult.l3]) {
    for (let k = 0; k < x.length; k++) if (!Number.isFinite(x[k])) throw new TksDivergenceError('iteration', 'an iterate or multiplier');
  }
}
