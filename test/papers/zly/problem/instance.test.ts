/** The ZLY instance file: valid files, round trip, and the bad-input catalogue (one error naming the field). */
import { describe, expect, it } from 'vitest';
import { parseZlyInstance, zlyInstanceToJson, ZlyInstanceError, DEMO_BETA, DEMO_LAMBDA } from '../../../../src/papers/zly/problem/instance.ts';
import { zlyDemoData, zlyDefaultInit } from '../../../../src/papers/zly/problem/demo.ts';

/** A valid instance: d0 = 2, n = 4, widths [3], dN = 1. */
function good(): Record<string, unknown> {
  return {
    X: [[0.1, -0.2, 0.3, 0.4], [1, 0, -1, 0.5]],
    Y: [[0.5, 0.1, -0.3, 0.2]],
    widths: [3],
    activation: 'sigmoid',
  };
}

const W1 = () => [[0.1, 0.2], [0.3, -0.1], [0, 0.5]];
const W2 = () => [[1, -1, 0.5]];

function patched(f: (o: Record<string, unknown>) => void): string {
  const o = good();
  f(o);
  return JSON.stringify(o);
}

function rejects(text: string, field: string, msg: RegExp): void {
  let err: unknown;
  try {
    parseZlyInstance(text);
  } catch (e) {
    err = e;
  }
  expect(err, `expected a ZlyInstanceError for ${field}`).toBeInstanceOf(ZlyInstanceError);
  const e = err as ZlyInstanceError;
  expect(e.field).toBe(field);
  expect(e.detail).toMatch(msg);
  expect(e.message).toBe(`${field}: ${e.detail}`);
  expect(e.message).not.toContain('\n');
}

describe('ZLY instance: valid files', () => {
  it('parses the minimal form with the demo defaults', () => {
    const inst = parseZlyInstance(JSON.stringify(good()));
    expect(inst.dims).toEqual({ n: 4, d: [2, 3, 1] });
    expect(inst.lambda).toBe(DEMO_LAMBDA);
    expect(inst.beta).toEqual([DEMO_BETA, DEMO_BETA]);
    expect(inst.given).toEqual({ lambda: false, beta: false });
    expect(Array.from(inst.X)).toEqual([0.1, -0.2, 0.3, 0.4, 1, 0, -1, 0.5]);
    expect(inst.init).toBeUndefined();
  });

  it('reads init and params; a BOM is ignored', () => {
    const text = '\ufeff' + patched((o) => {
      o.init = { W: [W1(), W2()] };
      o.params = { lambda: 0.01, beta: [20, 3.5] };
      o.activation = 'tanh';
      o.comment = 'x';
    });
    const inst = parseZlyInstance(text);
    expect(inst.init?.map((w) => Array.from(w))).toEqual([W1().flat(), W2().flat()]);
    expect(inst.lambda).toBe(0.01);
    expect(inst.beta).toEqual([20, 3.5]);
    expect(inst.activation).toBe('tanh');
    expect(inst.comment).toBe('x');
  });

  it('round-trips through zlyInstanceToJson exactly', () => {
    const data = zlyDemoData('product', 3, 50);
    const dims = { n: 50, d: [2, 7, 5, 1] };
    const init = zlyDefaultInit(dims, 4);
    const text = zlyInstanceToJson({ dims, X: data.X, Y: data.Y, activation: 'tanh', init, lambda: 1e-6, beta: [1, 2, 3] });
    const inst = parseZlyInstance(text);
    expect(inst.dims).toEqual(dims);
    expect(inst.X).toEqual(data.X);
    expect(inst.Y).toEqual(data.Y);
    expect(inst.init).toEqual(init);
    expect(inst.beta).toEqual([1, 2, 3]);
  });
});

