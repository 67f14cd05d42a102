/**
 * Where ledgers come from when they are named rather than passed: worker threads (functions and claim objects
 * cannot cross a thread boundary, so the CLI names the module that builds them — e.g. the URL of
 * `src/cli/registry.ts` and its export `loadLedgers` — and every worker imports it itself), and a user's own
 * ledger module (`lagrangelab verify --ledger FILE`). The engine never imports a paper.
 */
import { pathToFileURL } from 'node:url';
import { isAbsolute } from 'node:path';
import { LedgerError } from '../registry.ts';
import { validateLedgers } from '../ledgerShape.ts';
import type { PaperLedger, RegisteredClaim } from '../types.ts';

/** A module and the name of its export: `PaperLedger[]`, or a (possibly async) function returning one. */
export interface LedgerSource {
  /** Module specifier: a `file:` URL, an absolute path or a package name. */
  module: string;
  /** Export name (e.g. `loadLedgers`, or `default`). */
  export: string;
}

/** Exports a ledger module is searched for when none is named, in this order. */
export const LEDGER_EXPORTS = ['default', 'ledgers', 'ledger', 'loadLedgers'] as const;

/** `module#export`, for messages. */
export function describeSource(s: LedgerSource): string {
  return `${s.module}#${s.export}`;
}

const TS_FILE = /\.(?:[cm]?ts|tsx)$/;
/** This file runs as TypeScript (from the sources, through tsx or vitest): a TypeScript loader is in place. */
const FROM_SOURCES = import.meta.url.endsWith('.ts');
let tsLoader: Promise<void> | null = null;

/**
 * Before importing a TypeScript module from the compiled package (dist/), register tsx's loader — an optional
 * peer dependency, needed only for `.ts` ledgers; plain `.js` ledgers need nothing.
 */
function ensureTsLoader(spec: string): Promise<void> {
  if (FROM_SOURCES || !TS_FILE.test(spec.split('?')[0])) return Promise.resolve();
  tsLoader ??= import('tsx/esm/api').then(
    (m: { register: () => unknown }) => { m.register(); },
    () => { throw new LedgerError('a TypeScript ledger needs tsx to load (npm install --save-dev tsx), or compile it to .js'); },
  );
  return tsLoader;
}

/** Import a module given as a file URL, an absolute path or a package name. */
export async function importModule(module: string): Promise<Record<string, unknown>> {
  const spec = isAbsolute(module) ? pathToFileURL(module).href : module;
  await ensureTsLoader(spec);
  return (await import(spec)) as Record<string, unknown>;
}

/** The value of a ledger export: the export itself, or what the function it holds returns (awaited). */
async function exportValue(mod: Record<string, unknown>, name: string, label: string): Promise<unknown> {
  const x = mod[name];
  if (x === undefined) throw new LedgerError(`${label}: the module has no export ${name}`);
  if (typeof x !== 'function') return x;
  try {
    return await (x as () => unknown)();
  } catch (e) {
    throw new LedgerError(`${label}: ${name}() threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
  }
}

/**
 * Import a ledger source and check what it gives ({@link validateLedgers}): one ledger, an array of ledgers, or
 * a (possibly async) function returning either. Throws a {@link LedgerError} naming the source, and the claim and
 * field when a ledger is malformed.
 */
export async function loadLedgerSource(s: LedgerSource): Promise<PaperLedger[]> {
  let mod: Record<string, unknown>;
  try {
    mod = await importModule(s.module);
  } catch (e) {
    throw e instanceof LedgerError ? new LedgerError(`${describeSource(s)}: ${e.message}`) : e;
  }
  return validateLedgerValue(await exportValue(mod, s.export, describeSource(s)), describeSource(s));
}

function validateLedgerValue(v: unknown, label: string): PaperLedger[] {
  try {
    return validateLedgers(v);
  } catch (e) {
    throw new LedgerError(`${label}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/**
 * A user's ledger module (`--ledger FILE[#export]`): imported, its export found (the named one, else the first
 * of {@link LEDGER_EXPORTS} it has), and checked. Returns the ledgers and the source worker threads load them from.
 * An import that throws (a syntax error, a ledger module failing at load) is a {@link LedgerError} too.
 */
export async function loadLedgerModule(file: string, exportName?: string, label = file): Promise<{ ledgers: PaperLedger[]; source: LedgerSource }> {
  let mod: Record<string, unknown>;
  try {
    mod = await importModule(file);
  } catch (e) {
    if (e instanceof LedgerError) throw new LedgerError(`${label}: ${e.message}`);
    throw new LedgerError(`${label}: could not be loaded: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
  }
  const name = exportName ?? LEDGER_EXPORTS.find((k) => mod[k] !== undefined);
  if (name === undefined) {
    throw new LedgerError(`${label}: no ledger export (looked for ${LEDGER_EXPORTS.join(', ')}; exports: ${Object.keys(mod).join(', ') || 'none'}); name one with FILE#export`);
  }
  const at = `${label}#${name}`;
  return { ledgers: validateLedgerValue(await exportValue(mod, name, at), at), source: { module: file, export: name } };
}

/** Each claim by id with the ledger holding it; on duplicate ids the first wins (as a verify run registers them). */
export function indexLedgers(ledgers: readonly PaperLedger[]): (id: string) => { claim: RegisteredClaim; ledger: PaperLedger } | undefined {
  const byId = new Map<string, { claim: RegisteredClaim; ledger: PaperLedger }>();
  for (const ledger of ledgers) for (const claim of ledger.claims) if (!byId.has(claim.id)) byId.set(claim.id, { claim, ledger });
  return (id) => byId.get(id);
}
