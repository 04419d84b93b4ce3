#include "languagetool.hpp"

#include <algorithm>

#include "findings/families.hpp"
#include "text/line_index.hpp"
#include "text/utf8.hpp"

namespace tally::http {

using nlohmann::json;

namespace {

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

json language_json(const std::string& lang) {
  return lang == "en" ? json{{"name", "English"}, {"code", "en-US"}}
                      : json{{"name", "Chinese"}, {"code", "zh-CN"}};
}

// The text to check, built from `data`'s annotation: text parts as they are, markup as its
// `interpretAs` (or nothing). `pieces` maps each text part back to where it stands in the
// original (text and markup together), in UTF-16 units, for the offsets of the reply.
struct Piece {
  size_t checked, original, length;  // UTF-16 units
};

bool text_from_data(const std::string& data, std::string& text, std::vector<Piece>& pieces,
                    std::string& error) {
  json d = json::parse(data, nullptr, false);
  if (d.is_discarded() || !d.is_object() || !d.contains("annotation") ||
      !d["annotation"].is_array()) {
    error = "'data' must be JSON like {\"annotation\": [{\"text\": …}, {\"markup\": …}]}";
    return false;
  }
  size_t checked = 0, original = 0;
  for (const auto& a : d["annotation"]) {
    auto units = [](const std::string& s) { return text::utf16_offsets(s, {s.size()})[0]; };
    if (a.contains("text") && a["text"].is_string()) {
      auto t = a["text"].get<std::string>();
      pieces.push_back({checked, original, units(t)});
      text += t;
      checked += units(t);
      original += units(t);
    } else if (a.contains("markup") && a["markup"].is_string()) {
      original += units(a["markup"].get<std::string>());
      if (a.contains("interpretAs") && a["interpretAs"].is_string()) {
        auto t = a["interpretAs"].get<std::string>();
        text += t;
        checked += units(t);
      }
    } else {
      error = "'data': each annotation needs \"text\" or \"markup\"";
      return false;
    }
  }
  return true;
}

// Where a UTF-16 offset of the checked text stands in the original annotated text.
size_t to_original(size_t offset, const std::vector<Piece>& pieces) {
  size_t result = 0;
  for (const auto& p : pieces) {
    if (offset < p.checked) break;
    result = p.original + std::min(offset - p.checked, p.length);
  }
  return result;
}

// Up to 40 characters either side of [begin, end), LanguageTool's context.
json context_json(std::string_view bytes, size_t begin, size_t end, size_t units) {
  size_t from = begin, to = end;
  for (int n = 0; n < 40 && from > 0; ++n) {
    do --from;
    while (from > 0 && (static_cast<unsigned char>(bytes[from]) & 0xC0) == 0x80);
  }
  for (int n = 0; n < 40 && to < bytes.size(); ++n) {
    do ++to;
    while (to < bytes.size() && (static_cast<unsigned char>(bytes[to]) & 0xC0) == 0x80);
  }
  auto offs = text::utf16_offsets(bytes, {from, begin});
  return {{"text", std::string(bytes.substr(from, to - from))},
          {"offset", offs[1] - offs[0]},
          {"length", units}};
}

std::string issue_type(report::Severity s) {
  return s == report::Severity::Info ? "style" : "inconsistency";
}

}  // namespace

Reply languagetool_check(service::Engine& engine, const FormParams& params) {
  service::CheckRequest req;
  std::vector<Piece> pieces;
  if (const auto* t = param(params, "text")) {
    req.text = *t;
  } else if (const auto* d = param(params, "data")) {
    std::string error;
    if (!text_from_data(*d, req.text, pieces, error)) return bad(error);
  } else {
    return bad("missing 'text' or 'data'");
  }
  const auto* lang = param(params, "language");
  if (!lang) return bad("missing 'language' (use \"auto\" to detect it)");
  std::string code = lang->substr(0, lang->find('-'));
  if (code == "zh" || code == "en")
    req.language = code;
  else if (code != "auto")
    return bad("language '" + *lang + "' is not supported (Tally checks zh and en; or \"auto\")");
  if (const auto* date = param(params, "date"); date && !date->empty()) {
    req.date = parse::parse_iso_date(*date);
    if (!req.date) return bad("'date' must be a date as YYYY-MM-DD, got \"" + *date + "\"");
  }
  auto rules = engine.rules_for(req.filename);
  auto known = [&](const std::string& id) {
    return std::any_of(rules->infos.begin(), rules->infos.end(),
                       [&](const rules::RuleInfo& r) { return rules::rule_matches(id, r.id); });
  };
  // Unknown ids are left alone: LanguageTool clients send their own rule ids here.
  for (const auto& id : comma_list(param(params, "disabledRules")))
    if (known(id)) req.disable.push_back(id);
  const auto* only = param(params, "enabledOnly");
  if (only && *only == "true") {
    auto enabled = comma_list(param(params, "enabledRules"));
    if (enabled.empty()) return bad("'enabledOnly' needs 'enabledRules'");
    for (const auto& id : enabled)
      if (known(id)) req.only.push_back(id);
    if (req.only.empty()) req.only.push_back("-");  // none of them is Tally's: check nothing
  }

  auto out = engine.check(req);
  if (out.input_error) return bad("text: " + out.input_error->message);

  const std::string& bytes = req.text;
  text::LineIndex index(bytes);
  json matches = json::array();
  std::string detected = req.language;
  if (detected.empty() && out.document)
    for (const auto& a : out.document->articles)
      if (!a.language.empty()) {
        detected = a.language;
        break;
      }
  if (detected.empty()) detected = "zh";
  for (const auto& f : out.findings) {
    // LanguageTool replaces the whole match: widen it to cover the fix and carry the text
    // around the fix along.
    size_t begin = f.span.begin, end = f.span.end;
    json replacements = json::array();
    if (f.fix) {
      // A fix of several edits (a grouped finding) becomes one replacement of their extent.
      auto extent = f.fix->extent();
      begin = std::min<size_t>(begin, extent.begin);
      end = std::max<size_t>(end, extent.end);
      std::string value;
      size_t at = begin;
      for (const auto& e : f.fix->edits()) {
        value += bytes.substr(at, e.span.begin - at) + e.replacement;
        at = e.span.end;
      }
      value += bytes.substr(at, end - at);
      replacements.push_back({{"value", value}});
    }
    auto units = text::utf16_offsets(bytes, {begin, end});
    size_t offset = units[0], length = units[1] - units[0];
    if (!pieces.empty()) {
      offset = to_original(units[0], pieces);
      length = to_original(units[1], pieces) - offset;
    }
    std::string article_lang =
        f.article >= 0 && out.document ? out.document->articles[f.article].language : detected;
    json rule = {{"id", f.rule},
                 {"description", f.message},
                 {"issueType", issue_type(f.severity)},
                 {"category",
                  {{"id", std::string(rules::family_of(f.rule))},
                   {"name", rules::family_name(rules::family_of(f.rule), article_lang)}}}};
    if (const auto* info = rules->find(f.rule)) {
      auto d = rules::pick_language(info->description, article_lang);
      if (!d.empty()) rule["description"] = d;
      if (info->link.rfind("http", 0) == 0) rule["urls"] = json::array({{{"value", info->link}}});
    }
    auto line = index.position(begin).line;
    auto line_begin = index.line_start(line), line_end = index.line_end(line);
    matches.push_back({{"message", f.message},
                       {"shortMessage", ""},
                       {"replacements", std::move(replacements)},
                       {"offset", offset},
                       {"length", length},
                       {"context", context_json(bytes, begin, end, units[1] - units[0])},
                       {"sentence", bytes.substr(line_begin, line_end - line_begin)},
                       {"type", {{"typeName", "Other"}}},
                       {"rule", std::move(rule)},
                       {"ignoreForIncompleteSentence", false},
                       {"contextForSureMatch", 0}});
  }
  json language = req.language.empty() ? language_json(detected) : language_json(req.language);
  language["detectedLanguage"] = language_json(detected);
  language["detectedLanguage"]["confidence"] = 1.0;
  return {200,
          {{"software",
            {{"name", "Tally"},
             {"version", "0.1.0"},
             {"buildDate", nullptr},
             {"apiVersion", 1},
             {"premium", false},
             {"status", ""}}},
           {"warnings", {{"incompleteResults", !out.rule_errors.empty()}}},
           {"language", std::move(language)},
           {"matches", std::move(matches)}}};
}

Reply languagetool_languages() {
  return {200, json::array({{{"name", "Chinese"}, {"code", "zh"}, {"longCode", "zh-CN"}},
                            {{"name", "English"}, {"code", "en"}, {"longCode", "en-US"}}})};
}

}  // namespace tally::http
