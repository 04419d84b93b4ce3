#include "rules/rule_tree.hpp"

namespace tally::rules {

RuleNode RuleNode::missing(std::string key) {
  RuleNode n;
  n.missing_key_ = std::move(key);
  return n;
}

const RuleTree& RuleNode::tree() const {
  // What yaml-cpp throws for anything read from a zombie node (a key not in its map).
  if (!t_) throw YAML::InvalidNode(missing_key_);
  return *t_;
}

size_t RuleNode::size() const {
  const auto& t = tree();
  if (t.type == YAML::NodeType::Sequence) return t.children.size();
  if (t.type == YAML::NodeType::Map) return t.children.size() / 2;
  return 0;
}

template <>
std::string RuleNode::as<std::string>() const {
  const auto& t = tree();
  if (t.type == YAML::NodeType::Null) return "null";
  if (t.type != YAML::NodeType::Scalar) throw YAML::TypedBadConversion<std::string>(t.mark);
  return t.value;
}

namespace {

// yaml-cpp's own conversion of the scalar text (convert<T>::decode reads only the text), with
// its exception moved to this node's mark.
template <typename T>
T convert_scalar(const RuleTree& t) {
  if (t.type != YAML::NodeType::Scalar) throw YAML::TypedBadConversion<T>(t.mark);
  T out{};
  if (!YAML::convert<T>::decode(YAML::Node(t.value), out))
    throw YAML::TypedBadConversion<T>(t.mark);
  return out;
}

}  // namespace

template <>
bool RuleNode::as<bool>() const {
  return convert_scalar<bool>(tree());
}

template <>
double RuleNode::as<double>() const {
  return convert_scalar<double>(tree());
}

RuleNode RuleNode::operator[](std::string_view key) const {
  const auto& t = tree();
  if (t.type == YAML::NodeType::Scalar) throw YAML::BadSubscript(t.mark, std::string(key));
  // As yaml-cpp: a map's first key whose scalar text is `key`; nothing in a sequence or a null.
  if (t.type == YAML::NodeType::Map)
    for (size_t i = 0; i + 1 < t.children.size(); i += 2)
      if (t.children[i].type == YAML::NodeType::Scalar && t.children[i].value == key)
        return RuleNode(t.children[i + 1]);
  return missing(std::string(key));
}

RuleNode RuleNode::operator[](size_t index) const {
  const auto& t = tree();
  if (t.type == YAML::NodeType::Scalar) throw YAML::BadSubscript(t.mark, index);
  // Indexes read sequences only: the kinds never index a map by number.
  if (t.type == YAML::NodeType::Sequence && index < t.children.size())
    return RuleNode(t.children[index]);
  return missing(std::to_string(index));
}

std::vector<RuleNode> RuleNode::items() const {
  const auto& t = tree();
  std::vector<RuleNode> out;
  if (t.type == YAML::NodeType::Sequence)
    for (const auto& c : t.children) out.emplace_back(c);
  return out;
}

std::vector<std::pair<RuleNode, RuleNode>> RuleNode::pairs() const {
  const auto& t = tree();
  std::vector<std::pair<RuleNode, RuleNode>> out;
  if (t.type == YAML::NodeType::Map)
    for (size_t i = 0; i + 1 < t.children.size(); i += 2)
      out.emplace_back(RuleNode(t.children[i]), RuleNode(t.children[i + 1]));
  return out;
}

RuleTree to_rule_tree(const YAML::Node& n) {
  RuleTree t;
  t.type = n.Type();
  t.mark = n.Mark();
  t.tag = n.Tag();
  if (t.type == YAML::NodeType::Scalar) t.value = n.Scalar();
  if (t.type == YAML::NodeType::Sequence) {
    t.children.reserve(n.size());
    for (const auto& c : n) t.children.push_back(to_rule_tree(c));
  } else if (t.type == YAML::NodeType::Map) {
    t.children.reserve(2 * n.size());
    for (const auto& kv : n) {
      t.children.push_back(to_rule_tree(kv.first));
      t.children.push_back(to_rule_tree(kv.second));
    }
  }
  return t;
}

namespace {

void put(std::string& out, uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

// Marks are -1 in yaml-cpp's null mark: stored shifted by one.
void put_int(std::string& out, int v) {
  put(out, static_cast<uint64_t>(static_cast<int64_t>(v) + 1));
}

void put_text(std::string& out, const std::string& s) {
  put(out, s.size());
  out += s;
}

void encode(std::string& out, const RuleTree& t) {
  out.push_back(static_cast<char>(t.type));
  put_int(out, t.mark.pos);
  put_int(out, t.mark.line);
  put_int(out, t.mark.column);
  put_text(out, t.tag);
  if (t.type == YAML::NodeType::Scalar) put_text(out, t.value);
  if (t.type == YAML::NodeType::Sequence || t.type == YAML::NodeType::Map)
    put(out, t.children.size());
}

struct Reader {
  std::string_view in;
  size_t at = 0;
  bool ok = true;

  uint64_t get() {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (at >= in.size()) break;
      auto c = static_cast<unsigned char>(in[at++]);
      v |= static_cast<uint64_t>(c & 0x7f) << shift;
      if (!(c & 0x80)) return v;
    }
    ok = false;
    return 0;
  }
  int get_int() { return static_cast<int>(static_cast<int64_t>(get()) - 1); }
  std::string get_text() {
    uint64_t n = get();
    if (!ok || n > in.size() - at) {
      ok = false;
      return {};
    }
    std::string s(in.substr(at, n));
    at += n;
    return s;
  }
};

bool decode(Reader& r, RuleTree& t, int depth) {
  if (depth > 1000 || r.at >= r.in.size()) return false;
  auto type = static_cast<unsigned char>(r.in[r.at++]);
  if (type < YAML::NodeType::Null || type > YAML::NodeType::Map) return false;
  t.type = static_cast<YAML::NodeType::value>(type);
  t.mark.pos = r.get_int();
  t.mark.line = r.get_int();
  t.mark.column = r.get_int();
  t.tag = r.get_text();
  if (t.type == YAML::NodeType::Scalar) t.value = r.get_text();
  if (t.type == YAML::NodeType::Sequence || t.type == YAML::NodeType::Map) {
    uint64_t n = r.get();
    if (!r.ok || n > r.in.size() - r.at) return false;  // each child takes a byte at least
    t.children.resize(n);
    for (auto& c : t.children)
      if (!decode(r, c, depth + 1)) return false;
  }
  return r.ok;
}

void encode_tree(std::string& out, const RuleTree& t) {
  encode(out, t);
  for (const auto& c : t.children) encode_tree(out, c);
}

}  // namespace

std::string encode_rule_trees(const std::vector<RuleTree>& docs) {
  std::string out;
  put(out, docs.size());
  for (const auto& d : docs) encode_tree(out, d);
  return out;
}

bool decode_rule_trees(std::string_view data, std::vector<RuleTree>& docs) {
  Reader r{data};
  uint64_t n = r.get();
  if (!r.ok || n > data.size()) return false;
  docs.assign(n, RuleTree{});
  for (auto& d : docs)
    if (!decode(r, d, 0)) return false;
  return r.at == data.size();
}

bool operator==(const RuleTree& a, const RuleTree& b) {
  return a.type == b.type && a.mark.pos == b.mark.pos && a.mark.line == b.mark.line &&
         a.mark.column == b.mark.column && a.tag == b.tag && a.value == b.value &&
         a.children == b.children;
}

}  // namespace tally::rules
