/**
 * `lagrangelab train`: train with one training method (`--method <id>`, default wzc-alm) on an instance file or
 * the method's own data source, and write a run file. Paper-agnostic: each method brings its flags, defaults,
 * instance format and run file (src/engine/method.ts); src/cli/registry.ts lists the methods.
 *
 * Design choices (README, "lagrangelab train"):
 * - Flags: the common ones (--method, --instance, --seed, --out, --force, --quiet, --timing) and every method's
 *   own flags are registered; a flag of another method than the selected one is a usage error.
 * - Determinism: the run file holds no wall-clock data unless --timing is given, so one seed and one command give
 *   a byte-identical file. Its `command` is the canonical argument vector: output-only flags left out, flags in
 *   the method's order, `--method` only when it is not the default.
 * - Safety: every input (flags, instance file, --out) is validated before training starts; the run file is
 *   written atomically (temp file + rename) after success only. On divergence nothing is written to --out; the
 *   method's file of the last finite state goes to a sibling `<out>.diverged.json` (unless that exists and
 *   --force is absent) and the command exits with code 3.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Option, type Command } from 'commander';
import cliProgress from 'cli-progress';
import { UsageError } from './errors.ts';
import { checkOut, errCode, parseInteger, writeAtomic } from './files.ts';
import { DEFAULT_METHOD, loadMethods } from './registry.ts';
import { findMethod, type AnyTrainingMethod, type MethodObserver, type TrainingMethod } from '../engine/method.ts';
import { formatJson } from '../core/json.ts';
import { WorkerFailureError } from '../engine/parallel/transport.ts';

/** Exit code of a run that diverged (usage errors exit 2). */
export const EXIT_DIVERGED = 3;
/** Exit code of a run stopped by a failed worker thread (no run file written). */
export const EXIT_WORKER_FAILED = 4;

/** The flags every method shares (commander's parsed options, plus the methods' own flags by name). */
interface CommonFlags {
  method: string;
  instance?: string;
  seed: string;
  out?: string;
  force?: boolean;
  quiet?: boolean;
  timing?: boolean;
}

const COMMON = ['method', 'instance', 'seed', 'out', 'force', 'quiet', 'timing', 'help'];

/** A method flag as registered: its commander attribute and the methods that declare it. */
interface RegisteredFlag {
  attr: string;
  owners: string[];
}

/** Register `lagrangelab train` with every flag of every method in `methods`. */
export function registerTrain(
  program: Command,
  setExit: (code: number) => void,
  methods: readonly AnyTrainingMethod[] = loadMethods(),
  defaultId = DEFAULT_METHOD,
): void {
  const ids = methods.map((m) => m.id).join(' | ');
  const cmd = program
    .command('train')
    .description(`train with a training method (default ${defaultId}: ${findMethod(methods, defaultId).description}) and write a run file`)
    .option('--method <id>', `training method: ${ids}`, defaultId)
    .option('--instance <file>', "instance JSON file in the method's format (see the README)");
  const registered = registerMethodFlags(cmd, methods);
  cmd
    .option('--seed <S>', 'seed of data generation and initialization (integer 0..4294967295)', '1')
    .option('--out <file>', 'run file to write (default runs/train-<seed>.json)')
    .option('--force', 'overwrite an existing run file')
    .option('--quiet', 'no progress, summary or warnings')
    .option('--timing', 'record wall-clock times (elapsedMs, trace timeMs): the file then differs run to run')
    .action(async (flags: CommonFlags & Record<string, unknown>) => {
      setExit(await train(flags, methods, registered, defaultId));
    });
}

