#include "lt_reply.hpp"

#include <algorithm>

#include "findings/families.hpp"
#include "text/utf8.hpp"

namespace tally::http {

using nlohmann::json;

namespace {

constexpr size_t kContextUnits = 40;     // LanguageTool's server default
constexpr size_t kSentenceAround = 150;  // characters either side of a match in `sentence`
constexpr size_t kSentenceMatch = 1000;  // characters of the match itself in `sentence`

bool continuation(unsigned char c) {
  return (c & 0xC0) == 0x80;
}

size_t prev_char(std::string_view s, size_t at) {
  do --at;
  while (at > 0 && continuation(static_cast<unsigned char>(s[at])));
  return at;
}

size_t next_char(std::string_view s, size_t at) {
  do ++at;
  while (at < s.size() && continuation(static_cast<unsigned char>(s[at])));
  return at;
}

// UTF-16 units of the character at `at` (2 for those encoded in four bytes).
size_t units_at(std::string_view s, size_t at) {
  return static_cast<unsigned char>(s[at]) >= 0xF0 ? 2 : 1;
}

// A character that ends a sentence ('.' only before a space or the end).
bool ends_sentence(std::string_view s, size_t at) {
  unsigned char c = static_cast<unsigned char>(s[at]);
  if (c == '\n' || c == '!' || c == '?') return true;
  if (c == '.') return at + 1 == s.size() || s[at + 1] == ' ' || s[at + 1] == '\n';
  auto d = text::decode_at(s, at);
  return d.cp == U'。' || d.cp == U'！' || d.cp == U'？' || d.cp == U'；';
}

std::string issue_type(report::Severity s) {
  return s == report::Severity::Info ? "style" : "inconsistency";
}

// One match of the reply, in byte offsets of the checked text.
struct Item {
  const report::Finding* finding;
  size_t begin, end;
  std::optional<std::string> value;  // the replacement of [begin, end)
};

}  // namespace

json lt_context(std::string_view text, size_t begin, size_t end, size_t begin16, size_t end16,
                size_t total16) {
  size_t from = begin, to = end;
  for (size_t n = 0; from > 0;) {
    size_t p = prev_char(text, from);
    if ((n += units_at(text, p)) > kContextUnits) break;
    from = p;
  }
  for (size_t n = 0; to < text.size();) {
    if ((n += units_at(text, to)) > kContextUnits) break;
    to = next_char(text, to);
  }
  // As LanguageTool's ContextTools: "..." once the match is 40 units or more from either end.
  std::string prefix = begin16 >= kContextUnits ? "..." : "";
  std::string postfix = end16 + kContextUnits <= total16 ? "..." : "";
  std::string body(text.substr(from, to - from));
  std::replace(body.begin(), body.end(), '\n', ' ');
  auto units = text::utf16_offsets(body, {begin - from});
  return {{"text", prefix + body + postfix},
          {"offset", prefix.size() + units[0]},
          {"length", end16 - begin16}};
}

std::string lt_sentence(std::string_view text, size_t begin, size_t end) {
  size_t from = begin;
  for (size_t n = 0; from > 0 && n < kSentenceAround; ++n) {
    size_t p = prev_char(text, from);
    if (ends_sentence(text, p)) break;
    from = p;
  }
  size_t to = begin;
  for (size_t n = 0; to < end && n < kSentenceMatch; ++n) to = next_char(text, to);
  for (size_t n = 0; to < text.size() && n < kSentenceAround; ++n) {
    bool last = ends_sentence(text, to);
    to = next_char(text, to);
    if (last) break;
  }
  auto s = text.substr(from, to - from);
  // Java's trim(): control characters and spaces at either end.
  while (!s.empty() && static_cast<unsigned char>(s.front()) <= ' ') s.remove_prefix(1);
  while (!s.empty() && static_cast<unsigned char>(s.back()) <= ' ') s.remove_suffix(1);
  return std::string(s);
}

json lt_matches(const AnnotatedText& text, const service::CheckOutcome& outcome,
                const rules::RuleSet& rules, const std::string& language) {
  const std::string& plain = text.plain();
  const std::string& original = text.original();
  // Where [begin, end) of the checked text stands in the client's text; whether replacing it
  // there would touch markup (the two texts differ in between).
  // An empty span (an insertion) stands where the character after it starts.
  auto start = [&](size_t b, size_t) { return text.start_in_original(b); };
  auto stop = [&](size_t b, size_t e) {
    return b == e ? start(b, e) : std::max(start(b, e), text.end_in_original(e));
  };
  auto touches_markup = [&](size_t b, size_t e) {
    size_t ob = start(b, e), oe = stop(b, e);
    return oe - ob != e - b || original.compare(ob, oe - ob, plain, b, e - b) != 0;
  };

  std::vector<Item> items;
  items.reserve(outcome.findings.size());
  for (const auto& f : outcome.findings) {
    if (!f.fix) {
      items.push_back({&f, f.span.begin, f.span.end, std::nullopt});
      continue;
    }
    // LanguageTool replaces the whole match: widen it to cover the fix and carry the text
    // around the fix along; a fix of several edits becomes one replacement of their extent.
    auto edits = f.fix->edits();
    auto extent = f.fix->extent();
    size_t begin = std::min<size_t>(f.span.begin, extent.begin);
    size_t end = std::max<size_t>(f.span.end, extent.end);
    if (!touches_markup(begin, end)) {
      std::string value;
      size_t at = begin;
      for (const auto& e : edits) {
        value.append(plain, at, e.span.begin - at).append(e.replacement);
        at = e.span.end;
      }
      value.append(plain, at, end - at);
      items.push_back({&f, begin, end, std::move(value)});
    } else if (edits.size() == 1) {
      // Only the edit itself, if that can be replaced without touching markup.
      const auto& e = edits.front();
      if (!touches_markup(e.span.begin, e.span.end))
        items.push_back({&f, e.span.begin, e.span.end, e.replacement});
      else
        items.push_back({&f, f.span.begin, f.span.end, std::nullopt});
    } else {
      for (const auto& e : edits)
        items.push_back({&f, e.span.begin, e.span.end,
                         touches_markup(e.span.begin, e.span.end)
                             ? std::nullopt
                             : std::optional<std::string>(e.replacement)});
    }
  }

  // Every offset in the client's text, to UTF-16 in one pass: start, end, and the text's end.
  std::vector<size_t> bytes;
  bytes.reserve(items.size() * 2 + 1);
  for (const auto& it : items) {
    bytes.push_back(start(it.begin, it.end));
    bytes.push_back(stop(it.begin, it.end));
  }
  bytes.push_back(original.size());
  auto units = text::utf16_offsets(original, bytes);
  size_t total16 = units.back();

  json matches = json::array();
  for (size_t i = 0; i < items.size(); ++i) {
    const auto& it = items[i];
    const auto& f = *it.finding;
    size_t ob = bytes[2 * i], oe = bytes[2 * i + 1];
    size_t b16 = units[2 * i], e16 = units[2 * i + 1];
    json replacements = json::array();
    if (it.value) replacements.push_back({{"value", *it.value}});
    std::string lang = language;
    if (f.article >= 0 && outcome.document &&
        static_cast<size_t>(f.article) < outcome.document->articles.size() &&
        !outcome.document->articles[f.article].language.empty())
      lang = outcome.document->articles[f.article].language;
    auto family = std::string(rules::family_of(f.rule));
    json rule = {{"id", f.rule},
                 {"description", f.message},
                 {"issueType", issue_type(f.severity)},
                 {"category", {{"id", family}, {"name", rules::family_name(family, lang)}}}};
    if (const auto* info = rules.find(f.rule)) {
      auto d = rules::pick_language(info->description, lang);
      if (!d.empty()) rule["description"] = d;
      if (info->link.rfind("http", 0) == 0) rule["urls"] = json::array({{{"value", info->link}}});
    }
    matches.push_back({{"message", f.message},
                       {"shortMessage", ""},
                       {"replacements", std::move(replacements)},
                       {"offset", b16},
                       {"length", e16 - b16},
                       {"context", lt_context(original, ob, oe, b16, e16, total16)},
                       {"sentence", lt_sentence(plain, it.begin, it.end)},
                       {"type", {{"typeName", "Other"}}},
                       {"rule", std::move(rule)},
                       {"ignoreForIncompleteSentence", false},
                       {"contextForSureMatch", 0}});
  }
  return matches;
}

}  // namespace tally::http
