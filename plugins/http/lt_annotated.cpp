#include "lt_annotated.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace tally::http {

using nlohmann::json;

AnnotatedText AnnotatedText::from_text(std::string text) {
  AnnotatedText a;
  a.plain_ = std::move(text);
  a.parts_.push_back({0, a.plain_.size(), 0, a.plain_.size(), true});
  return a;
}

std::optional<AnnotatedText> AnnotatedText::from_data(const std::string& data, std::string& error) {
  json d = json::parse(data, nullptr, false);
  if (d.is_discarded() || !d.is_object()) {
    error = "Could not parse JSON from 'data' parameter";
    return std::nullopt;
  }
  bool has_text = d.contains("text"), has_annotation = d.contains("annotation");
  if (has_text && has_annotation) {
    error = "'data' key in JSON requires either 'text' or 'annotation' key, not both";
    return std::nullopt;
  }
  if (has_text) {
    if (!d["text"].is_string()) {
      error = "'data': \"text\" must be a string";
      return std::nullopt;
    }
    return from_text(d["text"].get<std::string>());
  }
  if (!has_annotation || !d["annotation"].is_array()) {
    error = "'data' key in JSON requires 'text' or 'annotation' key";
    return std::nullopt;
  }
  AnnotatedText a;
  bool any_markup = false;
  for (const auto& node : d["annotation"]) {
    if (!node.is_object()) {
      error = "Only 'text' and 'markup' are supported in 'annotation' list: " + node.dump();
      return std::nullopt;
    }
    bool text = node.contains("text"), markup = node.contains("markup");
    if (text && markup) {
      error =
          "Only either 'text' or 'markup' are supported in an object in 'annotation' list, "
          "not both: " +
          node.dump();
      return std::nullopt;
    }
    if (text && node.contains("interpretAs")) {
      error = "'text' cannot be used with 'interpretAs' (only 'markup' can): " + node.dump();
      return std::nullopt;
    }
    const json* value = text ? &node["text"] : markup ? &node["markup"] : nullptr;
    const json* as = markup && node.contains("interpretAs") ? &node["interpretAs"] : nullptr;
    if (!value || !value->is_string() || (as && !as->is_string())) {
      error =
          "Only 'text' and 'markup' (strings) are supported in 'annotation' list: " + node.dump();
      return std::nullopt;
    }
    const auto& s = value->get_ref<const std::string&>();
    size_t p = a.plain_.size(), o = a.original_.size();
    a.original_ += s;
    if (text) {
      a.plain_ += s;
      if (!s.empty()) a.parts_.push_back({p, p + s.size(), o, o + s.size(), true});
    } else {
      any_markup = true;
      const auto& read = as ? as->get_ref<const std::string&>() : std::string();
      a.plain_ += read;
      if (!read.empty()) a.parts_.push_back({p, p + read.size(), o, o + s.size(), false});
    }
  }
  if (!any_markup) a.original_.clear();  // the same bytes: keep one copy
  return a;
}

size_t AnnotatedText::start_in_original(size_t offset) const {
  // The part holding the character at `offset`: the last one that begins at or before it.
  auto it = std::upper_bound(parts_.begin(), parts_.end(), offset,
                             [](size_t o, const Part& p) { return o < p.plain_begin; });
  if (it == parts_.begin()) return parts_.empty() ? 0 : parts_.front().original_begin;
  const Part& p = *std::prev(it);
  if (offset >= p.plain_end) return p.original_end;  // the end of the text
  return p.text ? p.original_begin + (offset - p.plain_begin) : p.original_begin;
}

size_t AnnotatedText::end_in_original(size_t offset) const {
  // The part holding the character before `offset`: the first one that ends at or after it.
  auto it = std::lower_bound(parts_.begin(), parts_.end(), offset,
                             [](const Part& p, size_t o) { return p.plain_end < o; });
  if (it == parts_.end()) return parts_.empty() ? 0 : parts_.back().original_end;
  if (offset <= it->plain_begin) return it->original_begin;  // offset 0
  return it->text ? it->original_begin + (offset - it->plain_begin) : it->original_end;
}

}  // namespace tally::http
