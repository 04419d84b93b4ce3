// kind: repetition. The same `token` (an RE2 pattern) twice in a row, with only `between` (a
// pattern the gap must match in full; default: nothing) between them; the fix drops the second.
#include <algorithm>

#include "rules/doubled_class.hpp"
#include "rules/yaml_kind.hpp"
#include "rules/yaml_node.hpp"
#include "text/utf8.hpp"

namespace tally::rules {

namespace {

struct RepetitionCheck : YamlCheck {
  std::shared_ptr<RE2> token, between;
  // The token twice in a row, when nothing may come between: a piece it does not match holds
  // no repetition, and one search of it costs less than stepping from token to token (a page
  // holds a token at every punctuation mark, and each step is a search of its own).
  std::unique_ptr<RE2> twice;
  // When the token is one class of literal characters, a repetition is one of them twice in a
  // row: a walk over the bytes finds that for less than the search for `twice` (most pieces hold
  // none, and the search was most of this kind's time).
  std::optional<DoubledClass> doubled;

  void run(YamlRun& r) const override {
    for (const auto& u : r.units())
      for (const auto& p : u.pieces) {
        if (!r.applies(p.article)) continue;
        const auto& t = r.text_of(p).text;
        if (doubled &&
            !has_doubled(std::string_view(t).substr(p.lbegin, p.lend - p.lbegin), *doubled))
          continue;
        if (twice && !twice->Match(t, p.lbegin, p.lend, RE2::UNANCHORED, nullptr, 0)) continue;
        // Every token is found with its extent alone (RE2 skips the captures), and the
        // placeholders are made only for a repetition: a page holds a token at every
        // punctuation mark, and a map of captures for each was most of this kind's time.
        re2::StringPiece whole(t), m;
        std::string_view prev;
        uint32_t prev_end = 0;
        bool have = false;
        size_t pos = p.lbegin;
        while (pos <= p.lend && token->Match(whole, pos, p.lend, RE2::UNANCHORED, &m, 1)) {
          auto b = static_cast<uint32_t>(m.data() - t.data());
          auto e = static_cast<uint32_t>(b + m.size());
          std::string_view here(m.data(), m.size());
          if (have && here == prev && !here.empty()) {
            std::string gap = t.substr(prev_end, b - prev_end);
            if (between ? RE2::FullMatch(gap, *between) : gap.empty()) {
              std::string none;
              r.emit(p, prev_end, e, captures(t, b, p.lend), &none);
            }
          }
          prev = here;
          prev_end = e;
          have = true;
          if (e > pos) {
            pos = e;
          } else {  // an empty match: step over one character
            auto d = text::decode_at(t, pos);
            pos += d.size ? d.size : 1;
          }
        }
      }
  }

  // The placeholders of the token matched at b, as for_each_match gives them: the match
  // anchored where it was found is the same match.
  Vars captures(const std::string& t, uint32_t b, uint32_t end) const {
    int ng = std::min(token->NumberOfCapturingGroups(), 9);
    std::vector<re2::StringPiece> g(ng + 1);
    token->Match(re2::StringPiece(t), b, end, RE2::ANCHOR_START, g.data(), ng + 1);
    Vars vars{{"match", std::string(g[0].data(), g[0].size())}};
    for (int i = 1; i <= ng; ++i) vars[std::to_string(i)] = std::string(g[i].data(), g[i].size());
    return vars;
  }
};

}  // namespace

std::unique_ptr<const YamlCheck> parse_repetition(const RuleNode& root) {
  auto c = std::make_unique<RepetitionCheck>();
  if (!root["token"]) throw YamlError{root.Mark(), "kind 'repetition' needs 'token'"};
  c->token = regex(root["token"], "token");
  if (root["between"]) c->between = regex(root["between"], "between");
  // Two matches back to back are a match of the two patterns in a row, assertions read in the
  // same text around them. (\\Q quotes to the end of the pattern, past the group's close.)
  const std::string& src = c->token->pattern();
  if (!c->between && src.find("\\Q") == std::string::npos) {
    auto t = std::make_unique<RE2>("(?:" + src + ")(?:" + src + ")", c->token->options());
    if (t->ok()) c->twice = std::move(t);
    if (c->token->options().case_sensitive() &&
        c->token->options().encoding() == RE2::Options::EncodingUTF8)
      c->doubled = doubled_class_of(src);
  }
  return c;
}

}  // namespace tally::rules
