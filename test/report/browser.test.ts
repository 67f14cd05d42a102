/**
 * The report page as a reader sees it: a real (small) WZC verify run and a synthetic results folder, rendered by
 * `lagrangelab report`, opened in Debian's chromium driven by playwright-core. Asserts on what is visible: verdict
 * counts, a refuted claim's counterexample and replay command, the ledger filter, a figure with drawn marks, the
 * distinct styles of vacuous/unsatisfiable/unknown statuses, no network access, and the page without script.
 * A screenshot of the first screen goes to /tmp/lagrangelab-report.png.
 *
 * Without chromium the suite is skipped with a warning, except under CI (`CI` set), where it fails saying how to
 * install it (.ci/run installs it).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { verifyCli } from '../helpers/verifyCli.ts';
import { reportAction } from '../../src/cli/report.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const HAVE = existsSync(CHROMIUM);
const RESULTS = fileURLToPath(new URL('../fixtures/report/results', import.meta.url));
export const SCREENSHOT = '/tmp/lagrangelab-report.png';

if (!HAVE && !process.env.CI) console.warn(`\n⚠ test/report/browser.test.ts SKIPPED: no chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)\n`);

describe.runIf(!HAVE && process.env.CI)('report page in a browser (CI without chromium)', () => {
  it('needs chromium', () => {
    throw new Error(`chromium not found at ${CHROMIUM}: install it with \`apt-get update && apt-get install -y chromium\` (.ci/run does) or set CHROMIUM_PATH`);
  });
});

describe.runIf(HAVE)('report page in a browser', () => {
  let dir = '';
  let browser: Browser;
  let page: Page;
  const requests: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lagrangelab-page-'));
    const claims = 'wzc.lemma3.2.eq3.2.L1*,wzc.eq4.35.leaky-uminus*,wzc.lemma3.1.iii.grad-z';
    const v = await verifyCli(['verify', '--paper', 'wzc', '--claim', claims, '--runs', '30', '--jobs', '1', '--mutants', '--mutant-runs', '3', '--report-dir', join(dir, 'verify')], {});
    expect(v.code, v.out + v.err).toBe(0);
    const out = { write: () => true };
    expect(await reportAction({ out: join(dir, 'page'), verify: join(dir, 'verify'), results: RESULTS }, true, { stdout: out })).toBe(0);
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`file://${join(dir, 'page', 'index.html')}`);
    // the first screen (summary, counts, the ledger); a full-page shot costs another second or two on a loaded machine
    await page.screenshot({ path: SCREENSHOT });
  });

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('shows the verdict counts of the run', async () => {
    const counts = page.locator('#paper-wzc .counts');
    await expect(counts.isVisible()).resolves.toBe(true);
    const text = await counts.innerText();
    expect(text).toMatch(/✓ holds 3/);
    expect(text).toMatch(/✗ violated 2/);
    expect(text).toMatch(/5\/5 match their expectation/);
  });

  it("shows a refuted claim's counterexample and its replay command", async () => {
    const e = page.locator('#erratum-wzc-e-3-4');
    await expect(e.locator('.literal').innerText()).resolves.toMatch(/\(3\.4\)/);
    const cx = e.locator('.cx');
    await expect(cx.isVisible()).resolves.toBe(true);
    await expect(cx.locator('pre.instance').innerText()).resolves.toMatch(/^\{"prob":\{"dims":/);
    const replay = cx.locator('.replay code.cmd');
    await expect(replay.isVisible()).resolves.toBe(true);
    await expect(replay.innerText()).resolves.toMatch(/lagrangelab verify --claim wzc\.lemma3\.2\.eq3\.2\.L1 --seed \d+ --path \S+/);
    // the ledger row links to it
    await expect(page.locator('#claim-wzc-lemma3-2-eq3-2-l1 a.to-cx').getAttribute('href')).resolves.toBe('#erratum-wzc-e-3-4');
  });

  it('filters the ledger by verdict and by kind, and shows every row again', async () => {
    const sec = page.locator('#paper-wzc');
    const visible = () => sec.locator('table.ledger tbody tr:visible').count();
    await expect(sec.locator('.filters').isVisible()).resolves.toBe(true);
    expect(await visible()).toBe(5);
    await sec.locator('select[data-filter="verdict"]').selectOption('violated');
    expect(await visible()).toBe(2);
    await expect(sec.locator('table.ledger tbody tr:visible').first().getAttribute('data-verdict')).resolves.toBe('violated');
    await expect(sec.locator('.filters .shown').innerText()).resolves.toBe('2 of 5 claims shown');
    await sec.locator('select[data-filter="kind"]').selectOption('identity');
    expect(await visible()).toBe(0);
    await sec.locator('select[data-filter="verdict"]').selectOption('');
    expect(await visible()).toBe(1);
    await sec.locator('select[data-filter="kind"]').selectOption('');
    expect(await visible()).toBe(5);
  });

  it('draws the figures with non-empty marks, and the performance profile', async () => {
    const figs = page.locator('#exp-wzc-mini figure.fig');
    expect(await figs.count()).toBe(2);
    for (let i = 0; i < 2; i++) {
      const f = figs.nth(i);
      expect(Number(await f.getAttribute('data-points'))).toBeGreaterThan(0);
      const box = await f.locator('svg').first().boundingBox();
      expect(box?.width).toBeGreaterThan(100);
      const d = await f.locator('.mark-line path').first().getAttribute('d');
      expect(d?.length ?? 0).toBeGreaterThan(20);
    }
    await expect(figs.nth(1).locator('figcaption').innerText()).resolves.toMatch(/Final TrainErr profile/);
  });

  it('styles vacuous, unsatisfiable and an unknown status apart, each under its name', async () => {
    const bg = async (status: string) => {
      const b = page.locator(`.badge[data-status="${status}"]`).first();
      await expect(b.innerText()).resolves.toContain(status);
      // a function given as text: the test's tsconfig has no DOM types, the browser has the DOM
      const expr = `(() => { const s = getComputedStyle(document.querySelector('.badge[data-status="${status}"]')); return s.backgroundColor + ' ' + s.borderStyle; })()`;
      return page.evaluate(expr) as Promise<string>;
    };
    const styles = await Promise.all(['holds', 'violated', 'vacuous', 'unsatisfiable', 'a-new-status'].map(bg));
    expect(new Set(styles).size).toBe(5);
  });

  it('loads nothing from anywhere but the file itself', () => {
    expect(requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
  });

  it('reads fully without script: every row shown, no dead filter controls', async () => {
    const ctx = await browser.newContext({ javaScriptEnabled: false });
    const p = await ctx.newPage();
    await p.goto(`file://${join(dir, 'page', 'index.html')}`);
    expect(await p.locator('#paper-wzc table.ledger tbody tr:visible').count()).toBe(5);
    await expect(p.locator('#paper-wzc .filters').isVisible()).resolves.toBe(false);
    await ctx.close();
  });
});
