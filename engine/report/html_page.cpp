// The HTML report's stylesheet and script, inline in every page (html_format.cpp).
#include "report/html_page.hpp"

#include <string>

namespace tally::report {

// A PDF's pages with the findings boxed on them: the report's, and the browser page's of
// `tally serve` (served as /pdf-pages.css), one drawing for both.
const char* html_pdf_style() {
  return R"css(
.pdfpages{margin:10px 0}
figure.pdfpage{margin:0 0 12px}
figure.pdfpage figcaption{font-size:13px;color:var(--muted);margin:2px 0}
.sheet{position:relative;border:1px solid var(--line);background:#fff}
.sheet img{display:block;width:100%;height:auto}
.box{position:absolute;display:block;min-width:3px;min-height:3px;outline:2px solid var(--info);outline-offset:1px;background:rgba(31,111,178,.14)}
.box.error{outline-color:var(--error);background:rgba(198,40,40,.14)}
.box.warning{outline-color:var(--warning);background:rgba(224,138,0,.16)}
.box.rel{outline:2px dashed #2e7d32;background:rgba(46,125,50,.1)}
.box:hover{background:rgba(242,201,76,.35)}
.box.sel,.box:target{outline:3px solid #6a1b9a;background:rgba(106,27,154,.25)}
.box.rel.sel{outline-style:dashed}
)css";
}

const char* html_style() {
  static const std::string style = std::string(R"css(
:root{--error:#c62828;--warning:#e08a00;--info:#1f6fb2;--line:#e3e3e3;--muted:#666}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI","Noto Sans CJK SC","Noto Sans SC","PingFang SC","Microsoft YaHei",sans-serif;color:#1d1d1d;background:#fafafa}
header,main,.charts,footer{max-width:1100px;margin:0 auto;padding:0 20px}
header{padding-top:18px}
h1{font-size:24px;margin:0 0 4px}
h2{font-size:18px;margin:24px 0 8px}
.summary{margin:0 0 12px;color:#333}
.sevs{display:flex;gap:10px;flex-wrap:wrap;margin:8px 0}
.sevs label{display:flex;align-items:center;gap:6px;padding:6px 12px;border-radius:6px;background:#fff;border:1px solid var(--line);cursor:pointer;user-select:none}
.sevs label b{font-size:20px}
.sevs label.error b{color:var(--error)}.sevs label.warning b{color:var(--warning)}.sevs label.info b{color:var(--info)}
.tools{margin:8px 0}
button{font:inherit;padding:3px 10px;border:1px solid #bbb;border-radius:5px;background:#fff;cursor:pointer}
.charts{display:block}
svg.chart{max-width:100%;height:auto;font:12px system-ui,"Noto Sans CJK SC",sans-serif;background:#fff;border:1px solid var(--line);border-radius:6px}
svg.chart a:hover text{text-decoration:underline}
svg.chart text{fill:#222}
.more{color:var(--muted);margin:4px 0}
section.file{background:#fff;border:1px solid var(--line);border-radius:8px;margin:18px 0;padding:4px 16px 12px}
section.file>h2{font-size:17px;margin:10px 0;word-break:break-all}
section.file>h2 a{color:inherit;text-decoration:none}
.count{color:var(--muted);font-weight:normal;font-size:14px}
.page{font-weight:normal;font-size:14px;background:#eef2f7;border-radius:4px;padding:1px 6px;margin-left:6px}
details.rule{border-top:1px solid var(--line);padding:6px 0}
details.rule>summary{cursor:pointer;font-weight:600}
details.rule>summary .desc{font-weight:normal;color:var(--muted);font-size:13px;margin-left:6px}
.finding{border-left:4px solid var(--info);padding:6px 10px;margin:8px 0 8px 4px;background:#fcfcfc;content-visibility:auto;contain-intrinsic-size:auto 160px}
.finding.error{border-color:var(--error)}.finding.warning{border-color:var(--warning)}
.finding:target{background:#fff6d5;outline:2px solid #f2c94c}
.head{font-size:13px;display:flex;gap:8px;align-items:baseline}
.where{font-family:ui-monospace,monospace;color:#444}
.sev{color:#fff;border-radius:3px;padding:0 5px;font-size:12px}
.sev.error{background:var(--error)}.sev.warning{background:var(--warning)}.sev.info{background:var(--info)}
.rule{color:var(--muted)}
.msg{margin:4px 0}
table.ctx{border-collapse:collapse;width:100%;font:13px/1.6 ui-monospace,"Noto Sans Mono CJK SC",monospace;background:#fff;border:1px solid var(--line)}
table.ctx td.n{width:1%;padding:0 8px;text-align:right;color:#999;user-select:none;vertical-align:top;white-space:nowrap;border-right:1px solid var(--line)}
table.ctx td.t{padding:0 8px;white-space:pre-wrap;word-break:break-all}
table.ctx tr.on td.n{color:#333;font-weight:600}
table.ctx tr.gap td{color:#999;background:#f5f5f5;font-style:italic}
mark{border-radius:2px;padding:0 1px}
mark.hit{background:#ffd54f;box-shadow:inset 0 -2px 0 var(--warning)}
.error mark.hit{background:#ffcdd2;box-shadow:inset 0 -2px 0 var(--error)}
.info mark.hit{background:#cfe3f5;box-shadow:inset 0 -2px 0 var(--info)}
mark.rel{background:#d7f0dd;box-shadow:inset 0 -2px 0 #2e7d32}
mark.hit.rel{background:#ffe0b2}
mark.hit.empty{display:inline-block;width:2px;height:1.1em;vertical-align:text-bottom;background:var(--error)}
.label{font:11px system-ui,sans-serif;color:#fff;background:#2e7d32;border-radius:3px;padding:0 4px;margin:0 2px;vertical-align:1px}
.fix{margin:4px 0;font-size:14px}
.fix .what{font-weight:600;color:#2e7d32}
.fix del{background:#fde0e0;text-decoration:line-through}
.fix ins{background:#dff5e1;text-decoration:none}
.fix pre{white-space:pre-wrap;background:#dff5e1;padding:6px;margin:4px 0;font-size:13px}
.elsewhere,.backref{margin:6px 0;padding:4px 8px;border:1px dashed #2e7d32;border-radius:5px;font-size:13px}
.elsewhere:target,.backref:target{background:#eafbe9}
.notices,.rule-errors,.input-error{font-size:14px}
.input-error,.rule-errors{color:var(--error)}
.clean ul{columns:2;font-size:13px}
footer{color:var(--muted);font-size:12px;padding:20px}
.onpage{font-size:12px}
body.hide-error .finding.error,body.hide-warning .finding.warning,body.hide-info .finding.info,
body.hide-error .box.error,body.hide-warning .box.warning,body.hide-info .box.info{display:none}
@media print{details.rule>*{display:block}.tools,.sevs input{display:none}}
)css") + html_pdf_style();
  return style.c_str();
}

// Kept to these few lines so that the page's Content Security Policy can name it by its hash
// (html_script_hash): were a draft's "<script>" ever to slip through escaping, it would not run.
const char* html_script() {
  return R"js(
(function () {
  function openTo(el) {
    for (; el; el = el.parentElement) if (el.tagName === 'DETAILS') el.open = true;
  }
  // A PDF's pages: the boxes of the card in view (or clicked) are marked; a box leads to its card.
  function mark(id) {
    document.querySelectorAll('.box.sel').forEach(function (b) { b.classList.remove('sel'); });
    document.querySelectorAll('.box[data-f="' + id + '"]').forEach(function (b) { b.classList.add('sel'); });
  }
  function go() {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = document.getElementById(id);
    if (el) { openTo(el); el.scrollIntoView(); }
    if (el && el.classList.contains('finding')) mark(id);
  }
  document.addEventListener('click', function (e) {
    var card = e.target.closest && e.target.closest('.finding');
    if (card) mark(card.id);
  });
  window.addEventListener('hashchange', go);
  go();
  function all(open) {
    document.querySelectorAll('details.rule').forEach(function (d) { d.open = open; });
  }
  document.getElementById('expand').addEventListener('click', function () { all(true); });
  document.getElementById('collapse').addEventListener('click', function () { all(false); });
  document.querySelectorAll('.sevs input').forEach(function (box) {
    box.addEventListener('change', function () {
      document.body.classList.toggle('hide-' + box.value, !box.checked);
    });
  });
  document.body.dataset.ready = '1';
})();
)js";
}

const char* html_script_hash() {
  return "sha256-tktzHmuKLqekwS+SQQEjcSZfnRKTXXfhp2JmYnRMrsA=";
}

}  // namespace tally::report
