#pragma once
// A rules folder of one YAML rule with a fix, written once per fuzzing process: targets that
// fuzz how a request or message is read (not the rules) check against it instead of the shipped
// packs, so each input costs microseconds and every path that carries findings and fixes back
// to the client is still taken.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

namespace tally::fuzz {

inline const std::string& small_rules_folder() {
  static char dir[] = "/tmp/tally-fuzz-rules-XXXXXX";
  static const std::string folder = [] {
    if (!mkdtemp(dir)) std::abort();
    std::ofstream(std::string(dir) + "/comma.yaml")
        << "id: fuzz.comma\nkind: pattern\npattern: ','\n"
           "fix: '，'\nmessage: {zh: 半角逗号, en: ASCII comma}\n";
    std::atexit([] {
      std::remove((std::string(dir) + "/comma.yaml").c_str());
      std::remove(dir);
    });
    return std::string(dir);
  }();
  return folder;
}

}  // namespace tally::fuzz
