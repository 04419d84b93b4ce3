// The checking page of `tally serve`: a draft on the left, its findings on the right. The draft
// is a plain textarea (so typing, pasting and undo behave as editors expect) over a layer that
// draws the highlights at the same positions. Findings come from POST /v1/check (docs/http.md);
// several files opened at once are checked as one edition by POST /v1/edition, one page shown
// at a time, and an edition finding leads to its other place on another page.
'use strict';

const STRINGS = {
  en: {
    tagline: 'Fact-check a draft before it goes to print',
    open: 'Open files…',
    new: 'New draft',
    date: 'Publication date',
    language: 'Language',
    auto: 'Detect',
    fixAll: 'Apply all fixes',
    placeholder: 'Paste or type a draft here, or drop a .txt, .md or .pdf file (several text files: one edition).',
    drop: 'Drop a file to check it, or several text files to check them as one edition',
    error: 'Errors',
    warning: 'Warnings',
    info: 'Notes',
    checking: 'Checking…',
    checked: (n, ms) => `${n} finding${n === 1 ? '' : 's'} · ${ms} ms`,
    checkedEdition: (n, k, ms) => `${n} finding${n === 1 ? '' : 's'} in ${k} files · ${ms} ms`,
    whereIn: (file, l, c) => `${file}, line ${l}, col ${c}`,
    goTo: (file) => `Go to ${file}`,
    none: 'No findings.',
    empty: 'Findings will appear here as you type.',
    summary: (n) => `${n} finding${n === 1 ? '' : 's'}`,
    fix: (r) => (r === '' ? 'Fix: delete' : `Fix: “${r}”`),
    fixEdits: (n) => `Fix all ${n}`,
    where: (l, c) => `line ${l}, col ${c}`,
    detected: (d) => `Publication date read from the page: ${d}`,
    onlyText: (name) => `${name}: only .txt, .md and .pdf files can be checked`,
    pdfAlone: (name) => `${name}: a PDF page is checked alone, not in an edition`,
    onPage: (p, b) => `page ${p}, x ${Math.round(b[0])}–${Math.round(b[2])}, y ${Math.round(b[1])}–${Math.round(b[3])} pt`,
    ruleErrors: 'Some rules failed on this draft; their findings are missing:',
    offline: 'Cannot reach the Tally server',
    noDate: (rules) =>
      `No publication date, so these rules did not run: ${rules}. ` +
      'Enter it in the Publication date field, or check a page whose header carries it.',
    setDate: 'Enter the date',
    severity: {error: 'Error', warning: 'Warning', info: 'Note'},
    allRules: (n) => `All rules (${n})`,
    ruleOption: (rule, n) => `${rule} (${n})`,
    shown: (k, n) => `${k} of ${n} findings shown`,
    fixKind: (n) => `Fix all ${n} of this kind`,
    ignore: 'Ignore',
    ignoreTitle: (file) => `Add to ${file}, which tally check --baseline reads`,
    ignored: (rule, file) => `Ignored: [${rule}] added to ${file}`,
    fixed: (n) => `${n} fix${n === 1 ? '' : 'es'} applied`,
    filterLabel: 'Show',
  },
  zh: {
    tagline: '稿件付印前的事实核查',
    open: '打开文件…',
    new: '新稿件',
    date: '出版日期',
    language: '语言',
    auto: '自动',
    fixAll: '全部修正',
    placeholder: '在此粘贴或输入稿件，也可以拖入 .txt、.md 或 .pdf 文件（多个文本文件即作为一期报纸检查）。',
    drop: '松开鼠标即可检查；多个文本文件作为一期报纸一起检查',
    error: '错误',
    warning: '警告',
    info: '提示',
    checking: '检查中…',
    checked: (n, ms) => `${n} 处问题 · ${ms} 毫秒`,
    checkedEdition: (n, k, ms) => `${k} 个文件共 ${n} 处问题 · ${ms} 毫秒`,
    whereIn: (file, l, c) => `${file} 第 ${l} 行第 ${c} 列`,
    goTo: (file) => `转到 ${file}`,
    none: '未发现问题。',
    empty: '输入稿件后，问题会显示在这里。',
    summary: (n) => `共 ${n} 处问题`,
    fix: (r) => (r === '' ? '修正：删除' : `修正为“${r}”`),
    fixEdits: (n) => `全部修正（${n} 处）`,
    where: (l, c) => `第 ${l} 行第 ${c} 列`,
    detected: (d) => `从版面读到的出版日期：${d}`,
    onlyText: (name) => `${name}：只能检查 .txt、.md 和 .pdf 文件`,
    pdfAlone: (name) => `${name}：PDF 版面只能单独检查，不能作为一期报纸的一版`,
    onPage: (p, b) => `第 ${p} 页，x ${Math.round(b[0])}–${Math.round(b[2])}，y ${Math.round(b[1])}–${Math.round(b[3])} pt`,
    ruleErrors: '部分规则在本稿件上运行出错，其结果缺失：',
    offline: '无法连接 Tally 服务',
    noDate: (rules) => `没有出版日期，以下规则未运行：${rules}。请在“出版日期”栏填写，或检查版头载有日期的版面。`,
    setDate: '填写日期',
    severity: {error: '错误', warning: '警告', info: '提示'},
    allRules: (n) => `全部规则（${n} 处）`,
    ruleOption: (rule, n) => `${rule}（${n} 处）`,
    shown: (k, n) => `显示 ${k} 处，共 ${n} 处问题`,
    fixKind: (n) => `修正此类全部 ${n} 处`,
    ignore: '忽略',
    ignoreTitle: (file) => `记入 ${file}（tally check --baseline 读取）`,
    ignored: (rule, file) => `已忽略：[${rule}] 已记入 ${file}`,
    fixed: (n) => `已应用 ${n} 处修正`,
    filterLabel: '显示',
  },
};
const SEVERITIES = ['error', 'warning', 'info'];
const DEBOUNCE_MS = 300;

