/**
 * The registry of paper ledgers: lookup of claims by id or glob, and the consistency checks that keep claims,
 * errata, counterexample fixtures and coverage tables in step with each other.
 *
 * The engine never reaches for a global ledger list: the CLI builds a {@link ClaimRegistry} from
 * `loadLedgers()` (or from ledgers a test injects).
 */
import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PaperLedger, RegisteredClaim } from './types.ts';

/** Repository root (this file is `src/engine/registry.ts`); fixtures and errata paths are relative to it. */
export const REPO_ROOT: string = fileURLToPath(new URL('../../', import.meta.url));

/** A ledger that cannot be registered (duplicate claim id). */
export class LedgerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LedgerError';
  }
}

/**
 * Compile a claim-id glob: `*` matches any run of characters (dots included), everything else is literal;
 * several globs may be given separated by commas. The whole id must match.
 */
export function globToRegExp(glob: string): RegExp {
  const alts = glob
    .split(',')
    .map((g) => g.trim())
    .filter((g) => g.length > 0)
    .map((g) => g.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*'));
  return new RegExp(`^(?:${alts.length === 0 ? '' : alts.join('|')})$`);
}

/** A set of ledgers with unique claim ids. */
export class ClaimRegistry {
  private readonly ledgers: PaperLedger[] = [];
  private readonly byId = new Map<string, { claim: RegisteredClaim; ledger: PaperLedger }>();

  /** Register every ledger given (throws {@link LedgerError} on a duplicate claim id). */
  constructor(ledgers: readonly PaperLedger[] = []) {
    for (const l of ledgers) this.registerLedger(l);
  }

  /** Add a ledger; throws {@link LedgerError} if one of its claim ids is already registered. */
  registerLedger(ledger: PaperLedger): void {
    const seen = new Set<string>();
    for (const c of ledger.claims) {
      if (this.byId.has(c.id) || seen.has(c.id)) {
        throw new LedgerError(`duplicate claim id ${c.id} (ledger ${ledger.paper})`);
      }
      seen.add(c.id);
    }
    this.ledgers.push(ledger);
    for (const c of ledger.claims) this.byId.set(c.id, { claim: c, ledger });
  }

  /** The registered ledgers, in registration order. */
  allLedgers(): readonly PaperLedger[] {
    return this.ledgers;
  }

  /** Every claim, in ledger then declaration order. */
  allClaims(): RegisteredClaim[] {
    return this.ledgers.flatMap((l) => l.claims);
  }

  /** The claim with this id, if any. */
  claim(id: string): RegisteredClaim | undefined {
    return this.byId.get(id)?.claim;
  }

  /** The ledger a claim belongs to. */
  ledgerOf(id: string): PaperLedger | undefined {
    return this.byId.get(id)?.ledger;
  }

  /** Claims whose id matches the glob (see {@link globToRegExp}), in registry order. */
  findClaims(glob: string): RegisteredClaim[] {
    const re = globToRegExp(glob);
    return this.allClaims().filter((c) => re.test(c.id));
  }
}

/** Options of {@link checkLedgers}. */
export interface LedgerCheckOptions {
  /** Root that erratum fixture paths are relative to (default {@link REPO_ROOT}). */
  root?: string;
}

/**
 * Consistency problems of a set of ledgers, one line each (empty when consistent):
 * duplicate claim or erratum ids; a refuted claim whose erratum is missing; an erratum whose claim is missing,
 * not expected refuted, or points at another erratum; a missing fixture file; missing or refuted corrected
 * claims; a `corrects` pointing nowhere; coverage entries naming unknown claims, or empty without a reason.
 */
export function checkLedgers(ledgers: readonly PaperLedger[], opts: LedgerCheckOptions = {}): string[] {
  const root = opts.root ?? REPO_ROOT;
  const problems: string[] = [];
  const claims = new Map<string, RegisteredClaim>();
  for (const l of ledgers) {
    for (const c of l.claims) {
      if (claims.has(c.id)) problems.push(`${l.paper}: duplicate claim id ${c.id}`);
      claims.set(c.id, c);
    }
  }
  const errata = new Map<string, string>();
  for (const l of ledgers) {
    for (const e of l.errata) {
      if (errata.has(e.id)) problems.push(`${l.paper}: duplicate erratum id ${e.id}`);
      errata.set(e.id, e.claim);
    }
  }
  for (const l of ledgers) {
    const p = l.paper;
    for (const c of l.claims) {
      if (c.expected.status === 'refuted') {
        const claimOfErratum = errata.get(c.expected.erratum);
        if (claimOfErratum === undefined) problems.push(`${p}: claim ${c.id} is expected refuted but erratum ${c.expected.erratum} does not exist`);
        else if (claimOfErratum !== c.id) problems.push(`${p}: claim ${c.id} points at erratum ${c.expected.erratum}, which is about ${claimOfErratum}`);
      }
      if (c.corrects !== undefined && !claims.has(c.corrects)) problems.push(`${p}: claim ${c.id} corrects unknown claim ${c.corrects}`);
    }
    for (const e of l.errata) {
      const c = claims.get(e.claim);
      if (c === undefined) problems.push(`${p}: erratum ${e.id} is about unknown claim ${e.claim}`);
      else if (c.expected.status !== 'refuted') problems.push(`${p}: erratum ${e.id} is about ${e.claim}, which is expected to hold`);
      const fixture = isAbsolute(e.fixture) ? e.fixture : join(root, e.fixture);
      if (!existsSync(fixture)) problems.push(`${p}: erratum ${e.id} fixture ${e.fixture} does not exist`);
      if (e.correctedClaims.length === 0) problems.push(`${p}: erratum ${e.id} names no corrected claim`);
      for (const id of e.correctedClaims) {
        const cc = claims.get(id);
        if (cc === undefined) problems.push(`${p}: erratum ${e.id} corrected claim ${id} does not exist`);
        else if (cc.expected.status !== 'holds') problems.push(`${p}: erratum ${e.id} corrected claim ${id} is not expected to hold`);
      }
    }
    for (const entry of l.coverage) {
      for (const id of entry.claims) {
        if (!claims.has(id)) problems.push(`${p}: coverage of ${entry.item} names unknown claim ${id}`);
      }
      if (entry.claims.length === 0 && (entry.uncovered === undefined || entry.uncovered.trim() === '')) {
        problems.push(`${p}: coverage of ${entry.item} has no claims and no reason`);
      }
    }
  }
  return problems;
}
