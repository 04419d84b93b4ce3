#include "rules/lua_sandbox.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "rules/lua_patterns.hpp"
#include "rules/lua_readonly.hpp"

namespace tally::rules {

namespace {

constexpr const char* kBudget = "instruction budget exceeded";
constexpr const char* kMemory = "memory cap exceeded";
constexpr const char* kWall = "time limit exceeded";
constexpr const char* kCancelled = "check cancelled";

// Runs once with full access and returns make_env(folder) and freeze(t). Everything a rule can
// reach is built here from an allow-list; nothing is removed from a full environment. freeze
// copies a table tree and seals each copy with the same C proxies as the article view.
constexpr const char* kPrelude = R"lua(
local G, safe_pcall, safe_xpcall, safe_load, find_module, safe_print, seal = ...
local next, type, error, tostring = G.next, G.type, G.error, G.tostring

local function freeze(t, seen)
  seen = seen or {}
  if seen[t] then return seen[t] end
  local inner = {}
  local proxy = seal(inner)  -- reads `inner`, filled below
  seen[t] = proxy
  for k, v in next, t do
    if type(v) == "table" then inner[k] = freeze(v, seen) else inner[k] = v end
  end
  return proxy
end

-- String methods keep working; the string metatable is out of reach.
G.getmetatable("").__metatable = false

local libs = {
  string = freeze(G.string), table = freeze(G.table), math = freeze(G.math),
  utf8 = freeze(G.utf8),
}
local allowed = { "assert", "error", "ipairs", "next", "pairs", "select", "tonumber",
  "tostring", "type", "rawequal", "rawget", "rawlen", "getmetatable", "_VERSION" }

-- Lua runs finalizers with hooks off, so a __gc that loops would never be stopped by the
-- instruction budget. Lua 5.4 only marks a table for finalization when its metatable has __gc
-- at the time of setmetatable, so refusing it here is enough.
local rawget, setmt = G.rawget, G.setmetatable
local function safe_setmetatable(t, mt)
  if type(mt) == "table" and rawget(mt, "__gc") ~= nil then
    error("setmetatable: rules may not set __gc (finalizers run outside the budget)", 2)
  end
  return setmt(t, mt)
end

local function collect(opt)
  if opt == nil or opt == "count" then return G.collectgarbage("count") end
  error("collectgarbage: rules may only ask for 'count'", 2)
end

local function make_require(folder, env)
  local loaded = {}
  return function(name)
    if type(name) ~= "string" or not name:match("^[%w_][%w_%.%-]*$") or name:find("..", 1, true) then
      error("require: bad module name '" .. tostring(name) .. "'", 2)
    end
    if loaded[name] ~= nil then return loaded[name] end
    local src, path = find_module(folder, name)
    if not src then error("require: no module '" .. name .. "' in " .. folder, 2) end
    local f, err = safe_load(src, "@" .. path, env)
    if not f then error(err, 2) end
    local r = f(name)
    if r == nil then r = true end
    loaded[name] = r
    return r
  end
end

local function make_env(folder)
  local env = {}
  for _, k in G.ipairs(allowed) do env[k] = G[k] end
  for k, v in next, libs do env[k] = v end
  env.pcall, env.xpcall, env.print, env.collectgarbage = safe_pcall, safe_xpcall, safe_print, collect
  env.setmetatable = safe_setmetatable
  env.load = function(chunk, name, _, e) return safe_load(chunk, name, e or env) end
  env.require = make_require(folder, env)
  env._G = env
  return env
end

return make_env, freeze
)lua";

// "path:12: message" already says where it comes from.
bool has_position(const char* msg) {
  const char* colon = std::strchr(msg, ':');
  if (!colon || colon == msg) return false;
  const char* p = colon + 1;
  if (!(*p >= '0' && *p <= '9')) return false;
  while (*p >= '0' && *p <= '9') ++p;
  return *p == ':';
}

}  // namespace

LuaSandbox* LuaSandbox::self(lua_State* L) {
  void* ud = nullptr;
  lua_getallocf(L, &ud);
  return static_cast<LuaSandbox*>(ud);
}

void* LuaSandbox::alloc(void* ud, void* ptr, size_t osize, size_t nsize) {
  auto* s = static_cast<LuaSandbox*>(ud);
  size_t old = ptr ? osize : 0;
  if (nsize == 0) {
    s->in_use_ -= old;
    std::free(ptr);
    return nullptr;
  }
  if (s->limited_ && nsize > old &&
      s->in_use_ + s->charged_ + (nsize - old) > s->baseline_ + s->limits_.memory) {
    s->aborting_ = kMemory;
    // Note where the rule was: the memory error that follows carries no position. Reading the
    // stack allocates nothing.
    if (s->L_) s->note_where(s->L_);
    return nullptr;
  }
  void* p = std::realloc(ptr, nsize);
  if (!p) return nullptr;
  s->in_use_ = s->in_use_ - old + nsize;
  return p;
}

