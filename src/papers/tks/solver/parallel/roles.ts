/**
 * The two roles of SP- and AP-ADMMiRNN with 2 workers (TKS Fig. 3's three groups {u, w, b}, {a, s}, {o, v, c}
 * on two workers, {@link Groups}: `output`, the default, gives the parameter worker u, w, b and the state worker
 * o, v, c, s, a; `kind` the parameter worker u, w, b, v, c and the state worker o, s, a), and what each does per
 * unit of work. Each runs Algorithm 1's order restricted to its blocks ({@link roleOrder}) through the same
 * `runBlock` as vanilla; the blocks the state worker owns it keeps from visit to visit, never stale.
 *
 * The pipeline (DDG-like, TKS §3.3: "parameters are updated with the gradients in the last iteration"): θ^0 is
 * the initialization, and θ^j the parameter worker's blocks after it has fitted batch j.
 *   state unit k:     visit batch k (feasible start from the RNN (4) — its recurrence a, s run by the parameter
 *                     worker right after fit k − 1 − τ, with that θ's u, w, b, the output layer here — then its
 *                     blocks) with the current parameters, and publish its a, s, o (with its inputs) in state
 *                     slot k mod R.
 *   parameter unit j: take batch j's published states and the parameters θ̃ its visit used, run the fit (its
 *                     blocks) from θ̃, and apply a fraction η of its step to the newest parameters:
 *                     θ^j = θ^{j−1} + η (fit(θ̃) − θ̃); then the recurrence of batch j + 1 + τ's start.
 * Applying the step, not the fit itself, is what TKS §3.3 says ("parameters updated with the gradients in the
 * last iteration", after DDG) and it matters: replacing θ^{j−1} by fit(θ̃) makes SP a Jacobi split of two
 * blocks, whose iterates fall into two chains that never meet (even and odd batches; measured: the tiny-text
 * test's held-out loss 2.18 against vanilla's 0.78). And the fraction matters: the proximal fits are nearly exact
 * steps, and an exact step applied one fit late is marginally stable (x_j = x_{j−1} − (x_{j−2} − x*): roots of
 * z² − z + 1, |z| = 1); η = 1/2 gives |z| = 1/√2. Measured on the text task (hidden 100, seed 1): with η = 1 the
 * smoothed batch loss fell to 2.165 by iteration 600 and then rose steadily to 2.59 at 2000; with η = 1/2 it
 * falls monotonically (2.155 at 1200), with η = 1/4 more slowly (2.171 at 1200) — but over long runs every η
 * drifts later the smaller it is, and 1/4 is the default (`DEFAULT_STEP_SCALE` in master.ts, with its numbers).
 * Vanilla ADMMiRNN visits batch k with θ^{k−1}. Staleness of a parameter block read in state unit k = (k − 1) − j
 * for the θ^j it came from:
 *   SP: state unit k starts only once θ^{k−2} is complete and reads exactly θ^{k−2} (slot parity), all blocks
 *       from one snapshot: staleness exactly 1 (deterministic trajectory).
 *   AP: state unit k starts once θ^{k−1−τ} is complete (τ = maxDelay, default 1; its feasible start's a, s are
 *       θ^{k−1−τ}'s, unless a time budget cut the run meanwhile) and, before each of its blocks,
 *       re-reads every parameter block the parameter worker has published since (each block is published as soon
 *       as it is updated, in both halves of the sweep): staleness ∈ [0, τ] per block, and blocks of one read can
 *       come from different θ^j (or from the first half of a fit). A state slot is never overwritten while it
 *       can still be read: R = τ + 2 slots.
 * The multipliers start at 0 in every visit (one sweep per visit, as vanilla's default), so each worker keeps
 * its own and they are never shared.
 */
import { performance } from 'node:perf_hooks';
import { allFinite } from '../../../../linalg/index.ts';
import { lossValue } from '../../problem/loss.ts';
import { forwardInto, forwardOutputInto, forwardStatesInto, type ForwardScratch } from '../../problem/rnn.ts';
import { fillBatch, type TextTask } from '../../problem/text.ts';
import type { Batch, Multipliers, Params } from '../../problem/types.ts';
import { cloneParams } from '../../problem/types.ts';
import type { BlockContext } from '../blocks.ts';
import { invalidateProducts, runBlock, type BlockName, type SolverState } from '../iteration.ts';
import type { Workspace } from '../workspace.ts';
import { ACTIVITY, PARAM_BLOCKS, type Activity, type ParamBlock, type SharedViews } from './shared.ts';

