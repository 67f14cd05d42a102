/** Every WZC claim has a measured inconclusive budget, and the table names no claim that does not exist. */
import { describe, expect, it } from 'vitest';
import { WZC_INCONCLUSIVE_BUDGETS } from '../../../../../src/papers/wzc/claims/_internals/budgets.ts';
import { wzcLedger } from '../../../../../src/papers/wzc/claims/ledger.ts';

describe('WZC inconclusive budgets', () => {
  const ledger = wzcLedger();
  const ids = ledger.claims.map((c) => c.id);

  it('cover exactly the registered claims, each with a rate in [0, 1) and a reason', () => {
    expect(Object.keys(WZC_INCONCLUSIVE_BUDGETS).sort()).toEqual([...ids].sort());
    for (const [id, b] of Object.entries(WZC_INCONCLUSIVE_BUDGETS)) {
      for (const r of [b.rate, b.deep ?? b.rate]) expect(r >= 0 && r < 1, id).toBe(true);
      expect(b.reason, id).toMatch(/measured f1 \d+\/\d+, f2 \d+\/\d+, f6 \d+\/\d+, deep \d+\/\d+/);
    }
  });

  it('reach the ledger', () => {
    for (const c of ledger.claims) expect(c.inconclusiveBudget, c.id).toBe(WZC_INCONCLUSIVE_BUDGETS[c.id]);
  });
});
