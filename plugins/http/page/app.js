// The checking page of `tally serve`: a draft on the left, its findings on the right. The draft
// is a plain textarea (so typing, pasting and undo behave as editors expect) over a layer that
// draws the highlights at the same positions. Findings come from POST /v1/check (docs/http.md).
'use strict';

const STRINGS = {
  en: {
    tagline: 'Fact-check a draft before it goes to print',
    open: 'Open file…',
    new: 'New draft',
    date: 'Publication date',
    language: 'Language',
    auto: 'Detect',
    fixAll: 'Apply all fixes',
    placeholder: 'Paste or type a draft here, or drop a .txt or .md file.',
    drop: 'Drop the file to check it',
    error: 'Errors',
    warning: 'Warnings',
    info: 'Notes',
    checking: 'Checking…',
    checked: (n, ms) => `${n} finding${n === 1 ? '' : 's'} · ${ms} ms`,
    none: 'No findings.',
    empty: 'Findings will appear here as you type.',
    summary: (n) => `${n} finding${n === 1 ? '' : 's'}`,
    fix: (r) => (r === '' ? 'Fix: delete' : `Fix: “${r}”`),
    fixEdits: (n) => `Fix all ${n}`,
    where: (l, c) => `line ${l}, col ${c}`,
    detected: (d) => `Publication date read from the page: ${d}`,
    onlyText: (name) => `${name}: only .txt and .md files can be checked`,
    ruleErrors: 'Some rules failed on this draft; their findings are missing:',
    offline: 'Cannot reach the Tally server',
    noDate: (rules) =>
      `No publication date, so these rules did not run: ${rules}. ` +
      'Enter it in the Publication date field, or check a page whose header carries it.',
    setDate: 'Enter the date',
  },
  zh: {
    tagline: '稿件付印前的事实核查',
    open: '打开文件…',
    new: '新稿件',
    date: '出版日期',
    language: '语言',
    auto: '自动',
    fixAll: '全部修正',
    placeholder: '在此粘贴或输入稿件，也可以拖入 .txt 或 .md 文件。',
    drop: '松开鼠标即可检查该文件',
    error: '错误',
    warning: '警告',
    info: '提示',
    checking: '检查中…',
    checked: (n, ms) => `${n} 处问题 · ${ms} 毫秒`,
    none: '未发现问题。',
    empty: '输入稿件后，问题会显示在这里。',
    summary: (n) => `共 ${n} 处问题`,
    fix: (r) => (r === '' ? '修正：删除' : `修正为“${r}”`),
    fixEdits: (n) => `全部修正（${n} 处）`,
    where: (l, c) => `第 ${l} 行第 ${c} 列`,
    detected: (d) => `从版面读到的出版日期：${d}`,
    onlyText: (name) => `${name}：只能检查 .txt 和 .md 文件`,
    ruleErrors: '部分规则在本稿件上运行出错，其结果缺失：',
    offline: '无法连接 Tally 服务',
    noDate: (rules) => `没有出版日期，以下规则未运行：${rules}。请在“出版日期”栏填写，或检查版头载有日期的版面。`,
    setDate: '填写日期',
  },
};
const SEVERITIES = ['error', 'warning', 'info'];
const DEBOUNCE_MS = 300;

