/**
 * TKS parallel variants on the text task (issue #8, "Parallel"): vanilla ADMMiRNN against SP- and AP-ADMMiRNN on
 * 2 worker threads (hidden 100, N = 25, B = 32, the defaults), per seed, in one process and interleaved so they
 * share the machine's load: iterations per second, the smoothed batch loss against iterations and wall time, the
 * time to the same loss (TKS Figs 11–12), per-block time fractions and where the parallel time goes.
 *
 *   node --import tsx bench/tks-parallel.ts [--seeds 1,2,3] [--iterations K] [--budget SEC] [--variants vanilla,sp,ap,data]
 *        [--window W] [--groups kind|output] [--sync] [--out FILE]
 *
 * `data` (data-parallel ADMMiRNN, vanilla's exact trajectory) runs after the others, against vanilla again, in
 * `bench/tks-data-parallel.ts` (its own table: it has no staleness and the same loss curve as vanilla).
 *
 * --sync first measures the synchronization primitive: a message round trip master ↔ worker against an
 * Atomics.wait/notify ping-pong between two threads. Not a test. Print the load average with each number: the
 * machine is shared.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import { performance } from 'node:perf_hooks';
import { Supervisor } from '../src/engine/parallel/transport.ts';
import { initParamsInto } from '../src/papers/tks/problem/init.ts';
import { prepareText, textDims } from '../src/papers/tks/problem/text.ts';
import { zeroParams } from '../src/papers/tks/problem/types.ts';
import { DEFAULT_BATCH, DEFAULT_HYPER } from '../src/papers/tks/solver/defaults.ts';
import { compareParallelVariants, type CompareRow, type CompareVariant } from '../src/papers/tks/solver/parallel/compare.ts';
import { ParallelWorkers } from '../src/papers/tks/solver/parallel/master.ts';
import type { Groups } from '../src/papers/tks/solver/parallel/roles.ts';
import { benchData } from './tks-data-parallel.ts';

function arg(name: string, dflt: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : dflt;
}
const load = (): string => os.loadavg().map((x) => x.toFixed(2)).join(' ');

async function syncCost(): Promise<void> {
  const sab = new SharedArrayBuffer(4);
  const cell = new Int32Array(sab);
  const entry = new URL('./tks-parallel-ping.ts', import.meta.url).href;
  const sup = new Supervisor<{ kind: 'message' | 'atomics'; n: number }, string>(entry, [{ sab }], { timeoutMs: 60_000 });
  await sup.next(0, 120_000);
  const n = 2000;
  let t0 = performance.now();
  for (let i = 0; i < n; i++) {
    sup.send(0, { kind: 'message', n: 1 });
    await sup.next(0);
  }
  const msg = ((performance.now() - t0) / n) * 1000;
  sup.send(0, { kind: 'atomics', n });
  t0 = performance.now();
  for (let i = 0; i < n; i++) {
    Atomics.add(cell, 0, 1);
    Atomics.notify(cell, 0);
    while (Atomics.load(cell, 0) % 2 === 1) Atomics.wait(cell, 0, Atomics.load(cell, 0));
  }
  const atom = ((performance.now() - t0) / n) * 1000;
  await sup.next(0);
  await sup.close();
  console.log(`sync round trip (${n} each, load ${load()}): message ${msg.toFixed(1)} µs, Atomics.wait/notify ${atom.toFixed(1)} µs`);
}

if (process.argv.includes('--sync')) await syncCost();

const seeds = arg('seeds', '1,2,3').split(',').map(Number);
const iterations = Number(arg('iterations', '400'));
const budget = process.argv.includes('--budget') ? Number(arg('budget', '0')) * 1000 : undefined;
const asked = arg('variants', 'vanilla,sp,ap').split(',');
const withData = asked.includes('data');
const variants = asked.filter((v) => v !== 'data') as CompareVariant[];
const window = Number(arg('window', '50'));
const groups = arg('groups', 'output') as Groups;
const text = fs.readFileSync(new URL('../fixtures/data/metamorphosis.txt', import.meta.url), 'utf8');
const task = prepareText(text, 25, DEFAULT_BATCH, 0.9);
const dims = textDims(task, 100);
const all: { seed: number; rows: CompareRow[]; load: string[] }[] = [];
// one pair of workers for every parallel run (their start-up is not part of any run's time either way)
const pool = await ParallelWorkers.start(task, 100);
const pct = (x: number): string => `${(100 * x).toFixed(0)}%`;
for (const seed of seeds) {
  const init = zeroParams(dims);
  initParamsInto(init, dims, seed);
  const loads: string[] = [];
  const rows = await compareParallelVariants({
    task, init, hyper: DEFAULT_HYPER, variants, iterations, window, ...(budget !== undefined ? { timeBudgetMs: budget } : {}),
    onStart: () => loads.push(load()), pool, groups,
  });
  all.push({ seed, rows, load: loads });
  const van = rows.find((r) => r.variant === 'vanilla');
  console.log(`\nseed ${seed} (SP/AP groups: ${groups}): ${iterations} iterations${budget !== undefined ? ` or ${budget / 1000} s` : ''}; same-loss target ${rows[0].targetLoss.toFixed(4)} (smoothed over ${window})`);
  console.log('| variant | load (1/5/15 min) | iterations | it/s | × vanilla | final smoothed loss | held-out | time to target (s) | iterations to target | staleness max/mean |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  rows.forEach((r, i) => {
    const x = van ? (r.itersPerSec / van.itersPerSec).toFixed(2) : '—';
    const st = r.parallel ? `${r.parallel.staleness.max}/${r.parallel.staleness.mean.toFixed(2)}` : '0/0';
    console.log(`| ${r.variant} | ${loads[i]} | ${r.iterations} | ${r.itersPerSec.toFixed(1)} | ${x} | ${r.finalLoss.toFixed(4)} | ${r.heldOutLoss.toFixed(4)} | ${r.timeToLoss === null ? 'never' : (r.timeToLoss / 1000).toFixed(1)} | ${r.itersToLoss ?? 'never'} | ${st} |`);
  });
  for (const r of rows) {
    if (!r.parallel) continue;
    const t = r.parallel.time;
    const f = r.parallel.blockFractions;
    console.log(`${r.variant}: wall ${(t.wallMs / 1000).toFixed(1)} s; workers computing ${(t.computeMs / 1000).toFixed(1)} s, waiting ${(t.waitMs / 1000).toFixed(1)} s, copying ${(t.copyMs / 1000).toFixed(2)} s; blocks ${Object.entries(f).map(([k, v]) => `${k} ${pct(v)}`).join(', ')}`);
    for (const w of r.parallel.perWorker) {
      const busy = Object.entries(w.ms).filter(([k]) => k !== 'waiting' && k !== 'copying' && k !== 'idle').reduce((a, [, v]) => a + v, 0);
      console.log(`  worker ${w.worker} (${w.role}): computing ${(busy / 1000).toFixed(1)} s, waiting ${((w.ms.waiting + w.ms.idle) / 1000).toFixed(1)} s, copying ${(w.ms.copying / 1000).toFixed(2)} s`);
    }
  }
  console.log('loss vs iteration (smoothed):', rows.map((r) => `${r.variant} ${r.curve.filter((_, i) => i % 2 === 1).map((c) => `${c[0]}:${c[2].toFixed(3)}`).join(' ')}`).join(' | '));
}
await pool.close();
if (withData) await benchData({ task, h: 100, seeds, iterations, threads: 2, rounds: 2, spins: [300] });
const out = arg('out', '');
if (out) fs.writeFileSync(out, JSON.stringify(all, null, 1));