/** The two roles; worker 0 has the parameters, worker 1 the states. */
export type Role = 'parameters' | 'states';
/** Worker index of each role. */
export const ROLE_WORKER: Readonly<Record<Role, number>> = { parameters: 0, states: 1 };
/** Algorithm 1's order (lines 5–37) restricted to each role's blocks, Fig. 3's groups merged by kind (the default). */
export const ROLE_ORDER: Readonly<Record<Role, readonly BlockName[]>> = {
  parameters: ['c', 'v', 'b', 'w', 'u', 'u', 'w', 'b', 'v', 'c'],
  states: ['o', 's', 'a', 'a', 's', 'o'],
};

/**
 * How Fig. 3's three groups {u, w, b}, {a, s}, {o, v, c} share the two workers: `kind` — the parameter worker
 * {u, w, b} ∪ {v, c}, the state worker {a, s} ∪ {o}; `output` — the parameter worker {u, w, b}, the state worker
 * {a, s} ∪ {o, v, c} (the output group whole: the readout is fitted to the o it just updated, never one fit late;
 * measured in bench/tks-sp-groups.ts and the README: it needs 1.1–1.2× vanilla's iterations where `kind` needs
 * 2.1–2.2×, and `kind`'s readout drifts in long runs). `output` is the default.
 */
export type Groups = 'kind' | 'output';
export const GROUPS: readonly Groups[] = ['kind', 'output'];
/** The groups a run gets when it names none. */
export const DEFAULT_GROUPS: Groups = 'output';

const OUTPUT_ORDER: Readonly<Record<Role, readonly BlockName[]>> = {
  parameters: ['b', 'w', 'u', 'u', 'w', 'b'],
  states: ['o', 'c', 'v', 's', 'a', 'a', 's', 'v', 'c', 'o'],
};

/** Each role's blocks in Algorithm 1's order under `groups`. */
export function roleOrder(groups: Groups): Readonly<Record<Role, readonly BlockName[]>> {
  return groups === 'kind' ? ROLE_ORDER : OUTPUT_ORDER;
}

/** The parameter blocks the parameter worker owns under `groups` (the state worker owns the rest, and keeps them). */
export function parameterWorkerBlocks(groups: Groups): readonly ParamBlock[] {
  return groups === 'kind' ? PARAM_BLOCKS : ['u', 'w', 'b'];
}

/** The variant a worker runs. */
export type Mode = 'sp' | 'ap';

/** A worker's private copy of the solver state (in its own SIMD arena) and scratch. */
export interface Private {
  st: SolverState & { batch: Batch & { x: { kind: 'onehot'; idx: Int32Array }; y: { kind: 'classes'; y: Int32Array } } };
  ws: Workspace;
  fwd: ForwardScratch;
}

/** Raised inside a worker when a block produced a non-finite value (the run then stops as diverged). */
export class UnitDivergence extends Error {
  readonly block: string;
  constructor(block: string) {
    super(`non-finite values after the ${block} update`);
    this.block = block;
  }
}

/** Raised inside a worker when the master aborted the run. */
export class Aborted extends Error {}

/** What a unit needs besides the state: the run's settings and hooks into the worker. */
export interface UnitEnv {
  mode: Mode;
  worker: number;
  ctx: BlockContext;
  task: TextTask;
  shared: SharedViews;
  /** AP delay bound τ. */
  tau: number;
  /** η: the fraction of each fit's step applied to the newest parameters (see {@link parameterUnit}). */
  stepScale: number;
  /** How Fig. 3's groups share the workers. */
  groups: Groups;
  beat(): void;
  /** Per-activity milliseconds of this worker, accumulated. */
  ms: Record<Activity, number>;
  /** Called right before each block (planted worker faults act here). */
  beforeBlock?(name: BlockName, unit: number): void;
}