const $ = (id) => document.getElementById(id);
const draft = $('draft');
const state = {
  ui: localStorage.getItem('tally.ui') || (navigator.language.startsWith('zh') ? 'zh' : 'en'),
  filename: 'draft.txt',
  pages: [],         // an edition: [{name, text, checked}] in page order, the front page first
  page: 0,           // the page (index into pages) in the editor
  rules: new Map(),  // id -> rule from GET /v1/rules
  findings: [],      // from the last check, with UTF-16 offsets into the text it checked
  severities: new Set(SEVERITIES),  // the severities shown (the filter buttons)
  ruleFilter: '',    // the one rule shown, or '' for every rule
  baseline: null,    // the server's --baseline file, which Ignore adds to (null: no Ignore)
  applying: false,   // edits of a fix are going in
  notices: [],       // rules that could not run on the last text checked (docs/notices.md)
  checkedText: null,
  pdfView: false,    // the PDF's page is drawn with the findings of the PDF's check
  current: -1,
  seq: 0,
  timer: 0,
  controller: null,
  status: null,  // [key, ...args] or an error string, so it can be re-rendered in another language
};

const t = (key, ...args) => {
  const s = STRINGS[state.ui][key];
  return typeof s === 'function' ? s(...args) : s;
};

// --- positions ---------------------------------------------------------------------------------

// The server gives 1-based lines and 0-based UTF-16 columns; JavaScript strings index UTF-16.
function lineStarts(text) {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return starts;
}
const toOffset = (starts, p) => starts[p.line - 1] + p.utf16;

// `page`: the index of the finding's page; `pages`: each page's name -> [index, line starts], for
// a related span in another page of an edition (it carries that page's `file`).
function located(finding, starts, page = 0, pages = new Map()) {
  const f = {...finding, page};
  f.start = toOffset(starts, finding.span.start);
  f.end = toOffset(starts, finding.span.end);
  if (finding.fix) {
    // A grouped finding's fix has several edits (`fix.edits`); the others have one.
    f.edits = (finding.fix.edits || [finding.fix]).map((e) => locatedEdit(e, starts));
  }
  // The spans it was computed from (the part and whole of a rate), drawn when it is selected.
  f.related = (finding.related || []).map((r) => {
    const [rpage, rstarts] = (r.file !== undefined && pages.get(r.file)) || [page, starts];
    return {
      label: r.label,
      page: rpage,
      line: r.span.start.line,
      column: r.span.start.column,
      start: toOffset(rstarts, r.span.start),
      end: toOffset(rstarts, r.span.end),
    };
  });
  return f;
}
function locatedEdit(e, starts) {
  return {start: toOffset(starts, e.span.start), end: toOffset(starts, e.span.end), replacement: e.replacement};
}

// --- checking ----------------------------------------------------------------------------------

// The check request for `text` as the page is set up now. Findings are worded in the interface's
// language (`messages`), whatever the draft's: the server asks the rules again in it.
function request(text) {
  const body = {text, filename: pageName(), language: $('language').value, messages: state.ui};
  if ($('date').value) body.date = $('date').value;
  return body;
}

const isEdition = () => state.pages.length > 1;
const pageName = () => (isEdition() ? state.pages[state.page].name : state.filename);
// The text a page was last checked as (the editor's page: state.checkedText).
const checkedOf = (k) => (isEdition() ? state.pages[k].checked : state.checkedText);

async function post(path, body, signal) {
  const res = await fetch(path, {
    method: 'POST',
    headers: {'Content-Type': 'application/json'},
    body: JSON.stringify(body),
    signal,
  });
  const reply = await res.json();
  if (!res.ok) throw new Error(reply.error ? reply.error.message : `HTTP ${res.status}`);
  return reply;
}

function schedule() {
  clearTimeout(state.timer);
  state.timer = setTimeout(check, DEBOUNCE_MS);
}