/** Register the union of the methods' own flags; a name two methods share is one option. */
function registerMethodFlags(cmd: Command, methods: readonly AnyTrainingMethod[]): Map<string, RegisteredFlag> {
  const byName = new Map<string, { arg: string; helps: [string, string][] }>();
  for (const m of methods) {
    for (const [name, f] of Object.entries(m.flags)) {
      if (COMMON.includes(name)) throw new Error(`method ${m.id}: flag --${name} clashes with a common train flag`);
      const e = byName.get(name) ?? { arg: f.arg, helps: [] };
      e.helps.push([m.id, f.help]);
      byName.set(name, e);
    }
  }
  const out = new Map<string, RegisteredFlag>();
  for (const [name, { arg, helps }] of byName) {
    const owners = helps.map(([id]) => id);
    // Methods that give a flag the same help share one entry (the eight baselines' --lr, say).
    const groups = new Map<string, string[]>();
    for (const [id, h] of helps) groups.set(h, [...(groups.get(h) ?? []), id]);
    let help = groups.size === 1 ? helps[0][1] : [...groups].map(([h, ids]) => `${ids.join(', ')}: ${h}`).join('; ');
    if (owners.length < methods.length) help += ` [${owners.join(', ')}]`;
    const opt = new Option(`--${name} <${arg}>`, help);
    cmd.addOption(opt);
    out.set(name, { attr: opt.attributeName(), owners });
  }
  return out;
}

/** Run `train` with parsed flags; resolves to the exit code. Throws a FieldError for bad input. */
async function train(
  flags: CommonFlags & Record<string, unknown>,
  methods: readonly AnyTrainingMethod[],
  registered: ReadonlyMap<string, RegisteredFlag>,
  defaultId: string,
): Promise<number> {
  const method = findMethod(methods, flags.method);
  const raw = ownFlags(method, flags, registered);
  const seed = parseInteger(flags.seed, '--seed', 0, 0xffffffff);
  const values = parseOwnFlags(method, raw, flags.instance !== undefined);
  const instance = flags.instance === undefined ? undefined : { file: flags.instance, text: readInstance(flags.instance) };
  const prepared = method.prepare({ instance, flags: values, seed });
  const out = checkOut(flags.out ?? path.join('runs', `train-${seed}.json`), flags.out !== undefined, !!flags.force);
  const command = canonicalCommand(method, flags, raw, defaultId);
  const say = (s: string) => {
    if (!flags.quiet) process.stderr.write(s);
  };
  for (const w of prepared.warnings) say(`lagrangelab: warning: ${w}\n`);
  const started = Date.now();
  const progress = makeProgress(method.progressLabels, !flags.quiet);
  let result: unknown;
  try {
    const options = { seed, observer: progress.observer };
    result = method.runAsync ? await method.runAsync(prepared.instance, options) : method.run(prepared.instance, options);
  } catch (e) {
    if (!(e instanceof WorkerFailureError)) throw e;
    progress.stop();
    process.stderr.write(`lagrangelab: run stopped: ${e.message}; no run file written (replay: ${command.join(' ')})\n`);
    return EXIT_WORKER_FAILED;
  } finally {
    progress.stop();
  }
  const elapsedMs = flags.timing ? Date.now() - started : undefined;
  const file = method.runFile(prepared.instance, result, { command, seed, elapsedMs });
  const outcome = method.outcome(file);
  if (outcome.diverged) {
    process.stderr.write(`lagrangelab: ${outcome.message}; ${writeDiverged(out, file, !!flags.force)}\n`);
    return EXIT_DIVERGED;
  }
  writeAtomic(out, formatJson(file) + '\n');
  if (!flags.quiet) process.stdout.write(`wrote ${out} (${outcome.summary})\n`);
  return 0;
}

// ---------------------------------------------------------------------------------------------------------------
// Validation: everything the user gave, before any training.

/** Raw values of the selected method's own flags; a flag only other methods declare is refused. */
function ownFlags(method: AnyTrainingMethod, flags: Record<string, unknown>, registered: ReadonlyMap<string, RegisteredFlag>): Record<string, string> {
  const raw: Record<string, string> = {};
  for (const [name, { attr, owners }] of registered) {
    const v = flags[attr];
    if (v === undefined) continue;
    if (!(name in method.flags)) {
      throw new UsageError(`--${name}`, `not a flag of method ${method.id} (it belongs to ${owners.join(', ')})`);
    }
    raw[name] = String(v);
  }
  return raw;
}

/**
 * Parse the method's flags in declaration order; its source flags (data instead of --instance) only after
 * checking that exactly one of --instance and them was given.
 */
