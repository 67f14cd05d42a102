import { describe, expect, it } from 'vitest';
import { claimGroup, HOLDS } from '../../src/engine/claimGroup.ts';
import { compareGe } from '../../src/engine/tolerance.ts';
import { toyFamily } from './fixtures/toyLedger.ts';

describe('claimGroup', () => {
  it('shares family, hypotheses and tags; a member may override them; expectation defaults to holds', () => {
    const group = claimGroup({ family: toyFamily, hypotheses: [{ name: 'any', test: () => true }], tags: ['g'] });
    const base = { source: { paper: 'WZC' as const, item: 't' }, kind: 'inequality' as const, method: 'm' };
    const a = group({ ...base, id: 'g.a', statement: 'x² ≥ 0', check: (p, ctx) => compareGe(p.x * p.x, 0, ctx) });
    const b = group({
      ...base, id: 'g.b', statement: 's', hypotheses: [], tags: ['own'], expected: { status: 'refuted', erratum: 'E' },
      check: () => ({ status: 'holds' }),
    });
    expect(a).toMatchObject({ familyName: toyFamily.name, hypothesisNames: ['any'], tags: ['g'], expected: HOLDS, method: 'm' });
    expect(b).toMatchObject({ hypothesisNames: [], tags: ['own'], expected: { status: 'refuted', erratum: 'E' } });
  });
});
