#pragma once
// The metadata every rule declares, read and checked by one function whether the rule is a YAML
// document or a tally.rule{} table in Lua: id, severity, message, description, link, example,
// requires, default and default_reason. Each loader supplies a small MetaReader over its own
// values; the rules about what a value may be live here only, so the two languages cannot
// disagree (a Lua rule's `fr:` message is the same error as a YAML rule's).
#include <string>
#include <utility>
#include <vector>

#include "findings/rule_info.hpp"

namespace tally::rules {

// A rule's keys as its loader sees them. Every method may end in fail().
class MetaReader {
 public:
  virtual ~MetaReader() = default;
  virtual bool has(const std::string& key) const = 0;
  // The key's value as text: a string (a Lua boolean reads as "true"/"false").
  virtual std::string text(const std::string& key) const = 0;
  // `key: text` as {"", text}, or `key: {zh: …, en: …}` as its (language, text) pairs in the
  // order written, every language the author gave (the parser rejects the ones Tally lacks).
  virtual std::vector<std::pair<std::string, std::string>> texts(const std::string& key) const = 0;
  // A name or a list of names.
  virtual std::vector<std::string> names(const std::string& key) const = 0;
  // Stops the load with `message` located at `key` ("message.fr" for one language's entry):
  // throws the loader's own error type.
  [[noreturn]] virtual void fail(const std::string& key, const std::string& message) const = 0;
};

// The keys read_rule_meta reads, for a loader's unknown-key check.
const std::vector<std::string>& meta_keys();

// Fills `info` (id, severity, message, description, link, example, needs, default_off,
// default_reason) from `in`; info.file must be set. A rule of the shipped packs ("<embedded>/…")
// must live at rules/FAMILY/NAME.* for id FAMILY.NAME, of a declared family: anything else fails.
// A house rule that does not is loaded, and each disagreement is returned as a warning.
std::vector<std::string> read_rule_meta(const MetaReader& in, RuleInfo& info);

// The folder and file a rule with this id belongs in ("percent/recompute"); "" for a malformed
// id.
std::string home_of(const std::string& id);

}  // namespace tally::rules