function parseOwnFlags(method: AnyTrainingMethod, raw: Record<string, string>, hasInstance: boolean): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  const entries = Object.entries(method.flags);
  for (const [name, f] of entries) if (!f.source && raw[name] !== undefined) values[name] = f.parse(raw[name], `--${name}`);
  const sources = entries.filter(([, f]) => f.source);
  const given = sources.filter(([name]) => raw[name] !== undefined).length + (hasInstance ? 1 : 0);
  if (given !== 1) {
    const alternatives = ['--instance FILE', ...sources.map(([name, f]) => `--${name} ${f.arg.toUpperCase()}`)];
    throw new UsageError('--instance', sources.length ? `give exactly one of ${alternatives.join(' or ')}` : 'missing (give --instance FILE)');
  }
  for (const [name, f] of sources) if (raw[name] !== undefined) values[name] = f.parse(raw[name], `--${name}`);
  return values;
}

function readInstance(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError('--instance', `cannot read "${file}" (${errCode(e)})`);
  }
}

/**
 * The flags that determine the result, as an argument vector in the method's fixed order. Output-only flags
 * (--out, --force, --quiet) are left out so a run file does not depend on where it was written or how it was
 * typed; so is `--method` of the default method, so run files from before --method existed stay the same.
 */
function canonicalCommand(method: AnyTrainingMethod, flags: CommonFlags, raw: Record<string, string>, defaultId: string): string[] {
  const out = ['lagrangelab', 'train'];
  if (method.id !== defaultId) out.push('--method', method.id);
  const order = method.commandOrder ?? ['instance', ...Object.keys(method.flags), 'seed'];
  const names = [...order, ...Object.keys(method.flags).filter((n) => !order.includes(n))];
  for (const name of names) {
    const v = name === 'instance' ? flags.instance : name === 'seed' ? flags.seed : raw[name];
    if (v !== undefined) out.push(`--${name}`, v);
  }
  if (flags.timing) out.push('--timing');
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Output.

/** Write the file of a diverged run next to --out; returns what happened, for the message. */
function writeDiverged(out: string, file: unknown, force: boolean): string {
  const sibling = out.replace(/\.json$/i, '') + '.diverged.json';
  if (fs.existsSync(sibling) && !force) return `"${sibling}" exists, not overwritten (use --force); nothing written`;
  try {
    writeAtomic(sibling, formatJson(file) + '\n');
  } catch (err) {
    return `could not write the last finite iterate (${errCode(err)}); nothing written`;
  }
  return `nothing written to --out; last finite iterate in "${sibling}"`;
}

/** Progress per iteration: a cli-progress bar on a TTY, one plain line per iteration otherwise. */
function makeProgress(
  labels: TrainingMethod<unknown, unknown, unknown>['progressLabels'],
  enabled: boolean,
): { observer: MethodObserver | undefined; stop: () => void } {
  if (!enabled) return { observer: undefined, stop: () => {} };
  const warning = (w: string) => process.stderr.write(`lagrangelab: warning: ${w}\n`);
  if (process.stderr.isTTY) {
    const metrics = labels.metrics.map((name, i) => ` | ${name} {m${i}}`).join('');
    const bar = new cliProgress.SingleBar(
      { stream: process.stderr, format: `${labels.bar} {bar} {value}/{total}${metrics}`, hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    const payload = (e?: { metrics: Readonly<Record<string, number>> }) =>
      Object.fromEntries(labels.metrics.map((name, i) => [`m${i}`, fmt(e?.metrics[name])]));
    let started = false;
    return {
      observer: {
        warning,
        start: (of) => {
          bar.start(of, 0, payload());
          started = true;
        },
        progress: (e) => bar.update(e.iteration, payload(e)),
      },
      stop: () => {
        if (started) bar.stop();
        started = false;
      },
    };
  }
  return {
    observer: {
      warning,
      progress: (e) => {
        const metrics = labels.metrics.map((name) => `  ${name} ${fmt(e.metrics[name])}`).join('');
        const marks = (e.marks ?? []).map((w) => `  ${w}`).join('');
        process.stderr.write(`${labels.unit} ${e.iteration}/${e.of}${e.detail ? `  ${e.detail}` : ''}${metrics}${marks}\n`);
      },
    },
    stop: () => {},
  };
}

/** A metric for the progress line: '-' while it has no value yet (a method leaves it out), NaN/Infinity as such. */
function fmt(x: number | undefined): string {
  if (x === undefined) return '-';
  return Number.isFinite(x) ? x.toExponential(3) : String(x);
}
