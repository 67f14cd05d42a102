/**
 * Everything the WZC theory modules and the engine's oracles export is marked as an oracle (attribution.ts): an
 * exception thrown there is an engine error, never blamed on the solver.
 */
import { describe, expect, it } from 'vitest';
import { isOracleFn, OracleError } from '../../../../src/engine/attribution.ts';
import * as brute1d from '../../../../src/engine/oracles/brute1d.ts';
import * as theory from '../../../../src/papers/wzc/theory/index.ts';

describe('oracle modules', () => {
  it('every exported function is marked with oracleFn', () => {
    for (const [name, mod] of [['theory', theory], ['engine/oracles/brute1d', brute1d]] as const) {
      const fns = Object.entries(mod).filter(([, v]) => typeof v === 'function');
      expect(fns.length, name).toBeGreaterThan(0);
      expect(fns.filter(([, v]) => !isOracleFn(v)).map(([k]) => `${name}.${k}`)).toEqual([]);
    }
  });

  it('their exceptions surface as OracleError', () => {
    expect(() => brute1d.bruteGlobalMin1D((u) => u * u, 1, 0)).toThrow(OracleError);
  });
});
