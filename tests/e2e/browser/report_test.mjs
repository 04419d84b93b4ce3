// The report of `tally check --format html`, opened from disk in Debian's chromium and driven by
// playwright-core: it shows what the JSON output reports (counts per file, rule and severity,
// each finding with its related spans), fetches nothing, runs its own script and nothing a draft
// smuggles in, folds and filters, stays quick with thousands of findings, and its screenshot
// shows the charts' bars in the severities' colours (read back from the PNG). A PDF page's report
// (tests/e2e/samples/page.pdf, made by make_page_pdf.py) draws each finding's box on the page's
// picture where the JSON output puts it, the box and the card leading to each other.
// Usage: node report_test.mjs TALLY ROOT OUTDIR
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {chromium} from 'playwright-core';

import {colourCounts} from './png_colours.mjs';

const [TALLY, ROOT, OUT] = process.argv.slice(2);
fs.mkdirSync(OUT, {recursive: true});

function tally(args, cwd = ROOT) {
  const run = spawnSync(TALLY, args, {cwd, encoding: 'utf8', maxBuffer: 1 << 28});
  assert.ok(run.status === 0 || run.status === 1, `tally ${args.join(' ')}: ${run.status} ${run.stderr}`);
  return run;
}

// A draft that tries to run script from its text.
const hostile = path.join(OUT, 'hostile.txt');
fs.writeFileSync(hostile,
  '包头市检察院,昆都仑区检察院<script>window.pwned=1</script>联合办案。\n' +
  '会上<img src=x onerror="window.pwned=2">发言,大家鼓掌。\n');
const inputs = ['samples/zh-page-wrapped.txt', 'samples/zh-lines.txt', 'samples/en-draft.md', hostile];
const report = path.join(OUT, 'report.html');
const json = JSON.parse(tally(['check', '--format', 'json', ...inputs]).stdout);
tally(['check', '--format', 'html', '--output', report, ...inputs]);

// Thousands of findings: a slip a line (two full-width marks keep each its own finding).
const big = path.join(OUT, 'big.txt');
fs.writeFileSync(big, Array.from({length: 3000}, (_, i) => `第${i}段甲,乙，丙，丁。\n`).join(''));
const bigReport = path.join(OUT, 'big.html');
let t0 = Date.now();
tally(['check', '--format', 'html', '--output', bigReport, big]);
const bigWrite = Date.now() - t0;

// A PDF page: its report, and the JSON that says where each finding is printed.
const pdfInput = path.join(ROOT, 'tests/e2e/samples/page.pdf');
const pdfJson = JSON.parse(tally(['check', '--format', 'json', pdfInput]).stdout);
const pdfReport = path.join(OUT, 'pdf.html');
tally(['check', '--format', 'html', '--output', pdfReport, pdfInput]);

const steps = [];
async function step(name, fn) {
  process.stdout.write(`${name} ... `);
  await fn();
  steps.push(name);
  console.log('ok');
}

