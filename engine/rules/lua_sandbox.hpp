#pragma once
// A Lua 5.4 state that rule code cannot escape or exhaust: only the base, string, table, math
// and utf8 libraries (no io, os, debug, package, coroutine), text-only `load`, `require` limited
// to the rule's own folder, library tables read-only, an instruction budget and a memory cap per
// run that `pcall` cannot swallow.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <lua.hpp>
#include <optional>
#include <string>

namespace tally::rules {

struct LuaLimits {
  uint64_t instructions = 20'000'000;  // per rule per document
  size_t memory = 64u << 20;           // bytes a run may add on top of what the rules held
                                       // before the first document
  // Wall-clock time per rule per document, summed over its calls (checked every 4,000
  // instructions and 1,024 pattern steps): backs the count when a C function or the `..`
  // operator is slow for one instruction.
  std::chrono::milliseconds wall{10'000};
  size_t print_bytes = 64u << 10;  // print() output per rule per document
};

// What one rule has spent on one document. Shared by the Lua states that check the articles of
// one document (Checker::check with a helper), hence atomic.
struct RuleSpend {
  std::atomic<uint64_t> instructions{0};
  std::atomic<size_t> printed{0};
  std::atomic<size_t> findings{0};
  std::atomic<int64_t> nanoseconds{0};  // wall-clock time of the finished calls
};

// Finds the source of `require("name")` for a rule file: from disk beside it or from the packs
// embedded in the binary. Returns nullopt when there is no such module.
using ModuleLookup =
    std::function<std::optional<std::string>(const std::string& folder, const std::string& name)>;

class LuaSandbox {
 public:
  explicit LuaSandbox(LuaLimits limits, ModuleLookup modules);
  ~LuaSandbox();
  LuaSandbox(const LuaSandbox&) = delete;
  LuaSandbox& operator=(const LuaSandbox&) = delete;

  lua_State* state() const { return L_; }

  // Pushes a fresh environment for a rule file in `folder` (globals of one file do not leak
  // into another). The chunk's `require` resolves against that folder.
  void push_env(const std::string& folder);

  // Compiles text (never binary) as chunk `path` with the environment on top of the stack,
  // which it pops. Pushes the function; returns an error message instead on failure.
  std::optional<std::string> load(const std::string& path, std::string_view code);
  // The same for a chunk compiled at build time from a shipped rule file (embedded_bytecode.hpp):
  // the only binary chunks ever loaded, and never from anything but that table. On an error
  // (another Lua's format) the environment is left on the stack for a text load instead.
  std::optional<std::string> load_bytecode(std::string_view bytecode);

  // Calls the function below `nargs` arguments on the stack under the limits, with `nresults`
  // results. On failure returns the message ("file:line: …") and leaves nothing pushed.
  // `spend`: the rule's budget for the document, counted across calls (nullptr: this call's).
  std::optional<std::string> call(int nargs, int nresults, RuleSpend* spend = nullptr);

  // Around each document: the first call notes what the rules hold once loaded; the end
  // collects garbage (memory goes back between documents), and what the rules still hold above
  // that first mark counts against every later call's memory cap.
  void begin_document();
  void end_document();

  // Counts `bytes` a running rule hands to C++ (report texts) against its memory cap; false
  // when that goes over the cap.
  bool charge(size_t bytes);

  // Runs `build` with the limits off; what it allocates is the engine's (the lazily built
  // fields of the article view, which every later rule reads too), so it is added to the running
  // call's baseline rather than counted against the rule's memory cap. `build` must raise no Lua
  // error (its allocations cannot fail on the cap). Nests.
  static void unmetered(lua_State* L, const std::function<void()>& build);

  // Turns the limits of the running call off or back on; returns the previous setting. For C++
  // code that calls Lua with objects alive that a Lua error would skip (raw reads only).
  bool set_limited(bool on) {
    bool was = limited_;
    limited_ = on;
    return was;
  }

  // A flag that, once set, stops the running call at its next instruction count (every 1,000
  // instructions or pattern steps) and makes cancelled() true: a server stops a check whose
  // client has gone or whose time is up. nullptr: never cancelled.
  void set_cancel(const std::atomic<bool>* cancel) { cancel_ = cancel; }
  bool cancelled() const { return cancel_ && cancel_->load(std::memory_order_relaxed); }

  // Where the failed call last was ("file:line"), for errors that carry no position.
  const std::string& last_where() const { return last_where_; }

 private:
  static void* alloc(void* ud, void* ptr, size_t osize, size_t nsize);
  static void hook(lua_State* L, lua_Debug* ar);
  static void pattern_steps(lua_State* L, uint64_t steps);
  static int counted_rep(lua_State* L);
  static int counted_concat(lua_State* L);
  // Counts `n` instructions (or matching steps) against the running rule; raises the error that
  // stops it when it is over its budget or time.
  static void spend(lua_State* L, uint64_t n, bool check_clock);
  static int safe_pcall(lua_State* L);
  static int safe_xpcall(lua_State* L);
  static int safe_load(lua_State* L);
  static int sandbox_require(lua_State* L);
  static int sandbox_print(lua_State* L);
  static int message_handler(lua_State* L);
  static LuaSandbox* self(lua_State* L);
  void note_where(lua_State* L);

  lua_State* L_ = nullptr;
  LuaLimits limits_;
  ModuleLookup modules_;
  size_t in_use_ = 0;
  size_t baseline_ = 0;
  size_t resident_ = 0;  // held once the rules were loaded (0: no document yet)
  size_t retained_ = 0;  // held above that after the last document
  size_t charged_ = 0;   // bytes handed to C++ by the running call
  bool limited_ = false;
  RuleSpend own_;  // the budget of a call without a document's
  RuleSpend* spend_ = &own_;
  std::chrono::steady_clock::time_point started_;  // this call, less the rule's earlier calls
  unsigned hooks_ = 0;
  const char* aborting_ = nullptr;  // why the current run is being stopped
  const std::atomic<bool>* cancel_ = nullptr;
  std::string last_where_;
};

}  // namespace tally::rules
