// The LanguageTool protocol without a socket: form decoding past cpp-httplib's 8 KB limit,
// offsets mapped through markup with start and end apart, LanguageTool's context and a bounded
// sentence, every /v2/check parameter as LanguageTool's server reads it, the match cap and a
// cancelled check, and the engine's cancel flag itself.
#include "languagetool.hpp"

#include <boost/test/unit_test.hpp>

#include "lt_annotated.hpp"
#include "lt_form.hpp"
#include "lt_reply.hpp"

using namespace tally;
using namespace tally::http;
using nlohmann::json;

namespace {

const char* kText = "该院在城区、郊区、园区、新区三地设立巡回审判点。他说,我们去了。";

service::Engine& engine() {
  static service::Engine e([] {
    service::EngineOptions o;
    o.search_config = false;
    return o;
  }());
  return e;
}

Reply check(FormParams p, LanguageToolOptions o = {}, CheckStop* stop = nullptr) {
  return languagetool_check(engine(), p, o, stop);
}

std::vector<std::string> ids(const Reply& r) {
  std::vector<std::string> out;
  for (const auto& m : r.body["matches"]) out.push_back(m["rule"]["id"]);
  return out;
}

std::string message(const Reply& r) {
  return r.body["error"]["message"].get<std::string>();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(languagetool)

BOOST_AUTO_TEST_CASE(urlencoded_forms_of_any_size) {
  FormParams p;
  parse_urlencoded("a=1+2&b=%E4%BD%A0%e5%a5%bd&c=%zz%4&d&=e&&f=x=y", p);
  BOOST_TEST(p.find("a")->second == "1 2");
  BOOST_TEST(p.find("b")->second == "你好");
  BOOST_TEST(p.find("c")->second == "%zz%4");  // malformed escapes kept as they are
  BOOST_TEST(p.find("d")->second == "");
  BOOST_TEST(p.find("")->second == "e");
  BOOST_TEST(p.find("f")->second == "x=y");
  // Far past cpp-httplib's 8,192-byte form limit: 30,000 characters, 270 KB encoded.
  std::string body = "language=zh&text=";
  for (int i = 0; i < 30000; ++i) body += "%E5%A5%BD";
  FormParams big;
  parse_urlencoded(body, big);
  BOOST_TEST(big.find("text")->second.size() == 90000u);
  BOOST_TEST(is_urlencoded("application/x-www-form-urlencoded; charset=UTF-8"));
  BOOST_TEST(!is_urlencoded("multipart/form-data; boundary=x"));
}

BOOST_AUTO_TEST_CASE(start_and_end_are_mapped_apart_at_markup) {
  std::string error;
  auto a = AnnotatedText::from_data(
      R"({"annotation": [{"markup": "<p><b>"}, {"text": "他说,"}, {"markup": "</b>"},
          {"text": "我们"}, {"markup": "<br/>", "interpretAs": "\n"}, {"text": "好"}]})",
      error);
  BOOST_REQUIRE(a);
  BOOST_TEST(a->plain() == "他说,我们\n好");
  BOOST_TEST(a->original() == "<p><b>他说,</b>我们<br/>好");
  size_t comma = std::string("他说").size();
  // ',' ends where </b> begins: the end stays before it, the next start after it.
  BOOST_TEST(a->start_in_original(comma) == std::string("<p><b>他说").size());
  BOOST_TEST(a->end_in_original(comma + 1) == std::string("<p><b>他说,").size());
  BOOST_TEST(a->start_in_original(comma + 1) == std::string("<p><b>他说,</b>").size());
  BOOST_TEST(a->start_in_original(0) == std::string("<p><b>").size());
  // The interpretAs newline stands for the whole <br/>.
  size_t nl = std::string("他说,我们").size();
  BOOST_TEST(a->start_in_original(nl) == std::string("<p><b>他说,</b>我们").size());
  BOOST_TEST(a->end_in_original(nl + 1) == std::string("<p><b>他说,</b>我们<br/>").size());
  BOOST_TEST(a->end_in_original(a->plain().size()) == a->original().size());

  for (const char* bad : {"{", "[]", R"({"text": "a", "annotation": []})", R"({"x": 1})",
                          R"({"annotation": [{"text": "a", "markup": "b"}]})",
                          R"({"annotation": [{"text": "a", "interpretAs": "b"}]})",
                          R"({"annotation": [{"markup": 5}]})"}) {
    error.clear();
    BOOST_TEST(!AnnotatedText::from_data(bad, error), bad);
    BOOST_TEST(!error.empty());
  }
  auto plain = AnnotatedText::from_data(R"({"text": "就这样"})", error);
  BOOST_REQUIRE(plain);
  BOOST_TEST(plain->original() == "就这样");
}

