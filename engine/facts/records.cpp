#include "facts/records.hpp"

#include <algorithm>
#include <cmath>

namespace tally::facts {

using nlohmann::json;

namespace {

json num(double v) {
  return std::isinf(v) ? json(nullptr) : json(v);
}

json number_fields(const Number& n) {
  return {{"value", n.value},
          {"interval", {num(n.lo), num(n.hi)}},
          {"approximate", n.approximate},
          {"decimals", n.decimals},
          {"qualifier", n.qualifier}};
}

// Index of the sentence and clause holding logical offset `at`; -1 when none does.
std::pair<int, int> locate_in(const std::vector<Sentence>& sentences, uint32_t at) {
  for (size_t s = 0; s < sentences.size(); ++s) {
    const auto& sen = sentences[s];
    if (at < sen.begin || at >= sen.end) continue;
    int clause = -1;
    for (size_t c = 0; c < sen.clauses.size(); ++c)
      if (at >= sen.clauses[c].begin && at < sen.clauses[c].end + 3) {
        clause = static_cast<int>(c);
        break;
      }
    return {static_cast<int>(s), clause};
  }
  return {-1, -1};
}

struct Builder {
  const parse::Article& article;
  const ArticleFacts& facts;
  json list = json::array();

  json& add(const char* type, size_t block, uint32_t lb, uint32_t le) {
    const auto& lt = article.blocks[block].text;
    Span s = lt.to_original(lb, le);
    auto [sen, cl] = locate_in(facts.blocks[block].sentences, lb);
    list.push_back({{"type", type},
                    {"block", block},
                    {"text", lt.text.substr(lb, le - lb)},
                    {"span", {{"begin", s.begin}, {"end", s.end}}},
                    {"lbegin", lb},
                    {"lend", le},
                    {"sentence", sen},
                    {"clause", cl}});
    return list.back();
  }
  template <typename T>
  json& add(const char* type, const At<T>& at) {
    return add(type, at.block, at.fact.begin, at.fact.end);
  }
};

}  // namespace

const char* rate_unit_name(RateUnit u) {
  switch (u) {
    case RateUnit::Percent:
      return "percent";
    case RateUnit::PerMille:
      return "per-mille";
    case RateUnit::PercentagePoints:
      return "percentage-points";
  }
  return "?";
}

const char* date_kind_name(DateKind k) {
  switch (k) {
    case DateKind::Absolute:
      return "absolute";
    case DateKind::Relative:
      return "relative";
    case DateKind::Duration:
      return "duration";
  }
  return "?";
}

json fact_records(const parse::Article& a, const ArticleFacts& f) {
  Builder e{a, f};
  for (const auto& x : f.numbers) e.add("number", x).update(number_fields(x.fact));
  for (const auto& x : f.quantities) {
    auto& j = e.add("quantity", x);
    j.update(number_fields(x.fact.number));
    j["measure"] = x.fact.measure;
    j["noun"] = x.fact.noun;
    j["noun_before"] = x.fact.noun_before;
    if (!x.fact.unit.empty())
      j["normalized"] = {{"unit", x.fact.unit},
                         {"value", x.fact.normalized},
                         {"interval", {num(x.fact.normalized_lo), num(x.fact.normalized_hi)}}};
  }
  for (const auto& x : f.ordinals) {
    auto& j = e.add(x.fact.rank ? "rank" : "ordinal", x);
    j.update(number_fields(x.fact.number));
    j["measure"] = x.fact.measure;
  }
  for (const auto& x : f.rates) {
    auto& j = e.add("rate", x);
    j.update(number_fields(x.fact.number));
    j["unit"] = rate_unit_name(x.fact.unit);
    j["subject"] = x.fact.subject;
    j["relation"] = x.fact.relation;
  }
  for (const auto& x : f.dates) {
    const auto& d = x.fact;
    auto& j = e.add("date", x);
    j["kind"] = date_kind_name(d.kind);
    j["year"] = d.year ? json(d.year) : json(nullptr);
    j["month"] = d.month ? json(d.month) : json(nullptr);
    j["day"] = d.day ? json(d.day) : json(nullptr);
    j["weekday"] = d.weekday ? json(d.weekday) : json(nullptr);
    j["valid"] = d.valid;
    j["relative"] = d.relative;
    j["resolved"] = d.resolved ? json(d.resolved->iso()) : json(nullptr);
    j["anchor"] = d.anchor.empty() ? json(nullptr) : json(d.anchor);
    if (d.kind == DateKind::Duration) j["duration"] = {{"amount", d.amount}, {"unit", d.unit}};
  }
  for (size_t k = 0; k < f.claims.size(); ++k) {
    auto& j = e.add("count", f.claims[k]);
    j["count"] = f.claims[k].fact.count;
    j["noun"] = f.claims[k].fact.noun;
    j["list"] = nullptr;
    for (const auto& l : f.links)
      if (l.claim == k)
        j["list"] = {
            {"index", l.list}, {"evidence", link_evidence_name(l.evidence)}, {"strong", l.strong}};
  }
  for (size_t k = 0; k < f.lists.size(); ++k) {
    const auto& l = f.lists[k];
    auto& j = e.add("list", l);
    json items = json::array();
    const auto& lt = a.blocks[l.block].text;
    for (auto [b, en] : l.fact.items) {
      Span s = lt.to_original(b, en);
      items.push_back({{"text", lt.text.substr(b, en - b)},
                       {"span", {{"begin", s.begin}, {"end", s.end}}},
                       {"lbegin", b},
                       {"lend", en}});
    }
    j["items"] = std::move(items);
    j["open"] = l.fact.open;
    j["index"] = k;
  }
  for (size_t bi = 0; bi < f.blocks.size(); ++bi) {
    for (const auto& p : f.blocks[bi].pairs.pairs)
      e.add("pair", bi, p.open, p.close + p.close_len)["mark"] = p.kind;
    for (const auto& u : f.blocks[bi].pairs.unpaired) {
      auto& j = e.add("unpaired", bi, u.at, u.at + u.len);
      j["mark"] = u.mark;
      j["opener"] = u.opener;
    }
  }
  std::stable_sort(e.list.begin(), e.list.end(), [](const json& x, const json& y) {
    return x["span"]["begin"].get<uint32_t>() < y["span"]["begin"].get<uint32_t>();
  });
  return std::move(e.list);
}

}  // namespace tally::facts