const $ = (id) => document.getElementById(id);
const draft = $('draft');
const state = {
  ui: localStorage.getItem('tally.ui') || (navigator.language.startsWith('zh') ? 'zh' : 'en'),
  filename: 'draft.txt',
  rules: new Map(),  // id -> rule from GET /v1/rules
  findings: [],      // from the last check, with UTF-16 offsets into the text it checked
  notices: [],       // rules that could not run on the last text checked (docs/notices.md)
  checkedText: null,
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

function located(finding, starts) {
  const f = {...finding};
  f.start = toOffset(starts, finding.span.start);
  f.end = toOffset(starts, finding.span.end);
  if (finding.fix) {
    // A grouped finding's fix has several edits (`fix.edits`); the others have one.
    f.edits = (finding.fix.edits || [finding.fix]).map((e) => ({
      start: toOffset(starts, e.span.start),
      end: toOffset(starts, e.span.end),
      replacement: e.replacement,
    }));
  }
  return f;
}

// --- checking ----------------------------------------------------------------------------------

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
  const body = {text, filename: state.filename, language: $('language').value};
  if ($('date').value) body.date = $('date').value;
  let reply;
  const started = performance.now();
  try {
    const res = await fetch('v1/check', {
      method: 'POST',
      headers: {'Content-Type': 'application/json'},
      body: JSON.stringify(body),
      signal: controller.signal,
    });
    reply = await res.json();
    if (!res.ok) throw new Error(reply.error ? reply.error.message : `HTTP ${res.status}`);
  } catch (e) {
    if (e.name === 'AbortError' || seq !== state.seq) return;
    setStatus(e instanceof TypeError ? t('offline') : e.message);
    setPhase('failed');
    return;
  }
  // A newer check was started, or the text changed while this one ran: its result is stale.
  if (seq !== state.seq || draft.value !== text) return;
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

// The highlight layer: the text with each finding's range in a <mark>. Overlapping findings are
// cut into pieces, each marked with every finding covering it.
function drawHighlights() {
  const text = draft.value;
  const usable = state.checkedText === text;
  const cuts = new Set([0, text.length]);
  if (usable)
    for (const f of state.findings) {
      cuts.add(f.start);
      cuts.add(Math.max(f.end, f.start + 1));
    }
  const points = [...cuts].filter((p) => p <= text.length).sort((a, b) => a - b);
  let html = '';
  for (let k = 0; k + 1 < points.length; k++) {
    const [a, b] = [points[k], points[k + 1]];
    const piece = escapeHtml(text.slice(a, b));
    const ids = usable
      ? state.findings.flatMap((f, i) => (f.start < b && Math.max(f.end, f.start + 1) > a ? [i] : []))
      : [];
    if (ids.length === 0) {
      html += piece;
    } else {
      const current = ids.includes(state.current) ? ' current' : '';
      html += `<mark class="${worst(ids)}${current}" data-ids="${ids.join(' ')}">${piece}</mark>`;
    }
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

function render(file) {
  drawHighlights();
  renderNotices();
  const groups = $('groups');
  groups.innerHTML = '';
  const n = state.findings.length;
  const text = draft.value;
  $('summary').textContent = text.trim() === '' ? t('empty') : n === 0 ? t('none') : t('summary', n);
  for (const sev of SEVERITIES) {
    const items = state.findings.map((f, i) => [f, i]).filter(([f]) => f.severity === sev);
    if (items.length === 0) continue;
    const section = document.createElement('section');
    section.className = `group ${sev}`;
    section.dataset.severity = sev;
    section.innerHTML = `<h2>${t(sev)} <span class="count">${items.length}</span></h2><ol></ol>`;
    const list = section.querySelector('ol');
    for (const [f, i] of items) {
      const li = document.createElement('li');
      li.className = `finding ${sev}${i === state.current ? ' current' : ''}`;
      li.dataset.index = i;
      li.dataset.rule = f.rule;
      li.tabIndex = 0;
      const exp = explanation(f.rule);
      li.innerHTML =
        `<div class="head"><span class="rule">${escapeHtml(f.rule)}</span>` +
        `<span class="where">${t('where', f.span.start.line, f.span.start.column)}</span></div>` +
        `<p class="message">${escapeHtml(f.message)}</p>` +
        (exp ? `<p class="explain">${escapeHtml(exp)}</p>` : '') +
        fixButton(f, i);
      list.appendChild(li);
    }
    groups.appendChild(section);
  }
  $('fix-all').disabled = !state.findings.some((f) => f.fix);
  if (file !== undefined) {
    const errors = file ? file.rule_errors : [];
    const box = $('rule-errors');
    box.hidden = errors.length === 0;
    box.textContent = errors.length
      ? t('ruleErrors') + '\n' + errors.map((e) => `${e.rule || e.file}: ${e.message}`).join('\n')
      : '';
    const detected = file && !$('date').value && file.publication_date;
    $('detected').textContent = detected ? t('detected', file.publication_date) : '';
  }
}

// --- acting on findings ------------------------------------------------------------------------

function jumpTo(i) {
  const f = state.findings[i];
  if (!f) return;
  state.current = i;
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
  for (const e of [...edits].sort((a, b) => b.start - a.start)) {
    if (e.end > limit) continue;
    replaceRange(e.start, e.end, e.replacement);
    limit = e.start;
  }
}

function applyFix(i) {
  const f = state.findings[i];
  if (!f || !f.fix || state.checkedText !== draft.value) return;
  applyEdits(f.edits);
  hideTip();
  check();
}

function applyAll() {
  if (state.checkedText !== draft.value) return;
  applyEdits(state.findings.filter((f) => f.fix).flatMap((f) => f.edits));
  check();
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
  setPhase('editing');
  drawHighlights();
  schedule();
});
draft.addEventListener('scroll', () => {
  $('backdrop').scrollTop = draft.scrollTop;
});
$('date').addEventListener('change', check);
$('language').addEventListener('change', check);
$('fix-all').addEventListener('click', applyAll);

function isText(file) {
  return /\.(txt|md|markdown)$/i.test(file.name) || file.type.startsWith('text/');
}
async function load(file) {
  if (!isText(file)) {
    setStatus(t('onlyText', file.name));
    return;
  }
  state.filename = file.name;
  $('filename').textContent = file.name;
  draft.value = await file.text();
  draft.scrollTop = 0;
  check();
}
$('open').addEventListener('click', () => $('file').click());
$('new').addEventListener('click', () => {
  state.filename = 'draft.txt';
  $('filename').textContent = '';
  $('date').value = '';
  draft.value = '';
  draft.focus();
  check();
});
$('file').addEventListener('change', () => {
  if ($('file').files[0]) load($('file').files[0]);
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
  const file = e.dataTransfer.files[0];
  if (file) load(file);
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
});

async function start() {
  try {
    const res = await fetch('v1/rules');
    const reply = await res.json();
    for (const r of reply.rules) state.rules.set(r.id, r);
  } catch (e) {
    setStatus(t('offline'));
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