function setActivity(env: UnitEnv, a: Activity, unit: number): void {
  const at = env.shared.at.activity + 2 * env.worker;
  env.shared.ctl[at] = ACTIVITY.indexOf(a);
  env.shared.ctl[at + 1] = unit;
}

/** Wait (beating) until `ready()`; throws {@link Aborted} when the master aborts. */
export function waitUntil(env: UnitEnv, index: number, ready: () => boolean, unit: number): void {
  const { ctl, at } = env.shared;
  if (ready()) return;
  const t0 = performance.now();
  setActivity(env, 'waiting', unit);
  while (!ready()) {
    if (Atomics.load(ctl, at.abort) !== 0) throw new Aborted('aborted by the master');
    env.beat();
    Atomics.wait(ctl, index, Atomics.load(ctl, index), 50);
  }
  env.ms.waiting += performance.now() - t0;
}

function runTimed(env: UnitEnv, pv: Private, name: BlockName, unit: number): void {
  setActivity(env, name, unit);
  env.beat();
  env.beforeBlock?.(name, unit);
  const t0 = performance.now();
  runBlock(env.ctx, name, pv.st, pv.ws);
  env.ms[name] += performance.now() - t0;
  const { p, aux } = pv.st;
  const out = name === 'o' || name === 's' || name === 'a' ? aux[name] : p[name];
  if (!allFinite(out)) throw new UnitDivergence(name);
}

function zeroMultipliers(m: Multipliers): void {
  m.l1.fill(0);
  m.l2.fill(0);
  m.l3.fill(0);
}

/**
 * AP: copy every parameter block published since `seen` that is not being written right now (seqlock; a torn copy
 * is dropped and the held version kept, unless it is older than θ^{minTag}). Returns whether any changed.
 */
function refreshParams(env: UnitEnv, p: Params, seen: Int32Array, tags: Int32Array, scratch: Params, minTag: number): boolean {
  const { ctl, at, params } = env.shared;
  const theirs = parameterWorkerBlocks(env.groups);
  let changed = false;
  for (let bi = 0; bi < PARAM_BLOCKS.length; bi++) {
    const key = PARAM_BLOCKS[bi];
    if (!theirs.includes(key)) continue;
    // unchanged, or being written right now: keep the version held if it is recent enough (never spin on a writer
    // that the OS may have descheduled mid-copy — measured: 7 ms per visit on the loaded machine); only a version
    // older than θ^{minTag} must wait for the write (the staleness bound)
    for (;;) {
      const s1 = Atomics.load(ctl, at.seq + bi);
      if (s1 === seen[bi]) break;
      if (s1 & 1) {
        if (tags[bi] >= minTag) break;
        continue;
      }
      scratch[key].set(params[0][key]);
      const tag = Atomics.load(ctl, at.tag + bi);
      if (Atomics.load(ctl, at.seq + bi) !== s1) {
        if (tags[bi] >= minTag) break; // torn: keep the version held
        continue;
      }
      p[key].set(scratch[key]);
      seen[bi] = s1;
      tags[bi] = tag;
      changed = true;
      break;
    }
  }
  return changed;
}

/** AP: publish one parameter block into slot 0 under its seqlock, tagged with the fit j it belongs to. */
function publishBlock(env: UnitEnv, p: Params, key: (typeof PARAM_BLOCKS)[number], j: number): void {
  const { ctl, at, params } = env.shared;
  const bi = PARAM_BLOCKS.indexOf(key);
  Atomics.add(ctl, at.seq + bi, 1);
  params[0][key].set(p[key]);
  Atomics.store(ctl, at.tag + bi, j);
  Atomics.add(ctl, at.seq + bi, 1);
}

/** Per-unit bookkeeping of the state worker in AP (last seqlock values seen, tags of the blocks held). */
export interface ReadState {
  seen: Int32Array;
  tags: Int32Array;
  /** Where a block is copied before its seqlock is re-checked (a torn copy never reaches the solver's state). */
  scratch: Params;
}

/** A fresh {@link ReadState}: nothing seen yet. */
export function newReadState(like: Params): ReadState {
  return { seen: new Int32Array(PARAM_BLOCKS.length).fill(-1), tags: new Int32Array(PARAM_BLOCKS.length), scratch: cloneParams(like) };
}