describe('ZLY instance: bad-input catalogue', () => {
  const cases: [string, string, string, RegExp][] = [
    ['not JSON', '{"X": [[1]],}', 'instance', /not valid JSON \(position \d+, line 1/],
    ['NaN literal', '{"X": [[NaN]]}', 'instance', /JSON has no NaN or Infinity/],
    ['not an object', '[1, 2]', 'instance', /expected a JSON object/],
    ['misspelt key', patched((o) => { o.widht = [3]; }), 'widht', /unknown key \(did you mean "widths"\?\)/],
    ['X missing', patched((o) => { delete o.X; }), 'X', /missing/],
    ['X not nested', patched((o) => { o.X = [1, 2]; }), 'X[0]', /expected a row/],
    ['X empty', patched((o) => { o.X = []; }), 'X', /empty/],
    ['X no samples', patched((o) => { o.X = [[]]; }), 'X', /n = 0 samples/],
    ['X ragged', patched((o) => { o.X = [[1, 2, 3, 4], [1, 2, 3]]; }), 'X[1]', /row has 3 entries, expected 4/],
    ['X NaN string', patched((o) => { (o.X as unknown[][])[1][3] = 'NaN'; }), 'X[1][3]', /not a finite number \(NaN\)/],
    ['X null', patched((o) => { (o.X as unknown[][])[0][2] = null; }), 'X[0][2]', /null/],
    ['X overflow', '{"X": [[1e400, 1], [0, 1]], "Y": [[1, 2]], "widths": [3], "activation": "tanh"}', 'X[0][0]', /Infinity: magnitude beyond the double range/],
    ['X string', patched((o) => { (o.X as unknown[][])[0][1] = '0.5'; }), 'X[0][1]', /expected a number, got a string/],
    ['Y missing', patched((o) => { delete o.Y; }), 'Y', /missing/],
    ['Y wrong columns', patched((o) => { o.Y = [[1, 2, 3]]; }), 'Y', /3 columns \(samples\) but X has 4$/],
    ['Y samples as rows', patched((o) => { o.X = [[1, 2], [3, 4], [5, 6]]; o.Y = [[1], [2], [3]]; }), 'Y', /samples are columns/],
    ['Y empty', patched((o) => { o.Y = []; }), 'Y', /empty/],
    ['widths missing', patched((o) => { delete o.widths; }), 'widths', /missing/],
    ['widths empty', patched((o) => { o.widths = []; }), 'widths', /N ≥ 2/],
    ['widths not array', patched((o) => { o.widths = 3; }), 'widths', /expected an array/],
    ['width zero', patched((o) => { o.widths = [3, 0]; }), 'widths[1]', /positive integer, got 0/],
    ['width fractional', patched((o) => { o.widths = [2.5]; }), 'widths[0]', /positive integer, got 2.5/],
    ['width huge', patched((o) => { o.widths = [1e6]; }), 'widths[0]', /too large/],
    ['activation missing', patched((o) => { delete o.activation; }), 'activation', /missing \("sigmoid" or "tanh"\)/],
    ['activation relu', patched((o) => { o.activation = 'relu'; }), 'activation', /"relu" is not twice differentiable/],
    ['activation unknown', patched((o) => { o.activation = 'softplus'; }), 'activation', /"softplus" is unknown/],
    ['activation object', patched((o) => { o.activation = { kind: 'tanh' }; }), 'activation', /expected "sigmoid" or "tanh", got an object/],
    ['init not object', patched((o) => { o.init = [W1()]; }), 'init', /expected an object/],
    ['init unknown key', patched((o) => { o.init = { W: [W1(), W2()], V: [] }; }), 'init.V', /unknown key/],
    ['init.W missing', patched((o) => { o.init = {}; }), 'init.W', /missing/],
    ['init.W count', patched((o) => { o.init = { W: [W1()] }; }), 'init.W', /expected 2 matrices/],
    ['init.W shape', patched((o) => { o.init = { W: [W1(), [[1, 2]]] }; }), 'init.W[1]', /expected 1×3, got 1×2/],
    ['init.W rows', patched((o) => { o.init = { W: [W1().slice(0, 2), W2()] }; }), 'init.W[0]', /expected 3×2, got 2×2/],
    ['init.W entry', patched((o) => { const w = W1(); (w[2] as unknown[])[1] = 'inf'; o.init = { W: [w, W2()] }; }), 'init.W[0][2][1]', /not a finite number/],
    ['params not object', patched((o) => { o.params = 1; }), 'params', /expected an object/],
    ['params unknown', patched((o) => { o.params = { gamma: 1 }; }), 'params.gamma', /unknown key/],
    ['lambda zero', patched((o) => { o.params = { lambda: 0 }; }), 'params.lambda', /must be > 0/],
    ['lambda string', patched((o) => { o.params = { lambda: 'small' }; }), 'params.lambda', /expected a number/],
    ['beta count', patched((o) => { o.params = { beta: [1, 2, 3] }; }), 'params.beta', /expected 2 numbers/],
    ['beta not array', patched((o) => { o.params = { beta: 1 }; }), 'params.beta', /expected 2 numbers/],
    ['beta negative', patched((o) => { o.params = { beta: [1, -2] }; }), 'params.beta[1]', /must be > 0 \(penalty β2 of \(6\)\), got -2/],
    ['comment', patched((o) => { o.comment = 3; }), 'comment', /expected a string/],
  ];
  for (const [name, text, field, msg] of cases) it(name, () => rejects(text, field, msg));
});
