/**
 * Reading a results folder of `lagrangelab reproduce` (`<dir>/<name>/result.json` in the shape of
 * experimentResult.ts, beside its figure files) for the report page. Every problem with a file is a
 * {@link ReportInputError} naming the file and the field; a figure's SVG is inlined, so a missing or foreign one
 * is an error too, and a performance profile's costs are turned into a figure here (the page builder stays sync).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { EXPERIMENT_RESULT_VERSION, type ExperimentProfileData, type ExperimentResult } from '../experimentResult.ts';
import { performanceProfile } from '../../engine/profiles.ts';
import { renderVegaLiteSvg } from '../vega.ts';

/** An input of the report (a verify report, a results folder, a file in it) that cannot be used. */
export class ReportInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReportInputError';
  }
}

/** A figure with its SVG text, ready to inline. */
export interface LoadedFigure {
  title: string;
  /** The SVG element (prolog, doctype and scripts removed). */
  svg: string;
  /** Data points plotted (0: an empty figure, which the page flags). */
  points: number;
  /** Path of the SVG file relative to the results folder. */
  file: string;
}

/** One experiment as the page shows it. */
export interface LoadedExperiment {
  result: ExperimentResult;
  /** Path of result.json relative to the results folder. */
  file: string;
  figures: LoadedFigure[];
  /** Dolan–Moré profiles drawn from `result.profiles`. */
  profiles: LoadedFigure[];
}

/** What a results folder held. */
export interface LoadedResults {
  dir: string;
  experiments: LoadedExperiment[];
  /** Sub-folders without result.json (an interrupted or running reproduction). */
  incomplete: string[];
}

type Check = (v: unknown, at: string) => string | null;
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str: Check = (v, at) => (typeof v === 'string' ? null : `${at}: expected a string`);
const int: Check = (v, at) => (Number.isInteger(v) && (v as number) >= 0 ? null : `${at}: expected a non-negative integer`);
const num: Check = (v, at) => (typeof v === 'number' && Number.isFinite(v) ? null : `${at}: expected a finite number`);
const arr = (c: Check): Check => (v, at) => {
  if (!Array.isArray(v)) return `${at}: expected an array`;
  for (let i = 0; i < v.length; i++) {
    const e = c(v[i], `${at}[${i}]`);
    if (e) return e;
  }
  return null;
};
const oneOf = (...vals: string[]): Check => (v, at) => (typeof v === 'string' && vals.includes(v) ? null : `${at}: expected one of ${vals.join(', ')}`);
const obj = (fields: Record<string, Check>, optional: Record<string, Check> = {}): Check => (v, at) => {
  if (!isObj(v)) return `${at}: expected an object`;
  for (const [k, c] of Object.entries(fields)) {
    if (!(k in v)) return `${at}.${k}: missing`;
    const e = c(v[k], `${at}.${k}`);
    if (e) return e;
  }
  for (const [k, c] of Object.entries(optional)) {
    const e = v[k] === undefined ? null : c(v[k], `${at}.${k}`);
    if (e) return e;
  }
  return null;
};
const record: Check = (v, at) => {
  if (!isObj(v)) return `${at}: expected an object of strings`;
  const bad = Object.keys(v).find((k) => typeof v[k] !== 'string');
  return bad === undefined ? null : `${at}.${bad}: expected a string`;
};
const cost: Check = (v, at) => (v === null || (typeof v === 'number' && v > 0) ? null : `${at}: expected a cost > 0 or null (a failure)`);
const profileCheck: Check = (v, at) => {
  const e = obj({ title: str, measure: str, solvers: arr(str), problems: arr(str), costs: arr(arr(cost)) })(v, at);
  if (e) return e;
  const p = v as unknown as ExperimentProfileData;
  if (p.solvers.length === 0) return `${at}.solvers: expected at least one method`;
  if (p.costs.length !== p.problems.length) return `${at}.costs: ${p.costs.length} rows for ${p.problems.length} problems`;
  const bad = p.costs.findIndex((row) => row.length !== p.solvers.length);
  return bad < 0 ? null : `${at}.costs[${bad}]: ${p.costs[bad].length} costs for ${p.solvers.length} methods`;
};
const resultCheck = obj(
  {
    version: (v, at) => (v === EXPERIMENT_RESULT_VERSION ? null : `${at}: expected ${EXPERIMENT_RESULT_VERSION}`),
    name: str, paper: str, title: str, scale: oneOf('scaled', 'full'), seed: num, command: str, versions: record,
    startedAt: str, finishedAt: str, cells: obj({ total: int, computed: int, reused: int }),
    tables: arr(obj({ title: str, columns: arr(str), rows: arr(arr(str)) }, { note: str })),
    figures: arr(obj({ title: str, svg: str, points: int }, { png: str, data: str })),
    paperComparisons: arr(obj({ quantity: str, paper: str, ours: str }, { note: str })),
    empirical: arr(obj({ claimId: str, statement: str, status: str, detail: str })),
    notes: arr(str),
  },
  { profiles: arr(profileCheck) },
);

