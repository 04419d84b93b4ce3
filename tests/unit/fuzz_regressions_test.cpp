// Inputs the fuzzers (tests/fuzz) broke the engine with, minimised, as plain regression tests;
// the sanitizer build (scripts/sanitize.sh) runs them under AddressSanitizer and UBSan too.
#include <boost/test/unit_test.hpp>
#include <string>

#include "config/yaml_load.hpp"
#include "facts/numbers.hpp"
#include "parse/parse.hpp"
#include "rules/yaml_rule.hpp"
#include "text/line_index.hpp"

using namespace tally;

BOOST_AUTO_TEST_SUITE(fuzz_regressions)

// fuzz_facts: a number followed by blanks to the end read two characters past the text.
BOOST_AUTO_TEST_CASE(number_then_blanks_at_the_end) {
  for (std::string text : {"3 ", "共3  ", "3", "about 3 "}) {
    auto found = facts::find_numbers(text);
    BOOST_REQUIRE_EQUAL(found.size(), 1u);
    BOOST_TEST(found[0].value == 3.0);
  }
}

// fuzz_parse: cmark ends lines at a lone "\r", the line index did not, and a Markdown block's
// line number fell past the index.
BOOST_AUTO_TEST_CASE(lone_carriage_return_ends_a_line) {
  std::string s = "a\rb\r\nc\r";
  text::LineIndex index(s);
  BOOST_TEST(index.line_count() == 4u);
  BOOST_TEST(index.line_end(1) == 1u);
  BOOST_TEST(index.line_end(2) == 3u);
  BOOST_TEST(index.line_end(3) == 6u);
  BOOST_TEST(index.position(2).line == 2u);
  BOOST_TEST(index.position(5).line == 3u);
  BOOST_TEST(index.position(5).column == 1u);

  auto src = text::make_source("x.md", "# T\r\rtext 1\r\r- a\r- b\r");
  BOOST_REQUIRE(src.source);
  auto doc = parse::parse_document(*src.source);
  BOOST_REQUIRE_EQUAL(doc.articles.size(), 1u);
  for (const auto& b : doc.articles[0].blocks) BOOST_TEST(b.span.end <= src.source->bytes.size());
  BOOST_TEST(doc.articles[0].headline == "T");
}

// fuzz_yaml_rules: yaml-cpp 0.7 loops forever on a "," where the root node should be.
BOOST_AUTO_TEST_CASE(comma_at_the_root_is_an_error_not_a_hang) {
  for (std::string text : {",", "&+r!,", "\"a\",", "id: a.b\n---\n, x\n"}) {
    auto r = rules::load_yaml_rules("r.yaml", text);  // (used to never return)
    BOOST_REQUIRE_EQUAL(r.errors.size(), 1u);
    BOOST_TEST(r.errors[0].line >= 1);
    BOOST_TEST(!r.errors[0].message.empty());
  }
  // yaml-cpp loops on this one too though libyaml accepts it: a "?" key at the top level.
  auto q = rules::load_yaml_rules("r.yaml", "!nu'exll?   a\n\n?  ");
  BOOST_REQUIRE_EQUAL(q.errors.size(), 1u);
  BOOST_TEST(q.errors[0].message == "unexpected token at the top level of the document");
  auto r = rules::load_yaml_rules("r.yaml", "\"a\",");
  BOOST_TEST(r.errors[0].str() == "r.yaml:1:4: did not find expected <document start>");
}

// Not found by the fuzzer but by the same guard: aliases that expand exponentially.
BOOST_AUTO_TEST_CASE(alias_bomb_is_refused_with_its_position) {
  std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  char prev = 'a';
  for (char c = 'b'; c <= 'j'; ++c, ++prev)
    bomb += std::string(1, c) + ": &" + c + " [*" + prev + ", *" + prev + ", *" + prev + ", *" +
            prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev +
            ", *" + prev + "]\n";
  auto r = rules::load_yaml_rules("bomb.yaml", bomb);
  BOOST_REQUIRE_EQUAL(r.errors.size(), 1u);
  BOOST_TEST(r.errors[0].message == "aliases expand to more than 200000 nodes");
  BOOST_TEST(r.errors[0].line == 6);
  // Aliases in moderation are fine.
  auto ok = config::load_yaml("m: &m {zh: 甲, en: A}\nagain: *m\n");
  BOOST_TEST(ok["again"]["en"].as<std::string>() == "A");
}

BOOST_AUTO_TEST_SUITE_END()
