/**
 * Where worker threads get their ledgers. Functions and claim objects cannot cross a thread boundary, so the
 * CLI names the module that builds them (e.g. the URL of `src/cli/registry.ts` and its export `loadLedgers`)
 * and every worker imports it itself. The engine never imports a paper; a user's own ledger module works the
 * same way.
 */
import { pathToFileURL } from 'node:url';
import { isAbsolute } from 'node:path';
import type { PaperLedger, RegisteredClaim } from '../types.ts';

/** A module and the name of its export: `PaperLedger[]`, or a (possibly async) function returning one. */
export interface LedgerSource {
  /** Module specifier: a `file:` URL, an absolute path or a package name. */
  module: string;
  /** Export name (e.g. `loadLedgers`). */
  export: string;
}

/** `module#export`, for messages. */
export function describeSource(s: LedgerSource): string {
  return `${s.module}#${s.export}`;
}

/** Import a ledger source; throws with a message naming the source when it does not give ledgers. */
export async function loadLedgerSource(s: LedgerSource): Promise<PaperLedger[]> {
  const spec = isAbsolute(s.module) ? pathToFileURL(s.module).href : s.module;
  const mod = (await import(spec)) as Record<string, unknown>;
  const x = mod[s.export];
  if (x === undefined) throw new Error(`${describeSource(s)}: the module has no such export`);
  const v: unknown = typeof x === 'function' ? await (x as () => unknown)() : x;
  if (!Array.isArray(v) || !v.every((l) => typeof l === 'object' && l !== null && Array.isArray((l as { claims?: unknown }).claims))) {
    throw new Error(`${describeSource(s)}: expected PaperLedger[] or a function returning one`);
  }
  return v as PaperLedger[];
}

/** Each claim by id with the ledger holding it; on duplicate ids the first wins (as a verify run registers them). */
export function indexLedgers(ledgers: readonly PaperLedger[]): (id: string) => { claim: RegisteredClaim; ledger: PaperLedger } | undefined {
  const byId = new Map<string, { claim: RegisteredClaim; ledger: PaperLedger }>();
  for (const ledger of ledgers) for (const claim of ledger.claims) if (!byId.has(claim.id)) byId.set(claim.id, { claim, ledger });
  return (id) => byId.get(id);
}
