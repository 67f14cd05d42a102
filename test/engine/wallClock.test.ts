import { describe, expect, it } from 'vitest';
import { verdictMatches, WALL_CLOCK_TAG } from '../../src/engine/evaluate.ts';

describe('verdictMatches and wall-clock claims', () => {
  const refuted = { expected: { status: 'refuted' as const, erratum: 'x-E-1' }, tags: [] as string[] };
  const holds = { expected: { status: 'holds' as const }, tags: [] as string[] };
  it('an ordinary claim matches only its expected verdict', () => {
    expect(verdictMatches(refuted, 'violated')).toBe(true);
    expect(verdictMatches(refuted, 'inconclusive')).toBe(false);
    expect(verdictMatches(holds, 'holds')).toBe(true);
    expect(verdictMatches(holds, 'inconclusive')).toBe(false);
  });
  it('a wall-clock claim left undecided by a busy machine matches; a reversed one does not', () => {
    const wr = { ...refuted, tags: [WALL_CLOCK_TAG] }, wh = { ...holds, tags: [WALL_CLOCK_TAG] };
    expect(verdictMatches(wr, 'inconclusive')).toBe(true);
    expect(verdictMatches(wh, 'inconclusive')).toBe(true);
    expect(verdictMatches(wr, 'holds')).toBe(false);
    expect(verdictMatches(wh, 'violated')).toBe(false);
    expect(verdictMatches(wh, 'hypotheses-unmet')).toBe(false);
  });
});
