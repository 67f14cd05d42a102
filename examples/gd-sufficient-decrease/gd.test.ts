// The example ledger as vitest tests: one test per claim (named `<claim id> (ci)`), the ledger's consistency, the
// erratum's counterexample fixture, and the planted fault. `npx vitest run` in a project holding this folder.
import { ledgerTests } from 'lagrangelab/vitest';
import gdLedger from './ledger.ts';

ledgerTests(gdLedger(), { root: new URL('.', import.meta.url), ledger: './ledger.ts', mutants: { runs: 20 } });
