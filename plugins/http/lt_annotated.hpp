#pragma once
// LanguageTool's annotated text (`data`): text parts to check and markup to skip or read as its
// `interpretAs`. What is checked (`plain`) and what the client has (`original`, text and markup
// together) differ; offsets of a match are mapped from one to the other with its start and its
// end mapped separately, so a match never takes in markup at either side: a fix applied to
// `<b>他说,</b>我们` replaces `他说,` and keeps `</b>`.
#include <optional>
#include <string>
#include <vector>

namespace tally::http {

class AnnotatedText {
 public:
  // Plain text: checked as it is, offsets unchanged.
  static AnnotatedText from_text(std::string text);
  // `data` as LanguageTool reads it: {"annotation": [{"text": …}, {"markup": …,
  // "interpretAs"?: …}]} or {"text": …}. On error returns nullopt and sets `error` to
  // LanguageTool's message for it.
  static std::optional<AnnotatedText> from_data(const std::string& data, std::string& error);

  const std::string& plain() const { return plain_; }
  const std::string& original() const { return original_.empty() ? plain_ : original_; }

  // Byte offsets of `plain` to byte offsets of `original`: where the character at `offset`
  // starts, and where the character before `offset` ends (the two differ at markup).
  // O(log parts).
  size_t start_in_original(size_t offset) const;
  size_t end_in_original(size_t offset) const;

 private:
  struct Part {
    size_t plain_begin, plain_end, original_begin, original_end;
    bool text;  // a text part (else markup read as its interpretAs)
  };
  std::string plain_, original_;  // original_ is empty when it equals plain_
  std::vector<Part> parts_;       // the parts that put something into plain_, in order
};

}  // namespace tally::http
