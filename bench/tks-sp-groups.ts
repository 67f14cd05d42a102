/**
 * SP-ADMMiRNN's semantics in one thread, for two ways of putting TKS Fig. 3's three groups {u, w, b}, {a, s},
 * {o, v, c} on two workers (issue #8: "the loss reached must beat the output-only model"):
 *
 *   kind    the parameter worker {u, w, b} ∪ {v, c}, the state worker {a, s} ∪ {o} — what `--parallel sp` builds;
 *   output  the parameter worker {u, w, b}, the state worker {a, s} ∪ {o, v, c} (Fig. 3's output group kept whole).
 *
 * Round r, as in the threaded SP (`solver/parallel/roles.ts`): the state worker visits batch r (feasible start,
 * then Algorithm 1's order restricted to its blocks) reading the parameter worker's blocks as θ^{r−2} and its own
 * newest; the parameter worker fits batch r − 1's published states from the parameters θ̃ that visit used and
 * applies η·(fit − θ̃) to its blocks of θ^{r−2}, giving θ^{r−1}. Multipliers start at 0 each visit. Not timed: what
 * the per-iteration curve is, and where the state worker's share of vanilla's block time caps the throughput.
 *
 *   node --import tsx bench/tks-sp-groups.ts [--split kind,output] [--eta 0.5] [--iterations 4000] [--seed 1]
 */
import * as fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { inArena } from '../src/linalg/index.ts';
import { initParamsInto } from '../src/papers/tks/problem/init.ts';
import { lossLipschitz, lossValue } from '../src/papers/tks/problem/loss.ts';
import { forwardInto, sequenceLoss } from '../src/papers/tks/problem/rnn.ts';
import { fillBatch, prepareText, textDims } from '../src/papers/tks/problem/text.ts';
import { cloneParams, zeroParams, type Aux, type Batch, type Multipliers, type Params } from '../src/papers/tks/problem/types.ts';
import type { BlockContext } from '../src/papers/tks/solver/blocks.ts';
import { DEFAULT_BATCH, DEFAULT_HYPER } from '../src/papers/tks/solver/defaults.ts';
import { flagsOf } from '../src/papers/tks/solver/faults.ts';
import { ALGORITHM1_ORDER, invalidateProducts, runBlock, type BlockName, type SolverState } from '../src/papers/tks/solver/iteration.ts';
import { allocWorkspace } from '../src/papers/tks/solver/workspace.ts';

const arg = (name: string, dflt: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : dflt;
};
type Key = 'u' | 'w' | 'b' | 'v' | 'c';
const SPLITS: Record<string, Key[]> = { kind: ['u', 'w', 'b', 'v', 'c'], output: ['u', 'w', 'b'] };

const text = fs.readFileSync(new URL('../fixtures/data/metamorphosis.txt', import.meta.url), 'utf8');
const task = prepareText(text, 25, DEFAULT_BATCH, 0.9);
const h = 100, dims = textDims(task, h), V = dims.q, M = dims.N * dims.B;
const ctx: BlockContext = { dims, hp: { ...DEFAULT_HYPER }, H: lossLipschitz('cross-entropy', M), faults: flagsOf(new Set()) };