BOOST_AUTO_TEST_CASE(context_as_languagetool_writes_it) {
  // Near the start: no "...", the whole of the short text, newlines as spaces.
  std::string t = "第一行\n该院三地设立";
  size_t b = t.find("三地"), e = b + std::string("三地").size();
  auto c = lt_context(t, b, e, 6, 8, 12);
  BOOST_TEST(c["text"] == "第一行 该院三地设立");
  BOOST_TEST(c["offset"] == 6);
  BOOST_TEST(c["length"] == 2);
  // In the middle of a long text: 40 units either side, with "..." on both.
  std::string line(100, 'a');
  c = lt_context(line, 50, 52, 50, 52, 100);
  BOOST_TEST(c["text"] == "..." + std::string(82, 'a') + "...");
  BOOST_TEST(c["offset"] == 43);
  // Exactly 40 units in: LanguageTool's ContextTools already writes "...".
  c = lt_context(line, 40, 41, 40, 41, 100);
  BOOST_TEST(c["text"].get<std::string>().substr(0, 4) == "...a");
  BOOST_TEST(c["offset"] == 43);
}

BOOST_AUTO_TEST_CASE(sentence_is_the_sentence_and_bounded) {
  std::string t = "第一句。该院在城区三地设立。第三句。";
  size_t b = t.find("三地");
  BOOST_TEST(lt_sentence(t, b, b + 6) == "该院在城区三地设立。");
  // One line of 100,000 characters without a sentence end: at most 150 either side.
  std::string line;
  for (int i = 0; i < 100000; ++i) line += "好";
  auto s = lt_sentence(line, 150000, 150003);
  BOOST_TEST(s.size() == 301u * 3);
}

BOOST_AUTO_TEST_CASE(text_data_and_language_parameters) {
  BOOST_TEST(check({{"language", "zh"}}).status == 400);
  BOOST_TEST(message(check({{"text", "x"}})).find("Missing 'language'") == 0u);
  BOOST_TEST(check({{"text", "x"}, {"data", "{}"}, {"language", "zh"}}).status == 400);
  auto r = check({{"text", kText}, {"language", "zh-CN"}});
  BOOST_TEST(r.status == 200);
  BOOST_TEST(r.body["language"]["code"] == "zh-CN");
  BOOST_TEST(r.body["software"]["buildDate"].is_string());
  BOOST_TEST((ids(r) == std::vector<std::string>{"count.enumeration", "punct.halfwidth-in-cjk"}));
  // Variants are answered as given, checked with the language's rules.
  r = check({{"text", "The office said that that the plan was ready."}, {"language", "en-gb"}});
  BOOST_TEST(r.body["language"]["code"] == "en-GB");
  BOOST_TEST(r.body["language"]["name"] == "English (GB)");
  // auto: detected, and answered with the preferred variant of what was detected.
  r = check({{"text", "The office said that that the plan was ready."},
             {"language", "auto"},
             {"preferredVariants", "de-AT,en-AU"}});
  BOOST_TEST(r.body["language"]["code"] == "en-AU");
  BOOST_TEST(r.body["language"]["detectedLanguage"]["code"] == "en-AU");
  r = check({{"text", kText}, {"language", "auto"}});
  BOOST_TEST(r.body["language"]["code"] == "zh-CN");
  // A language Tally does not check: 200, nothing checked, said in warnings.
  r = check({{"text", "Das ist das Haus."}, {"language", "de-DE"}});
  BOOST_TEST(r.status == 200);
  BOOST_TEST(r.body["matches"].empty());
  BOOST_TEST(r.body["warnings"]["incompleteResults"] == true);
  BOOST_TEST(r.body["language"]["code"] == "de-DE");
  // As LanguageTool: preferredVariants only with auto; codes must be codes.
  BOOST_TEST(check({{"text", "x"}, {"language", "zh"}, {"preferredVariants", "en-GB"}}).status ==
             400);
  BOOST_TEST(check({{"text", "x"}, {"language", "zh_CN!"}}).status == 400);
  BOOST_TEST(check({{"text", "x"}, {"language", "zh"}, {"motherTongue", "1"}}).status == 400);
  BOOST_TEST(check({{"text", kText}, {"language", "zh"}, {"motherTongue", "de-DE"}}).status == 200);
  BOOST_TEST(check({{"text", "x"}, {"language", "zh"}, {"level", "max"}}).status == 400);
  BOOST_TEST(check({{"text", kText}, {"language", "zh"}, {"level", "picky"}}).status == 200);
}

