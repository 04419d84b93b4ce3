#pragma once
// What the build tools that embed the shipped rules share (tools/lua_bytecode.cpp,
// tools/yaml_tree.cpp): read each RULES_DIR/REL_PATH given on the command line, turn its text
// into the bytes to embed, and write them as C++ arrays with one table row each: {path, bytes,
// size, FNV-1a hash of the text}, so the engine uses a row only for that exact text.
//
// Usage of such a tool: TOOL OUT.cpp RULES_DIR REL_PATH...
#include <cstdio>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>

#include "rules/source_hash.hpp"

namespace tally::tools {

struct EmbeddedArrays {
  std::string arrays;  // "static const unsigned char NAME[] = {…};" per file
  std::string rows;    // "    {\"REL\", reinterpret_cast<const char*>(NAME), SIZE, HASHull},"
};

// `compile(rel, path, text)` gives the bytes to embed, or nothing to leave the file as text
// (the engine then reads the text and reports any error in it as it would anyway). Returns 0,
// or the exit status for main() after saying what failed.
template <typename Compile>
int embed_files(int argc, char** argv, const char* array_prefix, Compile compile,
                EmbeddedArrays& out) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s OUT.cpp RULES_DIR REL_PATH...\n", argv[0]);
    return 2;
  }
  std::ostringstream arrays, rows;
  for (int i = 3; i < argc; ++i) {
    std::string rel = argv[i], path = std::string(argv[2]) + "/" + rel;
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in) {
      std::fprintf(stderr, "%s: cannot read %s\n", argv[0], path.c_str());
      return 1;
    }
    std::string source = text.str();
    std::optional<std::string> code = compile(rel, path, source);
    if (!code) continue;
    std::string name = array_prefix + std::to_string(i);
    arrays << "static const unsigned char " << name << "[] = {";
    for (unsigned char c : *code) arrays << static_cast<unsigned>(c) << ',';
    arrays << "};\n";
    rows << "    {\"" << rel << "\", reinterpret_cast<const char*>(" << name << "), "
         << code->size() << ", " << rules::source_hash(source) << "ull},\n";
  }
  out = {arrays.str(), rows.str()};
  return 0;
}

}  // namespace tally::tools
