import { describe, it, expect } from 'vitest';
import { defaultLambda, InstanceError, instanceToJson, parseInstance, validateInstance } from '../../../src/papers/wzc/instance.ts';
import { formatJson, jsonErrorPosition } from '../../../src/core/json.ts';
import { generateSynthetic } from '../../../src/papers/wzc/problem/synthetic.ts';
import { initWeights } from '../../../src/papers/wzc/problem/init.ts';

/** A valid 4-step instance with n = 3, m = 2, r = 2; tests break one field at a time. */
function base(): Record<string, unknown> {
  return {
    X: [[1, 2, 3], [4, 5, 6], [7, 8, 9], [0, 1, 0]],
    Y: [[1, 0], [0, 1], [1, 1], [0, 0]],
    hidden: 2,
  };
}

function errorOf(v: unknown): InstanceError {
  try {
    validateInstance(v);
  } catch (e) {
    if (e instanceof InstanceError) return e;
    throw e;
  }
  throw new Error('expected an InstanceError');
}

function expectFails(mut: (o: Record<string, unknown>) => void, field: string, msg: RegExp): void {
  const o = base();
  mut(o);
  const e = errorOf(o);
  expect(e.field).toBe(field);
  expect(e.message).toMatch(msg);
  expect(e.message.startsWith(`${field}: `)).toBe(true);
}

