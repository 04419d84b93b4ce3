// The page of `tally serve` in Debian's chromium, driven by playwright-core: a sample with known
// errors is pasted, its findings must be highlighted over exactly their characters and listed
// grouped by rule with counts as the CLI reports them; clicking jumps and highlights the spans a
// finding was computed from, hovering explains, a fix applies and is undoable, the filters by
// severity and rule hide what they should, "fix all of this kind" and "Apply all fixes" apply
// what `tally check --fix` writes, Ignore writes a baseline entry `tally check --baseline` honours,
// re-checks are debounced, the date field and file drops work, a banner names the rules that
// could not run without a publication date, the interface switches to Chinese (messages
// included), a paragraph of doubled bold is fixed whole, seed 001 is left with nothing to fix,
// several files opened or dropped at once are checked as one edition whose finding leads to its
// other page, and nothing is fetched from another host.
// Usage: node page_test.mjs TALLY ROOT OUTDIR
import assert from 'node:assert/strict';
import {spawn, spawnSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import {chromium} from 'playwright-core';

import {colourCounts} from './png_colours.mjs';

const [TALLY, ROOT, OUT] = process.argv.slice(2);
fs.mkdirSync(OUT, {recursive: true});
const sample = (name) => fs.readFileSync(path.join(ROOT, 'samples', name), 'utf8');
const SEVS = ['error', 'warning', 'info'];
// The seed pages (../shared/seeds): steps that need them skip, saying so, when they are missing.
const seed = (n) => {
  const dir = path.join(ROOT, '..', 'shared', 'seeds');
  const name = fs.existsSync(dir) && fs.readdirSync(dir).find((f) => f.startsWith(`${n}_`));
  return name ? path.join(dir, name) : null;
};
// tests/e2e/samples/zh-doubled-bold.txt, lines 10-20, once fixed: the column's breaks kept.
const DOUBLED_BOLD_FIXED = [
  '社区服务更有温度，新建', '社区食堂12家，全年', '供餐9.6万份；养老', '服务更有力度，组织开展',
  '“助老进家门”上门', '服务，累计走访独居老人', '1380人次；就业', '服务更有精度，举办招聘',
  '会、培训班等活动', '46场，帮助居民实现就业', '。'];
// The server runs in a folder of its own, with a baseline there for Ignore.
const WORK = fs.mkdtempSync(path.join(OUT, 'serve-'));
const BASELINE = '.tally-ignore';

// What `tally check --fix` writes for a file (on a copy), with the fixes of `rules` only when given.
function cliFixed(file, rules = []) {
  const copy = path.join(WORK, `fixed-${path.basename(file)}`);
  fs.copyFileSync(file, copy);
  const run = spawnSync(TALLY, ['check', '--fix', ...rules.flatMap((r) => ['--fix-rule', r]), copy],
                        {encoding: 'utf8'});
  assert.ok(run.status === 0 || run.status === 1, run.stderr);
  return fs.readFileSync(copy, 'utf8');
}

// What the CLI reports for a sample: the page must show the same.
function cliFindings(name) {
  // Exit status 1 means "there are findings", which these samples have.
  const run = spawnSync(TALLY, ['check', '--format', 'json', `samples/${name}`], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  assert.equal(run.status, 1, run.stderr);
  return JSON.parse(run.stdout).files[0].findings;
}
// The characters a finding covers, cut from the file's bytes by its byte offsets.
function bytesOf(name, f) {
  const bytes = fs.readFileSync(path.join(ROOT, 'samples', name));
  return bytes.subarray(f.span.start.offset, f.span.end.offset).toString('utf8');
}

async function startServer() {
  const proc = spawn(TALLY, ['serve', '--port', '0', '--quiet', '--baseline', BASELINE],
                     {cwd: WORK, stdio: ['ignore', 'pipe', 'inherit']});
  const line = await new Promise((resolve, reject) => {
    readline.createInterface({input: proc.stdout}).once('line', resolve);
    proc.once('exit', (code) => reject(new Error(`tally serve exited ${code}`)));
  });
  const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(line);
  assert.ok(m, line);
  return {proc, origin: `http://127.0.0.1:${m[1]}`};
}

const steps = [];
async function step(name, fn) {
  process.stdout.write(`${name} ... `);
  await fn();
  steps.push(name);
  console.log('ok');
}

const server = await startServer();
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox'],
});
let failed = false;
try {
  const context = await browser.newContext({locale: 'en-US', viewport: {width: 1400, height: 900}});
  const page = await context.newPage();
  const requests = [];
  const problems = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  const draft = page.locator('#draft');
  const items = page.locator('#groups .finding');
  const checks = () => requests.filter((u) => u.endsWith('/v1/check')).length;
  const listed = () =>
    page.$$eval('#groups .finding', (els, sevs) =>
      els.map((el) => ({
        rule: el.closest('section').dataset.rule,
        message: el.querySelector('.message').textContent,
        severity: sevs.find((s) => el.classList.contains(s)),
      })), SEVS);
  // The findings of the API for a text, worded in `messages`.
  const apiFindings = async (text, messages, filename = 'draft.txt') => {
    const res = await fetch(`${server.origin}/v1/check`, {
      method: 'POST',
      headers: {'Content-Type': 'application/json'},
      body: JSON.stringify({text, filename, messages}),
    });
    return (await res.json()).files[0].findings;
  };
  // What the page shows of one card, part by part.
  const card = (i) =>
    page.$eval(`.finding[data-index="${i}"]`, (el) => ({
      severity: el.querySelector('.sev').textContent,
      where: el.querySelector('.where').textContent,
      message: el.querySelector('.message').textContent,
      related: [...el.querySelectorAll('.related li')].map((li) => [
        li.querySelector('.label').textContent, li.querySelector('q').textContent,
        li.querySelector('.where').textContent]),
      buttons: [...el.querySelectorAll('.actions button')].map((b) => b.textContent),
    }));
  // Waits until the page shows `n` findings for the text now in the editor.
  const settled = (n) =>
    page.waitForFunction(
      (n) => document.body.dataset.phase === 'checked' &&
        document.querySelectorAll('#groups .finding').length === n,
      n);

  const name = 'zh-page-wrapped.txt';
  const want = cliFindings(name);
  const ruleList = await (await fetch(`${server.origin}/v1/rules`)).json();

  await step('page loads with its own assets', async () => {
    await page.goto(server.origin + '/');
    assert.equal(await page.title(), 'Tally');
    // The page's script writes the summary once it has run: under load that is after `goto`.
    await page.waitForFunction(() => document.querySelector('#summary').textContent !== '');
    assert.equal(await page.locator('#summary').textContent(), 'Findings will appear here as you type.');
  });

  await step('pasting a draft lists its findings grouped by rule with counts, as the CLI reports them', async () => {
    await draft.focus();
    await page.keyboard.insertText(sample(name));  // what a paste does: text in, one input event
    await settled(want.length);
    // Rules by their worst severity, then the commonest first, then by id; each rule's findings
    // in the order of the text. The interface is in English: so are the messages.
    const english = await apiFindings(sample(name), 'en');
    assert.deepEqual(english.map((f) => [f.rule, f.span]), want.map((f) => [f.rule, f.span]));
    const rules = [...new Set(want.map((f) => f.rule))].map((rule) => {
      const mine = want.filter((f) => f.rule === rule);
      return {rule, n: mine.length, sev: Math.min(...mine.map((f) => SEVS.indexOf(f.severity)))};
    }).sort((a, b) => a.sev - b.sev || b.n - a.n || (a.rule < b.rule ? -1 : 1));
    const expected = rules.flatMap((r) =>
      want.flatMap((f, i) => f.rule === r.rule ? [{rule: f.rule, message: english[i].message, severity: f.severity}] : []));
    assert.deepEqual(await listed(), expected);
    assert.deepEqual(
      await page.$$eval('#groups section', (els) => els.map((s) => [s.dataset.rule, s.querySelector('h2 .count').textContent])),
      rules.map((r) => [r.rule, String(r.n)]));
    assert.deepEqual(await page.$$eval('#severity-filter button', (els) => els.map((b) => b.textContent)),
                     SEVS.map((s) => `${{error: 'Errors', warning: 'Warnings', info: 'Notes'}[s]} ${want.filter((f) => f.severity === s).length}`));
    assert.equal(await page.locator('#severity-filter button[data-severity="error"]').textContent(), 'Errors 2');
    assert.deepEqual(await page.$$eval('#rule-filter option', (els) => els.map((o) => o.textContent)),
                     [`All rules (${want.length})`, ...rules.map((r) => `${r.rule} (${r.n})`)]);
    assert.equal(await page.locator('#summary').textContent(), `${want.length} findings`);
    assert.equal(await page.locator('#detected').textContent(),
                 'Publication date read from the page: 2026-03-18');
    assert.equal(await page.locator('#notices').isVisible(), false);  // the page has its date
  });

  await step('each finding is highlighted over exactly its characters', async () => {
    for (let i = 0; i < want.length; i++) {
      const text = await page.$$eval(
        `#highlights mark`,
        (marks, i) => marks.filter((m) => m.dataset.ids.split(' ').includes(String(i)))
                        .map((m) => m.textContent).join(''),
        i);
      assert.equal(text, bytesOf(name, want[i]), want[i].rule);
      const cls = await page.$eval(`#highlights mark[data-ids="${i}"]`, (m) => m.className);
      assert.equal(cls, want[i].severity);
    }
    assert.equal(await page.locator('#highlights mark').count(), want.length);
  });

  await step('clicking a finding selects its text and highlights the spans it was computed from', async () => {
    const i = want.findIndex((f) => f.rule === 'percent.recompute');
    await page.locator(`.finding[data-index="${i}"]`).click();
    const selected = await draft.evaluate((t) => t.value.slice(t.selectionStart, t.selectionEnd));
    assert.equal(selected, '32%');
    assert.equal(await page.locator('#highlights mark.current').textContent(), '32%');
    assert.match(await page.locator(`.finding[data-index="${i}"]`).getAttribute('class'), /current/);
    // The part (298件, line 10) and the whole (899件, line 9), in the order of the text.
    assert.deepEqual(
      await page.$$eval('#highlights mark.related', (ms) => ms.map((m) => [m.dataset.related, m.textContent])),
      [['1', '899件'], ['0', '298件']]);
    assert.deepEqual(want[i].related.map((r) => bytesOf(name, r)), ['298件', '899件']);
    assert.deepEqual(await card(i), {
      severity: 'Error',
      where: 'line 10, col 17',
      message: 'Rate does not match its figures: 298 / 899 = 33.1%, the text says 32%',
      related: [['part', '298件', 'line 10, col 6'], ['whole', '899件', 'line 9, col 17']],
      buttons: ['Ignore'],
    });
    await page.screenshot({path: path.join(OUT, 'page-related.png')});
    // Another card: the first one's related spans go.
    await page.locator(`.finding[data-rule="count.enumeration"]`).click();
    assert.deepEqual(
      await page.$$eval('#highlights mark.related', (ms) => ms.map((m) => m.textContent)),
      ['该院在城区、郊区、园区、新区']);  // the list “三地” counts
  });

  await step('the filters show one severity or one rule', async () => {
    const n = (s) => want.filter((f) => f.severity === s).length;
    await page.locator('#severity-filter button[data-severity="warning"]').click();
    assert.equal(await page.locator('#severity-filter button[data-severity="warning"]').getAttribute('aria-pressed'), 'false');
    assert.deepEqual((await listed()).map((f) => f.severity).filter((s) => s === 'warning'), []);
    assert.equal(await items.count(), want.length - n('warning'));
    assert.equal(await page.locator('#summary').textContent(),
                 `${want.length - n('warning')} of ${want.length} findings shown`);
    assert.equal(await page.locator('#highlights mark.warning').count(), 0);
    await page.locator('#severity-filter button[data-severity="warning"]').click();
    assert.equal(await items.count(), want.length);
    await page.locator('#rule-filter').selectOption('percent.recompute');
    assert.deepEqual((await listed()).map((f) => f.rule), ['percent.recompute']);
    assert.deepEqual(await page.$$eval('#highlights mark[data-ids]', (ms) => ms.map((m) => m.textContent)), ['32%']);
    assert.equal(await page.locator('#summary').textContent(), `1 of ${want.length} findings shown`);
    await page.locator('#rule-filter').selectOption('');
    assert.equal(await items.count(), want.length);
  });

  await step('hovering a highlight explains the rule', async () => {
    const i = want.findIndex((f) => f.rule === 'artifact.spaced-chars');
    const box = await page.locator(`#highlights mark[data-ids="${i}"]`).boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const tip = page.locator('#tip');
    await tip.waitFor({state: 'visible'});
    const rule = ruleList.rules.find((r) => r.id === 'artifact.spaced-chars');
    assert.equal(await tip.locator('.rule').textContent(), 'artifact.spaced-chars');
    assert.equal(await tip.locator('.explain').textContent(), rule.description.en);
    assert.equal(await tip.locator('.fix').textContent(), 'Fix: “以案例分享的形式”');
    await page.screenshot({path: path.join(OUT, 'page.png')});
    await page.mouse.move(5, 5);
    await tip.waitFor({state: 'hidden'});
  });

  await step('one click applies a fix, the finding goes, and Ctrl+Z brings it back', async () => {
    const i = want.findIndex((f) => f.rule === 'artifact.spaced-chars');
    await page.locator(`.finding[data-index="${i}"] .fix`).click();
    assert.ok((await draft.inputValue()).includes('活动中，检察官以案例分享的形式\n'));
    await settled(want.length - 1);
    assert.ok(!(await listed()).some((f) => f.rule === 'artifact.spaced-chars'));
    await draft.focus();
    await page.keyboard.press('Control+z');
    assert.equal(await draft.inputValue(), sample(name));
    await settled(want.length);
  });

  await step('typing re-checks once the typing stops (debounced)', async () => {
    await draft.evaluate((t) => t.setSelectionRange(t.value.length, t.value.length));
    const before = checks();
    const typed = '\n新增一段文字用于测试';
    await page.keyboard.type(typed, {delay: 40});
    await page.waitForTimeout(700);
    const made = checks() - before;
    assert.ok(made >= 1 && made <= 2, `${made} checks for ${typed.length} keystrokes`);
    await settled(want.length);
  });

  await step('Ignore writes a .tally-ignore entry that tally check honours', async () => {
    const i = want.findIndex((f) => f.rule === 'count.enumeration');
    await page.locator(`.finding[data-index="${i}"] .ignore`).click();
    await settled(want.length - 1);
    assert.ok(!(await listed()).some((f) => f.rule === 'count.enumeration'));
    assert.equal(await page.locator('#status').textContent(), `Ignored: [count.enumeration] added to ${BASELINE}`);
    const entries = JSON.parse(fs.readFileSync(path.join(WORK, BASELINE), 'utf8'));
    assert.deepEqual(entries, {version: 1, findings: [{
      path: 'draft.txt', rule: 'count.enumeration', text: '三地', line: '该院在城区、郊区、园区、新区三地设立巡回', count: 1}]});
    // The CLI, run where the server runs on the same draft: left out by a plain check (it reads
    // the folder's .tally-ignore) and with --baseline; not with --no-tally-ignore.
    const text = (await draft.inputValue());
    fs.writeFileSync(path.join(WORK, 'draft.txt'), text);
    const cli = (args) => JSON.parse(spawnSync(TALLY, ['check', '--format', 'json', ...args, 'draft.txt'],
                                               {cwd: WORK, encoding: 'utf8'}).stdout);
    const off = cli(['--no-tally-ignore']), plain = cli([]), known = cli(['--baseline', BASELINE]);
    assert.equal(off.files[0].findings.filter((f) => f.rule === 'count.enumeration').length, 1);
    assert.deepEqual(plain.files[0].findings, known.files[0].findings);
    assert.equal(plain.summary.baseline, 1);
    assert.equal(known.files[0].findings.filter((f) => f.rule === 'count.enumeration').length, 0);
    assert.equal(known.summary.baseline, 1);
    assert.equal(known.files[0].findings.length, want.length - 1);
    fs.rmSync(path.join(WORK, BASELINE));  // the steps after see every finding again
    await page.evaluate(() => check());
    await settled(want.length);
  });

  await step('applying all fixes writes what tally check --fix writes', async () => {
    await page.locator('#fix-all').click();
    const fixable = want.filter((f) => f.fix).length;
    await settled(want.length - fixable);
    const value = await draft.inputValue();
    assert.equal(value, cliFixed(path.join(ROOT, 'samples', name)) + '\n新增一段文字用于测试');
    assert.ok(value.includes('防范校园欺凌的知识，累计覆盖'));
    assert.ok(value.includes('检察官以案例分享的形式'));
    assert.equal(await page.locator('#fix-all').isDisabled(), true);
    assert.equal(await page.locator('#status').textContent(), `${fixable} fixes applied`);
  });

  await step('"Fix all of this kind" applies one rule\'s fixes only', async () => {
    const text = '活动中，检察官以 案 例 分 享 的 形 式\n与学生互动。会议指出,要坚持问题导向;各地要抓好落实,确保实效。\n';
    await draft.fill(text);
    await settled(2);
    const kinds = await page.$$eval('#groups section', (els) => els.map((s) => [s.dataset.rule, s.querySelector('.fix-kind')?.textContent]));
    assert.deepEqual(kinds.sort(), [['artifact.spaced-chars', 'Fix all 1 of this kind'],
                                    ['punct.halfwidth-in-cjk', 'Fix all 3 of this kind']]);
    await page.locator('section[data-rule="artifact.spaced-chars"] .fix-kind').click();
    await settled(1);
    assert.equal(await draft.inputValue(), '活动中，检察官以案例分享的形式\n与学生互动。会议指出,要坚持问题导向;各地要抓好落实,确保实效。\n');
    assert.deepEqual((await listed()).map((f) => f.rule), ['punct.halfwidth-in-cjk']);
    await draft.focus();
    await page.keyboard.press('Control+z');  // the kind's fix is undone as it was done
    assert.equal(await draft.inputValue(), text);
    await settled(2);
  });

  await step('one fix replaces every mark of a grouped finding', async () => {
    await draft.fill('会议指出,要坚持问题导向;各地要抓好落实,确保实效。\n');
    await settled(1);
    const fix = page.locator('.finding[data-index="0"] .fix');
    assert.equal(await fix.textContent(), 'Fix all 3');
    await fix.click();
    await settled(0);
    assert.equal(await draft.inputValue(), '会议指出，要坚持问题导向；各地要抓好落实，确保实效。\n');
  });

  await step('the publication date field drives date checks', async () => {
    await draft.fill('The forum was held on 3 May 2026 in the city hall.\n');
    await settled(0);
    assert.equal(await page.locator('#summary').textContent(), 'No findings.');
    await page.locator('#date').fill('2026-04-01');
    await settled(1);
    assert.deepEqual((await listed()).map((f) => f.rule), ['date.future']);
    await page.locator('#date').fill('');
    await settled(0);
  });

  await step('a banner says which rules could not run without a date, and leads to the field', async () => {
    const banner = page.locator('#notices');
    // The draft of the step before: undated, so date.future did not run on it.
    assert.equal(await banner.isVisible(), true);
    assert.equal(await banner.locator('.notice').count(), 1);
    assert.equal(await banner.locator('.notice').getAttribute('data-id'), 'no-publication-date');
    assert.equal(await banner.locator('.notice').textContent(),
                 'No publication date, so these rules did not run: date.future. ' +
                 'Enter it in the Publication date field, or check a page whose header carries it.' +
                 'Enter the date');
    await page.screenshot({path: path.join(OUT, 'page-notice.png')});
    await banner.locator('.set-date').click();
    assert.equal(await page.evaluate(() => document.activeElement.id), 'date');
    await page.locator('#date').fill('2026-04-01');
    await settled(1);
    assert.equal(await banner.isVisible(), false);
    await page.locator('#date').fill('');
    await settled(0);
    assert.equal(await banner.isVisible(), true);
  });

  await step('dropping a Markdown file checks it as Markdown', async () => {
    const md = 'en-draft.md';
    const expected = cliFindings(md);
    const drop = await page.evaluateHandle(({text, name}) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], name, {type: 'text/markdown'}));
      return dt;
    }, {text: sample(md), name: md});
    await page.dispatchEvent('#editor', 'dragenter', {dataTransfer: drop});
    assert.equal(await page.locator('#drop').isVisible(), true);
    await page.dispatchEvent('#editor', 'drop', {dataTransfer: drop});
    await settled(expected.length);
    assert.equal(await page.locator('#filename').textContent(), md);
    assert.equal(await page.locator('#drop').isVisible(), false);
    assert.deepEqual((await listed()).map((f) => [f.rule, f.message]),
                     expected.map((f) => [f.rule, f.message]));
    const binary = await page.evaluateHandle(() => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array([0, 1, 2])], 'notes.docx', {type: 'application/octet-stream'}));
      return dt;
    });
    await page.dispatchEvent('#editor', 'drop', {dataTransfer: binary});
    assert.equal(await page.locator('#status').textContent(),
                 'notes.docx: only .txt, .md and .pdf files can be checked');
  });

  await step('dropping a PDF page checks it by layout: its text in the editor, each card with its place', async () => {
    const pdfPath = path.join(ROOT, 'tests/e2e/samples/page.pdf');
    const run = spawnSync(TALLY, ['check', '--format', 'json', pdfPath], {encoding: 'utf8'});
    const expected = JSON.parse(run.stdout).files[0].findings;
    const drop = await page.evaluateHandle(({bytes}) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(bytes)], 'page.pdf', {type: 'application/pdf'}));
      return dt;
    }, {bytes: [...fs.readFileSync(pdfPath)]});
    await page.dispatchEvent('#editor', 'drop', {dataTransfer: drop});
    await settled(expected.length);
    assert.equal(await page.locator('#filename').textContent(), 'page.pdf');
    assert.ok((await draft.inputValue()).includes('The plan covers three towns: Alder Point, Brookmere,\n'));
    assert.deepEqual((await listed()).map((f) => [f.rule, f.message]).sort(),
                     expected.map((f) => [f.rule, f.message]).sort());
    const card = await page.$eval('#groups section[data-rule="count.enumeration"] .where', (el) => el.textContent);
    assert.equal(card, 'line 17, col 17 · page 1, x 120–168, y 212–221 pt');
    // The highlight sits on the finding's characters of the extracted text.
    assert.equal(await page.$eval('#highlights mark.error', (m) => m.textContent), 'three towns');
    // Under the text, the page's picture as the HTML report draws it (the server's pages_html):
    // a box for each finding and each related span, at its place in percent of the page.
    await page.waitForSelector('#pdf-view figure.pdfpage img');
    const size = await page.$eval('#pdf-view figure.pdfpage', (f) => [Number(f.dataset.width), Number(f.dataset.height)]);
    const pct = (v, whole) => Number((100 * v / whole).toFixed(3));
    const at = (bbox) => [pct(bbox[0], size[0]), pct(bbox[1], size[1])];
    const want = [];
    expected.forEach((f, i) => {
      if (f.pdf) want.push([`f1-${i + 1}`, false, f.pdf.page, ...at(f.pdf.bbox)]);
      for (const r of f.related || []) if (r.pdf) want.push([`f1-${i + 1}`, true, r.pdf.page, ...at(r.pdf.bbox)]);
    });
    const drawn = await page.$$eval('#pdf-view .box', (bs) => bs.map((b) => [
      b.dataset.f, b.classList.contains('rel'), Number(b.closest('figure').dataset.page),
      parseFloat(b.style.left), parseFloat(b.style.top)]));
    assert.ok(want.length >= 3, JSON.stringify(want));
    // JSON gives the boxes to a tenth of a point: the places agree within 0.05% of the page.
    const order = (a, b) => String(a.slice(0, 3)).localeCompare(String(b.slice(0, 3))) || a[3] - b[3] || a[4] - b[4];
    drawn.sort(order);
    want.sort(order);
    assert.equal(drawn.length, want.length, JSON.stringify(drawn));
    drawn.forEach((d, k) => {
      const w = want[k];
      assert.deepEqual(d.slice(0, 3), w.slice(0, 3));
      assert.ok(Math.abs(d[3] - w[3]) < 0.05 && Math.abs(d[4] - w[4]) < 0.05, JSON.stringify([d, w]));
    });
    // The pictures are those of the pages with a box, no other.
    assert.deepEqual(await page.$$eval('#pdf-view figure', (fs) => fs.map((f) => f.dataset.page)),
                     [...new Set(want.map((w) => String(w[2])))].sort());
    // A box leads to its card, which becomes the current one; the box is marked.
    const enumIndex = expected.findIndex((f) => f.rule === 'count.enumeration');
    await page.locator(`#pdf-view .box:not(.rel)[data-f="f1-${enumIndex + 1}"]`).click();
    await page.waitForSelector(`.finding.current[data-index="${enumIndex}"]`);
    assert.deepEqual(await page.$$eval('#pdf-view .box.sel', (bs) => bs.map((b) => b.dataset.f)),
                     want.filter((w) => w[0] === `f1-${enumIndex + 1}`).map((w) => w[0]));
    const pdfPng = path.join(OUT, 'page-pdf.png');
    await page.locator('#pdf-view figure.pdfpage[data-page="1"]').screenshot({path: pdfPng});
    const counts = await colourCounts(page, pdfPng, {text: [0, 0, 0, 70], selected: [0x6a, 0x1b, 0x9a]});
    assert.ok(counts.text > 2000, JSON.stringify(counts));     // the page's type
    assert.ok(counts.selected > 100, JSON.stringify(counts));  // the marked box's outline
    await page.screenshot({path: path.join(OUT, 'page-pdf-view.png')});  // docs/http.md's picture
    // A severity switched off hides its boxes too.
    const sev = expected[enumIndex].severity;
    await page.locator(`#severity-filter [data-severity="${sev}"]`).click();
    assert.ok(await page.locator(`#pdf-view .box[data-f="f1-${enumIndex + 1}"]`).first().isHidden());
    await page.locator(`#severity-filter [data-severity="${sev}"]`).click();
    assert.ok(await page.locator(`#pdf-view .box[data-f="f1-${enumIndex + 1}"]`).first().isVisible());
    // Edited, the text is checked as text: the picture, whose boxes no longer match, goes.
    await draft.press('Control+End');
    await draft.type(' ');
    await page.waitForFunction(() => document.getElementById('pdf-view').hidden &&
                               document.body.dataset.phase === 'checked');
    // Not a PDF after all: the server says so, naming it.
    const fake = await page.evaluateHandle(() => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array([0, 1, 2])], 'scan.pdf', {type: 'application/pdf'}));
      return dt;
    });
    await page.dispatchEvent('#editor', 'drop', {dataTransfer: fake});
    await page.waitForFunction(() => document.body.dataset.phase === 'failed');
    assert.equal(await page.locator('#status').textContent(), 'scan.pdf: not a PDF (no %PDF- header)');
    // The browser logs the refusal itself; nothing else may be logged.
    const refused = problems.indexOf('Failed to load resource: the server responded with a status of 422 (Unprocessable Entity)');
    assert.ok(refused >= 0, problems.join('\n'));
    problems.splice(refused, 1);
  });

  await step('a new draft forgets the dropped file', async () => {
    await page.locator('#new').click();
    await settled(0);
    assert.equal(await page.locator('#filename').textContent(), '');
    assert.equal(await draft.inputValue(), '');
    assert.equal(await page.locator('#summary').textContent(), 'Findings will appear here as you type.');
  });

  await step('the interface switches to Chinese', async () => {
    await draft.fill(sample('zh-lines.txt'));
    await settled(2);
    await page.locator('#ui-lang').click();
    await page.waitForFunction(() => document.querySelector('.finding .sev')?.textContent === '错误');
    await settled(2);
    assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
    assert.equal(await page.locator('#severity-filter button[data-severity="error"]').textContent(), '错误 1');  // date.invalid is a hint (info) by default
    assert.equal(await page.locator('#summary').textContent(), '共 2 处问题');
    assert.equal(await page.locator('.finding .where').first().textContent(), '第 7 行第 18 列');
    assert.equal(await page.locator('label span[data-i18n="date"]').textContent(), '出版日期');
    assert.equal(await page.locator('#notices .notice').textContent(),
                 '没有出版日期，以下规则未运行：date.future。请在“出版日期”栏填写，或检查版头载有日期的版面。' +
                 '填写日期');
    // The messages too: as the CLI words them for this Chinese draft.
    assert.deepEqual((await listed()).map((f) => f.message), cliFindings('zh-lines.txt').map((f) => f.message));
  });

  await step('every string of a card follows the interface language, messages and labels included', async () => {
    await draft.fill(sample(name));
    await settled(want.length);
    const i = want.findIndex((f) => f.rule === 'percent.recompute');
    await page.locator(`.finding[data-index="${i}"]`).click();
    assert.deepEqual(await card(i), {
      severity: '错误',
      where: '第 10 行第 17 列',
      message: want[i].message,  // the CLI's: 比率与数据不符：298÷899 = 33.1%，文中为 32%
      related: [['分子', '298件', '第 10 行第 6 列'], ['分母', '899件', '第 9 行第 17 列']],
      buttons: ['忽略'],
    });
    assert.equal(want[i].message, '比率与数据不符：298÷899 = 33.1%，文中为 32%');
    const spaced = want.findIndex((f) => f.rule === 'artifact.spaced-chars');
    assert.deepEqual((await card(spaced)).buttons, ['修正为“以案例分享的形式”', '忽略']);
    assert.equal(await page.locator('section[data-rule="artifact.spaced-chars"] .explain').textContent(),
                 ruleList.rules.find((r) => r.id === 'artifact.spaced-chars').description.zh);
    await page.screenshot({path: path.join(OUT, 'page-zh.png')});
    await page.locator('#ui-lang').click();
    await page.waitForFunction(() => document.querySelector('.finding .sev')?.textContent === 'Error');
    await settled(want.length);
    await page.locator(`.finding[data-index="${i}"]`).click();
    assert.deepEqual((await card(i)).related.map((r) => r[0]), ['part', 'whole']);
    assert.equal((await card(i)).message, 'Rate does not match its figures: 298 / 899 = 33.1%, the text says 32%');
  });

  // A paragraph set in bold that PDF extraction doubled, run by run, over many lines of a narrow
  // column: one card, one fix, the paragraph as `tally check --fix` writes it.
  const doubledBold = async (file, shot) => {
    const text = fs.readFileSync(file, 'utf8');
    const findings = await apiFindings(text, 'en');
    await draft.fill(text);
    await settled(findings.length);
    const k = findings.reduce((best, f, j) =>
      f.rule === 'artifact.doubled-text' && (best < 0 ||
        f.span.end.line - f.span.start.line > findings[best].span.end.line - findings[best].span.start.line) ? j : best, -1);
    assert.ok(k >= 0 && findings[k].span.end.line - findings[k].span.start.line >= 5, 'a finding over the paragraph');
    await page.locator(`.finding[data-index="${k}"]`).click();
    if (shot) await page.screenshot({path: path.join(OUT, shot)});
    await page.locator(`.finding[data-index="${k}"] .fix`).click();
    await page.waitForFunction(() => document.body.dataset.phase === 'checked');
    const got = (await draft.inputValue()).split('\n');
    const fixed = cliFixed(file, ['artifact.doubled-text']).split('\n');
    const [a, b] = [findings[k].span.start.line - 1, findings[k].span.end.line];
    assert.equal(got.length, text.split('\n').length);  // the line breaks stay where they were
    assert.deepEqual(got.slice(a, b), fixed.slice(a, b));
    return got.slice(a, b);
  };

  await step('the doubled-bold paragraph is fixed with one click (self-written page)', async () => {
    const lines = await doubledBold(path.join(ROOT, 'tests', 'e2e', 'samples', 'zh-doubled-bold.txt'),
                                    'page-doubled.png');
    assert.deepEqual(lines, DOUBLED_BOLD_FIXED);
    await page.screenshot({path: path.join(OUT, 'page-doubled-fixed.png')});
  });

  await step('the doubled-bold paragraph of seed 002 is fixed with one click', async () => {
    const file = seed('002');
    if (!file) return console.log('(skipped: ../shared/seeds is not there) ');
    const lines = await doubledBold(file);
    assert.deepEqual(lines.slice(-7), [
      '挽回经济损失 818.1 万元；司法鉴定更',
      '有精度，组织修订《包头市司法鉴定行',
      '业协会章程》，创新“先线下、后线上”审',
      '批模式，严把鉴定事项审批关；仲裁服',
      '务更有深度，积极开展金融、知识产权、',
      '房地产、国际事务等仲裁服务，推动仲',
      '裁服务纳入矛盾纠纷多元化解机制。']);
  });

  await step('"Apply all fixes" on seed 001 leaves no fixable finding', async () => {
    const file = seed('001');
    if (!file) return console.log('(skipped: ../shared/seeds is not there) ');
    const text = fs.readFileSync(file, 'utf8');
    const before = await apiFindings(text, 'en');
    await draft.fill(text);
    await settled(before.length);
    const fixable = before.filter((f) => f.fix).length;
    const marks = before.reduce((n, f) => n + (f.fix ? (f.fix.edits || [f.fix]).length : 0), 0);
    assert.ok(marks > 300, `${marks} marks to fix`);
    await page.locator('#fix-all').click();
    await page.waitForFunction(() => document.body.dataset.phase === 'checked' &&
      document.querySelector('#status').textContent.endsWith('applied'));
    assert.equal(await page.locator('#groups .fix').count(), 0);
    assert.equal(await page.locator('#groups .fix-kind').count(), 0);
    assert.equal(await page.locator('#fix-all').isDisabled(), true);
    assert.equal(await draft.inputValue(), cliFixed(file));
    const after = await apiFindings(await draft.inputValue(), 'en');
    assert.equal(after.filter((f) => f.fix).length, 0);
    console.log(`(${before.length} findings, ${fixable} with fixes of ${marks} marks → ${after.length}, none fixable) `);
  });

  // An edition of three pages written here: the third gives a figure of the front page's story
  // otherwise. Opened together, they are checked as one edition (POST /v1/edition).
  const EDITION = [
    ['page-1.txt', '全市城市书房建设提速\n\n记者从市文旅局获悉，青山区今年新建社区图书室36个，覆盖全部街道。\n'],
    ['page-2.txt', '文化惠民\n\n本报讯 今年以来，各旗县区加快公共文化设施建设，群众满意度持续提升。\n'],
    ['page-3.txt', '书房建设\n\n记者从市文旅局获悉，青山区今年新建社区图书室63个，覆盖全部街道。\n'],
  ];
  const editionFindings = async (messages) => {
    const res = await fetch(`${server.origin}/v1/edition`, {
      method: 'POST',
      headers: {'Content-Type': 'application/json'},
      body: JSON.stringify({pages: EDITION.map(([name, text]) => ({name, text})), messages}),
    });
    return (await res.json()).files.flatMap((f) => f.findings.map((x) => ({...x, path: f.path})));
  };
  // The pixels of a colour in a screenshot (the PNG read back in the page).
  const pixels = async (png, rgb) => (await colourCounts(page, png, {c: [...rgb, 8]})).c;

  await step('several files opened at once are checked as one edition; a finding leads to its other place', async () => {
    await page.locator('#new').click();
    await settled(0);
    const all = await editionFindings('en');
    const conflict = all.filter((f) => f.rule.startsWith('edition.'));
    assert.deepEqual(conflict.map((f) => [f.path, f.rule, f.message, f.related.map((r) => [r.file, r.label])]), [
      ['page-3.txt', 'edition.figure-conflict',
       'Figures differ across the edition: "…从市文旅局获悉，青山区今年新建社区图书室" 63个 here, 36个 on page 1 (page-1.txt)',
       [['page-1.txt', 'page 1']]]]);
    // The multiple file picker, the files in any order: pages by name, the front page shown.
    await page.locator('#file').setInputFiles(
      [2, 0, 1].map((k) => ({name: EDITION[k][0], mimeType: 'text/plain', buffer: Buffer.from(EDITION[k][1])})));
    await settled(all.length);
    assert.ok(requests.some((u) => u.endsWith('/v1/edition')));
    assert.deepEqual(await page.$$eval('#pages button', (bs) => bs.map((b) => [b.firstChild.textContent, b.getAttribute('aria-pressed')])),
                     [['page-1.txt', 'true'], ['page-2.txt', 'false'], ['page-3.txt', 'false']]);
    assert.equal(await draft.inputValue(), EDITION[0][1]);
    assert.match(await page.locator('#status').textContent(), new RegExp(`^${all.length} findings? in 3 files · \\d+ ms$`));
    // Every card says which file it is in; the edition card names both places.
    assert.deepEqual(await page.$$eval('#groups .finding .file', (els) => els.map((e) => e.textContent)).then((x) => x.sort()),
                     all.map((f) => f.path).sort());
    const ed = page.locator('.finding[data-rule="edition.figure-conflict"]');
    assert.equal(await ed.count(), 1);
    const i = Number(await ed.getAttribute('data-index'));
    assert.deepEqual({...(await card(i)), file: await ed.locator('.file').textContent()}, {
      severity: 'Warning',
      where: 'line 3, col 23',
      message: conflict[0].message,
      related: [['page 1', '36个', 'page-1.txt, line 3, col 23']],
      buttons: [],  // no Ignore: a page checked alone never reports it
      file: 'page-3.txt',
    });
    assert.equal(await ed.locator('.goto').textContent(), 'Go to page-1.txt');
    // Clicking the card: its page in the editor, the figure selected and highlighted.
    await ed.locator('.message').click();
    assert.equal(await draft.inputValue(), EDITION[2][1]);
    assert.equal(await page.locator('#pages button[aria-pressed="true"]').getAttribute('data-page'), '2');
    assert.equal(await draft.evaluate((t) => t.value.slice(t.selectionStart, t.selectionEnd)), '63个');
    assert.equal(await page.locator('#highlights mark.current').textContent(), '63个');
    await page.screenshot({path: path.join(OUT, 'page-edition.png')});
    // The other place: page 1 in the editor, 36个 selected and highlighted as the related span.
    await ed.locator('.goto').click();
    assert.equal(await draft.inputValue(), EDITION[0][1]);
    assert.equal(await page.locator('#pages button[aria-pressed="true"]').getAttribute('data-page'), '0');
    assert.equal(await draft.evaluate((t) => t.value.slice(t.selectionStart, t.selectionEnd)), '36个');
    assert.deepEqual(await page.$$eval('#highlights mark.related', (ms) => ms.map((m) => [m.dataset.related, m.textContent])),
                     [['0', '36个']]);
    assert.equal(await page.locator('#highlights mark.current').count(), 0);  // the finding is on page 3
    const png = path.join(OUT, 'page-edition-jump.png');
    await page.screenshot({path: png});
    // The related span's dashed underline (#7e57c2, app.css) is in the picture.
    assert.ok(await pixels(png, [0x7e, 0x57, 0xc2]) > 20, 'the related span is drawn');
    // Back by the card: page 3 again.
    await ed.locator('.message').click();
    assert.equal(await draft.inputValue(), EDITION[2][1]);
  });

  await step('the edition in Chinese, dropped as several files; an edit re-checks the edition', async () => {
    await page.locator('#new').click();
    await settled(0);
    await page.locator('#ui-lang').click();  // 中文
    const zh = (await editionFindings('zh')).filter((f) => f.rule.startsWith('edition.'));
    assert.equal(zh[0].message, '各版数据不一：“…从市文旅局获悉，青山区今年新建社区图书室”此处为 63个，第1版（page-1.txt）为 36个');
    const drop = await page.evaluateHandle((pages) => {
      const dt = new DataTransfer();
      for (const [name, text] of pages) dt.items.add(new File([text], name, {type: 'text/plain'}));
      return dt;
    }, EDITION);
    await page.dispatchEvent('#editor', 'drop', {dataTransfer: drop});
    const all = await editionFindings('zh');
    await settled(all.length);
    const ed = page.locator('.finding[data-rule="edition.figure-conflict"]');
    const i = Number(await ed.getAttribute('data-index'));
    assert.deepEqual((await card(i)).related, [['第1版', '36个', 'page-1.txt 第 3 行第 23 列']]);
    assert.equal((await card(i)).message, zh[0].message);
    assert.equal(await ed.locator('.goto').textContent(), '转到 page-1.txt');
    // Page 3 made to agree: the edition finding goes.
    await ed.locator('.message').click();
    await draft.fill(EDITION[2][1].replace('63个', '36个'));
    await settled(all.length - 1);
    assert.equal(await page.locator('.finding[data-rule="edition.figure-conflict"]').count(), 0);
    await page.locator('#ui-lang').click();  // back to English
    await page.locator('#new').click();
    await settled(0);
    assert.equal(await page.locator('#pages').isVisible(), false);
  });

  await step('everything came from the server itself; no script errors', async () => {
    const foreign = requests.filter((u) => !u.startsWith(server.origin + '/'));
    assert.deepEqual(foreign, []);
    assert.deepEqual(problems, []);
  });
  console.log(`${steps.length} steps passed; screenshots in ${OUT}`);
} catch (e) {
  failed = true;
  console.log('FAILED');
  console.error(e);
} finally {
  await browser.close();
  server.proc.kill('SIGTERM');
  fs.rmSync(WORK, {recursive: true, force: true});
}
process.exit(failed ? 1 : 0);
