import { describe, expect, it } from 'vitest';
import { tableDrift, tableKeys, unreachedBranches, type CoverageFinal } from '../../scripts/uncoveredBranches.ts';

const at = (line: number, column = 0) => ({ line, column });
const span = (a: number, b: number) => ({ start: at(a), end: at(b) });

// The shape @vitest/coverage-v8 4.1 writes: `if` without else has an empty second location.
const coverage: CoverageFinal = {
  '/repo/src/linalg/k.ts': {
    path: '/repo/src/linalg/k.ts',
    branchMap: {
      0: { loc: span(3, 3), type: 'if', locations: [span(3, 3), { start: {}, end: {} }], line: 3 },
      1: { loc: span(5, 5), type: 'cond-expr', locations: [span(5, 5), span(5, 5)], line: 5 },
      2: { loc: span(11, 11), type: 'binary-expr', locations: [span(11, 11), span(11, 11)], line: 11 },
      3: { loc: span(12, 12), type: 'switch', locations: [span(13, 13), span(14, 14)], line: 12 },
    },
    b: { 0: [4, 0], 1: [0, 7], 2: [9, 9], 3: [2, 0] },
    fnMap: {
      0: { name: 'used', decl: span(2, 2), loc: span(2, 6), line: 2 },
      1: { name: 'dead', decl: span(10, 10), loc: span(10, 15), line: 10 },
    },
    f: { 0: 3, 1: 0 },
  },
  '/repo/src/cli/x.ts': {
    path: '/repo/src/cli/x.ts',
    branchMap: { 0: { loc: span(1, 1), type: 'if', locations: [span(1, 1), span(1, 1)], line: 1 } },
    b: { 0: [0, 0] },
    fnMap: {},
    f: {},
  },
};

describe('unreachedBranches', () => {
  const rows = unreachedBranches(coverage, '/repo', ['src/linalg/']);
  it('lists zero-count arms by file:line, names the arm, skips other folders', () => {
    expect(rows).toEqual([
      { file: 'src/linalg/k.ts', line: 3, arms: ['if: else'] },
      { file: 'src/linalg/k.ts', line: 5, arms: ['cond-expr: true'] },
      { file: 'src/linalg/k.ts', line: 10, arms: ['function dead never called (1 arm inside)'] },
    ]);
  });
  it('folds the arms of a never-called function into its row', () => {
    expect(rows.some((r) => r.line === 14)).toBe(false);
  });
  it('checks a markdown table against the list both ways', () => {
    const md = ['| location | why |', '| --- | --- |', '| `src/linalg/k.ts:3` | x |', '| `src/linalg/k.ts:99` | moved |', '| `src/cli/x.ts:1` | other folder |'].join('\n');
    const keys = tableKeys(md, ['src/linalg/']);
    expect([...keys]).toEqual(['src/linalg/k.ts:3', 'src/linalg/k.ts:99']);
    expect(tableDrift(rows, keys)).toEqual({ missing: ['src/linalg/k.ts:5', 'src/linalg/k.ts:10'], stale: ['src/linalg/k.ts:99'] });
  });
});
