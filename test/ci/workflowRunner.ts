/**
 * A small local stand-in for GitHub Actions, enough to run `.github/workflows/verify.yml` here: jobs in `needs`
 * order (independent jobs and matrix instances concurrently, as GitHub does), each in a fresh copy of the
 * checkout; `${{ … }}` expressions (contexts matrix, env, github, steps; cancelled(), always(), success(),
 * failure(), hashFiles()); `if:` on jobs and steps; `run:` steps in `bash -eo pipefail` with `$GITHUB_OUTPUT`;
 * and the four actions the recipe uses (checkout, setup-node, upload-artifact, download-artifact) emulated on a
 * local artifact folder. Anything else in the file — an unknown action, context or function — throws, so the
 * workflow cannot grow something this runner silently ignores. Commands listed in `skip` are not run (each
 * with its reason, reported); every other `run:` step is.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, join } from 'node:path';
import { parse } from 'yaml';

export interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, string | number | boolean>;
  env?: Record<string, string>;
}

export interface Job {
  name?: string;
  needs?: string | string[];
  if?: string;
  'runs-on': string;
  strategy?: { 'fail-fast'?: boolean; matrix?: Record<string, (string | number)[]> };
  permissions?: Record<string, string>;
  env?: Record<string, string>;
  steps: Step[];
}

export interface Workflow {
  name: string;
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  env?: Record<string, string | number>;
  jobs: Record<string, Job>;
}

/** Parse a workflow file (the `yaml` package), checking the top-level shape. */
export function readWorkflow(file: string): Workflow {
  const w = parse(readFileSync(file, 'utf8')) as Workflow;
  if (typeof w?.name !== 'string' || typeof w.jobs !== 'object' || w.jobs === null) throw new Error(`${file}: not a workflow (name, jobs)`);
  for (const [id, j] of Object.entries(w.jobs)) if (!Array.isArray(j.steps)) throw new Error(`${file}: job ${id} has no steps`);
  return w;
}

/** What happened to one step. */
export interface StepResult {
  label: string;
  kind: 'run' | 'uses' | 'skipped' | 'not-run';
  /** The command after expression substitution (run steps). */
  command?: string;
  /** Why a run step was skipped, or which `if` was false. */
  reason?: string;
  exit?: number;
  output?: string;
}

/** One job instance (a matrix combination). */
export interface JobResult {
  id: string;
  name: string;
  matrix: Record<string, string | number>;
  status: 'success' | 'failure' | 'skipped';
  steps: StepResult[];
}

/** Options of {@link runWorkflow}. */
export interface LocalRunOptions {
  /** `push` (to main) or `pull_request`. */
  event: 'push' | 'pull_request';
  /** A copy of the checkout; every job instance starts from a fresh copy of it. */
  template: string;
  /** Scratch folder: job workspaces and the artifact store (`<work>/artifacts/<name>/`). */
  work: string;
  /** Overrides of the workflow's `env` (e.g. a small VERIFY_FLAGS). */
  env?: Record<string, string>;
  /** Environment of every step besides the workflow's (PATH with fake tools first, HOME, …). */
  baseEnv: NodeJS.ProcessEnv;
  /** Commands not to run, with the reason (exact match on the substituted command). */
  skip?: Record<string, string>;
  /** Run only these jobs (their `needs` count as succeeded). */
  only?: string[];
  /** Pull request number for `github.event.pull_request.number`. */
  prNumber?: number;
}

type Value = string | number | boolean | null;

interface Ctx {
  matrix: Record<string, string | number>;
  env: Record<string, string>;
  github: { event_name: string; token: string; repository: string; event: { pull_request?: { number: number } } };
  steps: Record<string, { outputs: Record<string, string> }>;
  workspace: string;
  /** Status functions: of the job so far (steps) or of the needed jobs (job `if`). */
  ok: boolean;
}

// ---------------------------------------------------------------------------------------------------------
// Expressions: a recursive-descent parser of the subset the recipe uses (GitHub's grammar, fewer functions).

