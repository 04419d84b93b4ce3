#include "rules/yaml_arith.hpp"

#include <fmt/format.h>

#include <cmath>

#include "rules/yaml_node.hpp"

namespace tally::rules {

std::string arith_format(double v, int decimals) {
  if (std::isinf(v) && v > 0) return "∞";
  std::string s = fmt::format("{:.{}f}", v, decimals);
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  return s;
}

int arith_weekday(int y, int m, int d) {
  // Sakamoto's method, as tally.weekday (floor division: y is positive).
  static const int t[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
  if (m < 3) y -= 1;
  int w = (y + y / 4 - y / 100 + y / 400 + t[m - 1] + d) % 7;
  return w == 0 ? 7 : w;
}

int arith_days_in_month(int y, int m) {
  static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))) return 29;
  return d[m - 1];
}

std::vector<int> reference_years(const DocumentInput& in, int offset,
                                 const std::vector<int>& named) {
  std::vector<int> out;
  if (in.doc->publication_date) out.push_back(in.doc->publication_date->year + offset);
  out.insert(out.end(), named.begin(), named.end());
  return out;
}

std::string_view text_before(std::string_view text, uint32_t at, size_t n) {
  size_t from = at > n ? at - n : 0;
  return text.substr(from, at - from);
}

double number_key(const RuleNode& root, const std::string& key, double fallback) {
  const RuleNode n = root[key];
  if (!n) return fallback;
  try {
    return n.as<double>();
  } catch (const YAML::BadConversion&) {
    throw YamlError{n.Mark(), "'" + key + "' must be a number"};
  }
}

}  // namespace tally::rules
