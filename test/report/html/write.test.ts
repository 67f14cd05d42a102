import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assertWritablePageDir, foreignPageEntries, writePageDir } from '../../../src/report/html/write.ts';
import { renderReportHtml } from '../../../src/report/html/page.ts';
import { renderReportPageMarkdown } from '../../../src/report/html/pageMarkdown.ts';
import { ReportDirError } from '../../../src/report/write.ts';
import { toyInputs } from './helpers.ts';

let dir = '';
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'lagrangelab-pagedir-')); });
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const files = () => ({ html: renderReportHtml(toyInputs()), markdown: renderReportPageMarkdown(toyInputs()) });

describe('writePageDir', () => {
  it('creates the folder, and replaces its own earlier page without --force', () => {
    const out = join(dir, 'a', 'page');
    expect(writePageDir(out, files())).toEqual([join(out, 'index.html'), join(out, 'report.md')]);
    expect(foreignPageEntries(out)).toEqual([]);
    writePageDir(out, { html: files().html, markdown: `${files().markdown}x` });
    expect(readFileSync(join(out, 'report.md'), 'utf8').endsWith('x')).toBe(true);
  });

  it("refuses a folder holding a user's file, another tool's index.html or report.md, unless forced", () => {
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    expect(() => writePageDir(dir, files())).toThrow(ReportDirError);
    expect(() => assertWritablePageDir(dir)).toThrow(/holds files lagrangelab report did not write \(notes\.txt\); choose another --out or pass --force/);
    writePageDir(dir, files(), true);
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('mine');
    rmSync(join(dir, 'notes.txt'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><p>my page</p>');
    expect(() => assertWritablePageDir(dir)).toThrow(/\(index\.html\)/);
    writePageDir(dir, files(), true);
    writeFileSync(join(dir, 'report.md'), '# verify report');
    expect(() => assertWritablePageDir(dir)).toThrow(/\(report\.md\)/);
    mkdirSync(join(dir, 'sub'));
    rmSync(join(dir, 'report.md'));
    expect(foreignPageEntries(dir)).toEqual(['sub']);
    for (let i = 0; i < 6; i++) writeFileSync(join(dir, `f${i}`), '');
    expect(() => assertWritablePageDir(dir)).toThrow(/f0, f1, f2, f3, f4, …/);
  });

  it('refuses a path that is a file, and says when a file cannot be written', () => {
    writeFileSync(join(dir, 'file'), '');
    expect(() => assertWritablePageDir(join(dir, 'file'), true)).toThrow(/is not a directory/);
    expect(foreignPageEntries(join(dir, 'file'))).toEqual(['(not a directory)']);
    mkdirSync(join(dir, 'out', 'index.html'), { recursive: true });
    expect(() => writePageDir(join(dir, 'out'), files(), true)).toThrow(/cannot write .*index\.html/);
  });
});
