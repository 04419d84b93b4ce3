#include "rules/yaml_kinds.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "facts/pairs.hpp"
#include "facts/records.hpp"
#include "rules/message.hpp"
#include "text/utf8.hpp"

namespace tally::rules {

namespace {

using report::Finding;

struct Ctx {
  const YamlRule& rule;
  const DocumentInput& in;
  std::vector<Finding>& out;

  const parse::Article& article(int a) const { return *in.articles[a].article; }
  const text::LogicalText& text_of(const Piece& p) const {
    return article(p.article).blocks[p.block].text;
  }
  bool applies(int a) const {
    if (rule.languages.empty()) return true;
    return std::find(rule.languages.begin(), rule.languages.end(), article(a).language) !=
           rule.languages.end();
  }
  // Reports logical bytes [lb, le) of a piece's block, with an optional replacement for them.
  void emit(const Piece& p, uint32_t lb, uint32_t le, const Vars& vars,
            const std::string* replacement = nullptr) {
    Span s = text_of(p).to_original(lb, le);
    emit_span(p.article, s, vars, replacement);
  }
  void emit_span(int a, Span s, const Vars& vars, const std::string* replacement = nullptr) {
    Finding f;
    f.rule = rule.info.id;
    f.severity = rule.info.severity;
    f.message = fill(pick_language(rule.info.message, article(a).language), vars);
    f.span = s;
    f.article = a;
    // A replacement across a line break would re-wrap the column; offer it within a line only.
    std::string_view orig = in.bytes.substr(s.begin, s.size());
    if (replacement && orig.find('\n') == std::string_view::npos)
      f.fix = report::Fix{s, *replacement};
    out.push_back(std::move(f));
  }
};

std::string_view view(const re2::StringPiece& p) {
  return {p.data(), p.size()};
}

// Every match of `re` in the piece, as logical offsets plus captures.
template <typename F>
void for_each_match(const RE2& re, const std::string& text, const Piece& p, F&& f) {
  int ng = std::min(re.NumberOfCapturingGroups(), 9);
  std::vector<re2::StringPiece> g(ng + 1);
  re2::StringPiece whole(text);
  size_t pos = p.lbegin;
  while (pos <= p.lend && re.Match(whole, pos, p.lend, RE2::UNANCHORED, g.data(), ng + 1)) {
    auto b = static_cast<uint32_t>(g[0].data() - text.data());
    auto e = static_cast<uint32_t>(b + g[0].size());
    Vars vars{{"match", std::string(view(g[0]))}};
    for (int i = 1; i <= ng; ++i) vars[std::to_string(i)] = std::string(view(g[i]));
    f(b, e, vars);
    if (e > pos)
      pos = e;
    else {  // an empty match: step over one character
      auto d = text::decode_at(text, pos);
      pos += d.size ? d.size : 1;
    }
  }
}

void run_pattern(Ctx& c, const std::vector<Unit>& units) {
  const auto& r = c.rule;
  for (const auto& u : units) {
    if (u.pieces.empty()) continue;
    if (r.pattern)
      for (const auto& p : u.pieces) {
        if (!c.applies(p.article)) continue;
        const auto& t = c.text_of(p).text;
        for_each_match(*r.pattern, t, p, [&](uint32_t b, uint32_t e, const Vars& vars) {
          if (r.unless && RE2::PartialMatch(vars.at("match"), *r.unless)) return;
          std::string fix = fill(r.fix, vars);
          c.emit(p, b, e, vars, r.fix.empty() ? nullptr : &fix);
        });
      }
    if (r.must_match) {
      const auto& first = u.pieces.front();
      if (!c.applies(first.article)) continue;
      bool found = false;
      for (const auto& p : u.pieces) {
        const auto& t = c.text_of(p).text;
        re2::StringPiece whole(t);
        found |= r.must_match->Match(whole, p.lbegin, p.lend, RE2::UNANCHORED, nullptr, 0);
      }
      if (!found) {
        const auto& last = u.pieces.back();
        Span s{c.text_of(first).to_original(first.lbegin, first.lend).begin,
               c.text_of(last).to_original(last.lbegin, last.lend).end};
        if (first.article != last.article || first.block != last.block)
          s = c.text_of(first).to_original(first.lbegin, first.lend);
        c.emit_span(first.article, s, {});
      }
    }
  }
}

void run_substitution(Ctx& c, const std::vector<Unit>& units) {
  for (const auto& u : units)
    for (const auto& p : u.pieces) {
      if (!c.applies(p.article)) continue;
      const auto& t = c.text_of(p).text;
      for_each_match(*c.rule.swap_re, t, p, [&](uint32_t b, uint32_t e, Vars vars) {
        const auto& m = vars["match"];
        std::string right;
        for (const auto& [w, rr] : c.rule.swap)
          if (w.size() == m.size() && std::equal(w.begin(), w.end(), m.begin(), [](char x, char y) {
                return std::tolower(static_cast<unsigned char>(x)) ==
                       std::tolower(static_cast<unsigned char>(y));
              })) {
            right = rr;
            break;
          }
        vars["replacement"] = right;
        c.emit(p, b, e, vars, &right);
      });
    }
}

void run_pair(Ctx& c, const std::vector<Unit>& units) {
  for (const auto& u : units) {
    std::vector<std::string_view> texts;
    for (const auto& p : u.pieces)
      texts.push_back(std::string_view(c.text_of(p).text).substr(p.lbegin, p.lend - p.lbegin));
    auto found = facts::find_pairs_in_blocks(texts, c.rule.pairs);
    for (size_t i = 0; i < u.pieces.size(); ++i) {
      const auto& p = u.pieces[i];
      if (!c.applies(p.article)) continue;
      for (const auto& x : found[i].unpaired) {
        const auto& m = c.rule.pairs[x.pair];
        Vars v{{"mark", x.mark}, {"expected", x.opener ? m.close : m.open}};
        c.emit(p, p.lbegin + x.at, p.lbegin + x.at + x.len, v);
      }
    }
  }
}

void run_repetition(Ctx& c, const std::vector<Unit>& units) {
  for (const auto& u : units)
    for (const auto& p : u.pieces) {
      if (!c.applies(p.article)) continue;
      const auto& t = c.text_of(p).text;
      std::string prev;
      uint32_t prev_end = 0;
      bool have = false;
      for_each_match(*c.rule.token, t, p, [&](uint32_t b, uint32_t e, const Vars& vars) {
        const auto& m = vars.at("match");
        if (have && m == prev && !m.empty()) {
          std::string gap = t.substr(prev_end, b - prev_end);
          bool adjacent = c.rule.between ? RE2::FullMatch(gap, *c.rule.between) : gap.empty();
          if (adjacent) {
            std::string none;
            c.emit(p, prev_end, e, vars, &none);
          }
        }
        prev = m;
        prev_end = e;
        have = true;
      });
    }
}

void run_consistency(Ctx& c, const std::vector<Unit>& units) {
  const auto& forms = c.rule.forms;
  for (const auto& u : units) {
    struct Hit {
      size_t form;
      Piece piece;
      uint32_t b, e;
      std::string text;
    };
    std::vector<Hit> hits;
    for (const auto& p : u.pieces) {
      if (!c.applies(p.article)) continue;
      const auto& t = c.text_of(p).text;
      for (size_t k = 0; k < forms.size(); ++k)
        for_each_match(*forms[k], t, p, [&](uint32_t b, uint32_t e, const Vars& v) {
          hits.push_back({k, p, b, e, v.at("match")});
        });
    }
    if (hits.empty()) continue;
    size_t first = hits.front().form;
    // The form used first (in reading order) is the one the article settled on.
    auto key = [](const Hit& h) { return std::tuple(h.piece.article, h.piece.block, h.b); };
    auto it = std::min_element(hits.begin(), hits.end(),
                               [&](const Hit& a, const Hit& b) { return key(a) < key(b); });
    first = it->form;
    std::string first_text = it->text;
    for (const auto& h : hits)
      if (h.form != first) c.emit(h.piece, h.b, h.e, {{"match", h.text}, {"first", first_text}});
  }
}

const nlohmann::json* field(const nlohmann::json& rec, const std::string& path) {
  const nlohmann::json* cur = &rec;
  size_t start = 0;
  while (start <= path.size()) {
    auto dot = path.find('.', start);
    std::string key =
        path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (!cur->is_object() || !cur->contains(key)) return nullptr;
    cur = &(*cur)[key];
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return cur;
}

void flatten(const nlohmann::json& j, const std::string& prefix, Vars& vars) {
  for (auto it = j.begin(); it != j.end(); ++it) {
    std::string k = prefix + it.key();
    const auto& v = it.value();
    if (v.is_string())
      vars[k] = v.get<std::string>();
    else if (v.is_number())
      vars[k] = format_number(v.get<double>(), 4);
    else if (v.is_boolean())
      vars[k] = v.get<bool>() ? "true" : "false";
    else if (v.is_object() && prefix.empty())
      flatten(v, k + ".", vars);
  }
}

void run_fact(Ctx& c) {
  for (const auto& ai : c.in.articles) {
    if (!c.applies(ai.index)) continue;
    for (const auto& rec : facts::fact_records(*ai.article, *ai.facts, c.rule.fact_type)) {
      if (!fact_matches(rec, c.rule.where)) continue;
      Vars vars;
      flatten(rec, "", vars);
      if (rec.contains("interval")) {
        const auto& iv = rec["interval"];
        vars["lo"] = iv[0].is_null() ? "-∞" : format_number(iv[0].get<double>(), 4);
        vars["hi"] = iv[1].is_null() ? "∞" : format_number(iv[1].get<double>(), 4);
      }
      Span s{rec["span"]["begin"].get<uint32_t>(), rec["span"]["end"].get<uint32_t>()};
      c.emit_span(ai.index, s, vars);
    }
  }
}

}  // namespace

bool fact_matches(const nlohmann::json& rec, const std::vector<Condition>& where) {
  constexpr double kInf = std::numeric_limits<double>::infinity();
  for (const auto& cond : where) {
    const nlohmann::json* v = field(rec, cond.field);
    nlohmann::json derived;
    if (!v && (cond.field == "lo" || cond.field == "hi") && rec.contains("interval")) {
      const auto& iv = rec["interval"][cond.field == "lo" ? 0 : 1];
      derived = iv.is_null() ? (cond.field == "lo" ? -kInf : kInf) : iv.get<double>();
      v = &derived;
    }
    if (cond.op == Condition::IsNull) {
      if (v && !v->is_null()) return false;
      continue;
    }
    if (!v || v->is_null()) {
      if (cond.op == Condition::Ne) continue;
      return false;
    }
    auto equal = [&](const nlohmann::json& want) {
      if (want.is_number() && v->is_number()) return v->get<double>() == want.get<double>();
      if (want.is_string() && v->is_number())
        return format_number(v->get<double>(), 6) == want.get<std::string>();
      return *v == want;
    };
    switch (cond.op) {
      case Condition::Eq:
        if (!equal(cond.value)) return false;
        break;
      case Condition::Ne:
        if (equal(cond.value)) return false;
        break;
      case Condition::OneOf: {
        bool any = false;
        for (const auto& x : cond.value) any |= equal(x);
        if (!any) return false;
        break;
      }
      case Condition::Matches:
        if (!v->is_string() || !RE2::PartialMatch(v->get<std::string>(), *cond.re)) return false;
        break;
      default: {
        if (!v->is_number()) return false;
        double x = v->get<double>(), y = cond.value.get<double>();
        bool ok = cond.op == Condition::Lt   ? x < y
                  : cond.op == Condition::Le ? x <= y
                  : cond.op == Condition::Gt ? x > y
                                             : x >= y;
        if (!ok) return false;
      }
    }
  }
  return true;
}

void run_yaml_rule(const YamlRule& rule, const DocumentInput& in, std::vector<Finding>& out) {
  Ctx c{rule, in, out};
  if (rule.kind == YamlKind::Fact) return run_fact(c);
  auto units = units_of(in, rule.scope);
  switch (rule.kind) {
    case YamlKind::Pattern:
      return run_pattern(c, units);
    case YamlKind::Substitution:
      return run_substitution(c, units);
    case YamlKind::Pair:
      return run_pair(c, units);
    case YamlKind::Repetition:
      return run_repetition(c, units);
    case YamlKind::Consistency:
      return run_consistency(c, units);
    case YamlKind::Fact:
      break;
  }
}

}  // namespace tally::rules