function evaluate(src: string, ctx: Ctx): Value {
  const toks = src.match(/'(?:[^']|'')*'|&&|\|\||==|!=|[!()]|[A-Za-z_][\w-]*(?:\.[\w-]+)*|\d+(?:\.\d+)?|,|\S/g) ?? [];
  let i = 0;
  const peek = (): string | undefined => toks[i];
  const next = (): string => {
    const t = toks[i++];
    if (t === undefined) throw new Error(`expression ${src}: unexpected end`);
    return t;
  };
  const truthy = (v: Value): boolean => v !== null && v !== false && v !== '' && v !== 0;
  const primary = (): Value => {
    const t = next();
    if (t === '!') return !truthy(primary());
    if (t === '(') {
      const v = or();
      if (next() !== ')') throw new Error(`expression ${src}: ) expected`);
      return v;
    }
    if (t.startsWith("'")) return t.slice(1, -1).replace(/''/g, "'");
    if (/^\d/.test(t)) return Number(t);
    if (t === 'true' || t === 'false') return t === 'true';
    if (peek() === '(') {
      next();
      const args: Value[] = [];
      while (peek() !== ')') {
        args.push(or());
        if (peek() === ',') next();
      }
      next();
      return call(t, args);
    }
    return lookup(t);
  };
  const call = (fn: string, args: Value[]): Value => {
    switch (fn) {
      case 'cancelled': return false;
      case 'always': return true;
      case 'success': return ctx.ok;
      case 'failure': return !ctx.ok;
      case 'hashFiles': return args.every((a) => existsSync(join(ctx.workspace, String(a)))) ? 'hash' : '';
      default: throw new Error(`expression ${src}: function ${fn}() is not supported by the local runner`);
    }
  };
  const lookup = (path: string): Value => {
    const [head, ...rest] = path.split('.');
    const roots: Record<string, unknown> = { matrix: ctx.matrix, env: ctx.env, github: ctx.github, steps: ctx.steps };
    if (!(head in roots)) throw new Error(`expression ${src}: context ${head} is not supported by the local runner`);
    let v: unknown = roots[head];
    for (const k of rest) v = typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[k] : undefined;
    return v === undefined ? null : (v as Value);
  };
  const cmp = (): Value => {
    let a = primary();
    while (peek() === '==' || peek() === '!=') {
      const op = next();
      const b = primary();
      const eq = String(a ?? '') === String(b ?? '');
      a = op === '==' ? eq : !eq;
    }
    return a;
  };
  const and = (): Value => {
    let a = cmp();
    while (peek() === '&&') {
      next();
      const b = cmp();
      a = truthy(a) ? b : a;
    }
    return a;
  };
  const or = (): Value => {
    let a = and();
    while (peek() === '||') {
      next();
      const b = and();
      a = truthy(a) ? a : b;
    }
    return a;
  };
  const v = or();
  if (i !== toks.length) throw new Error(`expression ${src}: unexpected ${toks[i]}`);
  return v;
}

/** Substitute every `${{ … }}` of a string. */
export function substitute(s: string, ctx: Ctx): string {
  return s.replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_m, e: string) => String(evaluate(e, ctx) ?? ''));
}

/** An `if:` condition (with or without `${{ }}`); none means `success()`. */
function condition(expr: string | undefined, ctx: Ctx): boolean {
  if (expr === undefined) return ctx.ok;
  const e = expr.trim().replace(/^\$\{\{\s*([\s\S]*?)\s*\}\}$/, '$1');
  const v = evaluate(e, ctx);
  return v !== null && v !== false && v !== '' && v !== 0;
}

// ---------------------------------------------------------------------------------------------------------
// Steps and jobs

function sh(script: string, cwd: string, env: NodeJS.ProcessEnv): Promise<{ exit: number; output: string }> {
  return new Promise((resolve) => {
    const p = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    p.stdout.on('data', (d: Buffer) => { output += d.toString(); });
    p.stderr.on('data', (d: Buffer) => { output += d.toString(); });
    p.on('close', (code) => resolve({ exit: code ?? 1, output }));
  });
}

const lines = (v: unknown): string[] => String(v ?? '').split('\n').map((s) => s.trim()).filter((s) => s !== '');

function copyInto(src: string, dst: string): void {
  mkdirSync(dst, { recursive: true });
  if (statSync(src).isDirectory()) cpSync(src, dst, { recursive: true });
  else cpSync(src, join(dst, basename(src)));
}

