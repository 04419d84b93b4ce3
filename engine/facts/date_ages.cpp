#include "facts/date_ages.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <set>

#include "facts/date_text.hpp"
#include "facts/extract.hpp"
#include "facts/record_hooks.hpp"

namespace tally::facts {

namespace {

using date_text::count_of;

struct Birth {
  size_t block;
  uint32_t begin, end;
  int year, month;
};

// The patterns, each compiled on first use: a page without "生", "享年" or "born in" never
// pays for them (each loop below looks for its literal first; the facts are the same).
const RE2& zh_age() {
  // "1952年出生、今年70岁", "1956年10月生，现年66岁": birth year and age in one clause.
  static const RE2 re(
      R"(([12][0-9]{3})年(?:([0-9]{1,2})月)?(?:出生|生人|生)[，、,]?\s*(?:今年|已经|现年|刚满|年仅|已|现已|时年)?([0-9]{1,3}|[一二三四五六七八九十]{1,3})(?:周)?岁)");
  return re;
}
// An obituary's bio line: "李克强同志，1955年7月生".
const RE2& zh_birth() {
  static const RE2 re(R"(([12][0-9]{3})年(?:([0-9]{1,2})月)?(?:出生|生)(?:[，,。；、]|$))");
  return re;
}
const RE2& zh_died() {
  static const RE2 re(R"(享年([0-9]{1,3}|[一二三四五六七八九十]{1,3})(?:周)?岁)");
  return re;
}
// "Johnstone, 54, who was born in 1932", "Smith, aged 41, was born in 1945".
const RE2& en_age() {
  static const RE2 re(
      R"(, (?:aged )?([0-9]{1,3}),(?: who)?(?: was)? born in ((?:18|19|20)[0-9]{2})\b)");
  return re;
}

bool has(std::string_view t, std::string_view literal) {
  return t.find(literal) != std::string_view::npos;
}

}  // namespace

void derive_ages(const parse::Article& article, ArticleFacts& facts) {
  std::vector<Birth> births;
  for (size_t bi = 0; bi < article.blocks.size(); ++bi) {
    if (!date_text::has_facts(article.blocks[bi].type)) continue;
    std::string_view t = article.blocks[bi].text.text;
    if (!has(t, "生")) continue;
    re2::StringPiece in(t.data(), t.size()), y, m;
    while (RE2::FindAndConsume(&in, zh_birth(), &y, &m))
      births.push_back({bi, static_cast<uint32_t>(y.data() - t.data()),
                        static_cast<uint32_t>(y.data() - t.data() + 4), std::stoi(y.as_string()),
                        m.empty() ? 0 : std::stoi(m.as_string())});
  }
  std::set<int> birth_years;
  for (const auto& b : births) birth_years.insert(b.year);

  for (size_t bi = 0; bi < article.blocks.size(); ++bi) {
    if (!date_text::has_facts(article.blocks[bi].type)) continue;
    const auto& lt = article.blocks[bi].text;
    std::string_view t = lt.text;
    const auto& ss = facts.blocks[bi].sentences;
    auto emit = [&](Age a) {
      int si = date_text::sentence_at(ss, a.begin);
      if (si >= 0) {
        std::string_view sent = t.substr(ss[si].begin, ss[si].end - ss[si].begin);
        if (sent.find("去年") != std::string_view::npos) a.reference_offset = -1;
        // Only a death counts to a year the sentence names ("于2023年10月27日逝世，享年68岁");
        // a living person's age is the page's.
        if (a.evidence == "obituary")
          for (int y : date_text::years_in(t, ss[si].begin, ss[si].end))
            if (y > a.birth_year && std::find(a.reference_years.begin(), a.reference_years.end(),
                                              y) == a.reference_years.end())
              a.reference_years.push_back(y);
      }
      facts.ages.push_back({bi, lt.to_original(a.begin, a.end), std::move(a)});
    };
    if (has(t, "生")) {
      re2::StringPiece in(t.data(), t.size()), y, m, n;
      while (RE2::FindAndConsume(&in, zh_age(), &y, &m, &n)) {
        Age a;
        a.age = count_of(std::string_view(n.data(), n.size()));
        if (a.age <= 0 || a.age > 130) continue;
        // "25岁时", "18岁那年", "30岁起": an age back then, not now.
        static const RE2 then(R"(^(?:时|那|起|开始|就|便|后|前|以|之|生日|当))");
        if (RE2::PartialMatch(in, then)) continue;
        a.birth_year = std::stoi(y.as_string());
        a.birth_month = m.empty() ? 0 : std::stoi(m.as_string());
        a.birth_block = bi;
        a.birth_begin = static_cast<uint32_t>(y.data() - t.data());
        a.birth_end = a.birth_begin + 4;
        a.begin = static_cast<uint32_t>(n.data() - t.data());
        a.end = static_cast<uint32_t>(in.data() - t.data());
        a.evidence = "same-clause";
        a.above = 1;  // 虚岁
        emit(std::move(a));
      }
    }
    if (birth_years.size() == 1 && has(t, "享年")) {
      re2::StringPiece in(t.data(), t.size()), n;
      while (RE2::FindAndConsume(&in, zh_died(), &n)) {
        const Birth& b = births.front();
        Age a;
        a.age = count_of(std::string_view(n.data(), n.size()));
        if (a.age <= 0 || a.age > 130) continue;
        a.birth_year = b.year;
        a.birth_month = b.month;
        a.birth_block = b.block;
        a.birth_begin = b.begin;
        a.birth_end = b.end;
        a.begin = static_cast<uint32_t>(n.data() - t.data());
        a.end = static_cast<uint32_t>(in.data() - t.data());
        a.evidence = "obituary";
        a.above = 1;
        emit(std::move(a));
      }
    }
    if (has(t, "born in")) {
      re2::StringPiece in(t.data(), t.size()), n, y;
      while (RE2::FindAndConsume(&in, en_age(), &n, &y)) {
        Age a;
        a.age = count_of(std::string_view(n.data(), n.size()));
        if (a.age <= 0 || a.age > 130) continue;
        a.birth_year = std::stoi(y.as_string());
        a.birth_block = bi;
        a.birth_begin = static_cast<uint32_t>(y.data() - t.data());
        a.birth_end = a.birth_begin + 4;
        a.begin = static_cast<uint32_t>(n.data() - t.data());
        a.end = a.begin + static_cast<uint32_t>(n.size());
        a.evidence = "apposition";
        emit(std::move(a));
      }
    }
  }
  std::sort(facts.ages.begin(), facts.ages.end(), [](const auto& a, const auto& b) {
    return a.block != b.block ? a.block < b.block : a.fact.begin < b.fact.begin;
  });
}

void write_fields(const At<Age>& x, const RecordContext& c, RecordSink& sink) {
  const Age& a = x.fact;
  sink.integer("age", a.age);
  sink.integer("birth_year", a.birth_year);
  if (a.birth_month)
    sink.integer("birth_month", a.birth_month);
  else
    sink.null("birth_month");
  const auto& lt = c.article.blocks[a.birth_block].text;
  sink.span("birth", lt.to_original(a.birth_begin, a.birth_end));
  sink.string("evidence", a.evidence);
  sink.integer("reference_offset", a.reference_offset);
  sink.begin_array("reference_years");
  for (int y : a.reference_years) sink.integer(nullptr, y);
  sink.end_array();
  sink.integer("below", a.below);
  sink.integer("above", a.above);
}

}  // namespace tally::facts
