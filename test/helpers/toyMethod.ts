/**
 * A second, minimal training method for CLI tests (and the smallest example of the TrainingMethod contract):
 * gradient descent on f(x) = ½(a·x − b)², instance file {"a": number, "b": number, "x0"?: number}. It declares
 * --steps and --lr (its own) and --outer (a name wzc-alm also has, with another meaning), and no source flag.
 */
import { FieldError, type TrainingMethod } from '../../src/engine/method.ts';
import { parseInteger } from '../../src/core/fields.ts';
import { list, num, parseJsonText, record, str, count } from '../../src/core/shape.ts';

export interface ToyInstance {
  a: number;
  b: number;
  x0: number;
  steps: number;
  lr: number;
}
export interface ToyFlags {
  steps: number;
  lr: number;
  outer: number;
}
export interface ToyRunFile {
  version: 1;
  command: string[];
  seed: number;
  x: number;
  f: number[];
  elapsedMs?: number;
}

export const toyGd: TrainingMethod<ToyInstance, { x: number; f: number[] }, ToyRunFile, ToyFlags> = {
  id: 'toy-gd',
  paper: 'none',
  description: 'gradient descent on ½(a·x − b)² (test method)',
  flags: {
    steps: { arg: 'N', help: 'gradient steps', parse: (s, flag) => parseInteger(s, flag, 1, 1000) },
    lr: {
      arg: 'η',
      help: 'step size',
      parse: (s, flag) => {
        const x = Number(s);
        if (!(x > 0)) throw new FieldError(flag, `must be > 0, got "${s}"`);
        return x;
      },
    },
    outer: { arg: 'K', help: 'restarts (ignored)', parse: (s, flag) => parseInteger(s, flag, 1, 10) },
  },
  progressLabels: { bar: 'GD', unit: 'step', metrics: ['f'] },
  runFileVersion: 1,
  prepare: ({ instance, flags }) => {
    if (!instance) throw new FieldError('--instance', 'missing');
    const o = record(parseJsonText(instance.text, 'instance'), '', ['a', 'b'], ['x0']);
    const inst = { a: num(o.a, 'a'), b: num(o.b, 'b'), x0: o.x0 === undefined ? 0 : num(o.x0, 'x0'), steps: flags.steps ?? 3, lr: flags.lr ?? 0.1 };
    return { instance: inst, warnings: inst.a === 0 ? ['a = 0: every x is optimal'] : [] };
  },
  run: (inst, { observer }) => {
    let x = inst.x0;
    const f: number[] = [];
    observer?.start?.(inst.steps);
    for (let k = 1; k <= inst.steps; k++) {
      x -= inst.lr * inst.a * (inst.a * x - inst.b);
      f.push(0.5 * (inst.a * x - inst.b) ** 2);
      observer?.progress?.({ iteration: k, of: inst.steps, metrics: { f: f[k - 1] } });
    }
    return { x, f };
  },
  runFile: (_inst, res, meta) => ({ version: 1, command: [...meta.command], seed: meta.seed, x: res.x, f: res.f, ...(meta.elapsedMs !== undefined ? { elapsedMs: meta.elapsedMs } : {}) }),
  outcome: (file) => (Number.isFinite(file.x) ? { diverged: false, summary: `x = ${file.x}` } : { diverged: true, message: 'x is not finite' }),
  readRunFile: (text) => {
    const o = record(parseJsonText(text, 'run file'), '', ['version', 'command', 'seed', 'x', 'f'], ['elapsedMs']);
    if (o.version !== 1) throw new FieldError('version', 'expected 1');
    return { version: 1, command: list(str)(o.command, 'command'), seed: count(o.seed, 'seed'), x: num(o.x, 'x'), f: list(num)(o.f, 'f') };
  },
};