/** The emulated actions: returns an error message, or null on success. */
function action(uses: string, w: Record<string, string>, ws: string, store: string): string | null {
  const [name] = uses.split('@');
  switch (name) {
    case 'actions/checkout':
      return null; // the workspace is a fresh copy of the checkout
    case 'actions/setup-node': {
      const want = String(w['node-version'] ?? '');
      const have = process.versions.node.split('.')[0];
      return want === have ? null : `setup-node: the recipe asks for Node ${want}, this runner has ${have}`;
    }
    case 'actions/upload-artifact': {
      const found = lines(w.path).map((p) => join(ws, p)).filter((p) => existsSync(p));
      if (found.length === 0) return null; // if-no-files-found: warn (the default)
      for (const p of found) copyInto(p, join(store, w.name));
      return null;
    }
    case 'actions/download-artifact': {
      const dest = join(ws, w.path ?? '.');
      if (w.name !== undefined) {
        if (!existsSync(join(store, w.name))) return `download-artifact: no artifact ${w.name}`;
        copyInto(join(store, w.name), dest);
        return null;
      }
      const re = new RegExp(`^${String(w.pattern).split('*').map((x) => x.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
      const names = existsSync(store) ? readdirSync(store).filter((n) => re.test(n)) : [];
      for (const n of names) copyInto(join(store, n), join(dest, n));
      return names.length > 0 ? null : `download-artifact: nothing matches ${w.pattern}`;
    }
    default:
      throw new Error(`action ${uses} is not emulated by the local runner`);
  }
}

async function runJob(w: Workflow, id: string, matrix: Record<string, string | number>, needsOk: boolean, o: LocalRunOptions): Promise<JobResult> {
  const job = w.jobs[id];
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...(w.env ?? {}), ...(job.env ?? {}) })) env[k] = String(v);
  Object.assign(env, o.env ?? {});
  mkdirSync(join(o.work, 'jobs'), { recursive: true });
  // a fresh folder per job instance and run, as each GitHub job gets a fresh runner
  const ws = mkdtempSync(join(o.work, 'jobs', `${id}${Object.values(matrix).map((v) => `-${v}`).join('')}-`));
  const ctx: Ctx = {
    matrix, env, steps: {}, workspace: ws, ok: needsOk,
    github: { event_name: o.event, token: 'local-token', repository: 'local/lagrangelab', event: o.event === 'pull_request' ? { pull_request: { number: o.prNumber ?? 1 } } : {} },
  };
  const name = substitute(job.name ?? id, ctx);
  const result: JobResult = { id, name, matrix, status: 'skipped', steps: [] };
  if (!condition(job.if, ctx)) return result;
  cpSync(o.template, ws, { recursive: true, verbatimSymlinks: true });
  ctx.ok = true;
  const store = join(o.work, 'artifacts');
  for (const [n, step] of job.steps.entries()) {
    const label = substitute(step.name ?? step.uses ?? step.run?.split('\n')[0] ?? `step ${n + 1}`, ctx);
    if (!condition(step.if, ctx)) {
      result.steps.push({ label, kind: 'not-run', reason: `if: ${step.if ?? 'success()'}` });
      continue;
    }
    if (step.uses !== undefined) {
      const w2: Record<string, string> = {};
      for (const [k, v] of Object.entries(step.with ?? {})) w2[k] = substitute(String(v), ctx);
      const err = action(step.uses, w2, ws, store);
      result.steps.push({ label, kind: 'uses', exit: err === null ? 0 : 1, output: err ?? '' });
      if (err !== null) ctx.ok = false;
      continue;
    }
    const command = substitute(step.run ?? '', ctx);
    const skip = o.skip?.[command.trim()];
    if (skip !== undefined) {
      result.steps.push({ label, kind: 'skipped', command, reason: skip });
      continue;
    }
    const outFile = join(ws, `.github_output_${n}`);
    writeFileSync(outFile, '');
    const stepEnv: Record<string, string> = {};
    for (const [k, v] of Object.entries(step.env ?? {})) stepEnv[k] = substitute(String(v), ctx);
    const r = await sh(command, ws, {
      ...o.baseEnv, ...env, ...stepEnv, CI: 'true', GITHUB_ACTIONS: 'true', GITHUB_OUTPUT: outFile, GITHUB_EVENT_NAME: o.event,
      GITHUB_REPOSITORY: ctx.github.repository, GITHUB_WORKSPACE: ws,
    });
    const outputs: Record<string, string> = {};
    for (const line of readFileSync(outFile, 'utf8').split('\n')) {
      const eq = line.indexOf('=');
      if (eq > 0) outputs[line.slice(0, eq)] = line.slice(eq + 1);
    }
    if (step.id !== undefined) ctx.steps[step.id] = { outputs };
    result.steps.push({ label, kind: 'run', command, exit: r.exit, output: r.output });
    if (r.exit !== 0) ctx.ok = false;
  }
  result.status = ctx.ok ? 'success' : 'failure';
  return result;
}

/** Matrix combinations of a job (one empty combination without a matrix). */
function combinations(job: Job): Record<string, string | number>[] {
  let out: Record<string, string | number>[] = [{}];
  for (const [k, vals] of Object.entries(job.strategy?.matrix ?? {})) out = out.flatMap((c) => vals.map((v) => ({ ...c, [k]: v })));
  return out;
}

/** Run a limited number of async tasks at a time, results in order. */
async function pool<T>(tasks: (() => Promise<T>)[], size: number): Promise<T[]> {
  const out: T[] = new Array<T>(tasks.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) {
      const i = next++;
      out[i] = await tasks[i]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, tasks.length) }, worker));
  return out;
}

/** Run the workflow (see the module documentation); resolves to every job instance's result, in run order. */
export async function runWorkflow(w: Workflow, o: LocalRunOptions): Promise<JobResult[]> {
  const ids = Object.keys(w.jobs).filter((id) => o.only === undefined || o.only.includes(id));
  const needs = (id: string): string[] => [w.jobs[id].needs ?? []].flat().filter((n) => ids.includes(n));
  const done = new Map<string, JobResult[]>();
  const results: JobResult[] = [];
  while (done.size < ids.length) {
    const ready = ids.filter((id) => !done.has(id) && needs(id).every((n) => done.has(n)));
    if (ready.length === 0) throw new Error(`jobs ${ids.filter((id) => !done.has(id)).join(', ')}: a needs cycle or an unknown job`);
    const tasks = ready.flatMap((id) => {
      const ok = needs(id).every((n) => (done.get(n) ?? []).every((r) => r.status === 'success'));
      return combinations(w.jobs[id]).map((m) => () => runJob(w, id, m, ok, o));
    });
    const level = await pool(tasks, Math.max(1, availableParallelism()));
    for (const id of ready) done.set(id, level.filter((r) => r.id === id));
    results.push(...level);
  }
  return results;
}
