#include "rules/checker.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <latch>
#include <map>
#include <mutex>
#include <numeric>
#include <thread>

#include "facts/extract.hpp"
#include "rules/input.hpp"
#include "rules/merge_grouped.hpp"
#include "rules/requirements.hpp"
#include "rules/yaml_kinds.hpp"
#include "rules/yaml_local.hpp"

namespace tally::rules {

Checker::Checker(std::shared_ptr<const RuleSet> rules)
    : rules_(std::move(rules)), lua_(rules_->take_spare_lua()) {
  // The first checker of a set takes the state the loader built; the others load the files.
  if (lua_) return;
  lua_ = std::make_unique<LuaRules>(rules_->limits, module_lookup());
  // Errors loading these files were reported when the set was loaded.
  for (const auto& f : rules_->lua_files) lua_->load_file(f.path, f.folder, f.text, f.bytecode);
}

namespace {

// Severity overrides, then reading order; a rule reporting one place twice (a fact seen from
// two sides) says it once.
void finish(CheckResult& res, const CheckSettings& settings) {
  for (auto& f : res.findings)
    if (auto it = settings.severity.find(f.rule); it != settings.severity.end())
      f.severity = it->second;
  report::sort_findings(res.findings);
  res.findings.erase(std::unique(res.findings.begin(), res.findings.end(),
                                 [](const report::Finding& a, const report::Finding& b) {
                                   return a.rule == b.rule && a.span == b.span &&
                                          a.message == b.message;
                                 }),
                     res.findings.end());
}

}  // namespace

CheckSettings Checker::gated(const parse::Document& doc, const CheckSettings& settings,
                             std::vector<report::Notice>& notices) const {
  std::vector<const RuleInfo*> active;
  for (const auto& r : rules_->infos)
    if (!r.needs.empty() && rule_enabled(r, settings)) active.push_back(&r);
  auto gate = gate_rules(doc, active);
  notices = std::move(gate.notices);
  CheckSettings out = settings;
  out.disabled.insert(gate.held_back.begin(), gate.held_back.end());
  return out;
}

namespace {

// A rule that reported more than kMaxFindingsPerRule findings on the document: the first are
// kept, this says how many more there were (docs/notices.md).
report::Notice capped_notice(const parse::Document& doc, const std::string& rule, size_t dropped) {
  auto n = std::to_string(kMaxFindingsPerRule), more = std::to_string(dropped);
  bool zh = document_language(doc) == "zh";
  return {"findings-capped",
          "findings_per_rule",
          zh ? "规则 " + rule + " 在本文档中只报告前 " + n + " 处，另有 " + more + " 处未列出"
             : "Rule " + rule + " reports its first " + n + " findings on this document; " + more +
                   " more are not listed",
          {rule}};
}

// An article past kMaxFactsPerArticle: from where on its facts were not read (docs/notices.md).
void add_facts_capped(const parse::Document& doc, std::string_view bytes,
                      const std::vector<facts::ArticleFacts>& facts,
                      std::vector<report::Notice>& notices) {
  bool zh = document_language(doc) == "zh";
  auto n = std::to_string(facts::kMaxFactsPerArticle);
  for (size_t k = 0; k < facts.size(); ++k) {
    if (!facts[k].capped) continue;
    size_t at = std::min<size_t>(facts[k].capped_at, bytes.size());
    auto line = std::to_string(1 + std::count(bytes.begin(), bytes.begin() + at, '\n'));
    auto article = std::to_string(k + 1);
    // The cap reached: the count of facts, or the length of one paragraph.
    auto bytes_cap = std::to_string(facts::kMaxBlockBytes);
    std::string what =
        facts[k].capped_by_length
            ? (zh ? "第 " + article + " 篇稿件有一段超过 " + bytes_cap + " 字节"
                  : "Article " + article + " holds a paragraph longer than " + bytes_cap + " bytes")
            : (zh ? "第 " + article + " 篇稿件的事实超过 " + n + " 项"
                  : "Article " + article + " holds more than " + n + " facts");
    notices.push_back(
        {"facts-capped",
         "facts_per_article",
         zh ? what + "，第 " + line + " 行起的部分未读取事实，依据事实的规则未检查该部分"
            : what + "; from line " + line +
                  " on it was not read for facts, so rules on facts did not check that part",
         {}});
  }
}

}  // namespace

std::function<bool(const LuaRule&)> Checker::active_rules(const CheckSettings& settings) const {
  return [this, &settings](const LuaRule& r) {
    auto it = rules_->owner.find(r.info.id);
    return it != rules_->owner.end() && it->second == r.info.file && rule_enabled(r.info, settings);
  };
}

void Checker::run_yaml(const DocumentInput& in, const CheckSettings& settings,
                       std::vector<report::Finding>& findings,
                       std::vector<report::Notice>& notices) const {
  for (const auto& r : rules_->yaml) {
    if (!rule_enabled(r.info, settings)) continue;
    if (size_t dropped = run_yaml_rule(r, in, findings))
      notices.push_back(capped_notice(*in.doc, r.info.id, dropped));
  }
}

EditionResult Checker::check_edition(const std::vector<EditionPage>& pages,
                                     const CheckSettings& settings) {
  EditionResult res;
  res.findings.resize(pages.size());
  std::vector<std::vector<facts::ArticleFacts>> facts(pages.size());
  std::vector<DocumentInput> inputs(pages.size());
  std::vector<const DocumentInput*> ins;
  std::vector<EditionRef> refs;
  std::vector<facts::EditionArticle> articles;
  for (size_t p = 0; p < pages.size(); ++p) {
    facts[p] = facts::extract_document_facts(*pages[p].doc);
    inputs[p] = prepare_input(*pages[p].doc, pages[p].bytes, facts[p]);
    inputs[p].messages = settings.messages;
    ins.push_back(&inputs[p]);
    for (size_t k = 0; k < pages[p].doc->articles.size(); ++k) {
      refs.push_back({p, k});
      articles.push_back({&pages[p].doc->articles[k], &facts[p][k], p});
    }
  }
  auto restatements = facts::find_edition_restatements(articles);
  std::vector<report::Finding> found;
  std::vector<size_t> page_of;
  lua_->run_edition(ins, refs, restatements, active_rules(settings), found, page_of, res.errors);
  for (size_t i = 0; i < found.size(); ++i) res.findings[page_of[i]].push_back(std::move(found[i]));
  for (auto& list : res.findings) {
    CheckResult one;
    one.findings = std::move(list);
    finish(one, settings);
    list = std::move(one.findings);
  }
  return res;
}

CheckResult Checker::check(const parse::Document& doc, std::string_view bytes,
                           const CheckSettings& requested) {
  CheckResult res;
  auto settings = gated(doc, requested, res.notices);
  if (lua_->cancelled()) return res;
  auto facts = facts::extract_document_facts(doc);
  if (lua_->cancelled()) return res;  // facts are the long part of a long text
  add_facts_capped(doc, bytes, facts, res.notices);
  auto in = prepare_input(doc, bytes, facts);
  in.messages = settings.messages;
  run_yaml(in, settings, res.findings, res.notices);
  std::vector<std::pair<std::string, size_t>> capped;
  lua_->run(in, active_rules(settings), res.findings, res.errors, &capped);
  for (const auto& c : capped) res.notices.push_back(capped_notice(doc, c.first, c.second));
  merge_grouped(doc, lua_->rules(), res.findings, settings.messages);
  finish(res, settings);
  return res;
}

CheckResult Checker::check(const parse::Document& doc, std::string_view bytes,
                           const CheckSettings& requested, Checker& helper) {
  if (doc.articles.size() < 2 || &helper == this || helper.rules_ != rules_)
    return check(doc, bytes, requested);
  CheckResult res;
  auto settings = gated(doc, requested, res.notices);
  const size_t n = doc.articles.size();
  // Longest articles first, so that neither thread is left with a long one at the end.
  std::vector<size_t> order(n);
  std::iota(order.begin(), order.end(), size_t{0});
  std::vector<size_t> size(n, 0);
  for (size_t k = 0; k < n; ++k)
    for (const auto& b : doc.articles[k].blocks) size[k] += b.text.text.size();
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return size[a] > size[b]; });

  std::vector<facts::ArticleFacts> facts(n);
  std::vector<CheckResult> per(n);
  std::mutex mu;
  std::map<std::string, size_t> failed_at;  // rule id -> the first article it failed on
  std::atomic<size_t> next_facts{0}, next_rules{0};
  std::atomic<bool> stop{false};
  std::latch facts_done(2);
  // Both states spend one budget per rule for the document (same files, same rule order).
  std::vector<RuleSpend> spend(lua_->rules().size());

  // Each thread extracts facts for articles in turn, both wait until all are done, then each
  // runs the Lua rules on articles in turn. A thread that throws still arrives at the latch.
  auto work = [&](LuaRules& lua, bool first) {
    std::exception_ptr error;
    try {
      for (size_t i; !stop && !lua.cancelled() && (i = next_facts++) < n;)
        facts[order[i]] = facts::extract_facts(doc.articles[order[i]], doc.publication_date);
    } catch (...) {
      error = std::current_exception();
      stop = true;
    }
    facts_done.arrive_and_wait();
    if (error) std::rethrow_exception(error);
    // Each thread builds its own (cheap) input rather than wait for the other's.
    auto mine = prepare_input(doc, bytes, facts);
    mine.messages = settings.messages;
    if (first) {
      add_facts_capped(doc, bytes, facts, res.notices);
      run_yaml(mine, settings, res.findings, res.notices);
    }
    auto todo = lua.select(active_rules(settings));
    if (todo.empty()) return;  // no Lua rule on articles: no view, no collection
    lua.begin_document();
    for (size_t i; !stop && (i = next_rules++) < n;) {
      size_t k = order[i];
      // Not run where check() would not run it: after the article it failed on.
      auto skip = [&](const LuaRule& r) {
        std::lock_guard lock(mu);
        auto it = failed_at.find(r.info.id);
        return it != failed_at.end() && it->second < k;
      };
      lua.run_article(mine, k, todo, skip, spend.data(), per[k].findings, per[k].errors);
      std::lock_guard lock(mu);
      for (const auto& e : per[k].errors) {
        auto [it, fresh] = failed_at.emplace(e.rule, k);
        if (!fresh) it->second = std::min(it->second, k);
      }
    }
    lua.end_document();
  };
  std::exception_ptr helper_error;
  std::thread other([&] {
    try {
      work(*helper.lua_, false);
    } catch (...) {
      helper_error = std::current_exception();
      stop = true;
    }
  });
  try {
    work(*lua_, true);
  } catch (...) {
    stop = true;
    other.join();
    throw;
  }
  other.join();
  if (helper_error) std::rethrow_exception(helper_error);
  // In article order, as check() appends them; a rule's output after its first failure is
  // what check() would never have produced.
  auto live = [&](const std::string& rule, size_t k) {
    auto it = failed_at.find(rule);
    return it == failed_at.end() || it->second >= k;
  };
  for (size_t k = 0; k < n; ++k) {
    for (auto& f : per[k].findings)
      if (live(f.rule, k)) res.findings.push_back(std::move(f));
    for (auto& e : per[k].errors)
      if (failed_at[e.rule] == k) res.errors.push_back(std::move(e));
  }
  for (const auto& c : capped_findings(lua_->rules(), spend.data()))
    res.notices.push_back(capped_notice(doc, c.first, c.second));
  merge_grouped(doc, lua_->rules(), res.findings, settings.messages);
  finish(res, settings);
  return res;
}

