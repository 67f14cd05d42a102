/**
 * The falsifiability matrix of the WZC ledger: every planted solver bug of src/papers/wzc/solver/mutants.ts must change
 * the verdict of at least one claim. To stay within ~2 min on 2 cores it runs the pointwise WZC claims
 * (§2–3, cheap) and, of the §4 / Algorithm 3.1–3.2 claims, those tagged `mutant-probe` (the long-cap
 * termination and asymptotic claims are left out), 20 runs per cell.
 */
import { describe } from 'vitest';
import { mutantMatrixTest } from 'lagrangelab/vitest';
import { wzcLedger } from '../src/papers/wzc/claims/ledger.ts';
import { wzcClaims } from '../test/helpers/wzcClaimSets.ts';

const SEC4 = new Set(wzcClaims('runs').map((c) => c.id));
const ledger = wzcLedger();

describe('WZC mutant matrix', () => {
  mutantMatrixTest(ledger, {
    name: 'every mutant is caught by at least one claim',
    claims: ledger.claims.filter((c) => !SEC4.has(c.id) || c.tags.includes('mutant-probe')).map((c) => c.id),
    runs: 20,
    timeoutMs: 240_000,
    onMatrix: (m) => {
      const lines = m.mutants.map((x) => `${x.id.padEnd(22)} → ${x.caughtBy.length > 0 ? x.caughtBy.join(', ') : 'NOT CAUGHT'}`);
      console.log(`WZC mutant matrix (${m.claims.length} claims, ${m.runsPerCell} runs per cell):\n${lines.join('\n')}`);
    },
  });
});
