/** `zly-admm` as a TrainingMethod: prepare, run, run file (build, read back, bad fields), outcome, generator. */
import { describe, expect, it } from 'vitest';
import { zlyAdmm } from '../../../src/papers/zly/method.ts';
import { zlyGenerator } from '../../../src/papers/zly/generate.ts';
import { readZlyRunFile } from '../../../src/papers/zly/runFile.ts';
import { zlyDemoData, zlyDefaultInit, zlyInitSeed } from '../../../src/papers/zly/problem/demo.ts';
import { zlyInstanceToJson } from '../../../src/papers/zly/problem/instance.ts';
import { runZlyAdmm } from '../../../src/papers/zly/solver/admm.ts';
import { FieldError } from '../../../src/core/fields.ts';
import { formatJson } from '../../../src/core/json.ts';

const data = zlyDemoData('product', 2, 40);
const dims = { n: 40, d: [2, 6, 5, 1] };
const text = zlyInstanceToJson({ dims, X: data.X, Y: data.Y, activation: 'tanh', lambda: 0.01, beta: [4, 2, 3.5] });
const meta = { command: ['lagrangelab', 'train'], seed: 3 };

function train(t = text, flags: Record<string, unknown> = { iterations: 6 }) {
  const prep = zlyAdmm.prepare({ instance: { file: 'x.json', text: t }, flags, seed: 3 });
  const res = zlyAdmm.run(prep.instance, { seed: 3 });
  return { prep, res, file: zlyAdmm.runFile(prep.instance, res, meta) };
}

const fieldOf = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    if (e instanceof FieldError) return `${e.field}: ${e.detail}`;
    throw e;
  }
  return 'no error';
};

describe('zly-admm prepare and flags', () => {
  it('needs an instance file', () => {
    expect(fieldOf(() => zlyAdmm.prepare({ flags: {}, seed: 1 }))).toMatch(/^--instance: missing/);
  });
  it('parses its flags and names them in errors', () => {
    expect(zlyAdmm.flags.iterations.parse('12', '--iterations')).toBe(12);
    expect(fieldOf(() => zlyAdmm.flags.iterations.parse('0', '--iterations'))).toMatch(/^--iterations: must be an integer/);
    expect(zlyAdmm.flags.lla.parse('demo', '--lla')).toBe('demo');
    expect(fieldOf(() => zlyAdmm.flags.lla.parse('half', '--lla'))).toBe('--lla: expected "paper" or "demo", got "half"');
  });
  it('reports instance errors by field, and the demo defaults as a warning', () => {
    expect(fieldOf(() => zlyAdmm.prepare({ instance: { file: 'x', text: '{"X": []}' }, flags: {}, seed: 1 }))).toMatch(/^X: empty/);
    const plain = zlyInstanceToJson({ dims, X: data.X, Y: data.Y, activation: 'tanh' });
    const p = zlyAdmm.prepare({ instance: { file: 'x', text: plain }, flags: {}, seed: 1 });
    expect(p.warnings).toEqual(["params: λ = 1e-6, β_i = 1 (the authors' demo defaults)"]);
    expect(p.instance.iterations).toBe(100);
    expect(p.instance.lla).toBe('paper');
  });
});

