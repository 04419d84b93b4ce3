#include "rules/input.hpp"

namespace tally::rules {

DocumentInput prepare_input(const parse::Document& doc, std::string_view bytes,
                            const std::vector<facts::ArticleFacts>& facts) {
  DocumentInput in;
  in.doc = &doc;
  in.bytes = bytes;
  for (size_t i = 0; i < doc.articles.size(); ++i)
    in.articles.push_back({&doc.articles[i], &facts[i], static_cast<int>(i)});
  return in;
}

}  // namespace tally::rules
