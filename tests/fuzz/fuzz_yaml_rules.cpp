// The YAML rule loader: any text as a rule file gives rules or errors with positions, never a
// crash, and never a hang (aliases that expand without bound included).
#include <cstddef>
#include <cstdint>
#include <string>

#include "rules/yaml_rule.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  auto load = tally::rules::load_yaml_rules("fuzz.yaml", text);
  for (const auto& e : load.errors)
    if (e.message.empty()) __builtin_trap();
  return 0;
}