describe('zly-admm run and run file', () => {
  it('runs Algorithm 1 from the seed’s default W⁰ and writes the final iterate by layer', () => {
    const { prep, res, file } = train();
    expect(file.status).toBe('completed');
    expect(file.iterations).toBe(6);
    expect(file.init).toBe('default');
    expect(file.params.W.map((w) => [w.length, w[0].length])).toEqual([[6, 2], [5, 6], [1, 5]]);
    expect(file.V.map((v) => [v.length, v[0].length])).toEqual([[6, 40], [5, 40], [1, 40]]);
    expect(file.Lambda).toHaveLength(3);
    expect(file.trace).toHaveLength(6);
    expect(file.trace[0].timeMs).toBeUndefined();
    expect(file.warnings.some((w) => w.startsWith("Theorem 3's conditions"))).toBe(true);
    expect(zlyAdmm.outcome(file)).toMatchObject({ diverged: false });
    expect(file.final.mseNet).toBe(res.result.trace[5].mseNet);
    // the solver run directly from the same W⁰ gives the same trajectory
    const direct = runZlyAdmm(prep.instance.prob, zlyDefaultInit(dims, zlyInitSeed(3)), 6);
    expect(direct.trace.map((r) => r.L)).toEqual(file.trace.map((r) => r.L));
  });

  it('is deterministic and round-trips through its reader', () => {
    const a = formatJson(train().file), b = formatJson(train().file);
    expect(a).toBe(b);
    expect(formatJson(readZlyRunFile(a))).toBe(a);
    const timed = zlyAdmm.runFile(train().prep.instance, train().res, { ...meta, elapsedMs: 5 });
    const back = readZlyRunFile(formatJson(timed));
    expect(back.elapsedMs).toBe(5);
    expect(back.trace[0].timeMs).toBeGreaterThanOrEqual(0);
  });

  it('the reader names the first bad field', () => {
    const good = JSON.parse(formatJson(train().file)) as Record<string, unknown>;
    const bad = (f: (o: Record<string, any>) => void) => {
      const o = structuredClone(good);
      f(o);
      return fieldOf(() => readZlyRunFile(JSON.stringify(o)));
    };
    expect(bad((o) => { o.version = 2; })).toMatch(/^version: expected run-file version 1/);
    expect(bad((o) => { o.trace[2].stepW[1] = 'x'; })).toMatch(/^trace\[2\]\.stepW\[1\]: expected a finite number/);
    expect(bad((o) => { o.params.W[1][0].pop(); })).toMatch(/^params\.W\[1\]\[0\]: expected 6 entries/);
    expect(bad((o) => { o.V.pop(); })).toMatch(/^V: expected 3 matrices/);
    expect(bad((o) => { o.settings.lla = 'x'; })).toMatch(/^settings\.lla: expected one of/);
    expect(bad((o) => { o.extra = 1; })).toMatch(/^extra: unknown key/);
    expect(bad((o) => { o.trace.pop(); })).toMatch(/^trace: 5 rows but iterations = 6/);
    expect(fieldOf(() => readZlyRunFile('{'))).toMatch(/^run file: not valid JSON/);
  });

  it('a diverging run writes its last finite iterate with status diverged', () => {
    const huge = zlyInstanceToJson({ dims, X: data.X.map((x) => x * 1e200), Y: data.Y, activation: 'tanh', lambda: 0.01, beta: [4, 2, 3.5] });
    const { file } = train(huge, { iterations: 3 });
    expect(file.status).toBe('diverged');
    expect(file.iterations).toBe(0);
    expect(file.divergence).toBe('λI + c·V Vᵀ is not positive definite: pivot 0 is Infinity at iteration 1');
    expect(zlyAdmm.outcome(file)).toEqual({ diverged: true, message: `solver diverged: ${file.divergence} (last finite iterate: 0)` });
    expect(readZlyRunFile(formatJson(file)).status).toBe('diverged');
  });

  it('--lla demo is recorded and warned about', () => {
    const { file } = train(text, { iterations: 2, lla: 'demo' });
    expect(file.settings.lla).toBe('demo');
    expect(file.warnings.some((w) => w.startsWith('--lla demo'))).toBe(true);
  });
});

describe('zly generator', () => {
  it('writes the demo instance; with --init it stores the W⁰ train would draw from the same seed', () => {
    const withInit = zlyGenerator.generate({ setting: 'zly-square', seed: 4, init: 'lecun-normal' });
    const without = zlyGenerator.generate({ setting: 'zly-square', seed: 4 });
    expect(withInit.defaultOut).toBe('instances/zly-square-4.json');
    const run = (t: string) => {
      const prep = zlyAdmm.prepare({ instance: { file: 'f', text: t }, flags: { iterations: 2 }, seed: 4 });
      return zlyAdmm.runFile(prep.instance, zlyAdmm.run(prep.instance, { seed: 4 }), meta);
    };
    const a = run(withInit.text), b = run(without.text);
    expect(a.init).toBe('instance');
    expect(b.init).toBe('default');
    expect(a.params).toEqual(b.params);
    expect(a.trace).toEqual(b.trace.map((r) => r));
  });
});
