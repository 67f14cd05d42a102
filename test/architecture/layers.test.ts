import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkLayers, formatViolation, layerEdges, relativeImports, type SourceFile } from './layers.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function sourcesUnder(dir: string): SourceFile[] {
  return readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => {
      const abs = join(e.parentPath, e.name);
      return { path: relative(ROOT, abs).split(sep).join('/'), text: readFileSync(abs, 'utf8') };
    })
    .sort((a, b) => (a.path < b.path ? -1 : 1));
}

const file = (path: string, ...imports: string[]): SourceFile => ({ path, text: imports.join('\n') });

describe('src/ layering', () => {
  const src = sourcesUnder('src');

  it('every import of src/**/*.ts follows the rule', () => {
    expect(src.length).toBeGreaterThan(50);
    expect(checkLayers(src).map(formatViolation)).toEqual([]);
  });

  it('in src/cli, only registry.ts imports a paper (the one file that wires papers in)', () => {
    const wiring = src
      .filter((f) => f.path.startsWith('src/cli/') && f.path !== 'src/cli/registry.ts')
      .flatMap((f) => relativeImports(f.text).filter((i) => /(^|\/)papers\//.test(i)).map((i) => `${f.path} imports ${i}`));
    expect(wiring).toEqual([]);
  });

  it('sees the imports it is meant to check (the parser is not silently blind)', () => {
    const edges = layerEdges(src);
    // a few edges that exist today, one per kind of import line
    expect(edges.get('cli -> papers/wzc/claims')).toBeGreaterThan(0); // cli/registry.ts wires the ledger in
    expect(edges.get('report -> engine')).toBeGreaterThan(0);
    expect(edges.get('papers/wzc/claims -> papers/wzc/theory')).toBeGreaterThan(0);
    expect(edges.get('index.ts -> papers/wzc/theory')).toBeUndefined(); // src/index.ts is layer "index"
    expect(edges.get('index -> papers/wzc/theory')).toBe(1); // `export * as theory from …`
    expect(edges.get('cli -> baselines')).toBeGreaterThan(0); // cli/registry.ts wires the baselines in
    expect(edges.get('papers/wzc/. -> models')).toBeGreaterThan(0); // the WZC task reader (papers/wzc/baselineTask.ts)
  });
});

describe('the layering rule catches planted bad imports', () => {
  const cases: [string, SourceFile, RegExp][] = [
    ['a paper importing another paper', file('src/papers/zly/solver/admm.ts', "import { runBcd } from '../../wzc/solver/bcd.ts';"), /papers never import each other \(zly → wzc\)/],
    ['theory importing its solver', file('src/papers/wzc/theory/kkt.ts', "import { zStepInto } from '../solver/zStep.ts';"), /theory\/ .* never imports its solver\//],
    ['solver importing theory', file('src/papers/wzc/solver/zStep.ts', "import { D1 } from '../theory/explicit.ts';"), /siblings in a paper/],
    ['problem importing claims', file('src/papers/wzc/problem/init.ts', "import type { WzcPoint } from '../claims/instances.ts';"), /problem\/ is below claims\//],
    ['the engine importing a paper', file('src/engine/runner.ts', "import { wzcLedger } from '../papers/wzc/claims/ledger.ts';"), /only src\/cli .* import src\/papers/],
    ['report importing a paper', file('src/report/build.ts', "export { wzcLedger } from '../papers/wzc/claims/ledger.ts';"), /only src\/cli .* import src\/papers/],
    ['models importing the cli', file('src/models/elman.ts', "import { main } from '../cli/main.ts';"), /only src\/index.ts imports src\/cli/],
    ['core importing linalg (lower → higher)', file('src/core/json.ts', "import { dot } from '../linalg/dense.ts';"), /core is below linalg/],
    ['linalg importing models', file('src/linalg/blocked.ts', "import type { Dims } from '../models/elman.ts';"), /linalg is below models/],
    ['engine importing report', file('src/engine/stats.ts', "const m = await import('../report/schema.ts');"), /engine is below report/],
    ['a paper importing report (siblings)', file('src/papers/wzc/claims/alm.ts', "import { buildReport } from '../../../report/build.ts';"), /papers and report are siblings/],
    ['a multi-line import', file('src/core/rng.ts', "import {\n  gemmNNo,\n  type Alloc,\n} from '../linalg/blocked.ts';"), /core is below linalg/],
    ['an import leaving src', file('src/engine/registry.ts', "import { toy } from '../../test/engine/fixtures/toyLedger.ts';"), /outside src/],
    ['a paper importing the baselines', file('src/papers/wzc/method.ts', "import { baselineMethods } from '../../baselines/method.ts';"), /only src\/cli \(cli\/registry.ts\), src\/index.ts and a paper's claims\/ and experiments\/ import src\/baselines/],
    ['a paper\'s solver importing the baselines', file('src/papers/wzc/solver/alm.ts', "import { trainBaseline } from '../../../baselines/train.ts';"), /a paper's claims\/ and experiments\/ import src\/baselines/],
    ['the baselines importing a paper', file('src/baselines/method.ts', "import { wzcTaskReader } from '../papers/wzc/baselineTask.ts';"), /only src\/cli .* import src\/papers/],
    ['the engine importing the baselines', file('src/engine/method.ts', "import type { BaselineRun } from '../baselines/train.ts';"), /only src\/cli \(cli\/registry.ts\), src\/index.ts and a paper's claims\/ and experiments\/ import src\/baselines/],
    ['the baselines importing the cli', file('src/baselines/train.ts', "import { main } from '../cli/main.ts';"), /only src\/index.ts imports src\/cli/],
    ['the baselines importing report (siblings)', file('src/baselines/grid.ts', "import { buildReport } from '../report/build.ts';"), /baselines and report are siblings/],
    ['an unknown layer', file('src/plots/svg.ts', "import { sigma } from '../models/activations/piecewise.ts';"), /unknown layer src\/plots/],
  ];
  it.each(cases)('%s', (_what, f, rule) => {
    const v = checkLayers([f]);
    expect(v).toHaveLength(1);
    expect(formatViolation(v[0])).toMatch(new RegExp(`^${f.path}: import '`));
    expect(v[0].rule).toMatch(rule);
  });

  it('lets allowed imports through', () => {
    const ok = [
      file('src/cli/registry.ts', "import { wzcLedger } from '../papers/wzc/claims/ledger.ts';"),
      file('src/cli/train.ts', "import { runAlm } from '../papers/wzc/solver/alm.ts';", "import type { Dims } from '../models/elman.ts';"),
      file('src/index.ts', "export { loadLedgers } from './cli/registry.ts';", "export * as theory from './papers/wzc/theory/index.ts';"),
      file('src/papers/wzc/claims/bcd.ts', "import { runBcd } from '../solver/bcd.ts';", "import { kkt } from '../theory/kkt.ts';", "import fc from 'fast-check';"),
      file('src/papers/wzc/theory/kkt.ts', "import { alParts } from '../problem/lagrangian.ts';", "import { sqnorm } from '../../../linalg/index.ts';"),
      file('src/report/build.ts', "import type { PaperLedger } from '../engine/types.ts';"),
      file('src/models/elman.ts', "import { gemmNNo } from '../linalg/blocked.ts';", "import { mulberry32 } from '../core/rng.ts';"),
      file('src/baselines/method.ts', "import type { TaskReader } from '../models/task.ts';", "import type { TrainingMethod } from '../engine/method.ts';", "import { inArena } from '../linalg/simd.ts';"),
      file('src/cli/registry.ts', "import { baselineMethods } from '../baselines/method.ts';"),
      file('src/papers/zly/baselineTask.ts', "import type { MlpTaskReader } from '../../models/task.ts';"),
      file('src/papers/wzc/claims/table3-alm-lowest-train.ts', "import { trainBaseline } from '../../../baselines/train.ts';"),
      file('src/papers/wzc/experiments/table3.ts', "import { rnnObjective } from '../../../baselines/objective.ts';"),
    ];
    expect(checkLayers(ok)).toEqual([]);
  });

  it('does not take comments or declarations for imports', () => {
    const text = [
      '/**',
      " * import { x } from '../papers/wzc/solver/bcd.ts';",
      ' */',
      "// export { y } from '../cli/main.ts';",
      'export function shardRange(total: number): { from: number; to: number } {',
      "  return { from: 0, to: total }; // 'x'",
      '}',
    ].join('\n');
    expect(relativeImports(text)).toEqual([]);
  });
});
