// The page of `tally serve` in Debian's chromium, driven by playwright-core: a sample with known
// errors is pasted, its findings must be highlighted over exactly their characters and listed by
// severity as the CLI reports them; clicking jumps, hovering explains, a fix applies and is
// undoable, re-checks are debounced, the date field and file drops work, a banner names the
// rules that could not run without a publication date, the interface switches to Chinese, and
// nothing is fetched from another host.
// Usage: node page_test.mjs TALLY ROOT OUTDIR
import assert from 'node:assert/strict';
import {spawn, spawnSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import {chromium} from 'playwright-core';

const [TALLY, ROOT, OUT] = process.argv.slice(2);
fs.mkdirSync(OUT, {recursive: true});
const sample = (name) => fs.readFileSync(path.join(ROOT, 'samples', name), 'utf8');

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
  const proc = spawn(TALLY, ['serve', '--port', '0', '--quiet'], {stdio: ['ignore', 'pipe', 'inherit']});
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
    page.$$eval('#groups .finding', (els) =>
      els.map((el) => ({
        rule: el.querySelector('.rule').textContent,
        message: el.querySelector('.message').textContent,
        severity: el.closest('section').dataset.severity,
      })));
  // Waits until the page shows `n` findings for the text now in the editor.
  const settled = (n) =>
    page.waitForFunction(
      (n) => document.body.dataset.phase === 'checked' &&
        document.querySelectorAll('#groups .finding').length === n,
      n);

  const name = 'zh-page-wrapped.txt';
  const want = cliFindings(name);
  const rules = await (await fetch(`${server.origin}/v1/rules`)).json();

  await step('page loads with its own assets', async () => {
    await page.goto(server.origin + '/');
    assert.equal(await page.title(), 'Tally');
    // The page's script writes the summary once it has run: under load that is after `goto`.
    await page.waitForFunction(() => document.querySelector('#summary').textContent !== '');
    assert.equal(await page.locator('#summary').textContent(), 'Findings will appear here as you type.');
  });

  await step('pasting a draft lists its findings by severity, as the CLI reports them', async () => {
    await draft.focus();
    await page.keyboard.insertText(sample(name));  // what a paste does: text in, one input event
    await settled(want.length);
    const order = ['error', 'warning', 'info'];
    const expected = order.flatMap((s) =>
      want.filter((f) => f.severity === s).map((f) => ({rule: f.rule, message: f.message, severity: s})));
    assert.deepEqual(await listed(), expected);
    for (const s of order) {
      const n = want.filter((f) => f.severity === s).length;
      const count = page.locator(`section[data-severity="${s}"] .count`);
      assert.equal(n ? await count.textContent() : await count.count(), n ? String(n) : 0);
    }
    assert.equal(await page.locator('section[data-severity="error"] h2').textContent(), 'Errors 2');
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

  await step('clicking a finding selects its text in the draft', async () => {
    const i = want.findIndex((f) => f.rule === 'percent.recompute');
    await page.locator(`.finding[data-index="${i}"]`).click();
    const selected = await draft.evaluate((t) => t.value.slice(t.selectionStart, t.selectionEnd));
    assert.equal(selected, '32%');
    assert.equal(await page.locator('#highlights mark.current').textContent(), '32%');
    assert.match(await page.locator(`.finding[data-index="${i}"]`).getAttribute('class'), /current/);
  });

  await step('hovering a highlight explains the rule', async () => {
    const i = want.findIndex((f) => f.rule === 'artifact.spaced-chars');
    const box = await page.locator(`#highlights mark[data-ids="${i}"]`).boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const tip = page.locator('#tip');
    await tip.waitFor({state: 'visible'});
    const rule = rules.rules.find((r) => r.id === 'artifact.spaced-chars');
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

  await step('applying all fixes repairs every fixable finding', async () => {
    await page.locator('#fix-all').click();
    const fixable = want.filter((f) => f.fix).length;
    await settled(want.length - fixable);
    const value = await draft.inputValue();
    assert.ok(value.includes('防范校园欺凌的知识，累计覆盖'));
    assert.ok(value.includes('检察官以案例分享的形式'));
    assert.equal(await page.locator('#fix-all').isDisabled(), true);
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
      dt.items.add(new File([new Uint8Array([0, 1, 2])], 'scan.pdf', {type: 'application/pdf'}));
      return dt;
    });
    await page.dispatchEvent('#editor', 'drop', {dataTransfer: binary});
    assert.equal(await page.locator('#status').textContent(),
                 'scan.pdf: only .txt and .md files can be checked');
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
    assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
    assert.equal(await page.locator('section[data-severity="error"] h2').textContent(), '错误 1');  // date.invalid is a hint (info) by default
    assert.equal(await page.locator('#summary').textContent(), '共 2 处问题');
    assert.equal(await page.locator('.finding .where').first().textContent(), '第 7 行第 18 列');
    assert.equal(await page.locator('label span[data-i18n="date"]').textContent(), '出版日期');
    assert.equal(await page.locator('#notices .notice').textContent(),
                 '没有出版日期，以下规则未运行：date.future。请在“出版日期”栏填写，或检查版头载有日期的版面。' +
                 '填写日期');
    await page.screenshot({path: path.join(OUT, 'page-zh.png')});
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
}
process.exit(failed ? 1 : 0);