const browser = await chromium.launch({executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox']});
let failed = false;
try {
  const context = await browser.newContext({locale: 'en-US', viewport: {width: 1200, height: 900}});
  const page = await context.newPage();
  const requests = [], problems = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  const url = pathToFileURL(report).href;

  await step('the report opens from disk, its script runs (the CSP hash is right)', async () => {
    await page.goto(url);
    await page.waitForFunction(() => document.body.dataset.ready === '1');
    assert.equal(await page.title(), 'Tally 核查报告');  // the first file is Chinese
    assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
  });

  await step('nothing a draft holds runs; its markup is text', async () => {
    assert.equal(await page.evaluate(() => window.pwned), undefined);
    assert.equal(await page.locator('script').count(), 1);
    assert.equal(await page.locator('main img').count(), 0);
    const texts = await page.locator('table.ctx td.t').allTextContents();
    assert.ok(texts.some((t) => t.includes('<script>window.pwned=1</script>')), texts.join('\n'));
    assert.ok(texts.some((t) => t.includes('<img src=x onerror="window.pwned=2">')));
  });

  await step('counts per severity, file and rule are those of the JSON output', async () => {
    const sevs = await page.$$eval('.sevs label', (ls) => ls.map((l) => [l.className, l.querySelector('b').textContent]));
    assert.deepEqual(sevs, ['error', 'warning', 'info'].map((k) => [k, String(json.summary.by_severity[k])]));
    assert.equal(await page.locator('.finding').count(), json.summary.findings);
    for (const [i, f] of json.files.entries()) {
      if (!f.findings.length) continue;
      const section = page.locator(`#file-${i + 1}`);
      assert.equal(await section.locator('h2 a').textContent(), f.path);
      if (i === 0) assert.equal(await section.locator('h2 .page').textContent(), '第 04 版 · 法治时讯');
      assert.equal(await section.locator('.finding').count(), f.findings.length);
      const byRule = {};
      for (const x of f.findings) byRule[x.rule] = (byRule[x.rule] || 0) + 1;
      const groups = await section.locator('details.rule').evaluateAll((ds) =>
        ds.map((d) => [d.dataset.rule, Number(d.querySelector('summary .count').textContent)]));
      assert.deepEqual(Object.fromEntries(groups), byRule);
      // The chart's bar for the file: its title holds the path and the total.
      assert.equal(await page.locator(`svg.chart a[href="#file-${i + 1}"] > title`).textContent(),
                   `${f.path}: ${f.findings.length}`);
    }
    const ruleBars = await page.$$eval('section.charts svg.chart:nth-of-type(2) a > title', (ts) => ts.map((t) => t.textContent));
    assert.deepEqual(new Set(ruleBars), new Set(Object.entries(json.summary.by_rule).map(([r, n]) => `${r}: ${n}`)));
  });

  await step('a finding shows its span and its related spans with their labels', async () => {
    const file = json.files[0];
    const i = file.findings.findIndex((f) => f.related && f.related.length);
    assert.ok(i >= 0, 'zh-page-wrapped has a finding with related spans');
    const f = file.findings[i];
    const bytes = fs.readFileSync(path.join(ROOT, file.path));
    const cut = (s) => bytes.subarray(s.start.offset, s.end.offset).toString('utf8');
    const card = page.locator(`#f1-${i + 1}`);
    assert.equal(await card.locator('.msg').textContent(), f.message);
    assert.equal(await card.locator('.msg').getAttribute('lang'), 'zh');
    assert.equal(await card.locator('mark.hit').allTextContents().then((t) => t.join('')), cut(f.span));
    // In the order of the lines, which need not be the rule's order.
    const marked = await card.locator('mark.rel').evaluateAll((ms) =>
      ms.map((m) => [m.textContent, m.nextElementSibling.textContent]));
    assert.deepEqual(marked.sort(), f.related.map((r) => [cut(r.span), r.label]).sort());
    await card.scrollIntoViewIfNeeded();
    await card.screenshot({path: path.join(OUT, 'report-finding.png')});
  });

  await step('a fix is shown: what it replaces and with what', async () => {
    const file = json.files[0];
    const i = file.findings.findIndex((f) => f.rule === 'artifact.spaced-chars');
    assert.equal(await page.locator(`#f1-${i + 1} .fix ins`).textContent(), file.findings[i].fix.replacement);
  });

  await step('the severity boxes filter the findings; groups fold and unfold', async () => {
    const warnings = page.locator('.finding.warning');
    const n = await warnings.count();
    assert.ok(n > 0);
    await page.locator('.sevs input[value="warning"]').uncheck();
    assert.equal(await page.locator('.finding.warning:visible').count(), 0);
    await page.locator('.sevs input[value="warning"]').check();
    await page.locator('#collapse').click();
    assert.equal(await page.locator('details.rule[open]').count(), 0);
    await page.locator('#expand').click();
    assert.equal(await page.locator('details.rule:not([open])').count(), 0);
  });

  await step('a bar of the chart leads to its file; a link into a folded group unfolds it', async () => {
    await page.locator('#collapse').click();
    await page.locator('svg.chart a[href="#file-2"] rect').first().click();
    await page.waitForFunction(() => location.hash === '#file-2');
    await page.evaluate(() => { location.hash = '#f1-1'; });
    await page.waitForFunction(() => document.getElementById('f1-1').closest('details').open);
  });

  await step('the top of the report: the screenshot shows each severity\'s bars', async () => {
    await page.locator('#expand').click();
    await page.evaluate(() => { location.hash = ''; window.scrollTo(0, 0); });
    const png = path.join(OUT, 'report.png');
    await page.screenshot({path: png});
    // The PNG read back: pixels of each severity's bar colour (html_chart.cpp) in the picture.
    const colours = {error: [0xc6, 0x28, 0x28], warning: [0xe0, 0x8a, 0x00], info: [0x1f, 0x6f, 0xb2]};
    const counts = await colourCounts(page, png, colours);
    assert.equal(counts.width, 1200);
    assert.equal(counts.height, 900);
    for (const k of ['error', 'warning', 'info'])
      if (json.summary.by_severity[k]) assert.ok(counts[k] > 50, `${k} bars: ${JSON.stringify(counts)}`);
  });

  await step('nothing was fetched but the report itself; no script errors', async () => {
    assert.deepEqual(requests.filter((u) => u.split('#')[0] !== url), []);
    assert.deepEqual(problems, []);
  });

  await step(`3000 findings: written in ${bigWrite} ms, the page opens folded and quickly`, async () => {
    const big = await context.newPage();
    t0 = Date.now();
    await big.goto(pathToFileURL(bigReport).href);
    await big.waitForFunction(() => document.body.dataset.ready === '1');
    const load = Date.now() - t0;
    assert.equal(await big.locator('.finding').count(), 3000);
    assert.equal(await big.locator('details.rule[open]').count(), 0);
    assert.ok(load < 10000, `${load} ms`);
    const size = fs.statSync(bigReport).size;
    console.log(`(${(size / 1e6).toFixed(1)} MB, opened in ${load} ms) `);
    await big.locator('#expand').click();
    assert.equal(await big.locator('details.rule[open]').count(), 1);
    await big.close();
  });
  await step('a PDF\'s report: its pages drawn, each finding\'s box where the JSON puts it', async () => {
    const p = await context.newPage();
    const errors = [];
    p.on('pageerror', (e) => errors.push(e.message));
    p.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await p.goto(pathToFileURL(pdfReport).href);
    await p.waitForFunction(() => document.body.dataset.ready === '1');
    const findings = pdfJson.files[0].findings;
    assert.equal(findings.length, 3);
    assert.ok(findings.every((f) => f.pdf), JSON.stringify(findings));
    const related = findings.flatMap((f, i) => (f.related || []).filter((r) => r.pdf).map((r) => ({i, ...r})));
    assert.equal(related.length, 1);
    const pages = [...new Set([...findings.map((f) => f.pdf.page), ...related.map((r) => r.pdf.page)])].sort();
    assert.deepEqual(pages, [1, 2]);
    assert.deepEqual(await p.$$eval('figure.pdfpage', (fs) => fs.map((f) => Number(f.dataset.page))), pages);
    assert.equal(await p.locator('.box:not(.rel)').count(), findings.length);
    assert.equal(await p.locator('.box.rel').count(), related.length);
    // A box's place on its picture, back in PDF points.
    const placed = (sel) => p.$eval(sel, (box) => {
      const fig = box.closest('figure');
      const img = fig.querySelector('img').getBoundingClientRect();
      const b = box.getBoundingClientRect();
      const sx = Number(fig.dataset.width) / img.width, sy = Number(fig.dataset.height) / img.height;
      return {page: Number(fig.dataset.page),
              bbox: [(b.left - img.left) * sx, (b.top - img.top) * sy, (b.right - img.left) * sx, (b.bottom - img.top) * sy]};
    });
    const near = (got, want, what) => {
      assert.equal(got.page, want.page, what);
      // The JSON rounds to 0.1 pt; the browser places boxes on whole-ish pixels (0.54 pt here).
      for (let k = 0; k < 4; k++) assert.ok(Math.abs(got.bbox[k] - want.bbox[k]) < 0.7, `${what}: ${got.bbox} vs ${want.bbox}`);
    };
    for (const [i, f] of findings.entries()) near(await placed(`#b-f1-${i + 1}`), f.pdf, f.rule);
    for (const r of related) near(await placed(`.box.rel[data-f="f1-${r.i + 1}"]`), r.pdf, r.label);
    // The card names the page its box is on.
    for (const [i, f] of findings.entries())
      assert.equal(await p.locator(`#f1-${i + 1} .onpage`).textContent(), `PDF page ${f.pdf.page}`);
    const size = fs.statSync(pdfReport).size;
    assert.ok(size < 600000, `${size} bytes`);
    console.log(`(${(size / 1e3).toFixed(0)} KB for two A4 pages) `);
    assert.deepEqual(errors, []);
    await p.close();
  });

  await step('a box leads to its card; a selected card marks its boxes', async () => {
    const p = await context.newPage();
    await p.setViewportSize({width: 1200, height: 900});
    await p.goto(pathToFileURL(pdfReport).href);
    await p.waitForFunction(() => document.body.dataset.ready === '1');
    const findings = pdfJson.files[0].findings;
    const last = findings.length;
    await p.locator('#collapse').click();
    await p.locator(`#b-f1-${last}`).click();
    await p.waitForFunction((id) => location.hash === '#' + id, `f1-${last}`);
    assert.ok(await p.evaluate((id) => document.getElementById(id).closest('details').open, `f1-${last}`));
    assert.ok(await p.locator(`#f1-${last}`).isVisible());
    assert.ok(await p.locator(`#f1-${last}`).evaluate((el) => {
      const r = el.getBoundingClientRect();
      return r.top >= 0 && r.top < innerHeight;
    }));
    // Its boxes are marked: the one it was reached from.
    assert.deepEqual(await p.$$eval('.box.sel', (bs) => bs.map((b) => b.dataset.f)), [`f1-${last}`]);
    // Another card clicked: its own box and its related span's are marked, no other.
    await p.locator('#expand').click();
    const i = findings.findIndex((f) => (f.related || []).some((r) => r.pdf));
    await p.locator(`#f1-${i + 1} .msg`).click();
    const marked = await p.$$eval('.box.sel', (bs) => bs.map((b) => [b.dataset.f, b.classList.contains('rel')]));
    assert.deepEqual(marked.sort(), [[`f1-${i + 1}`, false], [`f1-${i + 1}`, true]].sort());
    // The card's page link scrolls its box into view, and the box is the target.
    await p.locator(`#f1-${i + 1} .onpage`).click();
    await p.waitForFunction((id) => location.hash === '#b-' + id, `f1-${i + 1}`);
    assert.ok(await p.locator(`#b-f1-${i + 1}`).evaluate((el) => el.matches(':target')));
    assert.ok(await p.locator(`#b-f1-${i + 1}`).evaluate((el) => {
      const r = el.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= innerHeight;
    }));
    // The picture of page 1: the type, the error's box marked (selected), the note's box.
    const png = path.join(OUT, 'pdf-page.png');
    await p.locator('figure.pdfpage[data-page="1"]').screenshot({path: png});
    const counts = await colourCounts(p, png, {text: [0, 0, 0, 70], selected: [0x6a, 0x1b, 0x9a],
                                               info: [0x1f, 0x6f, 0xb2], warning: [0xe0, 0x8a, 0x00]});
    assert.ok(counts.text > 2000, JSON.stringify(counts));
    assert.ok(counts.selected > 100, JSON.stringify(counts));  // the error's box, outlined when selected
    assert.ok(counts.info > 100, JSON.stringify(counts));      // growth.recompute's box
    assert.equal(counts.warning, 0, JSON.stringify(counts));   // the warning is on page 2
    await p.close();
  });

  // The picture in docs/report.md: the report of the seed pages, when ../shared has them.
  const seeds = path.join(ROOT, '..', 'shared', 'seeds');
  if (fs.existsSync(seeds)) {
    await step('the seed pages\' report (docs/report.md\'s screenshot)', async () => {
      const files = fs.readdirSync(seeds).filter((f) => f.endsWith('.txt')).sort();  // named as a desk would, from their folder
      const seedReport = path.join(OUT, 'seeds.html');
      tally(['check', '--format', 'html', '--output', seedReport, ...files], seeds);
      const p = await context.newPage();
      await p.setViewportSize({width: 1100, height: 1500});
      await p.goto(pathToFileURL(seedReport).href);
      await p.waitForFunction(() => document.body.dataset.ready === '1');
      assert.equal(await p.locator('section.file').count(), files.length);
      await p.screenshot({path: path.join(OUT, 'seeds.png')});
      await p.close();
    });
  } else {
    console.log(`skip the seed pages' report: ${seeds} is not there`);
  }
  console.log(`${steps.length} steps passed; screenshots in ${OUT}`);
} catch (e) {
  failed = true;
  console.log('FAILED');
  console.error(e);
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
