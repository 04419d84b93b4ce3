#include "facts/pairs.hpp"

#include <algorithm>

#include "facts/record_hooks.hpp"
#include "text/utf8.hpp"

namespace tally::facts {

namespace {

char32_t closer_of(char32_t open) {
  switch (open) {
    case U'“':
      return U'”';
    case U'‘':
      return U'’';
    case U'《':
      return U'》';
    case U'（':
      return U'）';
    case U'(':
      return U')';
    case U'「':
      return U'」';
    case U'『':
      return U'』';
    case U'〈':
      return U'〉';
    case U'【':
      return U'】';
    default:
      return 0;
  }
}

bool is_closer(char32_t c) {
  return c == U'”' || c == U'’' || c == U'》' || c == U'）' || c == U')' || c == U'」' ||
         c == U'』' || c == U'〉' || c == U'】';
}

std::string utf8(char32_t c) {
  std::string s;
  text::append_utf8(s, c);
  return s;
}

}  // namespace

Pairs find_pairs(std::string_view t) {
  struct Open {
    char32_t cp;
    uint32_t at, len;
  };
  Pairs out;
  std::vector<Open> stack;
  for (uint32_t i = 0; i < t.size();) {
    auto d = text::decode_at(t, i);
    uint32_t n = d.size ? d.size : 1;
    char32_t c = d.cp;
    // An apostrophe inside a word ("don't", "Xi’an") is not a quote.
    bool apostrophe = (c == U'’' || c == '\'') && i > 0 && i + n < t.size() &&
                      text::is_ascii_alnum(static_cast<unsigned char>(t[i - 1])) &&
                      text::is_ascii_alnum(static_cast<unsigned char>(t[i + n]));
    if (apostrophe) {
      i += n;
      continue;
    }
    if (c == '"') {
      // ASCII quotes do not say which way they face: close the nearest open one, else open.
      if (!stack.empty() && stack.back().cp == '"') {
        out.pairs.push_back({stack.back().at, i, 1, 1, "\""});
        stack.pop_back();
      } else {
        stack.push_back({c, i, n});
      }
    } else if (closer_of(c)) {
      stack.push_back({c, i, n});
    } else if (is_closer(c)) {
      // Close the nearest matching opener; openers above it were never closed.
      size_t k = stack.size();
      while (k > 0 && closer_of(stack[k - 1].cp) != c) --k;
      if (k == 0) {
        out.unpaired.push_back({i, n, utf8(c), false});
      } else {
        for (size_t m = stack.size(); m > k; --m)
          out.unpaired.push_back({stack[m - 1].at, stack[m - 1].len, utf8(stack[m - 1].cp), true});
        out.pairs.push_back({stack[k - 1].at, i, stack[k - 1].len, n, utf8(stack[k - 1].cp)});
        stack.resize(k - 1);
      }
    }
    i += n;
  }
  for (const auto& o : stack) out.unpaired.push_back({o.at, o.len, utf8(o.cp), true});
  std::sort(out.unpaired.begin(), out.unpaired.end(),
            [](const Unpaired& a, const Unpaired& b) { return a.at < b.at; });
  return out;
}

}  // namespace tally::facts

namespace tally::facts {

void write_fields(const At<Pair>& x, const RecordContext&, RecordSink& sink) {
  sink.string("mark", x.fact.kind);
}

void write_fields(const At<Unpaired>& x, const RecordContext&, RecordSink& sink) {
  sink.string("mark", x.fact.mark);
  sink.boolean("opener", x.fact.opener);
}

}  // namespace tally::facts
