// The Lua view's fact records are the records `tally facts` prints, under the conventions
// docs/rules.md states (1-based block/sentence/clause/index, lo/hi for the interval, precision
// beside decimals, null fields absent). Both come from one emitter; this keeps it that way.
#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>

#include "facts/extract.hpp"
#include "facts/kinds.hpp"
#include "facts/records.hpp"
#include "parse/parse.hpp"
#include "rules/checker.hpp"

using namespace tally;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

std::string real(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return "f" + std::string(buf);
}

// The canonical form the Lua side below writes: keys sorted, "i"/"f"/"s" before scalars.
std::string canonical(const json& j, bool record, bool top) {
  if (j.is_boolean()) return j.get<bool>() ? "true" : "false";
  if (j.is_number_float()) return real(j.get<double>());
  if (j.is_number()) return "i" + std::to_string(j.get<int64_t>());
  if (j.is_string()) return "s" + j.get<std::string>();
  std::vector<std::pair<std::string, std::string>> fields;
  if (j.is_array()) {
    for (size_t i = 0; i < j.size(); ++i)
      fields.emplace_back(std::to_string(i + 1), canonical(j[i], false, false));
  } else {
    for (auto it = j.begin(); it != j.end(); ++it) {
      const auto& k = it.key();
      const auto& v = it.value();
      if (v.is_null()) continue;
      if (record && k == "interval") {
        fields.emplace_back("lo", real(v[0].is_null() ? -INFINITY : v[0].get<double>()));
        fields.emplace_back("hi", real(v[1].is_null() ? INFINITY : v[1].get<double>()));
      } else if (top && (k == "block" || k == "sentence" || k == "clause")) {
        if (v.get<int>() >= 0) fields.emplace_back(k, "i" + std::to_string(v.get<int>() + 1));
      } else if (record && k == "index") {
        fields.emplace_back(k, "i" + std::to_string(v.get<int64_t>() + 1));
      } else {
        if (record && k == "decimals") fields.emplace_back("precision", canonical(v, 0, 0));
        bool nested_record =
            top && (k == "list" || k == "normalized" || k == "first" || k == "second" ||
                    k == "part" || k == "whole" || k == "from" || k == "to");
        fields.emplace_back(k, canonical(v, nested_record, false));
      }
    }
  }
  std::sort(fields.begin(), fields.end());
  std::string out = "{";
  for (const auto& [k, v] : fields) out += k + "=" + v + ",";
  return out + "}";
}

const char* kDump = R"(
local function canonical(v)
  local t = type(v)
  if t == 'boolean' then return tostring(v) end
  if t == 'number' then
    if math.type(v) == 'integer' then return 'i' .. tostring(v) end
    return 'f' .. string.format('%.17g', v)
  end
  if t == 'string' then return 's' .. v end
  local keys = {}
  for k in pairs(v) do keys[#keys + 1] = tostring(k) end
  table.sort(keys)
  local out = {}
  for _, k in ipairs(keys) do
    out[#out + 1] = k .. '=' .. canonical(v[tonumber(k) or k]) .. ','
  end
  return '{' .. table.concat(out) .. '}'
end
local lists = { number = 'numbers', quantity = 'quantities', ordinal = 'ordinals',
  rank = 'ordinals', rate = 'rates', date = 'dates', count = 'counts', list = 'lists',
  pair = 'pairs', unpaired = 'unpaired', breakdown = 'breakdowns',
  restatement = 'restatements', elapsed = 'elapsed', age = 'ages', share = 'shares',
  change = 'changes' }
tally.rule{ id = 'x.dump', on_article = function(a, report)
  local seen = {}
  for _, name in pairs(lists) do seen[name] = 0 end
  for _, f in ipairs(a.facts) do
    report{ at = f, message = canonical(f) }
    local list = a[lists[f.type]]
    seen[lists[f.type]] = seen[lists[f.type]] + 1
    if list[seen[lists[f.type]]] ~= f then report{ at = f, message = 'not in ' .. lists[f.type] } end
  end
  for name, n in pairs(seen) do
    if #a[name] ~= n then report{ at = a, message = name .. ' has ' .. #a[name] } end
  end
end })";

}  // namespace

BOOST_AUTO_TEST_SUITE(lua_view)

BOOST_AUTO_TEST_CASE(fact_records_match_tally_facts_under_lua_conventions) {
  auto dir = fs::temp_directory_path() / ("tally-view-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "dump.lua") << kDump;
  auto set = rules::load_rules({dir.string()}, false);
  fs::remove_all(dir);
  BOOST_REQUIRE(set.errors.empty());
  rules::Checker checker(std::make_shared<rules::RuleSet>(set));
  size_t records = 0;
  std::set<std::string> types;
  // The samples, and a paragraph with the types they lack (ordinals, ranks, durations,
  // relative dates, normalised amounts, shares, changes).
  std::vector<text::LoadResult> sources;
  for (const char* name : {"zh-draft.md", "zh-page-wrapped.txt", "en-draft.md", "zh-lines.txt"})
    sources.push_back(text::load_file(std::string(TALLY_SOURCE_DIR) + "/samples/" + name));
  sources.push_back(text::make_source(
      "t.txt",
      "2024年3月5日，全市排名第3位，前四位均为新区。近三年投入1.5亿元，面积约2.3万平方米，"
      "同比增长12.5%。同年10月至今历时3个月，共有5000余人参加。“三地”指北京、上海、广州三地。"
      "参评单位240家，其中达标单位180家，占比75%。志愿者由260人增至352人，增长35.4%。"
      "他说：“好。全年办结案件899件。据统计，全年办结案件989件。\n"));
  // Year arithmetic and ages (facts/date_elapsed.cpp, facts/date_ages.cpp).
  sources.push_back(text::make_source(
      "y.txt", "两国建交30周年（1992年建交）。1952年出生、今年70岁的张师傅每天都来。\n"));
  for (const auto& src : sources) {
    BOOST_REQUIRE(src.source);
    auto doc = parse::parse_document(*src.source);
    auto facts = facts::extract_document_facts(doc);
    std::vector<std::string> want;
    for (size_t a = 0; a < doc.articles.size(); ++a)
      for (const auto& r : facts::fact_records(doc.articles[a], facts[a])) {
        want.push_back(canonical(r, true, true));
        types.insert(r["type"].get<std::string>());
      }
    auto res = checker.check(doc, src.source->bytes, {});
    BOOST_REQUIRE(res.errors.empty());
    std::vector<std::string> got;
    for (const auto& f : res.findings) got.push_back(f.message);
    // Findings are sorted by position, records by position within each article.
    std::sort(want.begin(), want.end());
    want.erase(std::unique(want.begin(), want.end()), want.end());
    std::sort(got.begin(), got.end());
    BOOST_TEST(got == want, boost::test_tools::per_element());
    records += want.size();
  }
  // Every type of record took part (each kind of facts/kinds.def, and "rank").
  BOOST_TEST(types.size() == std::size(facts::kFactKinds) + 1);
  BOOST_TEST(records > 60u);
}

BOOST_AUTO_TEST_SUITE_END()