/** Result of a state unit: the batch's loss at its feasible start and the largest staleness of what it read. */
export interface StateUnitResult {
  batchLoss: number;
  staleness: number;
}

/** State unit k (1-based): visit batch k with the current parameters and publish its states. */
export function stateUnit(env: UnitEnv, pv: Private, k: number, rs: ReadState): StateUnitResult {
  const { ctl, at, params, states } = env.shared;
  const { st } = pv;
  const need = k - 1 - env.tau;
  // after fit `need` the parameter worker runs the recurrence of (4) for this batch (`forwardNext`), unless AP's
  // time budget lowered the limit below k meanwhile (it then skips it); before any fit (θ⁰), or skipped, this worker
  // runs it itself
  if (need >= 1) waitUntil(env, at.forwarded, () => Atomics.load(ctl, at.forwarded) >= k || Atomics.load(ctl, at.limit) < k, k);
  const offloaded = need >= 1 && Atomics.load(ctl, at.forwarded) >= k;
  if (!offloaded) waitUntil(env, at.fitted, () => Atomics.load(ctl, at.fitted) >= need, k);
  let t0 = performance.now();
  let staleness = 0;
  const theirs = parameterWorkerBlocks(env.groups);
  const note = (): void => {
    for (let bi = 0; bi < PARAM_BLOCKS.length; bi++) if (theirs.includes(PARAM_BLOCKS[bi])) staleness = Math.max(staleness, k - 1 - rs.tags[bi]);
  };
  if (env.mode === 'sp') {
    const j = Math.max(0, k - 2);
    const src = params[j % 2];
    for (const key of theirs) st.p[key].set(src[key]);
    rs.tags.fill(j);
  } else refreshParams(env, st.p, rs.seen, rs.tags, rs.scratch, need);
  env.ms.copying += performance.now() - t0;
  note();
  const { task } = env;
  if (offloaded) {
    setActivity(env, 'copying', k);
    t0 = performance.now();
    const src = states[k % states.length];
    st.batch.x.idx.set(src.idx);
    st.batch.y.y.set(src.y);
    st.aux.a.set(src.a);
    st.aux.s.set(src.s);
    env.ms.copying += performance.now() - t0;
  }
  setActivity(env, 'forward', k);
  t0 = performance.now();
  st.batch.s0.fill(0);
  if (offloaded) forwardOutputInto(st.aux, st.p, st.batch, pv.fwd);
  else {
    fillBatch(task, (k - 1) % task.J, st.batch.x.idx, st.batch.y.y);
    forwardInto(st.aux, st.p, st.batch, pv.fwd);
  }
  const M = task.N * task.B;
  const batchLoss = lossValue(st.aux.o, st.batch.y, M, env.ctx.dims.q);
  env.ms.forward += performance.now() - t0;
  zeroMultipliers(st.mult);
  invalidateProducts(pv.ws);
  for (const name of roleOrder(env.groups).states) {
    if (env.mode === 'ap') {
      t0 = performance.now();
      if (refreshParams(env, st.p, rs.seen, rs.tags, rs.scratch, need)) invalidateProducts(pv.ws);
      env.ms.copying += performance.now() - t0;
      note();
    }
    runTimed(env, pv, name, k);
  }
  setActivity(env, 'copying', k);
  t0 = performance.now();
  const slot = k % env.shared.states.length;
  const dst = states[slot];
  for (const key of PARAM_BLOCKS) dst.p[key].set(st.p[key]);
  dst.s0.set(st.batch.s0);
  dst.a.set(st.aux.a);
  dst.s.set(st.aux.s);
  dst.o.set(st.aux.o);
  dst.idx.set(st.batch.x.idx);
  dst.y.set(st.batch.y.y);
  // the parameter blocks this worker owns (groups = output: v, c) go to both slots, where the master reads the
  // result; the parameter worker never writes them
  for (const key of PARAM_BLOCKS) if (!theirs.includes(key)) for (const slotP of params) slotP[key].set(st.p[key]);
  Atomics.store(ctl, at.statePub + slot, k);
  Atomics.notify(ctl, at.statePub + slot);
  env.ms.copying += performance.now() - t0;
  setActivity(env, 'idle', k);
  return { batchLoss, staleness };
}