/** Check a parsed result.json; the first problem as `result.<field>: …`, or null. */
export function checkExperimentResult(json: unknown): string | null {
  return resultCheck(json, 'result');
}

/** The `<svg …>…</svg>` element of an SVG file, without prolog, doctype or scripts; null when there is none. */
export function svgElement(text: string): string | null {
  const start = text.search(/<svg[\s>]/);
  const end = text.lastIndexOf('</svg>');
  if (start < 0 || end < start) return null;
  // figures come from our own renderer, but a results folder is a file a user may hand over: inline no code
  return text.slice(start, end + 6).replace(/<script[\s\S]*?<\/script>/gi, '').replace(/\son[a-z]+\s*=\s*("[^"]*"|'[^']*')/gi, '');
}

function readSvg(expDir: string, rel: string, file: string, at: string): string {
  const full = resolve(expDir, rel);
  if (full !== expDir && !full.startsWith(expDir + sep)) throw new ReportInputError(`${file}: ${at}: ${rel} lies outside the experiment's folder`);
  if (!existsSync(full)) throw new ReportInputError(`${file}: ${at}: ${rel} does not exist`);
  const svg = svgElement(readFileSync(full, 'utf8'));
  if (svg === null) throw new ReportInputError(`${file}: ${at}: ${rel} holds no <svg> element`);
  return svg;
}

/** The Vega-Lite specification of a profile: ρ_s(τ) as steps against τ on a log axis. */
export function profileSpec(p: ExperimentProfileData): { spec: Record<string, unknown>; points: number } {
  const prof = performanceProfile(p.solvers, p.costs.map((row) => row.map((c) => c ?? Infinity)));
  const values = prof.solvers.flatMap((s, i) => prof.taus.map((tau, k) => ({ method: s, tau, rho: prof.rho[i][k] })));
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 420, height: 220, title: p.title,
    data: { values },
    mark: { type: 'line', interpolate: 'step-after', point: true },
    encoding: {
      x: { field: 'tau', type: 'quantitative', scale: { type: 'log' }, title: `τ (ratio to the best ${p.measure})` },
      y: { field: 'rho', type: 'quantitative', scale: { domain: [0, 1] }, title: 'ρ(τ): share of problems within τ' },
      color: { field: 'method', type: 'nominal' },
    },
  };
  return { spec, points: values.length };
}

async function loadOne(resultsDir: string, name: string): Promise<LoadedExperiment | null> {
  const expDir = join(resultsDir, name);
  const full = join(expDir, 'result.json');
  if (!existsSync(full)) return null;
  const file = relative(resultsDir, full);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(full, 'utf8'));
  } catch (e) {
    throw new ReportInputError(`${full}: not JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  const problem = checkExperimentResult(json);
  if (problem) throw new ReportInputError(`${full}: ${problem}`);
  const result = json as ExperimentResult;
  const figures = result.figures.map((f, i) => ({
    title: f.title, points: f.points, file: join(name, f.svg), svg: readSvg(expDir, f.svg, full, `result.figures[${i}].svg`),
  }));
  const profiles: LoadedFigure[] = [];
  for (const p of result.profiles ?? []) {
    const { spec, points } = profileSpec(p);
    profiles.push({ title: p.title, points, file: file, svg: svgElement(await renderVegaLiteSvg(spec)) ?? '' });
  }
  return { result, file, figures, profiles };
}

/** Read every `<dir>/<name>/result.json` (sorted by name); null when `dir` does not exist. */
export async function loadResults(dir: string): Promise<LoadedResults | null> {
  if (!existsSync(dir)) return null;
  if (!statSync(dir).isDirectory()) throw new ReportInputError(`${dir}: not a directory`);
  const names = readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const experiments: LoadedExperiment[] = [];
  const incomplete: string[] = [];
  for (const n of names) {
    const e = await loadOne(dir, n);
    if (e) experiments.push(e);
    else incomplete.push(n);
  }
  return { dir, experiments, incomplete };
}
