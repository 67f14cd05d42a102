import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { runClaim } from '../../../../src/engine/runner.ts';
import { verdictMatches } from '../../../../src/engine/evaluate.ts';
import { claims, errata, templateFamily } from '../../../../src/papers/wzc/claims/_template.ts';
import { wzcLedger } from '../../../../src/papers/wzc/claims/ledger.ts';

describe('claims/_template.ts', () => {
  it('runs through the engine: the literal claim is refuted, the corrected one holds', () => {
    const [literal, corrected] = claims;
    const l = runClaim(literal, { runs: 50 });
    const c = runClaim(corrected, { runs: 50 });
    expect(l.verdict).toBe('violated');
    expect(l.counterexample?.instance).toMatchObject({ u: expect.any(Number) });
    expect((l.counterexample?.instance as { u: number }).u).toBeLessThan(0);
    expect(c.verdict).toBe('holds');
    expect(verdictMatches(literal, l.verdict) && verdictMatches(corrected, c.verdict)).toBe(true);
    expect(errata[0]).toMatchObject({ claim: literal.id, correctedClaims: [corrected.id] });
  });

  it('its family survives a JSON round trip and names a bad field', () => {
    for (const x of fc.sample(templateFamily.arbitrary('ci'), { numRuns: 20, seed: 1 })) {
      expect(templateFamily.fromJSON(JSON.parse(JSON.stringify(templateFamily.toJSON(x))))).toEqual(x);
    }
    expect(() => templateFamily.fromJSON({ act: { kind: 'relu' }, u: 'x' })).toThrow(/^u:/);
  });

  it('is not registered', () => {
    expect(wzcLedger().claims.filter((c) => c.id.startsWith('wzc.template'))).toEqual([]);
  });
});
