// kind: repair. A layout repair of kind `repair` (doubled-text: bold type PDF extraction printed
// twice; spaced-chars: Chinese characters spread out by justified layout) that the text layer
// undid (text/logical_text.hpp), told to the editor with the repaired text as the fix: the
// repaired text when the span lies on one line and holds nothing but it and what was removed;
// else, when no removed byte is a line break, one fix deleting the removed bytes (the column's
// line breaks and any markup, `**金** 戈 铁 马`, stay where they were); else no fix.
// Placeholders: {text} (the original bytes), {repaired}; line breaks in them read as spaces.
#include "rules/yaml_kind.hpp"
#include "rules/yaml_node.hpp"

namespace tally::rules {

namespace {

std::string one_line(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    if (c == '\r' || c == '\n') c = ' ';
  return out;
}

std::optional<report::Fix> fix_of(std::string_view bytes, const text::Repair& rep) {
  std::string_view text = bytes.substr(rep.original.begin, rep.original.size());
  bool keeps_lines = !rep.removed.empty();
  for (const auto& s : rep.removed)
    keeps_lines = keeps_lines &&
                  bytes.substr(s.begin, s.size()).find_first_of("\r\n") == std::string_view::npos;
  bool single = text.find('\n') == std::string_view::npos;
  if (single) {
    bool plain = !keeps_lines;
    if (keeps_lines) {  // the span holds only the repaired text and what was removed
      std::string rest;
      uint32_t at = rep.original.begin;
      for (const auto& s : rep.removed) {
        if (s.begin > at) rest += bytes.substr(at, s.begin - at);
        at = s.end;
      }
      if (rep.original.end > at) rest += bytes.substr(at, rep.original.end - at);
      plain = rest == rep.repaired;
    }
    if (plain) return report::Fix{rep.original, rep.repaired, {}};
  }
  if (!keeps_lines) return std::nullopt;
  report::Fix fix{rep.removed[0], "", {}};
  for (size_t i = 1; i < rep.removed.size(); ++i) fix.more.push_back({rep.removed[i], ""});
  return fix;
}

struct RepairCheck : YamlCheck {
  text::RepairKind kind{};

  void run(YamlRun& r) const override {
    for (const auto& ai : r.in.articles) {
      if (!r.applies(ai.index)) continue;
      for (const auto& block : ai.article->blocks)
        for (const auto& rep : block.text.repairs) {
          if (rep.kind != kind) continue;
          Vars vars{{"text", one_line(r.in.bytes.substr(rep.original.begin, rep.original.size()))},
                    {"repaired", one_line(rep.repaired)}};
          r.emit_finding(ai.index, rep.original, r.worded(r.rule.info.message, ai.index, vars),
                         fix_of(r.in.bytes, rep));
        }
    }
  }
};

}  // namespace

std::unique_ptr<const YamlCheck> parse_repair(const RuleNode& root) {
  auto c = std::make_unique<RepairCheck>();
  const RuleNode n = root["repair"];
  if (!n) throw YamlError{root.Mark(), "missing 'repair' (doubled-text or spaced-chars)"};
  auto name = scalar(n, "repair");
  bool found = false;
  for (auto k : {text::RepairKind::DoubledText, text::RepairKind::SpacedChars})
    if (name == text::repair_kind_name(k)) {
      c->kind = k;
      found = true;
    }
  if (!found) throw YamlError{n.Mark(), "'repair' must be doubled-text or spaced-chars"};
  return c;
}

}  // namespace tally::rules