// The innermost Lua line on the stack (a runaway inside string.rep is reported at its caller).
void LuaSandbox::note_where(lua_State* L) {
  lua_Debug ar;
  for (int level = 0; lua_getstack(L, level, &ar); ++level)
    if (lua_getinfo(L, "Sl", &ar) && ar.currentline > 0 && ar.source[0] == '@') {
      last_where_ = std::string(ar.source + 1) + ":" + std::to_string(ar.currentline);
      return;
    }
}

void LuaSandbox::spend(lua_State* L, uint64_t n, bool check_clock) {
  auto* s = self(L);
  if (!s->limited_) return;
  uint64_t used = s->spend_->instructions.fetch_add(n, std::memory_order_relaxed) + n;
  if (!s->aborting_ && used > s->limits_.instructions) s->aborting_ = kBudget;
  if (!s->aborting_ && s->cancelled()) s->aborting_ = kCancelled;
  if (!s->aborting_ && check_clock &&
      std::chrono::steady_clock::now() - s->started_ > s->limits_.wall)
    s->aborting_ = kWall;
  if (!s->aborting_) return;
  if (s->aborting_ != kMemory) s->note_where(L);
  if (s->aborting_ == kCancelled)
    lua_pushfstring(L, "%s: %s", s->last_where_.c_str(), s->aborting_);
  else if (s->aborting_ == kWall)
    lua_pushfstring(L, "%s: %s (%d ms per rule per document)", s->last_where_.c_str(), s->aborting_,
                    static_cast<int>(s->limits_.wall.count()));
  else
    lua_pushfstring(L, "%s: %s (%d million instructions)", s->last_where_.c_str(), s->aborting_,
                    static_cast<int>(s->limits_.instructions / 1'000'000));
  lua_error(L);
}

// Runs every 1000 instructions, so it only counts: the position is looked up when stopping.
// The clock is read every 4th time.
void LuaSandbox::hook(lua_State* L, lua_Debug*) {
  auto* s = self(L);
  spend(L, 1000, (++s->hooks_ & 3) == 0);
}

// A pattern matching step costs about what an instruction does; they are reported in 1024s.
void LuaSandbox::pattern_steps(lua_State* L, uint64_t steps) {
  spend(L, steps, true);
}

// string.rep and table.concat build their result in one instruction: its bytes are charged to
// the budget, 64 to an instruction (a 64 MB string costs a million), rep's before it is built.
constexpr double kBytesPerInstruction = 64;

int LuaSandbox::counted_rep(lua_State* L) {
  size_t l = 0, lsep = 0;
  luaL_checklstring(L, 1, &l);
  lua_Integer n = luaL_checkinteger(L, 2);
  luaL_optlstring(L, 3, "", &lsep);
  if (n > 0) {
    double bytes = (static_cast<double>(l) + static_cast<double>(lsep)) * static_cast<double>(n);
    spend(L, static_cast<uint64_t>(std::min(bytes / kBytesPerInstruction, 1e18)), true);
  }
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, lua_gettop(L) - 1, 1);
  return 1;
}

int LuaSandbox::counted_concat(lua_State* L) {
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, lua_gettop(L) - 1, 1);
  spend(L, static_cast<uint64_t>(static_cast<double>(lua_rawlen(L, -1)) / kBytesPerInstruction),
        true);
  return 1;
}

// pcall and xpcall for rules: a stopped run stays stopped even inside them.
int LuaSandbox::safe_pcall(lua_State* L) {
  luaL_checkany(L, 1);
  int status = lua_pcall(L, lua_gettop(L) - 1, LUA_MULTRET, 0);
  if (self(L)->aborting_) return lua_error(L);
  lua_pushboolean(L, status == LUA_OK);
  lua_insert(L, 1);
  return lua_gettop(L);
}

// The message handler runs after the failed call has unwound, as an ordinary call under the
// budget: Lua calls a handler given to lua_pcall at the error, and an error raised by the
// budget hook is raised with hooks off, so a handler that loops would never be stopped.
int LuaSandbox::safe_xpcall(lua_State* L) {
  int n = lua_gettop(L);
  luaL_checktype(L, 2, LUA_TFUNCTION);
  lua_pushvalue(L, 1);
  lua_rotate(L, 3, 1);  // f, handler, f, args…
  int status = lua_pcall(L, n - 2, LUA_MULTRET, 0);
  if (self(L)->aborting_) return lua_error(L);
  if (status == LUA_OK) {
    lua_pushboolean(L, 1);
    lua_replace(L, 2);  // f, true, results…
    return lua_gettop(L) - 1;
  }
  lua_settop(L, 3);  // f, handler, error
  lua_pcall(L, 1, 1, 0);
  if (self(L)->aborting_) return lua_error(L);
  lua_pushboolean(L, 0);
  lua_insert(L, -2);
  return 2;
}

