/**
 * The CI recipe `.github/workflows/verify.yml` cannot run on GitHub from here, so this parses it (`yaml`) and
 * runs every `run:` step locally, in order, through test/ci/workflowRunner.ts, on a small budget: VERIFY_FLAGS is
 * overridden to two cheap claims, 8 runs each and a 2-run mutant matrix on one thread. The GitHub CLI is a local
 * stand-in serving main's report (an unsharded verify with the same flags) and recording the pull-request comment.
 * Not run: `npm ci` (the job copies share this checkout's node_modules), `npm test` (this test runs inside it)
 * and `npm run test:pack` (≈34 s; it runs with LAGRANGELAB_PACK_TEST=1).
 */
import { describe, expect, it } from 'vitest';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { REPO_ROOT } from '../../src/engine/registry.ts';
import { readReport } from '../../src/report/write.ts';
import { COMPARE_MARKER } from '../../src/report/comparisonMarkdown.ts';
import type { Comparison } from '../../src/report/comparison.ts';
import { cli } from '../helpers/cli.ts';
import { readWorkflow, runWorkflow, type JobResult, type LocalRunOptions } from './workflowRunner.ts';

const WORKFLOW = join(REPO_ROOT, '.github/workflows/verify.yml');
const SMALL = '--claim wzc.eq3.14*,wzc.eq3.18* --runs 8 --mutants --mutant-runs 2 --jobs 1';

const SKIP: Record<string, string> = {
  'npm ci': "the job's copy of the checkout shares this checkout's node_modules (an install would replace it)",
  'npm test': 'this test runs inside npm test',
  'npm run test:pack': '≈34 s: runs with LAGRANGELAB_PACK_TEST=1 (npm run test:pack)',
};

/** A stand-in for the GitHub CLI: the three calls the recipe makes, served from local folders. */
const FAKE_GH = `#!/usr/bin/env bash
set -eo pipefail
echo "gh $*" >> "$FAKE_GH_LOG"
[ -n "$GH_TOKEN" ] || { echo "gh: GH_TOKEN is not set" >&2; exit 4; }
arg() { local want=$1; shift; while [ $# -gt 0 ]; do [ "$1" = "$want" ] && { echo "$2"; return; }; shift; done; }
case "$1 $2" in
  "run list") [ -d "$FAKE_GH_BASE" ] && echo 4242; exit 0 ;;
  "run download")
    [ "$3" = 4242 ] && [ "$(arg --name "$@")" = verify-report ] || { echo "gh: no such run or artifact" >&2; exit 1; }
    dir=$(arg --dir "$@"); mkdir -p "$dir"; cp -r "$FAKE_GH_BASE"/. "$dir"/ ;;
  "pr comment") cp "$(arg --body-file "$@")" "$FAKE_GH_COMMENTS/pr-$3.md" ;;
  *) echo "gh: not emulated: $*" >&2; exit 1 ;;
esac
`;

/** A copy of the checkout (tracked and untracked, not ignored files) with this node_modules linked in. */
function checkoutCopy(dst: string): void {
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: REPO_ROOT, encoding: 'utf8' }).split('\0');
  for (const f of files) {
    if (f === '' || !existsSync(join(REPO_ROOT, f))) continue;
    mkdirSync(dirname(join(dst, f)), { recursive: true });
    cpSync(join(REPO_ROOT, f), join(dst, f));
  }
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(dst, 'node_modules'), 'dir');
}

const runs = (rs: JobResult[]) => rs.flatMap((r) => r.steps.filter((s) => s.kind === 'run').map((s) => ({ job: r.name, ...s })));
const describeJobs = (rs: JobResult[]): string =>
  rs.map((r) => `${r.name}: ${r.status}\n${r.steps.map((s) => `  ${s.kind} ${s.label}${s.exit !== undefined ? ` → ${s.exit}` : ''}${s.exit ? `\n${s.output}` : ''}`).join('\n')}`).join('\n');

