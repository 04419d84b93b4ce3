#include "text/loadable_module.hpp"

#include <dlfcn.h>

#include <filesystem>
#include <map>
#include <mutex>

namespace fs = std::filesystem;

namespace tally::text {

std::vector<std::string> module_paths(const std::string& name) {
  std::vector<std::string> out;
  auto add = [&](const fs::path& p) {
    auto s = p.lexically_normal().string();
    for (const auto& o : out)
      if (o == s) return;
    out.push_back(s);
  };
  std::error_code ec;
  auto build = fs::canonical(TALLY_MODULES_BUILD_DIR, ec);
  if (ec) build.clear();
  // A program anywhere in the build tree (tests, benches) takes the build's modules; an
  // installed or copied tally never looks there.
  auto in_build = [&](const fs::path& p) {
    return !build.empty() && p.string().rfind(build.string() + "/", 0) == 0;
  };
  fs::path exe = fs::canonical("/proc/self/exe", ec);
  if (ec) exe.clear();
  // Inside libtally.so (the C API: a Python or editor host is the executable) the modules are
  // found from the library first: beside it in the build tree, in LIBDIR/tally when installed
  // (an installed package's modules never serve a libtally from elsewhere).
  Dl_info info{};
  if (dladdr(reinterpret_cast<void*>(&module_paths), &info) && info.dli_fname) {
    fs::path object = fs::canonical(info.dli_fname, ec);
    if (!ec && object != exe) {
      add(object.parent_path() / name);
      add(object.parent_path() / "tally" / name);
      if (in_build(object)) add(build / name);
    }
  }
  if (!exe.empty()) {
    add(exe.parent_path() / name);
    // TALLY_MODULES_FROM_BIN: the install folder of modules relative to the install bindir.
    add(exe.parent_path() / TALLY_MODULES_FROM_BIN / name);
    if (in_build(exe)) add(build / name);
  }
  return out;
}

namespace {

struct Loaded {
  void* handle = nullptr;
  std::string error;
};

Loaded load(const std::string& name) {
  Loaded l;
  std::string looked;
  for (const auto& path : module_paths(name)) {
    std::error_code ec;
    if (!fs::exists(path, ec)) {
      looked += (looked.empty() ? "" : ", ") + path;
      continue;
    }
    // RTLD_LOCAL: the module's libraries stay out of the global namespace of symbols.
    void* h = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!h) {
      const char* e = dlerror();
      l.error = "cannot load the module " + path + ": " + (e ? e : "unknown error");
      return l;
    }
    auto* version = static_cast<const char* const*>(dlsym(h, "tally_module_version"));
    if (!version || std::string(*version) != TALLY_MODULE_VERSION) {
      l.error = "the module " + path + " is from another version of tally (" +
                (version ? *version : "none") + ", this is " + TALLY_MODULE_VERSION + ")";
      dlclose(h);
      return l;
    }
    l.handle = h;
    return l;
  }
  l.error = "the module " + name + " is not installed (looked for " + looked + ")";
  return l;
}

}  // namespace

ModuleSymbol module_symbol(const std::string& name, const char* symbol) {
  static std::mutex mu;
  static std::map<std::string, Loaded> loaded;
  std::lock_guard<std::mutex> lock(mu);
  auto it = loaded.find(name);
  if (it == loaded.end()) it = loaded.emplace(name, load(name)).first;
  ModuleSymbol out;
  if (!it->second.handle) {
    out.error = it->second.error;
    return out;
  }
  out.address = dlsym(it->second.handle, symbol);
  if (!out.address) out.error = "the module " + name + " has no " + symbol;
  return out;
}

}  // namespace tally::text
