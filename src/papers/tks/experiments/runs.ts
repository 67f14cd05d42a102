/** The text runs of the TKS experiments: they live with the ledger's empirical claims, which share them. */
export * from '../claims/_internals/textRuns.ts';