// load(text, name, env): text chunks only; a binary chunk is refused by mode "t".
int LuaSandbox::safe_load(lua_State* L) {
  size_t len = 0;
  const char* s = lua_tolstring(L, 1, &len);
  if (!s) {
    luaL_pushfail(L);
    lua_pushliteral(L, "load: rules may only load text chunks given as strings");
    return 2;
  }
  const char* name = luaL_optstring(L, 2, "=(load)");
  if (luaL_loadbufferx(L, s, len, name, "t") != LUA_OK) {
    luaL_pushfail(L);
    lua_insert(L, -2);
    return 2;
  }
  if (!lua_isnoneornil(L, 3)) {
    lua_pushvalue(L, 3);
    if (!lua_setupvalue(L, -2, 1)) lua_pop(L, 1);
  }
  return 1;
}

// find_module(folder, name) -> source, path | nil
int LuaSandbox::sandbox_require(lua_State* L) {
  std::string folder = luaL_checkstring(L, 1);
  std::string name = luaL_checkstring(L, 2);
  auto* s = self(L);
  std::string rel = name;
  for (auto& c : rel)
    if (c == '.') c = '/';
  auto src = s->modules_ ? s->modules_(folder, rel + ".lua") : std::nullopt;
  if (!src) {
    lua_pushnil(L);
    return 1;
  }
  lua_pushlstring(L, src->data(), src->size());
  lua_pushstring(L, (folder + "/" + rel + ".lua").c_str());
  return 2;
}

// print goes to stderr, so a rule author can trace a rule without breaking JSON output. A rule
// prints at most limits_.print_bytes per document, then one "output truncated" line.
int LuaSandbox::sandbox_print(lua_State* L) {
  auto* s = self(L);
  int n = lua_gettop(L);
  luaL_Buffer b;
  luaL_buffinit(L, &b);
  for (int i = 1; i <= n; ++i) {
    if (i > 1) luaL_addchar(&b, '\t');
    luaL_tolstring(L, i, nullptr);
    luaL_addvalue(&b);
  }
  luaL_pushresult(&b);
  size_t len = 0;
  const char* line = lua_tolstring(L, -1, &len);
  size_t cap = s->limits_.print_bytes;
  size_t before = s->spend_->printed.fetch_add(len + 1, std::memory_order_relaxed);
  if (before >= cap) return 0;
  bool cut = before + len + 1 > cap;
  if (cut) len = cap - before;
  std::fwrite("[lua] ", 1, 6, stderr);
  std::fwrite(line, 1, len, stderr);
  std::fputc('\n', stderr);
  if (cut) std::fprintf(stderr, "[lua] output truncated (%zu bytes per rule per document)\n", cap);
  return 0;
}

int LuaSandbox::message_handler(lua_State* L) {
  const char* msg = lua_tostring(L, 1);
  if (!msg) {
    msg = lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
    lua_replace(L, 1);
  }
  if (has_position(msg)) return 1;
  lua_Debug ar;
  for (int level = 1; lua_getstack(L, level, &ar); ++level) {
    lua_getinfo(L, "Sl", &ar);
    if (ar.currentline > 0 && ar.source[0] == '@') {
      lua_pushfstring(L, "%s:%d: %s", ar.source + 1, ar.currentline, msg);
      return 1;
    }
  }
  return 1;
}

LuaSandbox::LuaSandbox(LuaLimits limits, ModuleLookup modules)
    : limits_(limits), modules_(std::move(modules)) {
  L_ = lua_newstate(alloc, this);
  if (!L_) throw std::bad_alloc();
  luaL_requiref(L_, LUA_GNAME, luaopen_base, 1);
  luaL_requiref(L_, LUA_STRLIBNAME, luaopen_string, 1);
  install_counted_patterns(L_, -1, pattern_steps);
  lua_getfield(L_, -1, "rep");
  lua_pushcclosure(L_, counted_rep, 1);
  lua_setfield(L_, -2, "rep");
  luaL_requiref(L_, LUA_TABLIBNAME, luaopen_table, 1);
  lua_getfield(L_, -1, "concat");
  lua_pushcclosure(L_, counted_concat, 1);
  lua_setfield(L_, -2, "concat");
  luaL_requiref(L_, LUA_MATHLIBNAME, luaopen_math, 1);
  luaL_requiref(L_, LUA_UTF8LIBNAME, luaopen_utf8, 1);
  lua_settop(L_, 0);
  if (luaL_loadbufferx(L_, kPrelude, std::strlen(kPrelude), "=prelude", "t") != LUA_OK)
    throw std::runtime_error(lua_tostring(L_, -1));
  lua_pushglobaltable(L_);
  lua_pushcfunction(L_, safe_pcall);
  lua_pushcfunction(L_, safe_xpcall);
  lua_pushcfunction(L_, safe_load);
  lua_pushcfunction(L_, sandbox_require);
  lua_pushcfunction(L_, sandbox_print);
  push_seal_function(L_);
  if (lua_pcall(L_, 7, 2, 0) != LUA_OK) throw std::runtime_error(lua_tostring(L_, -1));
  lua_setfield(L_, LUA_REGISTRYINDEX, "tally.freeze");
  lua_setfield(L_, LUA_REGISTRYINDEX, "tally.make_env");
}

