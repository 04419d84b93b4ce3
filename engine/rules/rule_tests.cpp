#include "rules/rule_tests.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <chrono>
#include <filesystem>

#include "config/yaml_load.hpp"
#include "findings/fix_check.hpp"
#include "parse/parse.hpp"
#include "rules/rule_meta.hpp"
#include "rules/rule_set.hpp"

namespace tally::rules {

namespace {

struct Case {
  std::string text, at, message, fix, fixed;
  std::string related;  // the text of a related span the finding must carry
  int related_occurrence = 1;
  bool has_fix = false, has_fixed = false;
  int occurrence = 1;
  int count = 1;
  std::optional<parse::Date> date;
  std::optional<parse::Format> format;
  int line = 0;
};

std::optional<parse::Format> format_of(const std::string& s) {
  if (s == "page") return parse::Format::Page;
  if (s == "markdown" || s == "md") return parse::Format::Markdown;
  if (s == "lines") return parse::Format::Lines;
  return std::nullopt;
}

struct BadTest {
  YAML::Mark mark;
  std::string message;
};

Case read_case(const YAML::Node& n, const Case& defaults) {
  Case c = defaults;
  c.line = n.Mark().line + 1;
  if (n.IsScalar()) {
    c.text = n.as<std::string>();
    return c;
  }
  if (!n.IsMap()) throw BadTest{n.Mark(), "a case is a text or a map with 'text'"};
  for (const auto& kv : n) {
    auto k = kv.first.as<std::string>();
    if (k == "text") {
      c.text = kv.second.as<std::string>();
    } else if (k == "at") {
      if (kv.second.IsSequence()) {
        c.at = kv.second[0].as<std::string>();
        c.occurrence = kv.second[1].as<int>();
      } else {
        c.at = kv.second.as<std::string>();
      }
    } else if (k == "related") {
      if (kv.second.IsSequence()) {
        c.related = kv.second[0].as<std::string>();
        c.related_occurrence = kv.second[1].as<int>();
      } else {
        c.related = kv.second.as<std::string>();
      }
    } else if (k == "message") {
      c.message = kv.second.as<std::string>();
    } else if (k == "fix") {
      c.fix = kv.second.IsNull() ? "" : kv.second.as<std::string>();
      c.has_fix = true;
    } else if (k == "fixed") {
      c.fixed = kv.second.IsNull() ? "" : kv.second.as<std::string>();
      c.has_fixed = true;
    } else if (k == "count") {
      c.count = kv.second.as<int>();
    } else if (k == "date") {
      c.date = parse::parse_iso_date(kv.second.as<std::string>());
      if (!c.date) throw BadTest{kv.second.Mark(), "date must be YYYY-MM-DD"};
    } else if (k == "format") {
      c.format = format_of(kv.second.as<std::string>());
      if (!c.format) throw BadTest{kv.second.Mark(), "format must be page, markdown or lines"};
    } else {
      throw BadTest{kv.first.Mark(), "unknown key '" + k + "' in a test case"};
    }
  }
  if (c.text.empty()) throw BadTest{n.Mark(), "a case needs 'text'"};
  return c;
}

// Byte offset of the `occurrence`-th `needle` in `hay`, or npos.
size_t find_nth(const std::string& hay, const std::string& needle, int occurrence) {
  size_t pos = std::string::npos, from = 0;
  for (int i = 0; i < occurrence; ++i) {
    pos = hay.find(needle, from);
    if (pos == std::string::npos) return pos;
    from = pos + 1;
  }
  return pos;
}

// `text` with every edit of `fix` applied (they are in file order and do not overlap).
std::string apply_fix(const std::string& text, const report::Fix& fix) {
  std::string out;
  size_t at = 0;
  for (const auto& e : fix.edits()) {
    out.append(text, at, e.span.begin - at);
    out += e.replacement;
    at = e.span.end;
  }
  out.append(text, at, std::string::npos);
  return out;
}

// Where a fix of several edits may reach: the finding's article, or the whole text for a
// finding of the document.
Span reach_of(const parse::Document& doc, const report::Finding& f, std::string_view text) {
  if (f.article >= 0 && static_cast<size_t>(f.article) < doc.articles.size())
    return doc.articles[f.article].extent();
  return {0, static_cast<uint32_t>(text.size())};
}

}  // namespace

CheckResult check_pages(Checker& checker, const std::string& text, const parse::ParseOptions& opts,
                        const CheckSettings& settings, std::string& error) {
  CheckResult all;
  std::vector<std::string> parts;
  for (size_t from = 0;;) {
    size_t ff = text.find('\f', from);
    parts.push_back(text.substr(from, ff == std::string::npos ? std::string::npos : ff - from));
    if (ff == std::string::npos) break;
    from = ff + 1;
  }
  std::vector<text::Source> sources;
  std::vector<parse::Document> docs;
  std::vector<uint32_t> offset;
  uint32_t at = 0;
  for (size_t p = 0; p < parts.size(); ++p) {
    auto loaded = text::make_source("page-" + std::to_string(p + 1) + ".txt", parts[p]);
    if (!loaded.source) {
      error = "the text is not valid input: " + loaded.error->message;
      return all;
    }
    sources.push_back(std::move(*loaded.source));
    offset.push_back(at);
    at += static_cast<uint32_t>(parts[p].size() + 1);
  }
  for (const auto& src : sources) docs.push_back(parse::parse_document(src, opts));
  std::vector<std::vector<report::Finding>> found(parts.size());
  std::vector<EditionPage> pages;
  for (size_t p = 0; p < parts.size(); ++p) {
    auto res = checker.check(docs[p], sources[p].bytes, settings);
    found[p] = std::move(res.findings);
    for (auto& e : res.errors) all.errors.push_back(std::move(e));
    for (auto& n : res.notices) all.notices.push_back(std::move(n));
    pages.push_back({&docs[p], sources[p].bytes});
  }
  if (parts.size() > 1) {
    auto ed = checker.check_edition(pages, settings);
    for (auto& e : ed.errors) all.errors.push_back(std::move(e));
    for (size_t p = 0; p < parts.size(); ++p)
      for (auto& f : ed.findings[p]) found[p].push_back(std::move(f));
  }
  auto shift = [](Span& s, uint32_t by) { s.begin += by, s.end += by; };
  for (size_t p = 0; p < parts.size(); ++p)
    for (auto& f : found[p]) {
      shift(f.span, offset[p]);
      if (f.fix) {
        shift(f.fix->span, offset[p]);
        for (auto& e : f.fix->more) shift(e.span, offset[p]);
      }
      for (auto& r : f.related) {
        uint32_t by = offset[p];
        for (size_t q = 0; q < sources.size(); ++q)
          if (!r.file.empty() && r.file == sources[q].path) by = offset[q];
        shift(r.span, by);
        r.file.clear();
      }
      if (parts.size() > 1) f.article = -1;  // its reach is the case's whole text
      all.findings.push_back(std::move(f));
    }
  report::sort_findings(all.findings);
  return all;
}

namespace {

RuleTestResult run_case(Checker& checker, const std::string& file, const std::string& rule,
                        const Case& c, bool fire) {
  RuleTestResult r{file, c.line, rule, false, false, ""};
  auto loaded = text::make_source("test.txt", c.text);
  if (!loaded.source) {
    r.detail = "the text is not valid input: " + loaded.error->message;
    return r;
  }
  parse::ParseOptions opts;
  opts.format = c.format;  // default: as `tally check` reads a .txt file
  opts.date = c.date;
  auto doc = parse::parse_document(*loaded.source, opts);
  CheckSettings settings;
  settings.only = {rule};
  std::string bad_input;
  // Form feeds part an edition's pages (check_pages); a text without one is one document.
  auto res = c.text.find('\f') == std::string::npos
                 ? checker.check(doc, loaded.source->bytes, settings)
                 : check_pages(checker, c.text, opts, settings, bad_input);
  if (!bad_input.empty()) {
    r.detail = bad_input;
    return r;
  }
  if (!res.errors.empty()) {
    r.detail = "rule error: " + res.errors.front().str();
    return r;
  }
  std::vector<const report::Finding*> mine;
  for (const auto& f : res.findings)
    if (f.rule == rule) mine.push_back(&f);
  // Every finding's span and fix must be one an editor can apply, whatever the case expects.
  for (const auto* f : mine)
    if (auto bad =
            report::check_fix(loaded.source->bytes, *f, reach_of(doc, *f, loaded.source->bytes));
        !bad.empty()) {
      r.detail = "unsound finding or fix: " + bad;
      return r;
    }
  auto describe = [&]() {
    std::string s;
    for (const auto* f : mine)
      s += "\n      at \"" + c.text.substr(f->span.begin, f->span.size()) + "\": " + f->message;
    return s;
  };
  if (!fire) {
    r.passed = mine.empty();
    if (!r.passed)
      r.detail = "expected no finding, got " + std::to_string(mine.size()) + describe();
    return r;
  }
  if (static_cast<int>(mine.size()) != c.count) {
    r.detail = "expected " + std::to_string(c.count) + " finding(s), got " +
               std::to_string(mine.size()) + describe();
    // A rule held back for want of something (a publication date) says so.
    for (const auto& n : res.notices) r.detail += "\n      " + n.message;
    return r;
  }
  // The findings the case is about: the one at `at`, or, without `at`, any of them.
  std::vector<const report::Finding*> candidates = mine;
  if (!c.at.empty()) {
    size_t at = find_nth(c.text, c.at, c.occurrence);
    if (at == std::string::npos) {
      r.detail = "'at' text \"" + c.at + "\" is not in the case's text";
      return r;
    }
    Span want{static_cast<uint32_t>(at), static_cast<uint32_t>(at + c.at.size())};
    candidates.clear();
    for (const auto* f : mine)
      if (f->span == want) candidates.push_back(f);
    if (candidates.empty()) {
      r.detail = "expected a finding at \"" + c.at + "\"" + describe();
      return r;
    }
  }
  auto fix_of = [](const report::Finding* f) {
    return f->fix ? "\"" + f->fix->replacement + "\"" : std::string("none");
  };
  auto message_ok = [&](const report::Finding* f) {
    return c.message.empty() || f->message == c.message;
  };
  if (!c.related.empty()) {  // the other place the finding names
    size_t at = find_nth(c.text, c.related, c.related_occurrence);
    Span want{static_cast<uint32_t>(at), static_cast<uint32_t>(at + c.related.size())};
    auto has = [&](const report::Finding* f) {
      return std::any_of(f->related.begin(), f->related.end(),
                         [&](const report::Related& x) { return x.span == want; });
    };
    candidates.erase(std::remove_if(candidates.begin(), candidates.end(),
                                    [&](const report::Finding* f) { return !has(f); }),
                     candidates.end());
    if (at == std::string::npos || candidates.empty()) {
      r.detail = "expected a related span at \"" + c.related + "\"" + describe();
      return r;
    }
  }
  auto fix_ok = [&](const report::Finding* f) {
    return (!c.has_fix || (f->fix && f->fix->replacement == c.fix)) &&
           (!c.has_fixed || (f->fix && apply_fix(c.text, *f->fix) == c.fixed));
  };
  // One finding must carry both the message and the fix expected.
  if (std::any_of(candidates.begin(), candidates.end(),
                  [&](const report::Finding* f) { return message_ok(f) && fix_ok(f); })) {
    r.passed = true;
    return r;
  }
  std::string where = c.at.empty() ? "" : " at \"" + c.at + "\"";
  if (std::none_of(candidates.begin(), candidates.end(), message_ok)) {
    r.detail = "message differs" + where + ":\n      want: " + c.message;
    for (const auto* f : candidates) r.detail += "\n      got:  " + f->message;
    return r;
  }
  if (c.has_fixed) {
    r.detail = "fixed text differs" + where + ":\n      want: " + c.fixed;
    for (const auto* f : candidates)
      if (message_ok(f))
        r.detail += "\n      got:  " + (f->fix ? apply_fix(c.text, *f->fix) : "no fix");
    return r;
  }
  r.detail = "fix differs" + where + ": want \"" + c.fix + "\", got";
  for (const auto* f : candidates)
    if (message_ok(f)) r.detail += " " + fix_of(f);
  return r;
}

}  // namespace

size_t RuleTestReport::known() const {
  return static_cast<size_t>(
      std::count_if(results.begin(), results.end(), [](const auto& r) { return r.known; }));
}
size_t RuleTestReport::passed() const {
  return static_cast<size_t>(
      std::count_if(results.begin(), results.end(), [](const auto& r) { return r.passed; }));
}
size_t RuleTestReport::failed() const {
  return results.size() - passed() + errors.size();
}

RuleTestReport run_rule_tests(Checker& checker, const std::vector<std::string>& test_files) {
  RuleTestReport rep;
  for (const auto& file : test_files) {
    auto text = read_rule_file(file);
    if (!text) {
      rep.errors.push_back({file, 0, 0, "", "cannot read the test file"});
      continue;
    }
    try {
      YAML::Node root = config::load_yaml(*text);
      if (!root.IsMap()) throw BadTest{root.Mark(), "a test file is a mapping"};
      Case defaults;
      std::string rule;
      for (const auto& kv : root) {
        auto k = kv.first.as<std::string>();
        if (k == "rule") {
          rule = kv.second.as<std::string>();
        } else if (k == "date") {
          defaults.date = parse::parse_iso_date(kv.second.as<std::string>());
          if (!defaults.date) throw BadTest{kv.second.Mark(), "date must be YYYY-MM-DD"};
        } else if (k == "format") {
          defaults.format = format_of(kv.second.as<std::string>());
          if (!defaults.format)
            throw BadTest{kv.second.Mark(), "format must be page, markdown or lines"};
        } else if (k != "pass" && k != "fire" && k != "known_misfire") {
          throw BadTest{kv.first.Mark(),
                        "unknown key '" + k + "' (rule, date, format, pass, fire, known_misfire)"};
        }
      }
      if (rule.empty()) throw BadTest{root.Mark(), "missing 'rule'"};
      if (!checker.rules().find(rule))
        throw BadTest{root["rule"].Mark(), "no rule '" + rule + "' is loaded"};
      auto& cov = rep.coverage[file];
      cov.rule = rule;
      for (std::string section : {"pass", "fire", "known_misfire"}) {
        if (!root[section]) continue;
        if (!root[section].IsSequence())
          throw BadTest{root[section].Mark(), "'" + section + "' must be a list"};
        std::vector<Case> cases;
        for (const auto& n : root[section]) cases.push_back(read_case(n, defaults));
        (section == "pass" ? cov.pass : section == "fire" ? cov.fire : cov.known) += cases.size();
        for (const auto& c : cases) {
          // A known misfire must still fire, as its record says; once it stops, the case
          // belongs under pass.
          auto r = run_case(checker, file, rule, c, section != "pass");
          if (section == "known_misfire") {
            r.known = r.passed;
            if (!r.passed)
              r.detail = "known misfire no longer fires (move it to pass:): " + r.detail;
          }
          rep.results.push_back(std::move(r));
        }
      }
    } catch (const BadTest& b) {
      rep.errors.push_back({file, b.mark.line + 1, b.mark.column + 1, "", b.message});
    } catch (const YAML::Exception& e) {
      rep.errors.push_back({file, e.mark.line + 1, e.mark.column + 1, "", e.msg});
    }
  }
  return rep;
}

void prove_rules(Checker& checker, const std::vector<const RuleInfo*>& rules, RuleTestReport& rep) {
  for (const auto* info : rules) {
    auto fail = [&](const std::string& detail) {
      rep.results.push_back({info->file, info->line, info->id, false, false, detail});
    };
    std::string home = home_of(info->id);
    std::string want = std::filesystem::path(info->file).parent_path().string() + "/" +
                       home.substr(home.find('/') + 1) + ".test.yaml";
    auto cov = rep.coverage.find(want);
    if (cov == rep.coverage.end()) {
      fail("no test file: " + want + " must test the rule (docs/rules.md, \"Rule tests\")");
    } else if (cov->second.rule != info->id) {
      fail(want + " tests '" + cov->second.rule + "', not " + info->id);
    } else if (cov->second.fire == 0 || cov->second.pass == 0) {
      fail(want + " needs at least one fire: case and one pass: case");
    }
    if (info->example.empty()) {
      fail("no example: a shipped rule shows what makes it fire (`tally explain`)");
      continue;
    }
    auto src = text::make_source("example.txt", info->example);
    if (!src.source) {
      fail("the example is not valid input");
      continue;
    }
    parse::ParseOptions po;
    po.format = parse::Format::Lines;
    if (std::find(info->needs.begin(), info->needs.end(), "publication_date") !=
        info->needs.end()) {
      auto now = std::chrono::year_month_day(
          std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()));
      po.date = parse::Date{static_cast<int>(now.year()), static_cast<int>(unsigned(now.month())),
                            static_cast<int>(unsigned(now.day()))};
    }
    auto doc = parse::parse_document(*src.source, po);
    CheckSettings only;
    only.only = {info->id};
    std::string bad_input;
    auto res = info->example.find('\f') == std::string::npos
                   ? checker.check(doc, src.source->bytes, only)
                   : check_pages(checker, info->example, po, only, bad_input);
    if (std::none_of(res.findings.begin(), res.findings.end(),
                     [&](const report::Finding& f) { return f.rule == info->id; }))
      fail("its example does not fire: " + info->example);
  }
}

}  // namespace tally::rules
