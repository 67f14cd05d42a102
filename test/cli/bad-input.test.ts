/**
 * Catalogue of bad inputs to `lagrangelab train`, run in-process through `main`. For each: non-zero exit, one
 * line on stderr naming the field, no stack trace, and nothing written next to the instance.
 */
import { describe, it, expect, afterAll } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cli } from '../helpers/cli.ts';
import { loadMethods } from '../../src/cli/registry.ts';
import { toyGd } from '../helpers/toyMethod.ts';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lagrangelab-bad-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
let caseNo = 0;


/** A valid instance: T = 5, n = 3, m = 2, r = 4. */
function good(): Record<string, unknown> {
  return {
    X: [[1, 0, 2], [0, 1, 1], [2, 2, 0], [1, 1, 1], [0, 0, 1]],
    Y: [[1, 0], [0, 1], [1, 1], [0, 0], [2, 1]],
    hidden: 4,
  };
}

const init = () => ({
  W: Array.from({ length: 4 }, () => [0.1, 0, 0, 0]),
  V: Array.from({ length: 4 }, () => [0.1, 0.1, 0.1]),
  b: [0, 0, 0, 0],
  A: Array.from({ length: 2 }, () => [0.1, 0.1, 0.1, 0.1]),
  c: [0, 0],
});

/**
 * Write `content` (an object, or raw text) as an instance in a fresh directory, run train on it with `extra`
 * flags (default --out inside that directory) and check the failure contract.
 */
async function expectRejected(content: unknown, field: string, msg: RegExp, extra: string[] = []): Promise<string> {
  const dir = path.join(root, `case-${++caseNo}`);
  fs.mkdirSync(dir);
  const file = path.join(dir, 'instance.json');
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  const hasOut = extra.includes('--out');
  const args = ['train', '--instance', file, ...(hasOut ? [] : ['--out', path.join(dir, 'run.json')]), '--quiet', ...extra];
  const r = await cli(args);
  expect(r.code, r.stderr).not.toBe(0);
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0].startsWith(`lagrangelab: ${field}: `), r.stderr).toBe(true);
  expect(lines[0]).toMatch(msg);
  expect(r.stderr).not.toMatch(/\n\s+at |Error:|\.ts:\d+/);
  expect(r.stdout).toBe('');
  expect(fs.readdirSync(dir)).toEqual(['instance.json']);
  return lines[0];
}

const withPatch = (f: (o: Record<string, unknown>) => void) => {
  const o = good();
  f(o);
  return o;
};
const row = (k: string, i: number, v: unknown) => withPatch((o) => ((o[k] as unknown[])[i] = v));
const cell = (k: string, i: number, j: number, v: unknown) => withPatch((o) => ((o[k] as unknown[][])[i][j] = v));
const params = (p: Record<string, unknown>) => ({ ...good(), params: p });
const withInit = (f: (i: Record<string, unknown>) => void) => {
  const i: Record<string, unknown> = init();
  f(i);
  return { ...good(), init: i };
};