BOOST_AUTO_TEST_CASE(rules_and_categories) {
  auto with = [](FormParams extra) {
    extra.emplace("text", kText);
    extra.emplace("language", "zh");
    return check(extra);
  };
  BOOST_TEST((ids(with({{"disabledRules", "count.enumeration,WHITESPACE_RULE"}})) ==
              std::vector<std::string>{"punct.halfwidth-in-cjk"}));
  BOOST_TEST((ids(with({{"disabledCategories", "COUNT,TYPOS"}})) ==
              std::vector<std::string>{"punct.halfwidth-in-cjk"}));
  for (const char* yes : {"true", "yes"}) {
    BOOST_TEST((ids(with({{"enabledCategories", "punct"}, {"enabledOnly", yes}})) ==
                std::vector<std::string>{"punct.halfwidth-in-cjk"}));
    BOOST_TEST((ids(with({{"enabledRules", "count.enumeration"}, {"enabledOnly", yes}})) ==
                std::vector<std::string>{"count.enumeration"}));
  }
  BOOST_TEST(
      ids(with({{"enabledRules", "UPPERCASE_SENTENCE_START"}, {"enabledOnly", "true"}})).empty());
  BOOST_TEST(with({{"enabledOnly", "true"}}).status == 400);
  BOOST_TEST(
      with({{"enabledOnly", "true"}, {"enabledRules", "count.enumeration"}, {"disabledRules", "x"}})
          .status == 400);
  auto r = with({});
  BOOST_TEST(r.body["matches"][0]["rule"]["category"] == (json{{"id", "count"}, {"name", "数量"}}));
}

BOOST_AUTO_TEST_CASE(too_many_matches_and_cancelled_checks) {
  LanguageToolOptions o;
  o.max_matches = 1;
  auto r = check({{"text", kText}, {"language", "zh"}}, o);
  BOOST_TEST(r.status == 400);
  BOOST_TEST(message(r).find("too many errors") != std::string::npos);
  r = check({{"text", kText}, {"language", "zh"}, {"allowIncompleteResults", "true"}}, o);
  BOOST_TEST(r.status == 200);
  BOOST_TEST(r.body["matches"].size() == 1u);
  BOOST_TEST(r.body["warnings"]["incompleteResults"] == true);

  // A check whose time is up before it starts: no Lua rule runs.
  CheckStop stop;
  stop.stop(StopReason::time_limit);
  r = check({{"text", kText}, {"language", "zh"}}, {}, &stop);
  BOOST_TEST(r.status == 500);
  BOOST_TEST(message(r).find("Text checking took longer than allowed maximum") == 0u);
  CheckStop again;
  again.stop(StopReason::time_limit);
  r = check({{"text", kText}, {"language", "zh"}, {"allowIncompleteResults", "true"}}, {}, &again);
  BOOST_TEST(r.status == 200);
  BOOST_TEST(r.body["warnings"]["incompleteResultsReason"].get<std::string>().find(
                 "longer than allowed maximum of 30.00 seconds") != std::string::npos);
  CheckStop shutdown;
  shutdown.stop(StopReason::shutting_down);
  BOOST_TEST(check({{"text", kText}, {"language", "zh"}}, {}, &shutdown).status == 503);
}

BOOST_AUTO_TEST_CASE(engine_cancel_flag) {
  std::atomic<bool> cancel{true};
  service::CheckRequest req;
  req.text = kText;
  req.language = "zh";
  req.cancel = &cancel;
  auto out = engine().check(req);
  BOOST_TEST(out.cancelled);
  BOOST_TEST(out.rule_errors.empty());  // a cancelled rule is not a failed one
  cancel = false;
  out = engine().check(req);
  BOOST_TEST(!out.cancelled);
  BOOST_TEST(out.findings.size() == 2u);
}

BOOST_AUTO_TEST_CASE(other_endpoints) {
  auto langs = languagetool_languages().body;
  BOOST_TEST(langs[0]["longCode"] == "zh-CN");
  BOOST_TEST(languagetool_info().body["software"]["buildDate"].is_string());
  LanguageToolOptions o;
  auto c = languagetool_configinfo(engine(), {{"language", "zh-CN"}}, o);
  BOOST_TEST(c.status == 200);
  BOOST_TEST(c.body["parameter"]["maxTextLength"] == o.max_bytes);
  BOOST_TEST(!c.body["rules"].empty());
  BOOST_TEST(languagetool_configinfo(engine(), {}, o).status == 400);
}

BOOST_AUTO_TEST_SUITE_END()
