#pragma once
// A YAML rule file's parsed tree, as the rule kinds read it. yaml-cpp's scanner costs about 1,300
// instructions a byte, most of start-up for the shipped YAML rules; so the kinds read this tree
// instead of YAML::Node, and the shipped files' trees are built at build time
// (engine/tools/yaml_tree.cpp) and rebuilt at start-up from a compact form
// (rules/embedded_yaml.hpp). Rules from disk are still parsed by yaml-cpp and turned into this
// tree (to_rule_tree). RuleNode reads the tree as a const YAML::Node reads yaml-cpp's: the same
// marks, tags, conversions and exceptions, so a rule, its errors and its messages are the same
// either way.
#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace tally::rules {

// One node and its children.
struct RuleTree {
  YAML::NodeType::value type = YAML::NodeType::Null;  // never Undefined
  YAML::Mark mark;
  std::string tag, value;          // value: a scalar's text
  std::vector<RuleTree> children;  // a sequence's items; a map's key, value, key, value…
};

// A node of a RuleTree, or a missing one (a key not in its map), with the subset of the const
// YAML::Node interface the rule kinds use. The tree must outlive it.
class RuleNode {
 public:
  RuleNode(const RuleTree& t) : t_(&t) {}  // NOLINT: a node converts like a YAML::Node
  // A key that was not found: false, and anything else read from it throws YAML::InvalidNode.
  static RuleNode missing(std::string key);

  explicit operator bool() const { return t_ != nullptr; }
  bool IsDefined() const { return t_ != nullptr; }
  YAML::NodeType::value Type() const { return tree().type; }
  bool IsNull() const { return Type() == YAML::NodeType::Null; }
  bool IsScalar() const { return Type() == YAML::NodeType::Scalar; }
  bool IsSequence() const { return Type() == YAML::NodeType::Sequence; }
  bool IsMap() const { return Type() == YAML::NodeType::Map; }
  const YAML::Mark& Mark() const { return tree().mark; }
  const std::string& Tag() const { return tree().tag; }
  const std::string& Scalar() const { return tree().value; }
  // Items in a sequence, pairs in a map, else 0.
  size_t size() const;

  // std::string, bool and double, converted as yaml-cpp's as<T>() does (a null node reads as
  // "null"); YAML::TypedBadConversion<T> at the node's mark otherwise.
  template <typename T>
  T as() const;

  // A map's value for a scalar key (the first that matches), a sequence's item by index;
  // missing otherwise. YAML::BadSubscript on a scalar, as yaml-cpp.
  RuleNode operator[](std::string_view key) const;
  RuleNode operator[](size_t index) const;
  RuleNode operator[](int index) const { return (*this)[static_cast<size_t>(index)]; }

  // A sequence's items; a map's key-value pairs (empty for any other node).
  std::vector<RuleNode> items() const;
  std::vector<std::pair<RuleNode, RuleNode>> pairs() const;

 private:
  RuleNode() = default;
  const RuleTree& tree() const;
  const RuleTree* t_ = nullptr;
  std::string missing_key_;
};

template <>
std::string RuleNode::as<std::string>() const;
template <>
bool RuleNode::as<bool>() const;
template <>
double RuleNode::as<double>() const;

// yaml-cpp's node as a tree (aliases copied: a tree has no shared nodes).
RuleTree to_rule_tree(const YAML::Node& n);

// The compact form of a file's documents: node by node, in order, type, mark, tag, text and
// children, with lengths and numbers as base-128 varints.
std::string encode_rule_trees(const std::vector<RuleTree>& docs);
// The documents back; false when `data` is not a whole encoding (then `docs` is unspecified).
bool decode_rule_trees(std::string_view data, std::vector<RuleTree>& docs);

bool operator==(const RuleTree& a, const RuleTree& b);

}  // namespace tally::rules