describe('.github/workflows/verify.yml', () => {
  const w = readWorkflow(WORKFLOW);

  it('has the jobs of the recipe: tests, a verify shard matrix as long as SHARDS, merge, compare on pull requests', () => {
    expect(Object.keys(w.jobs)).toEqual(['test', 'verify', 'merge', 'compare']);
    expect(Object.keys(w.on).sort()).toEqual(['pull_request', 'push']);
    expect(w.on.push).toEqual({ branches: ['main'] });
    expect(w.jobs.verify.strategy?.matrix?.shard).toHaveLength(Number(w.env?.SHARDS));
    expect(w.jobs.verify.strategy?.['fail-fast']).toBe(false);
    expect(w.jobs.merge.needs).toBe('verify');
    expect(w.jobs.compare.needs).toBe('merge');
    expect(w.jobs.compare.if).toMatch(/github\.event_name == 'pull_request'/);
    expect(w.jobs.compare.permissions?.['pull-requests']).toBe('write');
    expect(String(w.env?.VERIFY_FLAGS)).toMatch(/--mutants/);
    // every run: step outside those left out calls the lagrangelab binary, a shell builtin or the GitHub CLI
    const commands = Object.values(w.jobs).flatMap((j) => j.steps.flatMap((s) => (s.run === undefined ? [] : [s.run.trim()])));
    expect(commands.filter((c) => !(c in SKIP) && !/npx lagrangelab|gh |exit /.test(c))).toEqual([]);
  });

  it('runs locally, every run: step in order: shards → merge (JUnit) → compare → comment; a regression fails it after commenting', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'lagrangelab-ci-'));
    const template = join(tmp, 'checkout');
    checkoutCopy(template);
    const bin = join(tmp, 'bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'gh'), FAKE_GH);
    chmodSync(join(bin, 'gh'), 0o755);
    const base = join(tmp, 'main-report');
    const comments = join(tmp, 'comments');
    mkdirSync(comments);
    // main's report: what the recipe uploads on a push to main, made here by one unsharded run with the same flags
    const made = await cli(['verify', ...SMALL.split(' '), '--report-dir', base]);
    expect(made.code, made.stderr).toBe(0);
    const opts: LocalRunOptions = {
      event: 'pull_request', template, work: join(tmp, 'run'), env: { VERIFY_FLAGS: SMALL }, skip: SKIP, prNumber: 17,
      baseEnv: { PATH: `${bin}:${process.env.PATH}`, HOME: process.env.HOME, FAKE_GH_LOG: join(tmp, 'gh.log'), FAKE_GH_BASE: base, FAKE_GH_COMMENTS: comments },
    };
    const t0 = Date.now();
    const results = await runWorkflow(w, opts);
    const seconds = (Date.now() - t0) / 1000;
    console.log(`workflow run locally in ${seconds.toFixed(1)} s:\n${describeJobs(results).replace(/\n {2}(?:uses|not-run|skipped).*/g, '')}`);
    expect(results.map((r) => `${r.name}: ${r.status}`), describeJobs(results)).toEqual([
      'type check, tests, package: success', 'verify shard 1: success', 'verify shard 2: success', 'verify shard 3: success',
      'verify shard 4: success', 'merge the shards: success', 'compare with main: success',
    ]);
    // what was run, and what was left out and why
    const ran = runs(results);
    expect(ran.every((s) => s.exit === 0)).toBe(true);
    expect(ran.map((s) => s.command?.split('\n')[0])).toEqual([
      ...[1, 2, 3, 4].map((i) => `npx lagrangelab verify $VERIFY_FLAGS --shard ${i}/$SHARDS --report-dir reports/shard-${i}`),
      'npx lagrangelab merge shards/verify-shard-* --report-dir reports/verify',
      'run_id=$(gh run list --repo "$GITHUB_REPOSITORY" --workflow verify.yml --branch main --event push --status success --limit 1 --json databaseId --jq \'.[0].databaseId\')',
      'set +e',
      'gh pr comment 17 --repo "$GITHUB_REPOSITORY" --edit-last --create-if-none --body-file compare.md',
      'exit 0',
    ]);
    const skipped = results.flatMap((r) => r.steps.filter((s) => s.kind === 'skipped').map((s) => s.command));
    expect(new Set(skipped)).toEqual(new Set(Object.keys(SKIP)));
    // the artifacts: four shard reports, the merged report and its JUnit, the comparison
    const artifacts = join(opts.work, 'artifacts');
    expect(readdirSync(artifacts).sort()).toEqual(['compare', 'junit', 'verify-report', 'verify-shard-1', 'verify-shard-2', 'verify-shard-3', 'verify-shard-4']);
    const merged = readReport(join(artifacts, 'verify-report'));
    expect(merged.run.mergedShards).toBe(4);
    expect(merged.summary.ok).toBe(true);
    expect(readFileSync(join(artifacts, 'junit', 'junit.xml'), 'utf8')).toMatch(/<testsuites[^>]*>/);
    const cmp = JSON.parse(readFileSync(join(artifacts, 'compare', 'compare.json'), 'utf8')) as Comparison;
    expect([cmp.regression, cmp.findings]).toEqual([false, []]);
    // the comment on pull request 17
    const comment = readFileSync(join(comments, 'pr-17.md'), 'utf8');
    expect(comment.startsWith(`${COMPARE_MARKER}\n## lagrangelab compare: ✅ **no regression**`)).toBe(true);

    // A pull request that lost something main had (here: a counterexample fixture main replayed): compare exits 1,
    // the comment still goes out, and the job fails at its last step.
    const worse = join(tmp, 'main-report-2');
    cpSync(base, worse, { recursive: true });
    const r = JSON.parse(readFileSync(join(worse, 'report.json'), 'utf8')) as { fixtures: unknown[]; summary: { fixturesReplayed: number } };
    r.fixtures.push({ file: 'fixtures/counterexamples/wzc/wzc.eq3.14.z-step--gone.json', claim: 'wzc.eq3.14.z-step', expected: 'holds', status: 'ok' });
    r.summary.fixturesReplayed += 1;
    writeFileSync(join(worse, 'report.json'), JSON.stringify(r));
    const again = await runWorkflow(w, { ...opts, only: ['compare'], baseEnv: { ...opts.baseEnv, FAKE_GH_BASE: worse } });
    expect(again.map((x) => x.status), describeJobs(again)).toEqual(['failure']);
    const last = again[0].steps.filter((s) => s.kind === 'run');
    expect(last.map((s) => s.exit)).toEqual([0, 0, 0, 1]);
    expect(readFileSync(join(comments, 'pr-17.md'), 'utf8')).toMatch(/❌ \*\*1 regression\*\*[\s\S]*fixtures\/counterexamples\/wzc\/wzc\.eq3\.14\.z-step--gone\.json/);
    expect(readFileSync(opts.baseEnv.FAKE_GH_LOG as string, 'utf8').split('\n').filter((l) => l.startsWith('gh pr comment'))).toHaveLength(2);
  }, 240_000);

  it('on a push to main the same jobs run and compare is skipped', async () => {
    // Expressions only: no step runs (every job but compare is filtered out), so this costs nothing.
    const tmp = mkdtempSync(join(tmpdir(), 'lagrangelab-ci-push-'));
    mkdirSync(join(tmp, 'checkout'));
    const results = await runWorkflow(w, {
      event: 'push', template: join(tmp, 'checkout'), work: join(tmp, 'run'), baseEnv: { PATH: process.env.PATH }, only: ['compare'],
    });
    expect(results.map((r) => [r.id, r.status])).toEqual([['compare', 'skipped']]);
  });
});