LuaSandbox::~LuaSandbox() {
  if (L_) lua_close(L_);
}

void LuaSandbox::push_env(const std::string& folder) {
  lua_getfield(L_, LUA_REGISTRYINDEX, "tally.make_env");
  lua_pushstring(L_, folder.c_str());
  lua_call(L_, 1, 1);
}

std::optional<std::string> LuaSandbox::load(const std::string& path, std::string_view code) {
  std::string name = "@" + path;
  if (luaL_loadbufferx(L_, code.data(), code.size(), name.c_str(), "t") != LUA_OK) {
    std::string msg = lua_tostring(L_, -1);
    lua_pop(L_, 2);
    return msg;
  }
  lua_insert(L_, -2);  // function, env
  lua_setupvalue(L_, -2, 1);
  return std::nullopt;
}

std::optional<std::string> LuaSandbox::load_bytecode(std::string_view bytecode) {
  // The chunk carries its own name ("@<embedded>/…", given when it was compiled).
  if (luaL_loadbufferx(L_, bytecode.data(), bytecode.size(), "=bytecode", "b") != LUA_OK) {
    std::string msg = lua_tostring(L_, -1);
    lua_pop(L_, 1);
    return msg;
  }
  lua_insert(L_, -2);  // function, env
  lua_setupvalue(L_, -2, 1);
  return std::nullopt;
}

void LuaSandbox::begin_document() {
  if (resident_ == 0) {
    lua_gc(L_, LUA_GCCOLLECT);
    resident_ = in_use_;
  }
}

void LuaSandbox::end_document() {
  lua_gc(L_, LUA_GCCOLLECT);
  retained_ = resident_ && in_use_ > resident_ ? in_use_ - resident_ : 0;
}

void LuaSandbox::unmetered(lua_State* L, const std::function<void()>& build) {
  auto* s = self(L);
  bool was = s->limited_;
  size_t before = s->in_use_;
  s->limited_ = false;
  build();
  if (was && s->in_use_ > before) s->baseline_ += s->in_use_ - before;
  s->limited_ = was;
}

bool LuaSandbox::charge(size_t bytes) {
  if (!limited_) return true;
  charged_ += bytes;
  if (in_use_ + charged_ <= baseline_ + limits_.memory) return true;
  aborting_ = kMemory;
  note_where(L_);
  return false;
}

std::optional<std::string> LuaSandbox::call(int nargs, int nresults, RuleSpend* spend) {
  int base = lua_gettop(L_) - nargs;
  lua_pushcfunction(L_, message_handler);
  lua_insert(L_, base);
  own_.instructions = 0;
  own_.printed = 0;
  own_.nanoseconds = 0;
  spend_ = spend ? spend : &own_;
  aborting_ = nullptr;
  // What the rules kept from earlier documents counts against the cap.
  baseline_ = in_use_ - std::min(retained_, in_use_);
  charged_ = 0;
  hooks_ = 0;
  auto now = std::chrono::steady_clock::now();
  started_ = now - std::chrono::nanoseconds(spend_->nanoseconds.load(std::memory_order_relaxed));
  last_where_.clear();
  limited_ = true;
  lua_sethook(L_, hook, LUA_MASKCOUNT, 1000);
  int status = lua_pcall(L_, nargs, nresults, base);
  lua_sethook(L_, nullptr, 0, 0);
  limited_ = false;
  spend_->nanoseconds.fetch_add((std::chrono::steady_clock::now() - now).count(),
                                std::memory_order_relaxed);
  spend_ = &own_;
  lua_remove(L_, base);
  if (status == LUA_OK) return std::nullopt;
  std::string msg;
  if (status == LUA_ERRMEM || aborting_ == kMemory) {
    msg = (last_where_.empty() ? std::string("?") : last_where_) + ": " + kMemory + " (" +
          std::to_string(limits_.memory >> 20) + " MB)";
  } else {
    const char* m = lua_tostring(L_, -1);
    msg = m ? m : "(error object is not a string)";
  }
  lua_pop(L_, 1);
  aborting_ = nullptr;
  lua_gc(L_, LUA_GCCOLLECT);
  return msg;
}

}  // namespace tally::rules