describe('instance file: valid input', () => {
  it('parses the minimal form with defaults (ReLU, λ of Table 2 with τ = 1)', () => {
    const p = validateInstance(base());
    expect(p.problem.data.dims).toEqual({ T: 4, n: 3, m: 2, r: 2 });
    expect(Array.from(p.problem.data.X.slice(3, 6))).toEqual([4, 5, 6]);
    expect(p.problem.activation).toEqual({ kind: 'relu' });
    expect(p.lambdaGiven).toBe(false);
    expect(p.problem.lambda).toEqual([1 / 4, 1 / 4, 1 / 6, 1 / 2, 1 / 2, 1e-8]);
    expect(p.warnings).toEqual([]);
    expect(p.init).toBeUndefined();
  });

  it('reads activations as strings or objects with default slope and alpha', () => {
    const act = (a: unknown) => validateInstance({ ...base(), activation: a }).problem.activation;
    expect(act('leaky-relu')).toEqual({ kind: 'leaky-relu', slope: 0.01 });
    expect(act('elu')).toEqual({ kind: 'elu', alpha: 1 });
    expect(act({ kind: 'leaky-relu', slope: 0.2 })).toEqual({ kind: 'leaky-relu', slope: 0.2 });
    expect(act({ kind: 'elu' })).toEqual({ kind: 'elu', alpha: 1 });
    expect(act({ kind: 'relu' })).toEqual({ kind: 'relu' });
  });

  it('reads params, lambda and init; warns for 0 < η3 ≤ 1', () => {
    const p = validateInstance({
      ...base(),
      params: { gamma0: 2, mu: 1e-5, lambda: [1, 2, 3, 4, 5, 6], eps0: 0, eta1: 0.9, eta2: 0.5, eta3: 0.01, eta4: 0.8, Gamma: 100, outer: 3, inner: 4 },
      init: { W: [[1, 2], [3, 4]], V: [[1, 2, 3], [4, 5, 6]], b: [0, 1], A: [[1, 0], [0, 1]], c: [5, 6] },
    });
    expect(p.params).toEqual({ gamma0: 2, mu: 1e-5, Gamma: 100, eta1: 0.9, eta2: 0.5, eta4: 0.8, eps0: 0, eta3: 0.01, outer: 3, inner: 4 });
    expect(p.problem.lambda).toEqual([1, 2, 3, 4, 5, 6]);
    expect(p.lambdaGiven).toBe(true);
    expect(Array.from(p.init!.W)).toEqual([1, 2, 3, 4]);
    expect(Array.from(p.init!.V)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(Array.from(p.init!.c)).toEqual([5, 6]);
    expect(p.warnings).toHaveLength(1);
    expect(p.warnings[0]).toMatch(/params\.eta3 = 0\.01 ≤ 1: Algorithm 3\.1 asks η3 > 1, but the paper's Table 2 uses 0\.01/);
    expect(validateInstance({ ...base(), params: { eta3: 1.5 } }).warnings).toEqual([]);
  });

  it('round-trips through instanceToJson bit for bit', () => {
    const d = { T: 7, n: 3, m: 2, r: 4 };
    const g = generateSynthetic(d, { seed: 5 });
    const init = initWeights(d, 'glorot', 6);
    const text = instanceToJson({ data: g.data, activation: { kind: 'elu', alpha: 0.5 }, init, split: 0.9, standardize: true, setting: 'sp500', comment: 'x', params: { outer: 2, lambda: [1, 1, 1, 1, 1, 1e-8] } }, 4);
    const p = parseInstance(text);
    expect(Array.from(p.problem.data.X)).toEqual(Array.from(g.data.X));
    expect(Array.from(p.problem.data.Y)).toEqual(Array.from(g.data.Y));
    for (const k of ['W', 'V', 'b', 'A', 'c'] as const) expect(Array.from(p.init![k])).toEqual(Array.from(init[k]));
    expect(p.problem.activation).toEqual({ kind: 'elu', alpha: 0.5 });
    expect([p.split, p.standardize, p.setting, p.comment, p.params?.outer]).toEqual([0.9, true, 'sp500', 'x', 2]);
    // one matrix row per line
    expect(text).toContain(`[${Array.from(g.data.X.slice(0, 3)).join(',')}]`);
  });

  it('accepts a UTF-8 byte order mark', () => {
    expect(parseInstance('\ufeff' + JSON.stringify(base())).problem.data.dims.T).toBe(4);
  });

  it('defaultLambda is Table 2\'s (τ/rm, τ/r², τ/rn, τ/r, τ/m, 1e-8)', () => {
    expect(defaultLambda({ T: 1, n: 80, m: 30, r: 100 }, 500)).toEqual([500 / 3000, 500 / 1e4, 500 / 8000, 5, 500 / 30, 1e-8]);
  });
});

describe('instance file: every failure names its field', () => {
  it('malformed JSON reports a position', () => {
    const cases: [string, RegExp][] = [
      ['{"X": [[1,2]], }', /position 15, line 1 column 16/],
      ['{"X": [[1, NaN]]}', /position 11.*JSON has no NaN or Infinity/],
      ['{"X": [[1, 2]', /unexpected end of input/],
      ['', /position 0/],
      ['{"X": 1}\n x', /line 2 column 2/],
    ];
    for (const [text, re] of cases) {
      try {
        parseInstance(text);
        throw new Error('no error');
      } catch (e) {
        expect(e).toBeInstanceOf(InstanceError);
        expect((e as InstanceError).field).toBe('instance');
        expect((e as Error).message).toMatch(/^instance: not valid JSON \(/);
        expect((e as Error).message).toMatch(re);
      }
    }
  });

  it('jsonErrorPosition accepts what JSON.parse accepts', () => {
    for (const s of ['{}', '[]', '[1,-2.5e3,"a\\u00e9\\n",true,false,null,{"a":[{}]}]', ' 0 ']) expect(jsonErrorPosition(s)).toBe(-1);
    for (const s of ['[01]', '[1.]', '{"a" 1}', '"\\x"', '[1,]']) expect(jsonErrorPosition(s)).toBeGreaterThan(0);
  });

  it('top level and missing fields', () => {
    expect(errorOf([1, 2]).message).toMatch(/^instance: expected a JSON object/);
    expectFails((o) => delete o.X, 'X', /missing/);
    expectFails((o) => delete o.Y, 'Y', /missing/);
    expectFails((o) => delete o.hidden, 'hidden', /missing/);
    expectFails((o) => (o.hiden = 2), 'hiden', /unknown key \(did you mean "hidden"\?\)/);
    expectFails((o) => (o.foo = 2), 'foo', /unknown key \(expected one of X, Y, hidden/);
    // planted solver bugs cannot be switched on from an instance file (nor from any CLI flag)
    expectFails((o) => (o.params = { faults: ['xi-sign'] }), 'params.faults', /unknown key/);
  });

  it('ragged, empty and mismatched sequences', () => {
    expectFails((o) => ((o.X as number[][])[3] = [1, 2, 3, 4]), 'X[3]', /^X\[3\]: row has 4 entries, expected 3$/);
    expectFails((o) => (o.X = []), 'X', /empty sequence \(T = 0\)/);
    expectFails((o) => (o.X = [[], [], [], []]), 'X', /n = 0/);
    expectFails((o) => (o.X = 5), 'X', /expected nested arrays/);
    expectFails((o) => ((o.X as unknown[])[1] = 5), 'X[1]', /expected a row/);
    expectFails((o) => (o.Y = (o.Y as number[][]).slice(0, 3)), 'Y', /^Y: 3 rows but X has 4$/);
    expectFails((o) => (o.Y = [[], [], [], []]), 'Y', /m = 0/);
    expectFails((o) => ((o.Y as number[][])[2] = [1]), 'Y[2]', /row has 1 entries, expected 2/);
  });

  it('non-finite numbers anywhere: "NaN", "Infinity", null, 1e400', () => {
    expectFails((o) => ((o.X as unknown[][])[2][1] = 'NaN'), 'X[2][1]', /^X\[2\]\[1\]: not a finite number \(NaN\)$/);
    expectFails((o) => ((o.Y as unknown[][])[0][0] = '-Infinity'), 'Y[0][0]', /not a finite number \(-Infinity\)/);
    expectFails((o) => ((o.X as unknown[][])[0][0] = null), 'X[0][0]', /not a finite number \(null/);
    expectFails((o) => ((o.X as unknown[][])[0][0] = '3'), 'X[0][0]', /expected a number, got a string/);
    expect(() => parseInstance('{"X": [[1e400]], "Y": [[1]], "hidden": 1}')).toThrow(/^X\[0\]\[0\]: not a finite number \(Infinity/);
    expectFails((o) => (o.params = { lambda: [1, 1, 1, 'NaN', 1, 1] }), 'params.lambda[3]', /not a finite number/);
    expectFails((o) => (o.init = { W: [[1, 2], [3, null]], V: [[0, 0, 0], [0, 0, 0]], b: [0, 0], A: [[0, 0], [0, 0]], c: [0, 0] }), 'init.W[1][1]', /null/);
  });

  it('hidden must be a positive integer', () => {
    for (const h of [0, -1, 2.5]) expectFails((o) => (o.hidden = h), 'hidden', /must be a positive integer/);
    expectFails((o) => (o.hidden = '2'), 'hidden', /expected a number/);
    expectFails((o) => (o.hidden = 1e6), 'hidden', /too large/);
  });

  it('activation', () => {
    expectFails((o) => (o.activation = 'tanh'), 'activation', /unknown activation "tanh"/);
    expectFails((o) => (o.activation = { kind: 'sigmoid' }), 'activation.kind', /unknown activation/);
    expectFails((o) => (o.activation = { slope: 0.1 }), 'activation.kind', /missing/);
    expectFails((o) => (o.activation = { kind: 'leaky-relu', slope: 1.5 }), 'activation.slope', /must be in \(0, 1\), got 1\.5/);
    expectFails((o) => (o.activation = { kind: 'leaky-relu', slope: 0 }), 'activation.slope', /must be in \(0, 1\)/);
    expectFails((o) => (o.activation = { kind: 'elu', alpha: 0 }), 'activation.alpha', /must be > 0/);
    expectFails((o) => (o.activation = { kind: 'elu', slope: 0.1 }), 'activation.slope', /unknown key/);
    expect(validateInstance({ ...base(), activation: { kind: 'elu', alpha: 2 } }).warnings[0]).toMatch(/alpha = 2 > 1: .*L1, L2 \(3\.4\) behind the stop test \(3\.17\) assume a 1-Lipschitz σ/);
  });

  it('init shapes against hidden, X and Y', () => {
    const init = () => ({ W: [[1, 2], [3, 4]], V: [[1, 2, 3], [4, 5, 6]], b: [0, 1], A: [[1, 0], [0, 1]], c: [5, 6] });
    const withInit = (f: (i: Record<string, unknown>) => void) => (o: Record<string, unknown>) => {
      const i = init();
      f(i);
      o.init = i;
    };
    expectFails(withInit((i) => (i.W = [[1], [3]])), 'init.W', /^init\.W: expected 2×2, got 2×1$/);
    expectFails(withInit((i) => (i.W = [[1, 2]])), 'init.W', /expected 2×2, got 1×2/);
    expectFails(withInit((i) => (i.W = [[1, 2], [3]])), 'init.W[1]', /row has 1 entries, expected 2/);
    expectFails(withInit((i) => (i.V = [[1, 2], [4, 5]])), 'init.V', /expected 2×3, got 2×2/);
    expectFails(withInit((i) => (i.A = [[1, 0]])), 'init.A', /expected 2×2, got 1×2/);
    expectFails(withInit((i) => (i.b = [0])), 'init.b', /expected 2 entries, got 1/);
    expectFails(withInit((i) => (i.c = 3)), 'init.c', /expected an array of 2 numbers/);
    expectFails(withInit((i) => delete i.c), 'init.c', /missing/);
    expectFails(withInit((i) => (i.Z = 1)), 'init.Z', /unknown key/);
    expectFails((o) => (o.init = [1]), 'init', /expected an object/);
  });

  it('params: signs and intervals', () => {
    const p = (params: unknown) => (o: Record<string, unknown>) => (o.params = params);
    for (const k of ['gamma0', 'mu', 'Gamma']) {
      expectFails(p({ [k]: 0 }), `params.${k}`, /must be > 0, got 0/);
      expectFails(p({ [k]: -1 }), `params.${k}`, /must be > 0/);
    }
    expectFails(p({ lambda: [1, 1, 0, 1, 1, 1] }), 'params.lambda[2]', /^params\.lambda\[2\]: must be > 0/);
    expectFails(p({ lambda: [1, 1, 1, 1, 1] }), 'params.lambda', /expected 6 numbers \(λ1\.\.λ6\), got 5/);
    expectFails(p({ lambda: 1 }), 'params.lambda', /expected 6 numbers/);
    expectFails(p({ eps0: -0.1 }), 'params.eps0', /must be ≥ 0/);
    for (const k of ['eta1', 'eta2', 'eta4']) {
      for (const x of [0, 1, 1.5, -0.2]) expectFails(p({ [k]: x }), `params.${k}`, /must be in \(0, 1\)/);
    }
    expectFails(p({ eta3: 0 }), 'params.eta3', /must be > 0/);
    expectFails(p({ outer: 0 }), 'params.outer', /positive integer/);
    expectFails(p({ inner: 1.5 }), 'params.inner', /positive integer/);
    expectFails(p({ gama0: 1 }), 'params.gama0', /did you mean "gamma0"/);
    expectFails(p('fast'), 'params', /expected an object/);
  });

  it('split, standardize, setting, comment', () => {
    expectFails((o) => (o.split = 1), 'split', /must be in \(0, 1\)/);
    expectFails((o) => { o.split = 0.9; o.X = [[1, 2, 3]]; o.Y = [[1, 2]]; }, 'split', /T ≥ 2/);
    expectFails((o) => (o.standardize = 'yes'), 'standardize', /expected true or false/);
    expectFails((o) => (o.setting = 'mnist'), 'setting', /expected one of "synthetic-T10", "sp500", "synthetic-T500"/);
    expectFails((o) => (o.comment = 3), 'comment', /expected a string/);
  });
});

describe('formatJson', () => {
  it('writes leaves on one line and parses back to the same value', () => {
    const v = { a: [1, 2.5, -3e-7], b: [[1, 2], [3, 4]], c: { x: 1, y: 'z' }, d: [], e: {}, f: [{ k: 1 }, { k: 2 }] };
    const s = formatJson(v);
    expect(JSON.parse(s)).toEqual(v);
    expect(s).toContain('"a": [1,2.5,-3e-7]');
    expect(s).toContain('    [1,2],\n');
    expect(s).toContain('{"k":1}');
  });
});
