#include "facts/rates.hpp"

#include <array>
#include <cctype>

#include "facts/record_hooks.hpp"
#include "text/utf8.hpp"

namespace tally::facts {

namespace {

bool starts_at(std::string_view text, size_t pos, std::string_view word) {
  return text.substr(pos, word.size()) == word;
}

// Skips ASCII spaces forward from `pos`.
size_t skip_spaces(std::string_view t, size_t pos) {
  while (pos < t.size() && t[pos] == ' ') ++pos;
  return pos;
}

// Start of the code point that ends just before `pos`.
size_t prev_cp(std::string_view t, size_t pos) {
  if (pos == 0) return 0;
  size_t s = pos - 1;
  while (s > 0 && (static_cast<unsigned char>(t[s]) & 0xC0) == 0x80) --s;
  return s;
}

// Longest first, so "同比下降" wins over "下降".
constexpr std::string_view kRelations[] = {
    "同比增长", "同比下降", "同比上升", "同比减少", "同比提高", "环比增长", "环比下降", "环比上升",
    "增长",     "增加",     "提高",     "提升",     "上升",     "上涨",     "下降",     "减少",
    "降低",     "缩短",     "下滑",     "回落",     "增幅",     "降幅",     "涨"};
constexpr std::string_view kEnRelations[] = {
    "up",     "down",    "rose",     "fell",    "increased", "decreased", "grew",    "dropped",
    "rise",   "fall",    "increase", "drop",    "decline",   "declined",  "growth",  "decrease",
    "gained", "climbed", "jumped",   "slipped", "surged",    "plunged",   "slumped", "off"};
constexpr std::string_view kLinks[] = {"达到", "达", "为", "是", "约", "了"};

// The subject of "…率达32%": the Han characters before 率, back to punctuation, at most eight.
std::string subject_before(std::string_view t, size_t pos) {
  size_t p = pos;
  // Step back over spaces and linking words between 率 and the number.
  for (bool moved = true; moved;) {
    moved = false;
    while (p > 0 && t[p - 1] == ' ') --p, moved = true;
    for (auto w : kLinks)
      if (p >= w.size() && t.substr(p - w.size(), w.size()) == w) {
        p -= w.size();
        moved = true;
        break;
      }
  }
  if (p < 3 || t.substr(p - 3, 3) != "率") return {};
  size_t end = p - 3, b = end;
  int n = 0;
  while (b > 0 && n < 8) {
    size_t s = prev_cp(t, b);
    auto d = text::decode_at(t, s);
    if (!text::is_ideograph(d.cp)) break;
    b = s;
    ++n;
  }
  // Reporting verbs before the subject are not part of it: "表示合格率" is about 合格.
  std::string_view subj = t.substr(b, end - b);
  for (std::string_view lead : {"表示", "显示", "其中", "实现", "确保", "全年", "使", "让"})
    if (subj.size() > lead.size() + 3 && subj.substr(0, lead.size()) == lead) {
      subj.remove_prefix(lead.size());
      break;
    }
  return std::string(subj);
}

std::string relation_before(std::string_view t, size_t pos) {
  size_t p = pos;
  while (p > 0 && t[p - 1] == ' ') --p;
  // Words between the relation and the number: "减少了约20%", "提升至 60%", "增幅达 18.5%".
  for (auto w : {"了", "约", "近", "至", "到", "达"})
    if (p >= 3 && t.substr(p - 3, 3) == w) p -= 3;
  if (p >= 3 && t.substr(p - 3, 3) == " by") p -= 3;
  if (p >= 3 && t.substr(p - 3, 3) == " of") p -= 3;  // "a fall of 25%"
  for (auto w : kRelations)
    if (p >= w.size() && t.substr(p - w.size(), w.size()) == w) return std::string(w);
  for (auto w : kEnRelations)
    if (p >= w.size() && t.substr(p - w.size(), w.size()) == w &&
        (p == w.size() || t[p - w.size() - 1] == ' ')) {
      // "make up 30%" is a share, not a rise.
      std::string_view head = t.substr(0, p - w.size());
      while (!head.empty() && head.back() == ' ') head.remove_suffix(1);
      for (std::string_view v : {"make", "makes", "made", "making"})
        if (head.size() >= v.size() && head.substr(head.size() - v.size()) == v) return {};
      return std::string(w);
    }
  return {};
}

}  // namespace

std::vector<Rate> find_rates(std::string_view t, const std::vector<Number>& numbers) {
  std::vector<Rate> out;
  for (const auto& n : numbers) {
    size_t after = skip_spaces(t, n.end);
    Rate r;
    r.number = n;
    r.begin = n.begin;
    size_t end = 0;
    if (starts_at(t, after, "%") || starts_at(t, after, "％")) {
      end = after + (t[after] == '%' ? 1 : 3);
    } else if (starts_at(t, after, "‰")) {
      r.unit = RateUnit::PerMille;
      end = after + 3;
    } else if (starts_at(t, after, "个百分点")) {
      r.unit = RateUnit::PercentagePoints;
      end = after + 12;
    } else if (starts_at(t, after, "percentage points") ||
               starts_at(t, after, "percentage point")) {
      r.unit = RateUnit::PercentagePoints;
      end = after + (starts_at(t, after, "percentage points") ? 17 : 16);
    } else if (starts_at(t, after, "per cent")) {
      end = after + 8;
    } else if (starts_at(t, after, "percent")) {
      end = after + 7;
    } else if (starts_at(t, after, "pct") &&
               (after + 3 >= t.size() || !std::isalpha(static_cast<unsigned char>(t[after + 3])))) {
      end = after + 3;  // wire copy: "34 pct"; "0.5 pct point" is a change of the rate
      if (starts_at(t, end, " points") || starts_at(t, end, " point")) {
        r.unit = RateUnit::PercentagePoints;
        end += starts_at(t, end, " points") ? 7 : 6;
      }
    } else if (n.begin >= 9 && t.substr(n.begin - 9, 9) == "百分之" &&
               n.form == NumberForm::Chinese) {
      r.begin = n.begin - 9;
      end = n.end;
    } else {
      continue;
    }
    r.end = static_cast<uint32_t>(end);
    r.subject = subject_before(t, r.begin);
    r.relation = relation_before(t, r.begin);
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace tally::facts

namespace tally::facts {

const char* rate_unit_name(RateUnit u) {
  switch (u) {
    case RateUnit::Percent:
      return "percent";
    case RateUnit::PerMille:
      return "per-mille";
    case RateUnit::PercentagePoints:
      return "percentage-points";
  }
  return "?";
}

void write_fields(const At<Rate>& x, const RecordContext&, RecordSink& sink) {
  write_number_fields(x.fact.number, sink);
  sink.string("unit", rate_unit_name(x.fact.unit));
  sink.string("subject", x.fact.subject);
  sink.string("relation", x.fact.relation);
}

}  // namespace tally::facts