function worker(): SolverState & { ws: ReturnType<typeof allocWorkspace>; fwd: { wT: Float64Array; vT: Float64Array }; idx: Int32Array; y: Int32Array } {
  const m = inArena((alloc) => ({
    p: { u: alloc(h * V), w: alloc(h * h), b: alloc(h), v: alloc(V * h), c: alloc(V) } as Params,
    aux: { a: alloc(M * h), s: alloc(M * h), o: alloc(M * V) } as Aux,
    mult: { l1: alloc(dims.B * h), l2: alloc(dims.B * h), l3: alloc(dims.B * V) } as Multipliers,
    s0: alloc(dims.B * h), ws: allocWorkspace(dims, false, alloc), fwd: { wT: alloc(h * h), vT: alloc(h * V) },
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

/** One SP run with the parameter worker owning `pw`; smoothed batch losses, held-out loss, norms, block times. */
function run(pw: Key[], eta: number, K: number, seed: number) {
  const isP = (n: BlockName): boolean => (pw as string[]).includes(n);
  const orderS = ALGORITHM1_ORDER.filter((n) => !isP(n)), orderP = ALGORITHM1_ORDER.filter(isP);
  const S = worker(), P = worker();
  const init = zeroParams(dims);
  initParamsInto(init, dims, seed);
  // the newest complete θ^j of the parameter worker (its blocks; the others unused): θ^{r−2} when round r starts
  let newest = cloneParams(init);
  const own = cloneParams(init); // the state worker's newest of its own parameter blocks
  let pub: { tilde: Params; a: Float64Array; s: Float64Array; o: Float64Array; idx: Int32Array; y: Int32Array } | null = null;
  const losses: number[] = [];
  let msS = 0, msP = 0;
  /** The parameter worker's unit: fit the published batch from θ̃, apply η·(fit − θ̃) to the newest θ. */
  const fit = (b: NonNullable<typeof pub>): void => {
    for (const k of ['u', 'w', 'b', 'v', 'c'] as Key[]) P.p[k].set(b.tilde[k]);
    P.aux.a.set(b.a);
    P.aux.s.set(b.s);
    P.aux.o.set(b.o);
    P.idx.set(b.idx);
    P.y.set(b.y);
    restart(P);
    invalidateProducts(P.ws);
    for (const n of orderP) runBlock(ctx, n, P, P.ws);
    const next = cloneParams(newest);
    for (const k of pw) for (let e = 0; e < next[k].length; e++) next[k][e] += eta * (P.p[k][e] - b.tilde[k][e]);
    newest = next;
  };

  for (let r = 1; r <= K; r++) {
    let t0 = performance.now();
    const th = newest;
    for (const k of ['u', 'w', 'b', 'v', 'c'] as Key[]) S.p[k].set((pw.includes(k) ? th : own)[k]);
    fillBatch(task, (r - 1) % task.J, S.idx, S.y);
    restart(S);
    forwardInto(S.aux, S.p, S.batch, S.fwd);
    losses.push(lossValue(S.aux.o, S.batch.y, M, V));
    invalidateProducts(S.ws);
    for (const n of orderS) runBlock(ctx, n, S, S.ws);
    for (const k of ['u', 'w', 'b', 'v', 'c'] as Key[]) if (!pw.includes(k)) own[k].set(S.p[k]);
    msS += performance.now() - t0;
    t0 = performance.now();
    if (pub) fit(pub);
    msP += performance.now() - t0;
    // the state worker's visit used S.p's blocks (its own and θ^{r−2}'s): that is θ̃ of batch r
    pub = { tilde: cloneParams(S.p), a: S.aux.a.slice(), s: S.aux.s.slice(), o: S.aux.o.slice(), idx: S.idx.slice(), y: S.y.slice() };
    // S.p was modified by the state worker's own parameter blocks: θ̃ must be the values it visited with
    for (const k of pw) pub.tilde[k].set(th[k]);
  }
  // the threaded SP's last round fits batch K too
  if (pub) fit(pub);
  const fin = cloneParams(newest);
  for (const k of ['u', 'w', 'b', 'v', 'c'] as Key[]) if (!pw.includes(k)) fin[k].set(own[k]);
  return { losses, held: sequenceLoss(fin, task.heldOut, dims, 1).loss, fin, msS: msS / K, msP: msP / K };
}

const splits = arg('split', 'kind,output').split(',');
const eta = Number(arg('eta', '0.5')), K = Number(arg('iterations', '4000')), seed = Number(arg('seed', '1'));
const fro = (a: Float64Array): number => Math.sqrt(a.reduce((s, x) => s + x * x, 0));
for (const split of splits) {
  const pw = SPLITS[split];
  if (!pw) throw new Error(`--split: expected kind or output, got ${split}`);
  const r = run(pw, eta, K, seed);
  const w = 100, out: string[] = [];
  for (let i = 0; i + w <= r.losses.length; i += 500) out.push(`${i + w}: ${(r.losses.slice(i, i + w).reduce((s, x) => s + x, 0) / w).toFixed(3)}`);
  console.log(`split ${split} (parameter worker ${pw.join(', ')}), η ${eta}, ${K} iterations, seed ${seed}: held-out ${r.held.toFixed(4)} nats/char; ‖v‖_F ${fro(r.fin.v).toFixed(1)}, ‖w‖_F ${fro(r.fin.w).toFixed(2)}, ‖u‖_F ${fro(r.fin.u).toFixed(1)}`);
  console.log(`  batch loss (mean of the 100 iterations ending at) ${out.join(', ')}`);
  console.log(`  ms per round in one thread: state worker ${r.msS.toFixed(2)}, parameter worker ${r.msP.toFixed(2)} (2 threads: at best ${((r.msS + r.msP) / Math.max(r.msS, r.msP)).toFixed(2)}× the rounds per second)`);
}
