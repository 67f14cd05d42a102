/**
 * The TKS window tasks side by side (issues #8, #9): per task and seed, the output-only floor (random RNN of the
 * seed, readout fitted by L-BFGS), ADMMiRNN (`windows/train.ts`) and BPTT + Adam (the project's baseline on the
 * same windows, `src/baselines/`), each from the same initialization, each under the same training budget;
 * held-out loss of the final parameters (and accuracy for the classification), and the best per-epoch value.
 *
 *   node --import tsx bench/tks-tasks.ts [--tasks sp500,synthetic] [--seeds 1,2] [--budget SEC] [--lr η] [--adam-batch B]
 *
 * The instances are fixtures/tks/sp500.json and fixtures/tks/synthetic.json (their data are fixed by the file;
 * the seed moves the initialization and Adam's batch order). Not a test.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { tksTaskReader, windowTask } from '../src/papers/tks/baselineTask.ts';
import { initParamsInto } from '../src/papers/tks/problem/init.ts';
import { loadWindowTask, parseTksInstance } from '../src/papers/tks/problem/instance.ts';
import { zeroParams } from '../src/papers/tks/problem/types.ts';
import { windowFloor } from '../src/papers/tks/windows/floor.ts';
import { packTksParams } from '../src/papers/tks/windows/pack.ts';
import { trainWindows, windowHyper } from '../src/papers/tks/windows/train.ts';
import { tanhRnnObjective } from '../src/baselines/objective.ts';
import { trainBaseline } from '../src/baselines/train.ts';
import { tanhRnnMetrics } from '../src/baselines/method.ts';

function arg(name: string, dflt: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : dflt;
}

const tasks = arg('tasks', 'sp500,synthetic').split(',');
const seeds = arg('seeds', '1,2').split(',').map(Number);
const budgetMs = Number(arg('budget', '60')) * 1000;
const lr = Number(arg('lr', '0.003'));
const root = path.join(path.dirname(new URL(import.meta.url).pathname), '..');
const fmt = (x: number | undefined) => (x === undefined ? '—' : x.toFixed(4));

console.log(`# TKS window tasks: budget ${budgetMs / 1000} s per method, Adam lr ${lr}; ${os.cpus().length} cores, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
for (const name of tasks) {
  const file = path.join(root, 'fixtures', 'tks', `${name}.json`);
  const inst = parseTksInstance(fs.readFileSync(file, 'utf8'));
  if (inst.task === 'text') throw new Error('window tasks only');
  const wt = loadWindowTask(inst, inst.params.batch);
  const adamBatch = Number(arg('adam-batch', String(wt.B)));
  const bt = windowTask(wt, inst.hidden, file);
  const dims = { ...wt.dims, h: inst.hidden };
  console.log(`\n## ${name}: ${wt.description}`);
  console.log('| seed | initial | floor | ADMMiRNN [best] | Adam [best] |\n| --- | --- | --- | --- | --- |');
  for (const seed of seeds) {
    const init = zeroParams(dims);
    initParamsInto(init, dims, seed);
    const initial = tanhRnnMetrics(bt, packTksParams(dims, init));
    let t0 = performance.now();
    const floor = windowFloor(wt, init);
    const floorMs = performance.now() - t0;
    t0 = performance.now();
    const admm = trainWindows(wt, init, { hyper: windowHyper(wt), iterations: 1e9, timeBudgetMs: budgetMs, evalEvery: wt.J });
    const admmBest = Math.min(...admm.trace.flatMap((r) => (r.heldOutLoss !== undefined ? [r.heldOutLoss] : [])), admm.heldOutLoss);
    // Adam: epochs until the budget (timeMs counts updates and the gradients they use)
    const obj = tanhRnnObjective(bt, tksTaskReader.initialize(bt, 'tks', seed), adamBatch);
    const s = { lr, epochs: 1e6, batch: adamBatch };
    let adamEpochs = 0;
    let best = Infinity;
    const run = trainBaseline('adam', obj, { ...s, epochs: 1 }, seed); // warm-up sizing: one epoch
    const perEpoch = Math.max(1e-3, run.trace[run.trace.length - 1].timeMs);
    adamEpochs = Math.max(1, Math.floor(budgetMs / perEpoch));
    const obj2 = tanhRnnObjective(bt, tksTaskReader.initialize(bt, 'tks', seed), adamBatch);
    const adam = trainBaseline('adam', obj2, { ...s, epochs: adamEpochs }, seed);
    for (const r of adam.trace) if (r.testErr !== undefined) best = Math.min(best, r.testErr);
    const am = tanhRnnMetrics(bt, adam.theta);
    const acc = (a: number | undefined) => (a === undefined ? '' : ` (acc ${a.toFixed(2)})`);
    console.log(`| ${seed} | ${fmt(initial.heldOutLoss)} | ${fmt(floor.heldOutLoss)}${acc(floor.heldOutAccuracy)} [${Math.round(floorMs)} ms] `
      + `| ${fmt(admm.heldOutLoss)}${acc(admm.heldOutAccuracy)} [${fmt(admmBest)}] (${admm.iterations} it, train ${fmt(admm.trainLoss)}) `
      + `| ${fmt(am.heldOutLoss)}${acc(am.heldOutAccuracy)} [${fmt(best)}] (${adam.epochs} epochs, train ${fmt(am.trainLoss)}) |`);
  }
}
console.log(`\nload after: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
