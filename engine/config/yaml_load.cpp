#include "config/yaml_load.hpp"

#include <yaml-cpp/eventhandler.h>
#include <yaml.h>

#include <map>
#include <memory>
#include <sstream>

#include "config/yaml_depth.hpp"

namespace tally::config {

namespace {

YAML::Mark mark_at(const yaml_mark_t& m) {
  YAML::Mark mark;
  mark.pos = static_cast<int>(m.index);
  mark.line = static_cast<int>(m.line);
  mark.column = static_cast<int>(m.column);
  return mark;
}

// Walks the event stream: syntax errors, and the size of every node with aliases expanded.
void check_yaml(const std::string& text) {
  if (auto deep = yaml_too_deep(text)) {
    YAML::Mark mark;
    mark.pos = static_cast<int>(deep->offset);
    mark.line = static_cast<int>(deep->line);
    mark.column = static_cast<int>(deep->column);
    throw YAML::ParserException(mark,
                                "nesting deeper than " + std::to_string(kMaxYamlDepth) + " levels");
  }
  yaml_parser_t parser;
  yaml_parser_initialize(&parser);
  std::unique_ptr<yaml_parser_t, decltype(&yaml_parser_delete)> guard(&parser, yaml_parser_delete);
  yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(text.data()),
                               text.size());
  struct Open {
    size_t size = 1;
    std::string anchor;
  };
  std::vector<Open> open;
  std::map<std::string, size_t> anchors;
  auto anchor_of = [](const unsigned char* a) {
    return a ? std::string(reinterpret_cast<const char*>(a)) : "";
  };
  for (;;) {
    yaml_event_t event;
    if (!yaml_parser_parse(&parser, &event)) {
      std::string message = parser.problem ? parser.problem : "invalid YAML";
      if (parser.context) message += std::string(" (") + parser.context + ")";
      throw YAML::ParserException(mark_at(parser.problem_mark), message);
    }
    std::unique_ptr<yaml_event_t, decltype(&yaml_event_delete)> owned(&event, yaml_event_delete);
    auto mark = mark_at(event.start_mark);
    size_t done = 0;  // size of a node that ends with this event
    std::string done_anchor;
    switch (event.type) {
      case YAML_STREAM_END_EVENT:
        return;
      case YAML_SCALAR_EVENT:
        done = 1;
        done_anchor = anchor_of(event.data.scalar.anchor);
        break;
      case YAML_ALIAS_EVENT: {
        auto it = anchors.find(anchor_of(event.data.alias.anchor));
        done = it == anchors.end() ? 1 : it->second;  // yaml-cpp reports unknown aliases
        break;
      }
      case YAML_SEQUENCE_START_EVENT:
        open.push_back({1, anchor_of(event.data.sequence_start.anchor)});
        break;
      case YAML_MAPPING_START_EVENT:
        open.push_back({1, anchor_of(event.data.mapping_start.anchor)});
        break;
      case YAML_SEQUENCE_END_EVENT:
      case YAML_MAPPING_END_EVENT:
        if (!open.empty()) {
          done = open.back().size;
          done_anchor = open.back().anchor;
          open.pop_back();
        }
        break;
      default:
        break;
    }
    if (!done) continue;
    if (!done_anchor.empty()) anchors[done_anchor] = done;
    if (!open.empty()) open.back().size = std::min(open.back().size + done, kMaxYamlNodes + 1);
    size_t whole = open.empty() ? done : open.back().size;
    if (whole > kMaxYamlNodes)
      throw YAML::ParserException(
          mark, "aliases expand to more than " + std::to_string(kMaxYamlNodes) + " nodes");
  }
}

// yaml-cpp's own parser, run once without building nodes: when a token at the top level is one
// its node parser does not consume ("?" keys, "," …), YAML::LoadAll starts document after empty
// document at the same place, forever. Two documents starting at one position is that loop.
class ProgressCheck : public YAML::EventHandler {
 public:
  void OnDocumentStart(const YAML::Mark& mark) override {
    if (started_ && mark.pos == last_.pos)
      throw YAML::ParserException(mark, "unexpected token at the top level of the document");
    started_ = true;
    last_ = mark;
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}

 private:
  bool started_ = false;
  YAML::Mark last_;
};

void check_progress(const std::string& text) {
  std::istringstream in(text);
  YAML::Parser parser(in);
  ProgressCheck check;
  while (parser.HandleNextDocument(check)) {
  }
}

}  // namespace

std::vector<YAML::Node> load_all_yaml(const std::string& text) {
  check_yaml(text);
  check_progress(text);
  return YAML::LoadAll(text);
}

YAML::Node load_yaml(const std::string& text) {
  check_yaml(text);
  check_progress(text);
  return YAML::Load(text);
}

}  // namespace tally::config
