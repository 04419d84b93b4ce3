#include "languagetool.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "findings/families.hpp"
#include "lt_annotated.hpp"
#include "lt_reply.hpp"

#ifndef TALLY_BUILD_DATE
#define TALLY_BUILD_DATE "unknown"
#endif

namespace tally::http {

using nlohmann::json;

namespace {

constexpr const char* kVersion = "0.1.0";

Reply bad(const std::string& message) {
  return {400, error_body("bad_request", message)};
}

const std::string* param(const FormParams& params, const std::string& key) {
  auto it = params.find(key);
  return it == params.end() ? nullptr : &it->second;
}

std::vector<std::string> comma_list(const std::string* s) {
  std::vector<std::string> out;
  if (!s) return out;
  size_t start = 0;
  while (start <= s->size()) {
    size_t end = s->find(',', start);
    if (end == std::string::npos) end = s->size();
    std::string item = s->substr(start, end - start);
    item.erase(0, item.find_first_not_of(' '));
    item.erase(item.find_last_not_of(' ') + 1);
    if (!item.empty()) out.push_back(item);
    start = end + 1;
  }
  return out;
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// "en", "en-GB", "zh-Hans-CN", "de-DE-x-simple-language": letters, then alphanumeric subtags.
bool well_formed_tag(const std::string& tag) {
  size_t i = 0;
  while (i < tag.size() && std::isalpha(static_cast<unsigned char>(tag[i]))) ++i;
  if (i < 2 || i > 3) return false;
  while (i < tag.size()) {
    if (tag[i] != '-') return false;
    size_t j = ++i;
    while (j < tag.size() && std::isalnum(static_cast<unsigned char>(tag[j]))) ++j;
    if (j == i || j - i > 8) return false;
    i = j;
  }
  return true;
}

// A language as the reply names it, and which of Tally's rule languages checks it ("" none).
struct Language {
  std::string name, code, tally;
};

Language describe(const std::string& tag) {
  auto dash = tag.find('-');
  std::string base = lower(tag.substr(0, dash));
  std::string region = dash == std::string::npos ? "" : tag.substr(dash + 1);
  if (region.size() == 2)
    for (auto& c : region) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  std::string code = region.empty() ? base : base + "-" + region;
  if (base == "zh") {
    // LanguageTool's Chinese has one variant, so its code always carries it.
    if (region.empty() || region == "CN") return {"Chinese", "zh-CN", "zh"};
    return {"Chinese (" + region + ")", code, "zh"};
  }
  if (base == "en") {
    static const std::pair<const char*, const char*> kEnglish[] = {
        {"US", "English (US)"},          {"GB", "English (GB)"},
        {"AU", "English (Australian)"},  {"CA", "English (Canadian)"},
        {"NZ", "English (New Zealand)"}, {"ZA", "English (South African)"}};
    if (region.empty()) return {"English", "en", "en"};
    for (const auto& [r, name] : kEnglish)
      if (region == r) return {name, code, "en"};
    return {"English (" + region + ")", code, "en"};
  }
  return {code, code, ""};
}

json language_json(const Language& l) {
  return {{"name", l.name}, {"code", l.code}};
}

json software_json() {
  return {{"name", "Tally"}, {"version", kVersion}, {"buildDate", TALLY_BUILD_DATE},
          {"apiVersion", 1}, {"premium", false},    {"status", ""}};
}

// The whole reply when nothing is checked or the check was cut short.
json reply_json(const Language& given, const Language& detected, json matches,
                const std::string& incomplete_reason) {
  json warnings = {{"incompleteResults", !incomplete_reason.empty()}};
  if (!incomplete_reason.empty()) warnings["incompleteResultsReason"] = incomplete_reason;
  json language = language_json(given);
  language["detectedLanguage"] = language_json(detected);
  language["detectedLanguage"]["confidence"] = 1.0;
  language["detectedLanguage"]["source"] = "tally";
  return {{"software", software_json()},
          {"warnings", std::move(warnings)},
          {"language", std::move(language)},
          {"matches", std::move(matches)}};
}

// The family ids of the rules in force that `ids` names (case-insensitive: LanguageTool's
// category ids are upper case, Tally's families lower case); others are ignored, as
// LanguageTool clients send their own category ids.
std::vector<std::string> known_families(const std::vector<std::string>& ids,
                                        const rules::RuleSet& rules) {
  std::vector<std::string> out;
  for (const auto& id : ids) {
    std::string family = lower(id);
    for (const auto& r : rules.infos)
      if (rules::family_of(r.id) == family) {
        out.push_back(family + ".*");
        break;
      }
  }
  return out;
}

}  // namespace

Reply languagetool_check(service::Engine& engine, const FormParams& params,
                         const LanguageToolOptions& options, CheckStop* stop) {
  const auto* text = param(params, "text");
  const auto* data = param(params, "data");
  if (text && data) return bad("Set only 'text' or 'data' parameter, not both");
  if (!text && !data) return bad("Missing 'text' or 'data' parameter");
  std::optional<AnnotatedText> annotated;
  if (text) {
    annotated = AnnotatedText::from_text(*text);
  } else {
    std::string error;
    annotated = AnnotatedText::from_data(*data, error);
    if (!annotated) return bad(error);
  }

  const auto* lang = param(params, "language");
  if (!lang || lang->empty())
    return bad("Missing 'language' parameter (use \"auto\" to detect it)");
  bool autodetect = lower(*lang) == "auto";
  if (!autodetect && !well_formed_tag(*lang))
    return bad("'" + *lang + "' is not a language code (like zh-CN, en-GB, or auto)");
  auto variants = comma_list(param(params, "preferredVariants"));
  if (!variants.empty() && !autodetect)
    return bad("You specified 'preferredVariants' but you didn't specify 'language=auto'");
  for (const auto& v : variants)
    if (!well_formed_tag(v) || v.find('-') == std::string::npos)
      return bad("preferredVariants: '" + v + "' is not a language variant like en-GB");
  if (const auto* mother = param(params, "motherTongue"); mother && !mother->empty())
    if (!well_formed_tag(*mother))
      return bad("motherTongue: '" + *mother + "' is not a language code");
  const auto* level = param(params, "level");
  if (level && !level->empty() && *level != "default" && *level != "picky")
    return bad("level: '" + *level + "' is not 'default' or 'picky'");

  service::CheckRequest req;
  if (const auto* date = param(params, "date"); date && !date->empty()) {
    req.date = parse::parse_iso_date(*date);
    if (!req.date) return bad("'date' must be a date as YYYY-MM-DD, got \"" + *date + "\"");
  }

  // Rules and categories, as LanguageTool's server reads them.
  auto enabled = comma_list(param(params, "enabledRules"));
  auto disabled = comma_list(param(params, "disabledRules"));
  auto enabled_categories = comma_list(param(params, "enabledCategories"));
  auto disabled_categories = comma_list(param(params, "disabledCategories"));
  const auto* only_param = param(params, "enabledOnly");
  bool only = only_param && (*only_param == "true" || *only_param == "yes");
  if (only && (!disabled.empty() || !disabled_categories.empty()))
    return bad("You cannot specify disabled rules or categories using enabledOnly=true");
  if (only && enabled.empty() && enabled_categories.empty())
    return bad("You must specify enabled rules or categories when using enabledOnly=true");
  bool incomplete_ok = [&] {
    const auto* p = param(params, "allowIncompleteResults");
    return p && *p == "true";
  }();

  Language given = autodetect ? Language{} : describe(*lang);
  if (!autodetect && given.tally.empty())
    return {200, reply_json(given, given, json::array(),
                            "Tally does not check " + given.code +
                                ": it checks Chinese (zh) and English (en); nothing was checked")};
  req.language = given.tally;
  req.text = annotated->plain();

  auto rules = engine.rules_for(req.filename);
  auto known = [&](const std::string& id) {
    return std::any_of(rules->infos.begin(), rules->infos.end(),
                       [&](const rules::RuleInfo& r) { return rules::rule_matches(id, r.id); });
  };
  // Ids Tally does not have are left alone: LanguageTool clients send their own rule ids.
  std::vector<std::string> on;
  for (const auto& id : enabled)
    if (known(id)) on.push_back(id);
  for (auto& f : known_families(enabled_categories, *rules)) on.push_back(std::move(f));
  if (only) {
    req.only = on;
    if (req.only.empty()) req.only.push_back("-");  // none of them is Tally's: check nothing
  } else {
    for (const auto& id : disabled)
      if (known(id)) req.disable.push_back(id);
    for (auto& f : known_families(disabled_categories, *rules)) req.disable.push_back(std::move(f));
  }
  req.enable = on;  // rules that are off by default run when named
  if (level && *level == "picky")
    for (const auto& r : rules->infos)
      if (r.default_off) req.enable.push_back(r.id);
  if (stop) req.cancel = &stop->flag;

  auto out = engine.check(req);
  if (out.input_error) return bad("text: " + out.input_error->message);

  // The language each article was checked as; with "auto", the first article's is the reply's.
  std::string detected_tally = req.language;
  if (detected_tally.empty() && out.document)
    for (const auto& a : out.document->articles)
      if (!a.language.empty()) {
        detected_tally = a.language;
        break;
      }
  if (detected_tally.empty()) detected_tally = "zh";
  Language detected = describe(detected_tally == "en" ? "en-US" : "zh-CN");
  for (const auto& v : variants)
    if (lower(v.substr(0, v.find('-'))) == detected_tally) {
      detected = describe(v);
      break;
    }
  if (autodetect) given = detected;

  std::string incomplete;
  if (out.cancelled) {
    auto why = stop ? stop->why.load() : StopReason::time_limit;
    if (why == StopReason::shutting_down) {
      return {503, error_body("busy", "the server is shutting down; try again")};
    }
    if (why == StopReason::client_gone) return {499, error_body("client_gone", "client gone")};
    char seconds[32];
    std::snprintf(seconds, sizeof seconds, "%.2f", options.max_check_ms / 1000.0);
    if (!incomplete_ok)
      return {500, error_body("timeout", "Text checking took longer than allowed maximum of " +
                                             std::to_string(options.max_check_ms) +
                                             " milliseconds (tally serve --max-check-ms)")};
    incomplete = std::string(
                     "Results are incomplete: text checking took longer than allowed "
                     "maximum of ") +
                 seconds + " seconds";
  }
  if (out.findings.size() > options.max_matches) {
    std::string why = "Text checking was stopped due to too many errors (more than " +
                      std::to_string(options.max_matches) +
                      " matches). Are you sure you have set the correct text language?";
    if (!incomplete_ok) return {400, error_body("too_many_errors", why)};
    out.findings.resize(options.max_matches);
    if (incomplete.empty()) incomplete = "Results are incomplete: " + why;
  }
  if (!out.rule_errors.empty() && incomplete.empty())
    incomplete = "Results are incomplete: " + std::to_string(out.rule_errors.size()) +
                 " rule(s) failed on this text (" + out.rule_errors.front().rule + ": " +
                 out.rule_errors.front().message + ")";

  json matches = lt_matches(*annotated, out, *rules, detected_tally);
  return {200, reply_json(given, detected, std::move(matches), incomplete)};
}

Reply languagetool_languages() {
  json list = json::array({{{"name", "Chinese"}, {"code", "zh"}, {"longCode", "zh-CN"}},
                           {{"name", "English"}, {"code", "en"}, {"longCode", "en"}}});
  for (const char* v : {"en-AU", "en-CA", "en-GB", "en-NZ", "en-ZA", "en-US"})
    list.push_back({{"name", describe(v).name}, {"code", "en"}, {"longCode", v}});
  return {200, std::move(list)};
}

Reply languagetool_info() {
  json software = software_json();
  software.erase("apiVersion");
  software.erase("status");
  return {200, {{"software", std::move(software)}}};
}

Reply languagetool_configinfo(service::Engine& engine, const FormParams& params,
                              const LanguageToolOptions& options) {
  const auto* lang = param(params, "language");
  if (!lang) return bad("'language' parameter missing");
  if (!well_formed_tag(*lang)) return bad("'" + *lang + "' is not a language code");
  std::string tally = describe(*lang).tally;
  json rules_json = json::array();
  auto rules = engine.rules_for("<text>");
  for (const auto& r : rules->infos) {
    if (tally.empty()) break;  // a language Tally does not check has no rules
    auto family = std::string(rules::family_of(r.id));
    json rule = {
        {"ruleId", r.id},
        {"description", rules::pick_language(r.description, tally)},
        {"categoryId", family},
        {"categoryName", rules::family_name(family, tally)},
        {"locQualityIssueType", r.severity == report::Severity::Info ? "style" : "inconsistency"}};
    if (r.default_off) rule["isDefaultOff"] = "yes";
    rules_json.push_back(std::move(rule));
  }
  json software = software_json();
  software.erase("apiVersion");
  software.erase("status");
  return {200,
          {{"software", std::move(software)},
           {"parameter", {{"maxTextLength", options.max_bytes}}},
           {"rules", std::move(rules_json)}}};
}

}  // namespace tally::http
