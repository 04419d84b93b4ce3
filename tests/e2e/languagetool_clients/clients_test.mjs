// Real LanguageTool clients from npm against `tally serve`: Markdown (annotatedtext-remark) and
// HTML (annotatedtext-rehype, on annotatedtext) sent as `data`, urlencoded as every client posts
// it; fixes applied the way clients apply them must leave every piece of markup in place; the
// context of each match must show its text; generated Chinese copy of 10 KB and 200 KB goes
// through whole; and languagetool-api (GET /v2/check, /v2/languages) works when its URL is
// pointed at the server.
// Usage: node clients_test.mjs TALLY ROOT
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import fs from 'node:fs';
import {createRequire} from 'node:module';
import path from 'node:path';
import readline from 'node:readline';
import * as rehype from 'annotatedtext-rehype';
import * as remark from 'annotatedtext-remark';

const [TALLY, ROOT] = process.argv.slice(2);
const require = createRequire(import.meta.url);

async function startServer() {
  const proc = spawn(TALLY, ['serve', '--port', '0', '--quiet'], {cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit']});
  const line = await new Promise((resolve, reject) => {
    readline.createInterface({input: proc.stdout}).once('line', resolve);
    proc.once('exit', (code) => reject(new Error(`tally serve exited ${code}`)));
  });
  return {proc, url: line.match(/http:\/\/\S+\//)[0]};
}

const server = await startServer();
let failures = 0;
async function test(name, fn) {
  try {
    await fn();
    console.log(`ok   ${name}`);
  } catch (e) {
    failures++;
    console.log(`FAIL ${name}\n${e.stack}`);
  }
}

async function checkData(annotation, extra = {}) {
  const body = new URLSearchParams({language: 'zh-CN', data: JSON.stringify(annotation), ...extra});
  const t0 = performance.now();
  const res = await fetch(server.url + 'v2/check', {method: 'POST', body});
  const text = await res.text();
  assert.equal(res.status, 200, text);
  return {reply: JSON.parse(text), bytes: text.length, ms: performance.now() - t0};
}
// Applies one match's first replacement to the source, as clients do (JavaScript strings count
// UTF-16 units, as the offsets do).
const apply = (src, m) => src.slice(0, m.offset) + m.replacements[0].value + src.slice(m.offset + m.length);
const markupOf = (annotation) => annotation.annotation.filter((a) => 'markup' in a).map((a) => a.markup);
// The match's text is what its context marks (the context has newlines as spaces).
function assertContext(src, m) {
  const c = m.context;
  assert.equal(c.text.substr(c.offset, c.length), src.substr(m.offset, m.length).replace(/\n/g, ' '));
  assert.ok(c.text.length <= m.length + 80 + 6, `context of ${c.text.length} units`);
  assert.ok(m.sentence.length <= m.length + 300, `sentence of ${m.sentence.length} units`);
}

await test('HTML: a fix before </b> keeps it', async () => {
  const html = '<p><b>他说,</b>我们在城区、郊区、园区、新区三地设立巡回审判点。</p>';
  const {reply} = await checkData(rehype.build(html));
  const ids = reply.matches.map((m) => [m.rule.id, html.substr(m.offset, m.length)]);
  assert.deepEqual(ids, [['punct.halfwidth-in-cjk', ','], ['count.enumeration', '三地']]);
  assert.equal(apply(html, reply.matches[0]), '<p><b>他说，</b>我们在城区、郊区、园区、新区三地设立巡回审判点。</p>');
  for (const m of reply.matches) assertContext(html, m);
  assert.equal(reply.language.code, 'zh-CN');
  assert.equal(typeof reply.software.buildDate, 'string');
});

await test('Markdown: a fix inside a link keeps the link; emphasis stays out of a highlight', async () => {
  const md = '据介绍,该院在[城区,](https://x.org)郊区设点。\n\n该院在城区、郊区、园区、新区*三地*设立巡回审判点。\n';
  const {reply} = await checkData(remark.build(md));
  const link = reply.matches.find((m) => md.substr(m.offset, m.length) === ',' && m.offset > md.indexOf('['));
  assert.ok(link, JSON.stringify(reply.matches));
  assert.ok(apply(md, link).includes('[城区，](https://x.org)郊区'), apply(md, link));
  const count = reply.matches.find((m) => m.rule.id === 'count.enumeration');
  assert.equal(md.substr(count.offset, count.length), '三地');
  // Every fix, applied from the end, changes no markup.
  let fixed = md;
  for (const m of [...reply.matches].reverse()) if (m.replacements.length) fixed = apply(fixed, m);
  assert.deepEqual(markupOf(remark.build(fixed)), markupOf(remark.build(md)));
  assert.ok(fixed.startsWith('据介绍，该院在[城区，](https://x.org)郊区设点。'), fixed);
  for (const m of reply.matches) assertContext(md, m);
});

// Chinese copy generated from the samples: their paragraphs, numbered so none repeats, with
// Markdown emphasis and links around some words, to `size` bytes.
function generated(size) {
  const paras = ['zh-lines.txt', 'zh-draft.md']
    .flatMap((f) => fs.readFileSync(path.join(ROOT, 'samples', f), 'utf8').split('\n'))
    .map((l) => l.trim())
    .filter((l) => l.length > 10 && !l.startsWith('#'));
  let out = '';
  for (let i = 0; Buffer.byteLength(out) < size; i++) {
    let p = paras[i % paras.length].replace(/白云县/g, `白云县第${i}片区`);
    if (i % 3 === 0) p = p.replace('检察院', '**检察院**');
    if (i % 5 === 0) p = p.replace('法院', '[法院](https://example.org/c/' + i + ')');
    out += p + (i % 7 === 6 ? '\n\n## 第' + i + '节\n\n' : '\n\n');
  }
  return out;
}

for (const kb of [10, 200]) {
  await test(`generated Chinese Markdown of ${kb} KB`, async () => {
    const md = generated(kb * 1024);
    const annotation = remark.build(md);
    const {reply, bytes, ms} = await checkData(annotation);
    console.log(`     ${kb} KB: ${reply.matches.length} matches, reply ${bytes} bytes, ${ms.toFixed(0)} ms`);
    assert.ok(reply.matches.length > kb, `only ${reply.matches.length} matches`);
    assert.equal(reply.warnings.incompleteResults, false);
    // Linear reply: well under 2 KB a match.
    assert.ok(bytes < 2000 * reply.matches.length + 2000, `reply of ${bytes} bytes`);
    for (const m of reply.matches) assertContext(md, m);
    let fixed = md;
    const sorted = [...reply.matches].sort((a, b) => b.offset - a.offset);
    let last = Infinity;
    for (const m of sorted) {
      if (!m.replacements.length || m.offset + m.length > last) continue;  // overlapping: one of them
      fixed = apply(fixed, m);
      last = m.offset;
    }
    assert.deepEqual(markupOf(remark.build(fixed)), markupOf(annotation));
  });
}

await test('languagetool-api: GET /v2/check and /v2/languages', async () => {
  // The client has LanguageTool's public URL built in: its `request` is pointed at the server.
  const requestPath = require.resolve('request');
  const real = require('request');
  const redirect = (url) => url.replace('https://languagetool.org/api/', server.url);
  require.cache[requestPath].exports = (url, cb) => real(redirect(url), cb);
  const lt = require('languagetool-api');
  const check = (params) => new Promise((resolve, reject) =>
    lt.check(params, (err, out) => (err ? reject(err) : resolve(out))));
  const out = await check({language: 'zh-CN', text: '他说,我们在城区、郊区、园区、新区设点。'});
  assert.deepEqual(out.matches.map((m) => m.rule.id), ['punct.halfwidth-in-cjk']);
  const mistakes = await new Promise((resolve) => lt.showMistakes(out, resolve));
  assert.deepEqual(mistakes, [',']);
  const best = await new Promise((resolve) => lt.bestSuggestion(out, resolve));
  assert.deepEqual(best, [{mistake: ',', bestSuggestion: '，'}]);
  // A variant is answered as that variant; a language Tally does not check gets no matches.
  const gb = await check({language: 'en-GB', text: 'The office said that that the plan was ready.'});
  assert.equal(gb.language.code, 'en-GB');
  assert.equal(gb.language.name, 'English (GB)');
  const de = await check({language: 'de-DE', text: 'Das ist ein Test.'});
  assert.deepEqual(de.matches, []);
  assert.equal(de.warnings.incompleteResults, true);
  const codes = await new Promise((resolve, reject) => lt.codes((err, out) => (err ? reject(err) : resolve(out))));
  assert.ok(codes.some((l) => l.longCode === 'zh-CN'));
  assert.ok(codes.some((l) => l.longCode === 'en-GB'));
});

server.proc.kill('SIGTERM');
await new Promise((resolve) => server.proc.once('exit', resolve));
if (failures) {
  console.log(`${failures} failed`);
  process.exit(1);
}
console.log('all passed');