CheckResult Checker::check(const parse::Document& doc, std::string_view bytes,
                           const CheckSettings& requested, ArticleMemo& memo, bool two_threads) {
  CheckResult res;
  auto settings = gated(doc, requested, res.notices);
  if (lua_->cancelled()) return res;
  const size_t n = doc.articles.size();

  // What every article's facts and findings depend on besides the article itself.
  auto todo = lua_->select(active_rules(settings));
  std::string context = doc.path + '\n' + parse::format_name(doc.format) + '\n' +
                        (doc.publication_date ? doc.publication_date->iso() : "") + '\n' +
                        settings.messages + '\n';
  for (const auto* r : todo) context += r->info.file + ':' + r->info.id + '\n';
  for (const auto& r : rules_->yaml)
    if (rule_enabled(r.info, settings)) context += r.info.file + ':' + r.info.id + '\n';
  if (memo.rules != rules_ || memo.context != context) {
    memo.rules = rules_;
    memo.context = context;
    memo.articles.clear();
  }
  // Taken out while this check moves from it: a check that stops early (cancelled, an
  // exception) leaves the memo empty, and the next check reads everything.
  std::vector<MemoArticle> prev = std::move(memo.articles);
  memo.articles.clear();
  std::map<std::string_view, MemoArticle*> old, old_content;
  for (auto& a : prev) {
    old.emplace(a.key, &a);
    old_content.emplace(content_key(a.key), &a);
  }
  std::vector<MemoArticle> next(n);
  std::vector<MemoArticle*> same(n, nullptr);  // the article's entry of the last check, if any
  for (size_t k = 0; k < n; ++k) {
    next[k].key = article_key(doc, bytes, k);
    next[k].origin = doc.articles[k].extent().begin;
    if (auto it = old.find(next[k].key); it != old.end()) same[k] = it->second;
  }

  // Facts: an article read before (at any index) gets them back, shifted to where it now is;
  // the others are read, on two threads when a core is free and there are several.
  std::vector<size_t> unread;
  // Per entry of the last check: the article that took its facts (they are moved, not copied).
  std::vector<size_t> taken(prev.size(), n);
  for (size_t k = 0; k < n; ++k) {
    auto it = old_content.find(content_key(next[k].key));
    if (it == old_content.end()) {
      unread.push_back(k);
      continue;
    }
    MemoArticle* from = it->second;
    auto& by = taken[static_cast<size_t>(from - prev.data())];
    if (by == n) {
      by = k;
      next[k].facts = std::move(from->facts);
      shift_facts(next[k].facts, int64_t{next[k].origin} - from->origin);
    } else {  // two articles of the same content (a repeated brief): the second gets a copy
      next[k].facts = next[by].facts;
      shift_facts(next[k].facts, int64_t{next[k].origin} - next[by].origin);
    }
  }
  {
    std::atomic<size_t> at{0};
    auto work = [&] {
      for (size_t i; (i = at++) < unread.size();)
        next[unread[i]].facts = facts::extract_facts(doc.articles[unread[i]], doc.publication_date);
    };
    if (two_threads && unread.size() >= 2) {
      std::exception_ptr error;
      std::thread other([&] {
        try {
          work();
        } catch (...) {
          error = std::current_exception();
          at = unread.size();
        }
      });
      try {
        work();
      } catch (...) {
        at = unread.size();
        other.join();
        throw;
      }
      other.join();
      if (error) std::rethrow_exception(error);
    } else {
      work();
    }
  }
  if (lua_->cancelled()) return res;
  // The facts are held in `next` (moved into the memo at the end); the input points at them.
  std::vector<facts::ArticleFacts> facts(n);
  for (size_t k = 0; k < n; ++k) facts[k] = std::move(next[k].facts);
  add_facts_capped(doc, bytes, facts, res.notices);
  auto in = prepare_input(doc, bytes, facts);
  in.messages = settings.messages;

  // YAML: a per-article rule (rules/yaml_local.hpp) runs on the articles not checked before
  // and gives its findings back on the others; the rest run on the whole document, in rule
  // order, as check() runs them all.
  DocumentInput fresh = in;
  fresh.articles.clear();
  std::vector<bool> yaml_again(n, false);
  for (size_t k = 0; k < n; ++k)
    if (!same[k] || !same[k]->yaml_kept) {
      yaml_again[k] = true;
      fresh.articles.push_back(in.articles[k]);
    }
  bool exact = true;
  for (size_t i = 0; i < rules_->yaml.size(); ++i) {
    const auto& r = rules_->yaml[i];
    if (!rule_enabled(r.info, settings)) continue;
    if (!yaml_rule_per_article(r)) {
      if (size_t dropped = run_yaml_rule(r, in, res.findings))
        res.notices.push_back(capped_notice(doc, r.info.id, dropped));
      continue;
    }
    std::vector<report::Finding> found;
    size_t count = run_yaml_rule(r, fresh, found) + found.size();
    for (auto& f : found) {
      auto k = static_cast<size_t>(f.article);
      if (f.article < 0 || k >= n || !yaml_again[k]) {  // not one article's: only a full check says
        exact = false;
        continue;
      }
      if (!finding_within(f, doc.articles[k].extent())) next[k].yaml_kept = false;
      next[k].yaml.emplace_back(i, std::move(f));
    }
    for (size_t k = 0; k < n; ++k)
      if (!yaml_again[k])
        for (const auto& y : same[k]->yaml) count += y.first == i;
    // Past the cap, which findings a full check keeps depends on the order of all of them.
    exact = exact && count <= kMaxFindingsPerRule;
  }
  for (size_t k = 0; k < n; ++k) {
    if (!yaml_again[k]) {
      next[k].yaml = std::move(same[k]->yaml);
      for (auto& y : next[k].yaml)
        shift_finding(y.second, int64_t{next[k].origin} - same[k]->origin);
    }
    for (const auto& y : next[k].yaml) res.findings.push_back(y.second);
  }

  // Lua: the articles checked before get their findings back, the others run the rules.
  const auto& lua_rules = lua_->rules();
  std::vector<RuleSpend> spend(lua_rules.size());
  std::vector<RuleError> errors;
  size_t reused = 0, ran = 0;
  auto none = [](const LuaRule&) { return false; };
  if (!todo.empty()) lua_->begin_document();
  for (size_t k = 0; k < n && !lua_->cancelled(); ++k) {
    auto& m = next[k];
    Span extent = doc.articles[k].extent();
    if (same[k] && same[k]->lua_kept) {
      m.findings = std::move(same[k]->findings);
      m.spent = std::move(same[k]->spent);
      for (auto& f : m.findings) shift_finding(f, int64_t{m.origin} - same[k]->origin);
      ++reused;
    } else {
      std::vector<std::pair<uint64_t, size_t>> before(lua_rules.size());
      for (size_t i = 0; i < lua_rules.size(); ++i)
        before[i] = {spend[i].instructions.load(), spend[i].findings.load()};
      lua_->run_article(in, k, todo, none, spend.data(), m.findings, errors);
      m.spent.resize(lua_rules.size());
      for (size_t i = 0; i < lua_rules.size(); ++i)
        m.spent[i] = {spend[i].instructions.load() - before[i].first,
                      spend[i].findings.load() - before[i].second};
      ++ran;
    }
    // Spans outside the article are not covered by its key: not kept for reuse.
    for (const auto& f : m.findings)
      if (!finding_within(f, extent)) m.lua_kept = false;
    res.findings.insert(res.findings.end(), m.findings.begin(), m.findings.end());
  }
  if (!todo.empty()) lua_->end_document();
  // A full check counts one budget per rule over all articles: where that could have stopped
  // a rule (an error, half the budget or the finding cap reached), only a full check says
  // what it would have done.
  exact = exact && errors.empty() && !lua_->cancelled();
  std::vector<std::pair<uint64_t, size_t>> total(lua_rules.size());
  for (const auto& m : next)
    for (size_t i = 0; i < m.spent.size(); ++i) {
      total[i].first += m.spent[i].first;
      total[i].second += m.spent[i].second;
    }
  for (const auto& t : total)
    exact = exact && t.first < rules_->limits.instructions / 2 && t.second <= kMaxFindingsPerRule;
  if (!exact) {
    memo.reused = 0;
    memo.ran = memo.facts_read = n;
    return check(doc, bytes, requested);
  }
  for (size_t k = 0; k < n; ++k) next[k].facts = std::move(facts[k]);
  memo.articles = std::move(next);
  memo.reused = reused;
  memo.ran = ran;
  memo.facts_read = unread.size();
  merge_grouped(doc, lua_rules, res.findings, settings.messages);
  finish(res, settings);
  return res;
}

}  // namespace tally::rules
