#include "report/facts_format.hpp"

#include <fmt/format.h>

#include <cmath>

#include "facts/records.hpp"
#include "report/json_format.hpp"

namespace tally::report {

using nlohmann::json;

namespace {

// Byte spans become editor positions for output.
json located(json facts, const text::LineIndex& index) {
  for (auto& f : facts) {
    Span s{f["span"]["begin"].get<uint32_t>(), f["span"]["end"].get<uint32_t>()};
    f["span"] = span_json(s, index);
    f.erase("lbegin");
    f.erase("lend");
    if (f.contains("items"))
      for (auto& it : f["items"]) {
        Span is{it["span"]["begin"].get<uint32_t>(), it["span"]["end"].get<uint32_t>()};
        it["span"] = span_json(is, index);
        it.erase("lbegin");
        it.erase("lend");
      }
  }
  return facts;
}

}  // namespace

json facts_json(const parse::Document& doc, const std::vector<facts::ArticleFacts>& facts,
                const text::LineIndex& index) {
  json arts = json::array();
  for (size_t i = 0; i < doc.articles.size(); ++i)
    arts.push_back({{"headline", doc.articles[i].headline},
                    {"language", doc.articles[i].language},
                    {"facts", located(facts::fact_records(doc.articles[i], facts[i]), index)}});
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
        if (k == "type" || k == "text" || k == "span" || k == "block" || k == "items" ||
            k == "sentence" || k == "clause")
          continue;
        if (it->is_null() || (it->is_string() && it->get<std::string>().empty())) continue;
        extra += " " + k + "=" + (it->is_string() ? it->get<std::string>() : dump_json(*it));
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
