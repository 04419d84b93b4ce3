#include "report/facts_format.hpp"

#include <fmt/format.h>

#include <cmath>

#include "report/json_format.hpp"

namespace tally::report {

using nlohmann::json;

namespace {

json num(double v) {
  return std::isinf(v) ? json(nullptr) : json(v);
}

json number_json(const facts::Number& n) {
  return {{"value", n.value},
          {"interval", {num(n.lo), num(n.hi)}},
          {"approximate", n.approximate},
          {"decimals", n.decimals},
          {"qualifier", n.qualifier}};
}

const char* rate_unit(facts::RateUnit u) {
  switch (u) {
    case facts::RateUnit::Percent:
      return "percent";
    case facts::RateUnit::PerMille:
      return "per-mille";
    case facts::RateUnit::PercentagePoints:
      return "percentage-points";
  }
  return "?";
}

const char* date_kind(facts::DateKind k) {
  switch (k) {
    case facts::DateKind::Absolute:
      return "absolute";
    case facts::DateKind::Relative:
      return "relative";
    case facts::DateKind::Duration:
      return "duration";
  }
  return "?";
}

struct Emitter {
  const parse::Article& article;
  const text::LineIndex& index;
  json& list;

  template <typename T>
  json& add(const char* type, const facts::At<T>& at) {
    const auto& b = article.blocks[at.block];
    list.push_back(
        {{"type", type},
         {"block", at.block},
         {"text", std::string(b.text.text.substr(at.fact.begin, at.fact.end - at.fact.begin))},
         {"span", span_json(at.span, index)}});
    return list.back();
  }
};

json article_facts_json(const parse::Article& a, const facts::ArticleFacts& f,
                        const text::LineIndex& index) {
  json list = json::array();
  Emitter e{a, index, list};
  for (const auto& x : f.numbers) e.add("number", x).update(number_json(x.fact));
  for (const auto& x : f.quantities) {
    auto& j = e.add("quantity", x);
    j.update(number_json(x.fact.number));
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
    j.update(number_json(x.fact.number));
    j["measure"] = x.fact.measure;
  }
  for (const auto& x : f.rates) {
    auto& j = e.add("rate", x);
    j.update(number_json(x.fact.number));
    j["unit"] = rate_unit(x.fact.unit);
    j["subject"] = x.fact.subject;
    j["relation"] = x.fact.relation;
  }
  for (const auto& x : f.dates) {
    const auto& d = x.fact;
    auto& j = e.add("date", x);
    j["kind"] = date_kind(d.kind);
    j["year"] = d.year ? json(d.year) : json(nullptr);
    j["month"] = d.month ? json(d.month) : json(nullptr);
    j["day"] = d.day ? json(d.day) : json(nullptr);
    j["weekday"] = d.weekday ? json(d.weekday) : json(nullptr);
    j["valid"] = d.valid;
    j["relative"] = d.relative;
    j["resolved"] = d.resolved ? json(d.resolved->iso()) : json(nullptr);
    j["anchor"] = d.anchor.empty() ? json(nullptr) : json(d.anchor);
    if (d.kind == facts::DateKind::Duration)
      j["duration"] = {{"amount", d.amount}, {"unit", d.unit}};
  }
  for (size_t k = 0; k < f.claims.size(); ++k) {
    auto& j = e.add("count", f.claims[k]);
    j["count"] = f.claims[k].fact.count;
    j["noun"] = f.claims[k].fact.noun;
    j["list"] = nullptr;
    for (const auto& l : f.links)
      if (l.claim == k)
        j["list"] = {{"index", l.list},
                     {"evidence", facts::link_evidence_name(l.evidence)},
                     {"strong", l.strong}};
  }
  for (size_t k = 0; k < f.lists.size(); ++k) {
    const auto& l = f.lists[k];
    auto& j = e.add("list", l);
    json items = json::array();
    const auto& lt = a.blocks[l.block].text;
    for (auto [b, en] : l.fact.items)
      items.push_back(
          {{"text", lt.text.substr(b, en - b)}, {"span", span_json(lt.to_original(b, en), index)}});
    j["items"] = std::move(items);
    j["open"] = l.fact.open;
    j["index"] = k;
  }
  for (size_t bi = 0; bi < f.blocks.size(); ++bi) {
    const auto& lt = a.blocks[bi].text;
    for (const auto& p : f.blocks[bi].pairs.pairs) {
      Span s = lt.to_original(p.open, p.close + p.close_len);
      list.push_back({{"type", "pair"},
                      {"block", bi},
                      {"mark", p.kind},
                      {"text", lt.text.substr(p.open, p.close + p.close_len - p.open)},
                      {"span", span_json(s, index)}});
    }
    for (const auto& u : f.blocks[bi].pairs.unpaired) {
      Span s = lt.to_original(u.at, u.at + u.len);
      list.push_back({{"type", "unpaired"},
                      {"block", bi},
                      {"mark", u.mark},
                      {"opener", u.opener},
                      {"text", u.mark},
                      {"span", span_json(s, index)}});
    }
  }
  std::stable_sort(list.begin(), list.end(), [](const json& x, const json& y) {
    return x["span"]["start"]["offset"].get<uint32_t>() <
           y["span"]["start"]["offset"].get<uint32_t>();
  });
  return list;
}

}  // namespace

json facts_json(const parse::Document& doc, const std::vector<facts::ArticleFacts>& facts,
                const text::LineIndex& index) {
  json arts = json::array();
  for (size_t i = 0; i < doc.articles.size(); ++i)
    arts.push_back({{"headline", doc.articles[i].headline},
                    {"language", doc.articles[i].language},
                    {"facts", article_facts_json(doc.articles[i], facts[i], index)}});
  return {{"path", doc.path},
          {"publication_date",
           doc.publication_date ? json(doc.publication_date->iso()) : json(nullptr)},
          {"articles", std::move(arts)}};
}

void write_facts_text(std::ostream& out, const parse::Document& doc,
                      const std::vector<facts::ArticleFacts>& facts, std::string_view bytes,
                      const text::LineIndex& index) {
  (void)bytes;
  auto j = facts_json(doc, facts, index);
  out << doc.path << "\n";
  for (const auto& a : j["articles"]) {
    out << "\narticle: "
        << (a["headline"].get<std::string>().empty() ? "(no headline)"
                                                     : a["headline"].get<std::string>())
        << "\n";
    for (const auto& f : a["facts"]) {
      const auto& st = f["span"]["start"];
      std::string extra;
      for (auto it = f.begin(); it != f.end(); ++it) {
        const auto& k = it.key();
        if (k == "type" || k == "text" || k == "span" || k == "block" || k == "items") continue;
        if (it->is_null() || (it->is_string() && it->get<std::string>().empty())) continue;
        extra += " " + k + "=" + (it->is_string() ? it->get<std::string>() : it->dump());
      }
      if (f.contains("items")) {
        extra += " items=[";
        for (size_t n = 0; n < f["items"].size(); ++n)
          extra += (n ? "|" : "") + f["items"][n]["text"].get<std::string>();
        extra += "]";
      }
      out << fmt::format("  {}:{}  {:<9} {}{}\n", st["line"].get<int>(), st["column"].get<int>(),
                         f["type"].get<std::string>(), f["text"].get<std::string>(), extra);
    }
  }
}

}  // namespace tally::report