describe('train rejects bad instance files', () => {
  it('malformed JSON', async () => {
    await expectRejected('{"X": [[1, 2]],, "Y": []}', 'instance', /not valid JSON \(position 15, line 1 column 16/);
    await expectRejected('', 'instance', /not valid JSON/);
    await expectRejected('{"X": [[1, NaN]]}', 'instance', /JSON has no NaN or Infinity/);
    await expectRejected('[1, 2]', 'instance', /expected a JSON object/);
  });

  it('missing or ragged arrays', async () => {
    await expectRejected(withPatch((o) => delete o.X), 'X', /missing/);
    await expectRejected(withPatch((o) => delete o.Y), 'Y', /missing/);
    await expectRejected(withPatch((o) => delete o.hidden), 'hidden', /missing/);
    await expectRejected(row('X', 3, [1, 2, 3, 4]), 'X[3]', /row has 4 entries, expected 3/);
    await expectRejected(row('Y', 1, [1]), 'Y[1]', /row has 1 entries, expected 2/);
    await expectRejected(row('X', 2, 7), 'X[2]', /expected a row/);
    await expectRejected(withPatch((o) => (o.X = 'data.csv')), 'X', /expected nested arrays/);
  });

  it('dimension mismatches between X, Y, init and hidden', async () => {
    await expectRejected(withPatch((o) => (o.Y = (o.Y as unknown[]).slice(0, 4))), 'Y', /^lagrangelab: Y: 4 rows but X has 5$/);
    await expectRejected(withInit((i) => (i.W = [[1, 2, 3], [1, 2, 3], [1, 2, 3], [1, 2, 3]])), 'init.W', /expected 4×4, got 4×3/);
    await expectRejected(withInit((i) => (i.V = Array.from({ length: 4 }, () => [1, 2]))), 'init.V', /expected 4×3, got 4×2/);
    await expectRejected(withInit((i) => (i.A = [[1, 2, 3, 4]])), 'init.A', /expected 2×4, got 1×4/);
    await expectRejected(withInit((i) => (i.b = [0, 0, 0])), 'init.b', /expected 4 entries, got 3/);
    await expectRejected(withInit((i) => (i.c = [0, 0, 0])), 'init.c', /expected 2 entries, got 3/);
    await expectRejected(withInit((i) => delete i.A), 'init.A', /missing/);
    await expectRejected({ ...good(), hidden: 3, init: init() }, 'init.W', /expected 3×3, got 4×4/);
  });

  it('empty sequences and empty rows', async () => {
    await expectRejected({ X: [], Y: [], hidden: 2 }, 'X', /empty sequence \(T = 0\)/);
    await expectRejected(withPatch((o) => (o.X = [[], [], [], [], []])), 'X', /n = 0/);
    await expectRejected(withPatch((o) => (o.Y = [[], [], [], [], []])), 'Y', /m = 0/);
  });

  it('NaN and Infinity anywhere', async () => {
    await expectRejected(cell('X', 2, 1, 'NaN'), 'X[2][1]', /^lagrangelab: X\[2\]\[1\]: not a finite number \(NaN\)$/);
    await expectRejected(cell('Y', 4, 0, 'Infinity'), 'Y[4][0]', /not a finite number \(Infinity\)/);
    await expectRejected(cell('X', 0, 0, null), 'X[0][0]', /not a finite number \(null/);
    await expectRejected(JSON.stringify(good()).replace('[[1,0,2]', '[[1e400,0,2]'), 'X[0][0]', /not a finite number \(Infinity/);
    await expectRejected(withInit((i) => ((i.W as unknown[][])[1][2] = '-Infinity')), 'init.W[1][2]', /not a finite number/);
    await expectRejected(params({ lambda: [1, 1, 1, 1, 'NaN', 1] }), 'params.lambda[4]', /not a finite number/);
    await expectRejected(params({ gamma0: null }), 'params.gamma0', /not a finite number/);
  });

  it('non-positive γ0, μ, λ, Γ; negative ε0', async () => {
    await expectRejected(params({ gamma0: 0 }), 'params.gamma0', /must be > 0, got 0/);
    await expectRejected(params({ mu: -1e-5 }), 'params.mu', /must be > 0/);
    await expectRejected(params({ lambda: [1, 1, 0, 1, 1, 1] }), 'params.lambda[2]', /must be > 0/);
    await expectRejected(params({ lambda: [1, 1, 1] }), 'params.lambda', /expected 6 numbers/);
    await expectRejected(params({ Gamma: 0 }), 'params.Gamma', /must be > 0/);
    await expectRejected(params({ eps0: -0.1 }), 'params.eps0', /must be ≥ 0/);
  });

  it('η outside its interval; outer/inner not positive integers', async () => {
    await expectRejected(params({ eta1: 1 }), 'params.eta1', /must be in \(0, 1\), got 1/);
    await expectRejected(params({ eta2: 0 }), 'params.eta2', /must be in \(0, 1\)/);
    await expectRejected(params({ eta4: 1.5 }), 'params.eta4', /must be in \(0, 1\)/);
    await expectRejected(params({ eta3: 0 }), 'params.eta3', /must be > 0/);
    await expectRejected(params({ eta3: -2 }), 'params.eta3', /must be > 0/);
    await expectRejected(params({ outer: 0 }), 'params.outer', /positive integer/);
    await expectRejected(params({ inner: 2.5 }), 'params.inner', /positive integer/);
  });

  it('activation, hidden and unknown keys', async () => {
    await expectRejected({ ...good(), activation: 'tanh' }, 'activation', /unknown activation "tanh"/);
    await expectRejected({ ...good(), activation: { kind: 'softplus' } }, 'activation.kind', /unknown activation/);
    await expectRejected({ ...good(), activation: { kind: 'leaky-relu', slope: 2 } }, 'activation.slope', /must be in \(0, 1\)/);
    await expectRejected({ ...good(), activation: { kind: 'elu', alpha: 0 } }, 'activation.alpha', /must be > 0/);
    await expectRejected({ ...good(), hidden: 0 }, 'hidden', /positive integer/);
    await expectRejected({ ...good(), hidden: 2.5 }, 'hidden', /positive integer/);
    await expectRejected({ ...good(), Hidden: 4 }, 'Hidden', /unknown key \(did you mean "hidden"\?\)/);
    await expectRejected(params({ gamm0: 1 }), 'params.gamm0', /unknown key \(did you mean "gamma0"\?\)/);
    await expectRejected({ ...good(), split: 1.2 }, 'split', /must be in \(0, 1\)/);
  });
});

describe('train rejects bad flags and output paths', () => {
  it('unwritable --out: missing directory, parent is a file, a directory', async () => {
    const blocker = path.join(root, 'not-a-dir');
    fs.writeFileSync(blocker, 'x');
    await expectRejected(good(), '--out', /directory ".*no-such-dir" does not exist/, ['--out', path.join(root, 'no-such-dir', 'run.json')]);
    await expectRejected(good(), '--out', /is not a directory/, ['--out', path.join(blocker, 'run.json')]);
    await expectRejected(good(), '--out', /is a directory/, ['--out', root]);
  });

  it('unwritable --out: a read-only directory (only meaningful when not root)', async () => {
    if (process.getuid?.() === 0) return; // root ignores permission bits; the probe above covers the code path
    const ro = path.join(root, 'ro');
    fs.mkdirSync(ro);
    fs.chmodSync(ro, 0o555);
    await expectRejected(good(), '--out', /cannot write to directory/, ['--out', path.join(ro, 'run.json')]);
  });

  it('existing --out without --force is refused and left untouched', async () => {
    const dir = path.join(root, 'existing');
    fs.mkdirSync(dir);
    const out = path.join(dir, 'run.json');
    fs.writeFileSync(out, 'keep me');
    const r = await cli(['train', '--generate', 'synthetic-T10', '--out', out, '--quiet']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/^lagrangelab: --out: ".*run\.json" already exists \(add --force to overwrite\)\n$/);
    expect(fs.readFileSync(out, 'utf8')).toBe('keep me');
    expect(fs.readdirSync(dir)).toEqual(['run.json']);
  });

  it('bad flag values', async () => {
    await expectRejected(good(), '--outer', /integer in 1\.\./, ['--outer', '0']);
    await expectRejected(good(), '--inner', /got "ten"/, ['--inner', 'ten']);
    await expectRejected(good(), '--eps0', /≥ 0/, ['--eps0', '-1']);
    await expectRejected(good(), '--eps0', /≥ 0/, ['--eps0', 'NaN']);
    await expectRejected(good(), '--seed', /integer in 0\.\.4294967295/, ['--seed', '-3']);
    await expectRejected(good(), '--seed', /integer/, ['--seed', '1.5']);
    await expectRejected(good(), '--init', /unknown initialization "xavier"/, ['--init', 'xavier']);
  });

  it('data source: none, both, unknown setting, unreadable file', async () => {
    const dir = path.join(root, 'src-flags');
    fs.mkdirSync(dir);
    const out = path.join(dir, 'run.json');
    const cases: [string[], RegExp][] = [
      [['train', '--out', out], /^lagrangelab: --instance: give exactly one of --instance FILE or --generate SETTING\n$/],
      [['train', '--instance', 'a.json', '--generate', 'synthetic-T10', '--out', out], /^lagrangelab: --instance: give exactly one/],
      [['train', '--generate', 'mnist', '--out', out], /^lagrangelab: --generate: unknown setting "mnist"/],
      [['train', '--instance', path.join(dir, 'nope.json'), '--out', out], /^lagrangelab: --instance: cannot read ".*nope\.json" \(ENOENT\)\n$/],
      [['train', '--instance', dir, '--out', out], /^lagrangelab: --instance: cannot read .*\(EISDIR\)\n$/],
    ];
    for (const [args, re] of cases) {
      const r = await cli([...args, '--quiet']);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(re);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('an unknown option is a commander usage error, exit 2, one line', async () => {
    const r = await cli(['train', '--generate', 'synthetic-T10', '--frce']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown option '--frce'/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('train rejects a bad --method and flags of another method', () => {
  /** One line naming `field`, exit 2, no stack trace, nothing written into `dir`. */
  async function expectUsage(args: string[], field: string, msg: RegExp, withToy = false): Promise<void> {
    const dir = path.join(root, `method-${++caseNo}`);
    fs.mkdirSync(dir);
    const r = await cli(['train', ...args, '--out', path.join(dir, 'run.json')], withToy ? { methods: [...loadMethods(), toyGd] } : {});
    expect(r.code, r.stderr).toBe(2);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines, r.stderr).toHaveLength(1);
    expect(lines[0].startsWith(`lagrangelab: ${field}: `), r.stderr).toBe(true);
    expect(lines[0]).toMatch(msg);
    expect(r.stderr).not.toMatch(/\n\s+at |Error:|\.ts:\d+/);
    expect(r.stdout).toBe('');
    expect(fs.readdirSync(dir)).toEqual([]);
  }

  it('an unknown method id lists the known ids', async () => {
    await expectUsage(['--method', 'lbfgs', '--generate', 'synthetic-T10'], '--method', /^lagrangelab: --method: unknown method "lbfgs" \(known: wzc-alm, zly-admm, tks-admmirnn, gd, gdc, gdnm, sgd, adam, rmsprop, adagrad, momentum\)$/);
    await expectUsage(['--method', '', '--generate', 'synthetic-T10'], '--method', /unknown method "" \(known: wzc-alm, zly-admm, tks-admmirnn, gd, gdc, gdnm, sgd, adam, rmsprop, adagrad, momentum\)$/);
    await expectUsage(['--method', 'WZC-ALM', '--generate', 'synthetic-T10'], '--method', /unknown method "WZC-ALM" \(known: wzc-alm, zly-admm, tks-admmirnn, gd, gdc, gdnm, sgd, adam, rmsprop, adagrad, momentum, toy-gd\)$/, true);
  });

  it('a flag that only another method declares', async () => {
    const wzcAndBaselines = 'wzc-alm, gd, gdc, gdnm, sgd, adam, rmsprop, adagrad, momentum';
    await expectUsage(['--method', 'toy-gd', '--generate', 'synthetic-T10'], '--generate', new RegExp(`^lagrangelab: --generate: not a flag of method toy-gd \\(it belongs to ${wzcAndBaselines}\\)$`), true);
    await expectUsage(['--method', 'toy-gd', '--instance', 'x.json', '--init', 'he'], '--init', new RegExp(`not a flag of method toy-gd \\(it belongs to ${wzcAndBaselines}\\)$`), true);
    // without --method the default (wzc-alm) is selected
    await expectUsage(['--generate', 'synthetic-T10', '--lr', '0.1'], '--lr', /^lagrangelab: --lr: not a flag of method wzc-alm \(it belongs to gd, gdc, gdnm, sgd, adam, rmsprop, adagrad, momentum, toy-gd\)$/, true);
    await expectUsage(['--method', 'wzc-alm', '--generate', 'synthetic-T10', '--steps', '3'], '--steps', /not a flag of method wzc-alm \(it belongs to toy-gd\)$/, true);
  });

  it('a flag both methods declare is parsed by the selected one', async () => {
    // --outer: 1..1e8 for wzc-alm, 1..10 for toy-gd
    await expectUsage(['--method', 'toy-gd', '--instance', 'x.json', '--outer', '11'], '--outer', /must be an integer in 1\.\.10, got "11"$/, true);
    await expectUsage(['--generate', 'synthetic-T10', '--outer', '0'], '--outer', /must be an integer in 1\.\.100000000, got "0"$/, true);
  });

  it('a method without a data-source flag needs --instance', async () => {
    await expectUsage(['--method', 'toy-gd'], '--instance', /^lagrangelab: --instance: missing \(give --instance FILE\)$/, true);
  });

  it('without other methods registered, a flag no method declares is commander\'s unknown option', async () => {
    const r = await cli(['train', '--generate', 'synthetic-T10', '--steps', '3']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown option '--steps'/);
  });
});