async function check() {
  clearTimeout(state.timer);
  const text = draft.value;
  localStorage.setItem('tally.draft', text);
  localStorage.setItem('tally.filename', state.filename);
  if (state.controller) state.controller.abort();
  // Edited, the text is checked as text: the PDF's boxes no longer match its findings.
  showPdfPages('');
  if (isEdition()) return checkEdition();
  localStorage.removeItem('tally.pages');
  if (text.trim() === '') {
    state.findings = [];
    state.notices = [];
    state.checkedText = text;
    setStatus(null);
    render(null);
    setPhase('checked');
    return;
  }
  const seq = ++state.seq;
  const controller = new AbortController();
  state.controller = controller;
  setStatus(['checking']);
  setPhase('checking');
  let reply;
  const started = performance.now();
  try {
    reply = await post('v1/check', request(text), controller.signal);
  } catch (e) {
    if (e.name === 'AbortError' || seq !== state.seq) return;
    setStatus(e instanceof TypeError ? t('offline') : e.message);
    setPhase('failed');
    return;
  }
  // A newer check was started, or the text changed while this one ran: its result is stale.
  if (seq !== state.seq || draft.value !== text) return;
  showReply(reply, text, started);
}

// A check's reply for `text` shown: its findings located in the text, the list drawn.
function showReply(reply, text, started) {
  const file = reply.files[0];
  const starts = lineStarts(text);
  state.checkedText = text;
  state.findings = file ? file.findings.map((f) => located(f, starts)) : [];
  state.notices = file ? file.notices || [] : [];
  state.current = -1;
  setStatus(['checked', state.findings.length, Math.round(performance.now() - started)]);
  render(file);
  setPhase('checked');
}

// The pages of an edition checked together (POST /v1/edition): every page's findings, each
// located in its own page's text; related spans in another page carry that page's name.
async function checkEdition() {
  const texts = state.pages.map((p) => p.text);
  localStorage.setItem('tally.pages', JSON.stringify({pages: state.pages.map((p) => ({name: p.name, text: p.text})), page: state.page}));
  const seq = ++state.seq;
  const controller = new AbortController();
  state.controller = controller;
  setStatus(['checking']);
  setPhase('checking');
  const body = request('');
  delete body.text;
  delete body.filename;
  body.pages = state.pages.map((p) => ({name: p.name, text: p.text}));
  let reply;
  const started = performance.now();
  try {
    reply = await post('v1/edition', body, controller.signal);
  } catch (e) {
    if (e.name === 'AbortError' || seq !== state.seq) return;
    setStatus(e instanceof TypeError ? t('offline') : e.message);
    setPhase('failed');
    return;
  }
  if (seq !== state.seq || state.pages.some((p, k) => p.text !== texts[k])) return;
  const index = new Map();
  state.pages.forEach((p, k) => index.set(p.name, [k, lineStarts(texts[k])]));
  state.findings = [];
  state.notices = [];
  const errors = [];
  for (const file of reply.files) {
    const [k, starts] = index.get(file.path);
    for (const f of file.findings) state.findings.push(located(f, starts, k, index));
    for (const n of file.notices || []) if (!state.notices.some((m) => m.id === n.id)) state.notices.push(n);
    errors.push(...file.rule_errors);
  }
  state.pages.forEach((p, k) => (p.checked = texts[k]));
  state.checkedText = texts[state.page];
  state.current = -1;
  setStatus(['checkedEdition', state.findings.length, state.pages.length, Math.round(performance.now() - started)]);
  const front = reply.files.find((f) => f.path === state.pages[0].name);
  render({rule_errors: errors, publication_date: front && front.publication_date});
  setPhase('checked');
}

// "editing" (the findings shown are for an older text), "checking" or "checked"; stale
// highlights are dimmed through it, and tests wait on it.
function setPhase(phase) {
  document.body.dataset.phase = phase;
}

function setStatus(status) {
  state.status = status;
  const el = $('status');
  el.classList.toggle('error', typeof status === 'string');
  el.textContent = !status ? '' : typeof status === 'string' ? status : t(...status);
}

// --- drawing -----------------------------------------------------------------------------------

