/**
 * `npm run bench:verify`: the same `lagrangelab verify` at --jobs 1 and --jobs 2 (each a fresh CLI process,
 * start-up included), checks that the two reports are the same (timings aside) and prints wall times and the
 * speedup. Exit 1 when the reports differ.
 *
 *   npm run bench:verify                                   # npm run verify's flags: --factor 6 --mutants --mutant-runs 40
 *   npm run bench:verify -- --jobs-list 1,2,3 -- --factor 1   # other job counts (the first is the baseline), other verify flags
 *
 * Other processes on the machine skew both sides; the load average and each run's CPU time (all threads) are
 * printed with the wall times: on a busy machine, compare CPU times (the parallel run's overhead) as well.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { reportDifferences } from '../src/report/compare.ts';
import type { VerifyReport } from '../src/report/schema.ts';

const DEFAULT_VERIFY_ARGS = ['--factor', '6', '--mutants', '--mutant-runs', '40'];
const BIN = fileURLToPath(new URL('../bin/lagrangelab.js', import.meta.url));

function parseArgs(argv: string[]): { jobs: number[]; verify: string[] } {
  let jobs = [1, 2];
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--jobs-list') {
      const v = argv[++i] ?? '';
      jobs = v.split(',').map(Number);
      if (jobs.length < 2 || jobs.some((j) => !Number.isInteger(j) || j < 1)) throw new Error(`--jobs-list: expected n,m,… (integers ≥ 1), got ${JSON.stringify(v)}`);
    } else if (argv[i] !== '--') {
      rest.push(argv[i]);
    }
  }
  return { jobs, verify: rest.length > 0 ? rest : DEFAULT_VERIFY_ARGS };
}

interface Timed {
  jobs: number;
  wallMs: number;
  /** CPU time of the whole process, every thread (user + system). */
  cpuMs: number;
  code: number | null;
  report: VerifyReport;
}

/** Preloaded into the verify process: writes its CPU time (all threads: workers are threads) at exit. */
const CPU_HOOK = `import { writeFileSync } from 'node:fs';
process.on('exit', () => { const u = process.cpuUsage(); writeFileSync(process.env.LAGRANGELAB_BENCH_CPU, String((u.user + u.system) / 1000)); });
`;

function runVerify(jobs: number, verifyArgs: string[]): Timed {
  const dir = mkdtempSync(join(tmpdir(), `lagrangelab-bench-j${jobs}-`));
  try {
    const hook = join(dir, 'cpu-hook.mjs');
    const cpuFile = join(dir, 'cpu.txt');
    writeFileSync(hook, CPU_HOOK);
    const out = join(dir, 'report');
    const t0 = performance.now();
    const r = spawnSync(process.execPath, ['--import', hook, BIN, 'verify', ...verifyArgs, '--jobs', String(jobs), '--report-dir', out, '--force'], {
      stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, LAGRANGELAB_BENCH_CPU: cpuFile },
    });
    const wallMs = performance.now() - t0;
    if (r.status !== 0 && r.status !== 1) throw new Error(`verify --jobs ${jobs} exited with ${r.status ?? r.signal}`);
    return {
      jobs, wallMs, cpuMs: Number(readFileSync(cpuFile, 'utf8')), code: r.status,
      report: JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as VerifyReport,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const { jobs, verify } = parseArgs(process.argv.slice(2));
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');
console.log(`lagrangelab verify ${verify.join(' ')}  (node ${process.version}, load average ${load()})`);
const results: Timed[] = [];
for (const j of jobs) {
  const r = runVerify(j, verify);
  results.push(r);
  console.log(`  --jobs ${j}: ${(r.wallMs / 1000).toFixed(1)} s wall, ${(r.cpuMs / 1000).toFixed(1)} s CPU (exit ${r.code}; load average after ${load()})`);
}
const [base] = results;
let same = true;
for (const r of results.slice(1)) {
  const diffs = reportDifferences(base.report, r.report);
  if (diffs.length > 0 || r.code !== base.code) {
    same = false;
    console.log(`  --jobs ${r.jobs} report DIFFERS from --jobs ${base.jobs}${r.code !== base.code ? ` (exit ${r.code} vs ${base.code})` : ''}:`);
    for (const d of diffs) console.log(`    ${d}`);
  }
  console.log(`  speedup --jobs ${r.jobs} vs --jobs ${base.jobs}: ${(base.wallMs / r.wallMs).toFixed(2)}× wall; CPU ${(r.cpuMs / base.cpuMs).toFixed(2)}× of --jobs ${base.jobs}'s`);
}
const c = base.report.claims;
console.log(`  ${c.length} claims, ${c.reduce((s, x) => s + x.stats.runs, 0)} runs, ${base.report.mutants?.reduce((s, m) => s + m.cells.length + m.baseline.length, 0) ?? 0} matrix cells`);
console.log(same ? `  reports identical (timings aside): ${results.map((r) => `--jobs ${r.jobs}`).join(', ')}` : '  REPORTS DIFFER');
process.exitCode = same ? 0 : 1;