/**
 * Parameter unit j (1-based): θ^j = θ^{j−1} + (fit(θ̃) − θ̃) for batch j's published states and parameters θ̃;
 * `theta` holds θ^{j−1} and receives θ^j. False when no batch j will come (AP stop).
 */
export function parameterUnit(env: UnitEnv, pv: Private, theta: Params, j: number): boolean {
  const { ctl, at, params, states } = env.shared;
  const { st } = pv;
  const slot = j % states.length;
  const stopped = (): boolean => {
    const n = Atomics.load(ctl, at.produced);
    return n > 0 && j > n;
  };
  waitUntil(env, at.statePub + slot, () => Atomics.load(ctl, at.statePub + slot) === j || stopped(), j);
  if (Atomics.load(ctl, at.statePub + slot) !== j) return false;
  let t0 = performance.now();
  const src = states[slot];
  for (const key of PARAM_BLOCKS) st.p[key].set(src.p[key]);
  st.batch.s0.set(src.s0);
  st.aux.a.set(src.a);
  st.aux.s.set(src.s);
  st.aux.o.set(src.o);
  st.batch.x.idx.set(src.idx);
  st.batch.y.y.set(src.y);
  env.ms.copying += performance.now() - t0;
  zeroMultipliers(st.mult);
  invalidateProducts(pv.ws);
  // the step of each block is applied to θ^{j−1} when the block is final (its last update in the sweep)
  const order = roleOrder(env.groups).parameters;
  for (let i = 0; i < order.length; i++) {
    const name = order[i];
    runTimed(env, pv, name, j);
    if (order.indexOf(name, i + 1) >= 0) continue;
    const key = name as (typeof PARAM_BLOCKS)[number];
    t0 = performance.now();
    const fit = st.p[key], base = src.p[key], th = theta[key];
    const eta = env.stepScale;
    for (let e = 0; e < th.length; e++) th[e] += eta * (fit[e] - base[e]);
    if (env.mode === 'ap') publishBlock(env, theta, key, j);
    env.ms.copying += performance.now() - t0;
  }
  setActivity(env, 'copying', j);
  t0 = performance.now();
  if (env.mode === 'sp') {
    const dst = params[j % 2];
    for (const key of parameterWorkerBlocks(env.groups)) dst[key].set(theta[key]);
  }
  Atomics.store(ctl, at.fitted, j);
  Atomics.notify(ctl, at.fitted);
  env.ms.copying += performance.now() - t0;
  forwardNext(env, pv, theta, j);
  setActivity(env, 'idle', j);
  return true;
}

/**
 * After fit j: the feasible start of batch k = j + 1 + τ — the recurrence of (4), a and s, with θ^j's u, w, b, the
 * parameters that batch's visit waits for — written into k's state slot (free: it held batch j − 1, fitted), so
 * that the state worker, the busier one, only adds the output layer with its v, c. The same operations on the same
 * operands as the state worker's own forward pass: SP's trajectory is unchanged.
 */
function forwardNext(env: UnitEnv, pv: Private, theta: Params, j: number): void {
  const { ctl, at, states } = env.shared;
  const k = j + 1 + env.tau;
  if (k > Atomics.load(ctl, at.limit)) return;
  const { st } = pv;
  setActivity(env, 'forward', j);
  let t0 = performance.now();
  fillBatch(env.task, (k - 1) % env.task.J, st.batch.x.idx, st.batch.y.y);
  st.batch.s0.fill(0);
  forwardStatesInto(st.aux, theta, st.batch, pv.fwd);
  env.ms.forward += performance.now() - t0;
  setActivity(env, 'copying', j);
  t0 = performance.now();
  const dst = states[k % states.length];
  dst.a.set(st.aux.a);
  dst.s.set(st.aux.s);
  dst.idx.set(st.batch.x.idx);
  dst.y.set(st.batch.y.y);
  env.ms.copying += performance.now() - t0;
  Atomics.store(ctl, at.forwarded, k);
  Atomics.notify(ctl, at.forwarded);
}