function escapeHtml(s) {
  return s.replace(/[&<>"]/g, (c) => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;'})[c]);
}

const worst = (ids) =>
  SEVERITIES.find((s) => ids.some((i) => state.findings[i].severity === s)) || 'info';

// Whether the filters (severity buttons, rule menu) let finding `f` through.
const shown = (f) => state.severities.has(f.severity) && (!state.ruleFilter || f.rule === state.ruleFilter);

// The highlight layer: the text with each shown finding's range in a <mark>, and the selected
// finding's related spans (what it was computed from) marked `related`. Overlapping ranges are
// cut into pieces, each marked with everything covering it.
function drawHighlights() {
  const text = draft.value;
  const usable = state.checkedText === text;
  const ranges = [];  // [start, end, finding index or -1, related index or -1]
  if (usable) {
    state.findings.forEach((f, i) => {
      if (shown(f) && f.page === state.page) ranges.push([f.start, Math.max(f.end, f.start + 1), i, -1]);
    });
    const cur = state.findings[state.current];
    if (cur) cur.related.forEach((r, k) => {
      if (r.page === state.page) ranges.push([r.start, Math.max(r.end, r.start + 1), -1, k]);
    });
  }
  const cuts = new Set([0, text.length]);
  for (const [a, b] of ranges) {
    cuts.add(a);
    cuts.add(b);
  }
  const points = [...cuts].filter((p) => p <= text.length).sort((a, b) => a - b);
  let html = '';
  for (let k = 0; k + 1 < points.length; k++) {
    const [a, b] = [points[k], points[k + 1]];
    const piece = escapeHtml(text.slice(a, b));
    const over = ranges.filter((r) => r[0] < b && r[1] > a);
    const ids = over.filter((r) => r[2] >= 0).map((r) => r[2]);
    const rel = over.filter((r) => r[3] >= 0).map((r) => r[3]);
    if (over.length === 0) {
      html += piece;
      continue;
    }
    const cls = [];
    if (ids.length) cls.push(worst(ids));
    if (ids.includes(state.current)) cls.push('current');
    if (rel.length) cls.push('related');
    const data = (ids.length ? ` data-ids="${ids.join(' ')}"` : '') + (rel.length ? ` data-related="${rel.join(' ')}"` : '');
    html += `<mark class="${cls.join(' ')}"${data}>${piece}</mark>`;
  }
  // A final newline needs something after it, or the layer is one line shorter than the text.
  $('highlights').innerHTML = html + '\n&#8203;';
  $('backdrop').scrollTop = draft.scrollTop;
}

function explanation(rule) {
  const r = state.rules.get(rule);
  if (!r || !r.description) return '';
  const d = r.description;
  return d[state.ui] || d[state.ui === 'zh' ? 'en' : 'zh'] || Object.values(d)[0] || '';
}

function fixButton(f, i) {
  if (!f.fix) return '';
  const label = f.edits.length > 1 ? t('fixEdits', f.edits.length) : t('fix', f.fix.replacement);
  return `<button type="button" class="fix" data-fix="${i}">${escapeHtml(label)}</button>`;
}

function ignoreButton(i) {
  // A finding of the edition is no page's alone: a page checked by itself never reports it.
  // Nor is a PDF's: it was found by the page's layout, which the extracted text checked again
  // as plain text may not reproduce (its Ignore is offered once the draft is re-checked).
  const f = state.findings[i];
  if (!state.baseline || f.pdf || f.related.some((r) => r.page !== f.page)) return '';
  return `<button type="button" class="ignore" data-ignore="${i}" title="${escapeHtml(t('ignoreTitle', state.baseline))}">` +
    `${escapeHtml(t('ignore'))}</button>`;
}

// The related spans as a list on the card: label, the words, where.
// One in another page of an edition names that page's file and leads there.
function relatedList(f, i) {
  if (f.related.length === 0) return '';
  return '<ul class="related">' + f.related.map((r, k) => {
    const text = checkedOf(r.page) || '';
    const elsewhere = r.page !== f.page;
    const file = elsewhere ? state.pages[r.page].name : '';
    return `<li data-related="${k}"><span class="label">${escapeHtml(r.label)}</span>` +
      `<q>${escapeHtml(text.slice(r.start, r.end))}</q>` +
      `<span class="where">${escapeHtml(elsewhere ? t('whereIn', file, r.line, r.column) : t('where', r.line, r.column))}</span>` +
      (elsewhere ? `<button type="button" class="goto" data-goto="${i} ${k}">${escapeHtml(t('goTo', file))}</button>` : '') +
      '</li>';
  }).join('') + '</ul>';
}

// The tabs of an edition's pages, each with its count of findings shown.
function renderPages() {
  const nav = $('pages');
  nav.hidden = !isEdition();
  nav.innerHTML = !isEdition() ? '' : state.pages.map((p, k) => {
    const n = state.findings.filter((f) => f.page === k && shown(f)).length;
    return `<button type="button" data-page="${k}" aria-pressed="${k === state.page}">` +
      `${escapeHtml(p.name)}<span class="count">${n}</span></button>`;
  }).join('');
}

// Rules that could not run, as a banner above the findings: in the interface's language for the
// notices the page knows (with a way to the field that fixes it), else the server's message.
function renderNotices() {
  const box = $('notices');
  box.hidden = state.notices.length === 0;
  box.innerHTML = state.notices
    .map((n) => {
      const known = n.id === 'no-publication-date';
      const text = escapeHtml(known ? t('noDate', n.rules.join(', ')) : n.message);
      const action = known ? `<button type="button" class="set-date">${escapeHtml(t('setDate'))}</button>` : '';
      return `<p class="notice" data-id="${escapeHtml(n.id)}">${text}${action}</p>`;
    })
    .join('');
}

// The findings by rule: the worst severity first, then the commonest rule, then by id; each
// rule's findings in the order of the text.
function byRule() {
  const groups = new Map();
  state.findings.forEach((f, i) => {
    if (!groups.has(f.rule)) groups.set(f.rule, []);
    groups.get(f.rule).push(i);
  });
  return [...groups].map(([rule, ids]) => ({rule, ids, severity: worst(ids)})).sort((a, b) =>
    SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || b.ids.length - a.ids.length ||
    (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0));
}

// The filter bar: a button per severity with its count (pressed: shown), a menu of the rules.
function renderFilters(groups) {
  const n = state.findings.length;
  $('filters').hidden = n === 0;
  $('severity-filter').innerHTML = SEVERITIES.map((s) => {
    const k = state.findings.filter((f) => f.severity === s).length;
    const on = state.severities.has(s);
    return `<button type="button" class="sev ${s}" data-severity="${s}" aria-pressed="${on}">` +
      `${escapeHtml(t(s))} <span class="count">${k}</span></button>`;
  }).join('');
  if (state.ruleFilter && !groups.some((g) => g.rule === state.ruleFilter)) state.ruleFilter = '';
  $('rule-filter').innerHTML = `<option value="">${escapeHtml(t('allRules', n))}</option>` +
    groups.map((g) => `<option value="${escapeHtml(g.rule)}"${g.rule === state.ruleFilter ? ' selected' : ''}>` +
      `${escapeHtml(t('ruleOption', g.rule, g.ids.length))}</option>`).join('');
}

function render(file) {
  drawHighlights();
  renderNotices();
  const box = $('groups');
  box.innerHTML = '';
  const n = state.findings.length;
  const text = draft.value;
  const groups = byRule();
  renderFilters(groups);
  renderPages();
  const visible = state.findings.filter(shown).length;
  $('summary').textContent = text.trim() === '' ? t('empty') : n === 0 ? t('none') :
    visible === n ? t('summary', n) : t('shown', visible, n);
  for (const g of groups) {
    const ids = g.ids.filter((i) => shown(state.findings[i]));
    if (ids.length === 0) continue;
    // Marks, not findings: one finding may stand for every ASCII comma of an article.
    // In an edition, those of the page in the editor: the fixes go into its text.
    const fixable = g.ids.reduce((n, i) => n + (state.findings[i].fix && state.findings[i].page === state.page
      ? state.findings[i].edits.length : 0), 0);
    const section = document.createElement('section');
    section.className = `group ${g.severity}`;
    section.dataset.rule = g.rule;
    section.dataset.severity = g.severity;
    const exp = explanation(g.rule);
    section.innerHTML =
      `<h2><span class="rule">${escapeHtml(g.rule)}</span> <span class="count">${ids.length}</span>` +
      (fixable ? `<button type="button" class="fix-kind" data-fix-rule="${escapeHtml(g.rule)}">${escapeHtml(t('fixKind', fixable))}</button>` : '') +
      '</h2>' + (exp ? `<p class="explain">${escapeHtml(exp)}</p>` : '') + '<ol></ol>';
    const list = section.querySelector('ol');
    for (const i of ids) {
      const f = state.findings[i];
      const li = document.createElement('li');
      li.className = `finding ${f.severity}${i === state.current ? ' current' : ''}`;
      li.dataset.index = i;
      li.dataset.rule = f.rule;
      li.tabIndex = 0;
      li.innerHTML =
        `<div class="head"><span class="sev">${escapeHtml(t('severity')[f.severity])}</span>` +
        (isEdition() ? `<span class="file">${escapeHtml(state.pages[f.page].name)}</span>` : '') +
        `<span class="where">${t('where', f.span.start.line, f.span.start.column)}` +
        (f.pdf ? ` · ${escapeHtml(t('onPage', f.pdf.page, f.pdf.bbox))}` : '') + '</span></div>' +
        `<p class="message">${escapeHtml(f.message)}</p>` + relatedList(f, i) +
        `<div class="actions">${fixButton(f, i)}${ignoreButton(i)}</div>`;
      list.appendChild(li);
    }
    box.appendChild(section);
  }
  $('fix-all').disabled = !state.findings.some((f) => f.fix && f.page === state.page);
  markBoxes();
  if (file !== undefined) {
    const errors = file ? file.rule_errors : [];
    const errBox = $('rule-errors');
    errBox.hidden = errors.length === 0;
    errBox.textContent = errors.length
      ? t('ruleErrors') + '\n' + errors.map((e) => `${e.rule || e.file}: ${e.message}`).join('\n')
      : '';
    const detected = file && !$('date').value && file.publication_date;
    $('detected').textContent = detected ? t('detected', file.publication_date) : '';
  }
}

// A PDF's page with its findings boxed, as the server drew it (pages_html: the HTML report's
// drawing, docs/http.md); the i-th finding's boxes carry data-f "f1-(i+1)". The boxes' places
// come as data-pos, set here: the page's Content Security Policy refuses style attributes.
function showPdfPages(html) {
  const view = $('pdf-view');
  view.innerHTML = html || '';
  view.hidden = !html;
  state.pdfView = !!html;
  view.querySelectorAll('.box[data-pos]').forEach((b) => {
    for (const decl of b.dataset.pos.split(';')) {
      const [prop, value] = decl.split(':');
      b.style.setProperty(prop, value);
    }
  });
}
const boxIndex = (b) => Number(b.dataset.f.slice(b.dataset.f.indexOf('-') + 1)) - 1;
// The boxes follow the filters, and the current finding's are marked.
function markBoxes() {
  if (!state.pdfView) return;
  $('pdf-view').querySelectorAll('.box[data-f]').forEach((b) => {
    const i = boxIndex(b);
    const f = state.findings[i];
    b.classList.toggle('off', !f || !shown(f));  // .box sets display: hidden would not hide it
    b.classList.toggle('sel', i === state.current);
  });
}

// --- acting on findings ------------------------------------------------------------------------

// Puts page `k` of the edition in the editor (its text as edited, its highlights).
function showPage(k) {
  if (!isEdition() || k === state.page || !state.pages[k]) return;
  state.pages[state.page].text = draft.value;
  state.page = k;
  draft.value = state.pages[k].text;
  state.checkedText = state.pages[k].checked;
  draft.scrollTop = 0;
  localStorage.setItem('tally.draft', draft.value);
  hideTip();
}

// Selects `start`..`end` in the editor and scrolls the mark `selector` into view.
function reveal(start, end, selector) {
  draft.focus();
  draft.setSelectionRange(start, end);
  render();
  const mark = document.querySelector(selector);
  if (mark) {
    const top = mark.offsetTop - draft.clientHeight / 3;
    draft.scrollTop = Math.max(0, top);
    $('backdrop').scrollTop = draft.scrollTop;
  }
}

// An edition finding's other place: its page in the editor, the related span selected and
// highlighted, the finding still the current one.
function jumpToRelated(i, k) {
  const f = state.findings[i];
  const r = f && f.related[k];
  if (!r) return;
  state.current = i;
  showPage(r.page);
  reveal(r.start, r.end, `#highlights mark.related[data-related~="${k}"]`);
}

function jumpTo(i) {
  const f = state.findings[i];
  if (!f) return;
  state.current = i;
  showPage(f.page);
  draft.focus();
  draft.setSelectionRange(f.start, f.end);
  render();
  const mark = document.querySelector('#highlights mark.current');
  if (mark) {
    const top = mark.offsetTop - draft.clientHeight / 3;
    draft.scrollTop = Math.max(0, top);
    $('backdrop').scrollTop = draft.scrollTop;
  }
  const item = document.querySelector(`.finding[data-index="${i}"]`);
  if (item) item.scrollIntoView({block: 'nearest'});
  const box = state.pdfView && $('pdf-view').querySelector('.box.sel:not(.rel)');
  if (box) box.scrollIntoView({block: 'nearest'});
}

// Replaces through the editing commands when the browser has them, so Ctrl+Z undoes a fix.
function replaceRange(start, end, replacement) {
  draft.focus();
  draft.setSelectionRange(start, end);
  if (!document.execCommand('insertText', false, replacement)) {
    draft.setRangeText(replacement, start, end, 'end');
  }
}

// Applies edits from the end backwards, so earlier offsets stay valid; an edit that overlaps
// one already applied is left for the next check.
function applyEdits(edits) {
  let limit = Infinity;
  state.applying = true;  // one re-check after them all, not one per edit
  try {
    for (const e of [...edits].sort((a, b) => b.start - a.start)) {
      if (e.end > limit) continue;
      replaceRange(e.start, e.end, e.replacement);
      limit = e.start;
    }
  } finally {
    state.applying = false;
  }
}

function applyFix(i) {
  const f = state.findings[i];
  if (f) showPage(f.page);
  if (!f || !f.fix || state.checkedText !== draft.value) return;
  applyEdits(f.edits);
  hideTip();
  check();
}

// Every fix, or those of one rule: the server's fix engine (the CLI's --fix: overlaps settled in
// a fixed order, then checked again until nothing is left to fix) returns the edits from this
// text, which are applied here so that Ctrl+Z undoes them.
async function fixByServer(rule) {
  const text = draft.value;
  if (state.checkedText !== text) return;
  const body = request(text);
  if (rule) body.fix_rules = [rule];
  setPhase('checking');
  let reply;
  try {
    reply = await post('v1/fix', body);
  } catch (e) {
    setStatus(e instanceof TypeError ? t('offline') : e.message);
    setPhase('failed');
    return;
  }
  if (draft.value !== text) return;  // typed meanwhile: the edits are for an older text
  const starts = lineStarts(text);
  applyEdits(reply.edits.map((e) => locatedEdit(e, starts)));
  hideTip();
  await check();
  setStatus(['fixed', reply.fixes]);
}

// Ignore: the server adds the finding to its baseline file, which `tally check --baseline` reads
// too, and leaves it out of every check from now on.
async function ignore(i) {
  const f = state.findings[i];
  if (f) showPage(f.page);
  const text = draft.value;
  if (!f || state.checkedText !== text) return;
  const body = request(text);
  body.finding = {rule: f.rule, offset: f.span.start.offset};
  try {
    const reply = await post('v1/ignore', body);
    await check();
    setStatus(['ignored', reply.ignored.rule, reply.baseline]);
  } catch (e) {
    setStatus(e instanceof TypeError ? t('offline') : e.message);
  }
}

// --- hover ---------------------------------------------------------------------------------------

let tipTimer = 0;
function showTip(ids, x, y) {
  clearTimeout(tipTimer);
  const tip = $('tip');
  tip.innerHTML = ids
    .map((i) => {
      const f = state.findings[i];
      const exp = explanation(f.rule);
      return (
        `<div class="tip-item" data-index="${i}"><span class="rule">${escapeHtml(f.rule)}</span>` +
        `<p>${escapeHtml(f.message)}</p>` +
        (exp ? `<p class="explain">${escapeHtml(exp)}</p>` : '') +
        fixButton(f, i) +
        '</div>'
      );
    })
    .join('');
  tip.hidden = false;
  const w = tip.offsetWidth, h = tip.offsetHeight;
  tip.style.left = `${Math.min(x + 12, window.innerWidth - w - 8)}px`;
  tip.style.top = `${y + 18 + h > window.innerHeight ? y - h - 12 : y + 18}px`;
}
function hideTip() {
  $('tip').hidden = true;
}
function hideTipSoon() {
  clearTimeout(tipTimer);
  tipTimer = setTimeout(hideTip, 300);
}

// The textarea is on top, so the marks under the pointer are found by position.
draft.addEventListener('mousemove', (e) => {
  const mark = document.elementsFromPoint(e.clientX, e.clientY).find((el) => el.tagName === 'MARK');
  if (mark) {
    const ids = mark.dataset.ids.split(' ').map(Number);
    if ($('tip').hidden || $('tip').dataset.ids !== mark.dataset.ids) {
      $('tip').dataset.ids = mark.dataset.ids;
      showTip(ids, e.clientX, e.clientY);
    } else {
      clearTimeout(tipTimer);
    }
  } else if (!$('tip').hidden) {
    hideTipSoon();
  }
});
draft.addEventListener('mouseleave', hideTipSoon);
$('tip').addEventListener('mouseenter', () => clearTimeout(tipTimer));
$('tip').addEventListener('mouseleave', hideTipSoon);

// --- wiring --------------------------------------------------------------------------------------

document.addEventListener('click', (e) => {
  if (e.target.closest('.set-date')) {
    $('date').focus();
    return;
  }
  const fix = e.target.closest('[data-fix]');
  if (fix) {
    e.stopPropagation();
    applyFix(Number(fix.dataset.fix));
    return;
  }
  const kind = e.target.closest('[data-fix-rule]');
  if (kind) {
    fixByServer(kind.dataset.fixRule);
    return;
  }
  const go = e.target.closest('[data-goto]');
  if (go) {
    e.stopPropagation();
    const [i, k] = go.dataset.goto.split(' ').map(Number);
    jumpToRelated(i, k);
    return;
  }
  const tab = e.target.closest('#pages [data-page]');
  if (tab) {
    showPage(Number(tab.dataset.page));
    state.current = -1;
    render();
    return;
  }
  const ign = e.target.closest('[data-ignore]');
  if (ign) {
    ignore(Number(ign.dataset.ignore));
    return;
  }
  const sev = e.target.closest('#severity-filter [data-severity]');
  if (sev) {
    const s = sev.dataset.severity;
    if (state.severities.has(s)) state.severities.delete(s);
    else state.severities.add(s);
    render();
    return;
  }
  const box = e.target.closest('#pdf-view .box[data-f]');
  if (box) {
    e.preventDefault();  // the report's link to its card: here the card is found by index
    jumpTo(boxIndex(box));
    return;
  }
  const item = e.target.closest('.finding');
  if (item) jumpTo(Number(item.dataset.index));
});
$('groups').addEventListener('keydown', (e) => {
  const item = e.target.closest('.finding');
  if (item && (e.key === 'Enter' || e.key === ' ')) {
    e.preventDefault();
    jumpTo(Number(item.dataset.index));
  }
});
draft.addEventListener('input', () => {
  if (isEdition()) state.pages[state.page].text = draft.value;
  setPhase('editing');
  if (state.applying) return;
  drawHighlights();
  schedule();
});
draft.addEventListener('scroll', () => {
  $('backdrop').scrollTop = draft.scrollTop;
});
$('date').addEventListener('change', check);
$('language').addEventListener('change', check);
$('fix-all').addEventListener('click', () => fixByServer(''));
$('rule-filter').addEventListener('change', () => {
  state.ruleFilter = $('rule-filter').value;
  render();
});

function isText(file) {
  return /\.(txt|md|markdown)$/i.test(file.name) || file.type.startsWith('text/');
}
const isPdf = (file) => /\.pdf$/i.test(file.name) || file.type === 'application/pdf';

// A PDF page: the server reads it by layout (docs/http.md) and sends back the text it extracted,
// which becomes the draft; its findings say where on the page they are. Edits then check as text.
async function loadPdf(file) {
  if (state.controller) state.controller.abort();
  const seq = ++state.seq;
  const query = new URLSearchParams({filename: file.name, language: $('language').value, messages: state.ui,
    pages: 'html'});
  if ($('date').value) query.set('date', $('date').value);
  setStatus(['checking']);
  setPhase('checking');
  const started = performance.now();
  let reply;
  try {
    const res = await fetch('v1/check?' + query, {method: 'POST', headers: {'Content-Type': 'application/pdf'}, body: file});
    reply = await res.json();
    if (!res.ok) throw new Error(reply.error ? reply.error.message : `HTTP ${res.status}`);
  } catch (e) {
    if (seq !== state.seq) return;
    setStatus(e instanceof TypeError ? t('offline') : e.message);
    setPhase('failed');
    return;
  }
  if (seq !== state.seq) return;
  const text = reply.files[0] ? reply.files[0].text : '';
  state.pages = [];  // a PDF page replaces an open edition, as a text file does
  state.page = 0;
  localStorage.removeItem('tally.pages');
  state.filename = file.name;
  $('filename').textContent = file.name;
  draft.value = text;
  draft.scrollTop = 0;
  localStorage.setItem('tally.draft', text);
  localStorage.setItem('tally.filename', state.filename);
  showPdfPages(reply.files[0] && reply.files[0].pages_html);
  showReply(reply, text, started);
}
async function load(file) {
  if (isPdf(file)) return loadPdf(file);
  if (!isText(file)) {
    setStatus(t('onlyText', file.name));
    return;
  }
  state.pages = [];
  state.page = 0;
  state.filename = file.name;
  $('filename').textContent = file.name;
  draft.value = await file.text();
  draft.scrollTop = 0;
  check();
}
// Several files: one edition, its pages in the order of their names (as `tally check --edition
// DIR` takes a folder's files), the first the front page. Files that are not text (a PDF among
// them: a PDF page is checked alone) are named and left out.
async function loadMany(files) {
  if (files.length === 1) return load(files[0]);  // a PDF page too
  const pdfs = files.filter(isPdf);
  const bad = files.filter((f) => !isText(f) && !isPdf(f));
  const good = files.filter(isText).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (good.length < 2) {
    if (good.length === 1) await load(good[0]);
    leftOut(bad, pdfs);
    return;
  }
  state.pages = await Promise.all(good.map(async (f) => ({name: f.name, text: await f.text(), checked: null})));
  state.page = 0;
  state.filename = 'draft.txt';
  $('filename').textContent = '';
  draft.value = state.pages[0].text;
  draft.scrollTop = 0;
  await check();
  leftOut(bad, pdfs);
}
function leftOut(bad, pdfs) {
  const names = (fs) => fs.map((f) => f.name).join(', ');
  if (bad.length) setStatus(t('onlyText', names(bad)));
  else if (pdfs.length) setStatus(t('pdfAlone', names(pdfs)));
}
$('open').addEventListener('click', () => $('file').click());
$('new').addEventListener('click', () => {
  state.pages = [];
  state.page = 0;
  state.filename = 'draft.txt';
  $('filename').textContent = '';
  $('date').value = '';
  draft.value = '';
  draft.focus();
  check();
});
$('file').addEventListener('change', () => {
  const files = [...$('file').files];
  $('file').value = '';  // the same files chosen again are read again
  if (files.length) loadMany(files);
});
const editor = $('editor');
let dragDepth = 0;
editor.addEventListener('dragenter', (e) => {
  e.preventDefault();
  dragDepth++;
  $('drop').hidden = false;
});
editor.addEventListener('dragover', (e) => e.preventDefault());
editor.addEventListener('dragleave', () => {
  if (--dragDepth <= 0) {
    dragDepth = 0;
    $('drop').hidden = true;
  }
});
editor.addEventListener('drop', (e) => {
  e.preventDefault();
  dragDepth = 0;
  $('drop').hidden = true;
  const files = [...e.dataTransfer.files];
  if (files.length) loadMany(files);
});

function applyUiLanguage() {
  document.documentElement.lang = state.ui === 'zh' ? 'zh-CN' : 'en';
  $('ui-lang').textContent = state.ui === 'zh' ? 'English' : '中文';
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of document.querySelectorAll('[data-i18n-placeholder]'))
    el.placeholder = t(el.dataset.i18nPlaceholder);
  setStatus(state.status);
  render();
}
$('ui-lang').addEventListener('click', () => {
  state.ui = state.ui === 'zh' ? 'en' : 'zh';
  localStorage.setItem('tally.ui', state.ui);
  applyUiLanguage();
  // The messages come from the rules: asked again, in the new language.
  if (draft.value) check();
});

async function start() {
  try {
    const res = await fetch('v1/rules');
    const reply = await res.json();
    for (const r of reply.rules) state.rules.set(r.id, r);
    state.baseline = (await (await fetch('healthz')).json()).baseline || null;
  } catch (e) {
    setStatus(t('offline'));
  }
  const edition = JSON.parse(localStorage.getItem('tally.pages') || 'null');
  if (edition && edition.pages.length > 1 && !draft.value) {
    state.pages = edition.pages.map((p) => ({...p, checked: null}));
    state.page = Math.min(edition.page || 0, state.pages.length - 1);
    draft.value = state.pages[state.page].text;
  }
  const saved = localStorage.getItem('tally.draft');
  if (saved && !draft.value) {
    draft.value = saved;
    state.filename = localStorage.getItem('tally.filename') || state.filename;
    if (state.filename !== 'draft.txt') $('filename').textContent = state.filename;
  }
  applyUiLanguage();
  if (draft.value) check();
}
start();
