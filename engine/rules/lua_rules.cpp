#include "rules/lua_rules.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <iterator>
#include <set>

#include "rules/lua_view.hpp"
#include "rules/rule_meta.hpp"
#include "text/utf8.hpp"

namespace tally::rules {

namespace {

// Helpers a rule author needs, in Lua so authors can read what they do. Loaded into the sandbox
// like a rule file; the `tally` table is these plus tally.rule.
constexpr const char* kHelpers = R"lua(
local H = {}

-- The interval a fact or a plain number stands for.
local function lohi(x)
  if type(x) == "number" then return x, x end
  return x.lo or x.value, x.hi or x.value
end
H.interval = lohi

-- Do two facts (or numbers) allow a common value?
function H.overlaps(a, b)
  local alo, ahi = lohi(a)
  local blo, bhi = lohi(b)
  return alo <= bhi and blo <= ahi
end

function H.round(x, decimals)
  local m = 10 ^ (decimals or 0)
  return math.floor(x * m + 0.5) / m
end

-- Does `rate` agree with part/whole at the precision it is written with ("32%" allows 31.5 to
-- 32.5; "16.73%" allows 16.725 to 16.735), given the intervals of all three?
-- Returns ok and the computed value in the rate's unit.
function H.rate_matches(rate, part, whole)
  local scale = rate.unit == "per-mille" and 1000 or 100
  local plo, phi = lohi(part)
  local wlo, whi = lohi(whole)
  if whi <= 0 then return true, nil end
  local computed = lohi(part) / lohi(whole) * scale
  local lo = plo / whi * scale
  local hi = wlo > 0 and phi / wlo * scale or math.huge
  local half = 0.5 * 10 ^ -(rate.precision or rate.decimals or 0)
  local rlo, rhi = lohi(rate)
  local eps = 1e-9
  return lo <= rhi + half + eps and hi >= rlo - half - eps, computed
end

-- Change from `from` to `to` in percent.
function H.growth(from, to)
  local f, t = lohi(from), lohi(to)
  if f == 0 then return nil end
  return (t - f) / f * 100
end

-- Nouns that name the same thing: equal, or one is the other with words in front of it
-- ("办结案件" and "案件").
function H.same_noun(a, b)
  a = type(a) == "table" and a.noun or a
  b = type(b) == "table" and b.noun or b
  if not a or not b or a == "" or b == "" then return false end
  if a == b then return true end
  local short, long = a, b
  if #short > #long then short, long = long, short end
  return #short >= 6 and long:sub(-#short) == short
end

-- A number as a person writes it: no trailing zeros.
function H.format(x, decimals)
  if x == math.huge then return "∞" end
  local s = string.format("%." .. (decimals or 2) .. "f", x)
  if s:find("%.") then s = s:gsub("0+$", ""):gsub("%.$", "") end
  return s
end

-- The text for the language findings are worded in (the article's unless the check asks for the
-- other): tally.pick(article, {zh = "…", en = "…"}).
function H.pick(article, texts)
  return texts[article.message_language or article.language] or texts.zh or texts.en
end

function H.days_in_month(y, m)
  local d = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 }
  if m == 2 and (y % 4 == 0 and (y % 100 ~= 0 or y % 400 == 0)) then return 29 end
  return d[m]
end

-- Day of week, 1 Monday … 7 Sunday.
function H.weekday(y, m, d)
  local t = { 0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4 }
  if m < 3 then y = y - 1 end
  local w = (y + y // 4 - y // 100 + y // 400 + t[m] + d) % 7
  return w == 0 and 7 or w
end

-- Facts of the same block and sentence as `fact`, of the given type (or any).
function H.same_sentence(article, fact, type_)
  local out = {}
  for _, f in ipairs(article.facts) do
    if f.block == fact.block and f.sentence == fact.sentence and f ~= fact
       and (type_ == nil or f.type == type_) then
      out[#out + 1] = f
    end
  end
  return out
end

-- The sentence and clause a fact is in.
function H.sentence_of(article, fact)
  local b = article.blocks[fact.block]
  return b and fact.sentence and b.sentences[fact.sentence] or nil
end
function H.clause_of(article, fact)
  local s = H.sentence_of(article, fact)
  return s and fact.clause and s.clauses[fact.clause] or nil
end

-- Up to `n` bytes of the block's text just before / after a fact (or anything with a block
-- and lbegin/lend).
function H.before(article, fact, n)
  local t = article.blocks[fact.block].text
  return t:sub(math.max(1, fact.lbegin - (n or 30) + 1), fact.lbegin)
end
function H.after(article, fact, n)
  local t = article.blocks[fact.block].text
  return t:sub(fact.lend + 1, fact.lend + (n or 30))
end

-- The first of `words` found in `text` (plain search), or nil.
function H.find_any(text, words)
  for _, w in ipairs(words) do
    if text:find(w, 1, true) then return w end
  end
  return nil
end

-- Quantities and numbers (the facts that count something) in reading order: the two lists
-- merged by where they start, a number first at a tie as article.facts lists them (reading
-- only these two keeps the lazy view from building every other list).
function H.amounts(article)
  local out, ns, qs = {}, article.numbers, article.quantities
  local i, j, nn, nq = 1, 1, #ns, #qs
  while i <= nn or j <= nq do
    local n, q = ns[i], qs[j]
    if q == nil or (n ~= nil and n.span.begin <= q.span.begin) then
      out[#out + 1] = n
      i = i + 1
    else
      out[#out + 1] = q
      j = j + 1
    end
  end
  return out
end

-- Is `a` before `b` in the article?
function H.precedes(a, b)
  return a.block < b.block or (a.block == b.block and a.lbegin < b.lbegin)
end

return H
)lua";

// A string, or a table of texts by language, into `out` (which the caller owns: a Lua error may
// leave this function at any lua_ call).
void texts_at(lua_State* L, int idx, std::map<std::string, std::string>& out, bool raw = false) {
  out.clear();
  idx = lua_absindex(L, idx);
  if (lua_type(L, idx) == LUA_TSTRING) {
    out[""] = lua_tostring(L, idx);
  } else if (lua_istable(L, idx)) {
    for (const char* lang : {"zh", "en"}) {
      if (raw) {
        lua_pushstring(L, lang);
        lua_rawget(L, idx);
      } else {
        lua_getfield(L, idx, lang);
      }
      if (lua_type(L, -1) == LUA_TSTRING) out[lang] = lua_tostring(L, -1);
      lua_pop(L, 1);
    }
  }
}

// Where a fact or span table points: `span = {begin, end}`, or `begin`/`end` of its own.
bool span_of(lua_State* L, int idx, Span& s) {
  idx = lua_absindex(L, idx);
  auto indexable = [&](int i) { return lua_istable(L, i) || lua_type(L, i) == LUA_TUSERDATA; };
  if (!indexable(idx)) return false;
  lua_getfield(L, idx, "span");
  int t = indexable(-1) ? lua_gettop(L) : idx;
  lua_getfield(L, t, "begin");
  lua_getfield(L, t, "end");
  bool ok = lua_isinteger(L, -2) && lua_isinteger(L, -1);
  if (ok) {
    lua_Integer b = lua_tointeger(L, -2), e = lua_tointeger(L, -1);
    ok = b >= 0 && e >= b && e <= 0xFFFFFFFFll;
    s = {static_cast<uint32_t>(b), static_cast<uint32_t>(e)};
  }
  lua_pop(L, 3);
  return ok;
}

// Whether `s` is UTF-8 throughout; if not, `where` says where it stops ("byte 0xFF at offset
// 4"). A message or fix that is not UTF-8 (a string cut inside a character, a stray "\255") is
// its rule's error: the JSON, SARIF and XML formats cannot carry it. A char buffer, not a
// string: luaL_error's longjmp would skip a string's destructor.
bool valid_utf8(const std::string& s, char (&where)[64]) {
  auto bad = text::first_invalid_utf8(s);
  if (!bad) return true;
  std::snprintf(where, sizeof where, "byte 0x%02X at offset %zu",
                static_cast<unsigned char>(s[*bad]), *bad);
  return false;
}

// "path:12: message" -> line 12 of path.
RuleError error_from(const std::string& msg, const std::string& file, const std::string& rule) {
  RuleError e{file, 0, 0, rule, msg};
  if (msg.compare(0, file.size() + 1, file + ":") == 0) {
    size_t p = file.size() + 1, q = p;
    while (q < msg.size() && msg[q] >= '0' && msg[q] <= '9') ++q;
    // from_chars, not stoi: a rule may raise "file:99999999999: …", and stoi's out_of_range
    // would end the whole run (the line is then left unknown).
    int line = 0;
    if (q > p && q < msg.size() && msg[q] == ':') {
      if (std::from_chars(msg.data() + p, msg.data() + q, line).ec == std::errc()) e.line = line;
      e.message = msg.substr(q + 1);
      if (!e.message.empty() && e.message[0] == ' ') e.message.erase(0, 1);
    }
  }
  return e;
}

// A tally.rule{} table's metadata keys as rule_meta.cpp reads them. Raw reads only: nothing
// here may raise a Lua error (a longjmp) across C++ frames; failures throw LuaMetaError, which
// declare() turns into the Lua error the file's load reports.
struct LuaMetaError {
  std::string message;
};

class LuaMeta : public MetaReader {
 public:
  LuaMeta(lua_State* L, int table) : L_(L), t_(lua_absindex(L, table)) {}
  bool has(const std::string& key) const override {
    bool present = push(key) != LUA_TNIL;
    lua_pop(L_, 1);
    return present;
  }
  std::string text(const std::string& key) const override {
    int type = push(key);
    std::string s = type == LUA_TSTRING    ? lua_tostring(L_, -1)
                    : type == LUA_TBOOLEAN ? (lua_toboolean(L_, -1) ? "true" : "false")
                                           : "";
    lua_pop(L_, 1);
    if (type != LUA_TSTRING && type != LUA_TBOOLEAN) fail(key, "'" + key + "' must be a string");
    return s;
  }
  std::vector<std::pair<std::string, std::string>> texts(const std::string& key) const override {
    std::vector<std::pair<std::string, std::string>> out;
    int type = push(key);
    bool ok = type == LUA_TSTRING || type == LUA_TTABLE;
    if (type == LUA_TSTRING) out.emplace_back("", lua_tostring(L_, -1));
    if (type == LUA_TTABLE) {
      lua_pushnil(L_);
      while (ok && lua_next(L_, -2)) {
        ok = lua_type(L_, -2) == LUA_TSTRING && lua_type(L_, -1) == LUA_TSTRING;
        if (ok) out.emplace_back(lua_tostring(L_, -2), lua_tostring(L_, -1));
        lua_pop(L_, ok ? 1 : 2);
      }
    }
    lua_pop(L_, 1);
    if (!ok) fail(key, "'" + key + "' must be a string or a table of zh/en texts");
    return out;
  }
  std::vector<std::string> names(const std::string& key) const override {
    std::vector<std::string> out;
    int type = push(key);
    bool ok = type == LUA_TSTRING || type == LUA_TTABLE;
    if (type == LUA_TSTRING) out.push_back(lua_tostring(L_, -1));
    if (type == LUA_TTABLE)
      for (lua_Integer i = 1; ok && lua_rawgeti(L_, -1, i) != LUA_TNIL; ++i) {
        ok = lua_type(L_, -1) == LUA_TSTRING;
        if (ok) out.push_back(lua_tostring(L_, -1));
        lua_pop(L_, 1);
      }
    lua_pop(L_, ok ? 1 : 2);
    if (!ok) fail(key, "'" + key + "' must be a name or a list of names");
    return out;
  }
  [[noreturn]] void fail(const std::string&, const std::string& message) const override {
    throw LuaMetaError{"tally.rule: " + message};
  }

 private:
  int push(const std::string& key) const {
    lua_pushlstring(L_, key.data(), key.size());
    return lua_rawget(L_, t_);
  }
  lua_State* L_;
  int t_;
};

}  // namespace

namespace {

// tally.find_byte(text, set, init): position (1-based) of the first byte at or after `init` that
// is one of the bytes of `set`, or nil. A pattern class ("[,;:]") runs the matcher at every
// byte of a page, 50 times slower; rules scanning for marks use this.
int find_byte(lua_State* L) {
  size_t n = 0, m = 0;
  const char* text = luaL_checklstring(L, 1, &n);
  const char* set = luaL_checklstring(L, 2, &m);
  lua_Integer init = luaL_optinteger(L, 3, 1);
  if (init < 1) init = 1;
  bool in_set[256] = {};
  for (size_t i = 0; i < m; ++i) in_set[static_cast<unsigned char>(set[i])] = true;
  for (auto i = static_cast<size_t>(init - 1); i < n; ++i)
    if (in_set[static_cast<unsigned char>(text[i])]) {
      lua_pushinteger(L, static_cast<lua_Integer>(i + 1));
      return 1;
    }
  lua_pushnil(L);
  return 1;
}

}  // namespace

LuaRules* LuaRules::self(lua_State* L) {
  return static_cast<LuaRules*>(lua_touserdata(L, lua_upvalueindex(1)));
}

LuaRules::LuaRules(LuaLimits limits, ModuleLookup modules)
    : sandbox_(std::make_unique<LuaSandbox>(limits, std::move(modules))) {
  lua_State* L = sandbox_->state();
  sandbox_->push_env("");
  if (auto err = sandbox_->load("tally-helpers", kHelpers)) throw std::runtime_error(*err);
  if (auto err = sandbox_->call(0, 1)) throw std::runtime_error(*err);
  lua_pushlightuserdata(L, this);
  lua_pushcclosure(L, declare, 1);
  lua_setfield(L, -2, "rule");
  lua_pushlightuserdata(L, this);
  lua_pushcclosure(L, locate, 1);
  lua_setfield(L, -2, "span");
  lua_pushcfunction(L, find_byte);
  lua_setfield(L, -2, "find_byte");
  lua_getfield(L, LUA_REGISTRYINDEX, "tally.freeze");
  lua_insert(L, -2);
  lua_call(L, 1, 1);
  tally_ref_ = luaL_ref(L, LUA_REGISTRYINDEX);
}

LuaRules::~LuaRules() = default;

std::vector<RuleError> LuaRules::load_file(const std::string& path, const std::string& folder,
                                           std::string_view code, std::string_view bytecode) {
  lua_State* L = sandbox_->state();
  sandbox_->push_env(folder);
  lua_rawgeti(L, LUA_REGISTRYINDEX, tally_ref_);
  lua_setfield(L, -2, "tally");
  if (bytecode.empty() || sandbox_->load_bytecode(bytecode))
    if (auto err = sandbox_->load(path, code)) return {error_from(*err, path, "")};
  loading_ = path;
  size_t before = rules_.size(), warned = warnings_.size();
  auto err = sandbox_->call(0, 0);
  loading_.clear();
  if (err) {
    // A file that fails half-way declares nothing: its rules would be in an unknown state.
    for (size_t i = before; i < rules_.size(); ++i)
      for (int ref : {rules_[i].on_article, rules_[i].on_edition})
        if (ref > 0) luaL_unref(L, LUA_REGISTRYINDEX, ref);
    rules_.resize(before);
    warnings_.resize(warned);
    return {error_from(*err, path, "")};
  }
  if (rules_.size() == before)
    return {{path, 0, 0, "", "the file declares no rule (call tally.rule{…})"}};
  return {};
}

// tally.rule{ id = "…", severity = "warning", message = …, description = …, link = …,
//             example = …, requires = "publication_date" | {…}, merge = {zh = …, en = …},
//             on_article = function(article, report) … end }
int LuaRules::declare(lua_State* L) {
  auto* me = self(L);
  luaL_checktype(L, 1, LUA_TTABLE);
  if (me->loading_.empty()) return luaL_error(L, "tally.rule may only be called when a file loads");
  bool failed = false;
  // C++ objects are alive below while Lua is called. Reads are raw (no metamethod, so no rule
  // code and no budget stop) and the memory cap is paused, so no Lua error can skip their
  // destructors; the error, if any, is raised once they are gone.
  bool limited = me->sandbox_->set_limited(false);
  {
    std::string error;
    LuaRule r;
    lua_pushnil(L);
    while (error.empty() && lua_next(L, 1)) {
      std::string key = lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2) : "";
      if (key != "on_article" && key != "on_edition" && key != "merge" &&
          std::find(meta_keys().begin(), meta_keys().end(), key) == meta_keys().end())
        error = "tally.rule: unknown key '" +
                (key.empty() ? std::string(luaL_typename(L, -2)) : key) + "'";
      lua_pop(L, error.empty() ? 1 : 2);
    }
    r.info.kind = "lua";
    r.info.file = me->loading_;
    // The outermost call in the rule's own file: a rule declared through a local helper or a
    // module under lib/ is located where the helper is called, not inside the helper.
    lua_Debug ar;
    std::string source = "@" + me->loading_;
    for (int level = 1; lua_getstack(L, level, &ar); ++level)
      if (lua_getinfo(L, "Sl", &ar) && ar.currentline > 0 && source == ar.source)
        r.info.line = ar.currentline;
    if (r.info.line == 0 && lua_getstack(L, 1, &ar) && lua_getinfo(L, "l", &ar))
      r.info.line = ar.currentline;  // declared from a required module
    if (error.empty()) try {
        for (auto& w : read_rule_meta(LuaMeta(L, 1), r.info))
          me->warnings_.push_back({r.info.file, r.info.line, 0, r.info.id, std::move(w)});
      } catch (const LuaMetaError& e) {
        error = e.message;
      }
    if (error.empty()) {
      // How findings grouped per article read once merged for the document (merge_grouped).
      lua_pushliteral(L, "merge");
      lua_rawget(L, 1);
      texts_at(L, -1, r.merge_message, true);
      lua_pop(L, 1);
      // on_article, on_edition or both: a rule of the whole edition may look at no article alone.
      lua_pushliteral(L, "on_edition");
      lua_rawget(L, 1);
      if (lua_isfunction(L, -1))
        r.on_edition = luaL_ref(L, LUA_REGISTRYINDEX);
      else if (!lua_isnil(L, -1))
        error = "tally.rule: 'on_edition' must be a function", lua_pop(L, 1);
      else
        lua_pop(L, 1);
      lua_pushliteral(L, "on_article");
      lua_rawget(L, 1);
      if (!error.empty()) {
        lua_pop(L, 1);
      } else if (lua_isfunction(L, -1)) {
        r.on_article = luaL_ref(L, LUA_REGISTRYINDEX);
        me->rules_.push_back(std::move(r));
      } else if (lua_isnil(L, -1) && r.on_edition) {
        lua_pop(L, 1);
        me->rules_.push_back(std::move(r));
      } else {
        lua_pop(L, 1);
        if (r.on_edition) luaL_unref(L, LUA_REGISTRYINDEX, r.on_edition);
        error = "tally.rule: 'on_article' must be a function";
      }
    }
    if (!error.empty()) {
      luaL_where(L, 1);
      lua_pushlstring(L, error.data(), error.size());
      lua_concat(L, 2);
      failed = true;
    }
  }
  me->sandbox_->set_limited(limited);
  if (failed) return lua_error(L);
  return 0;
}

// In on_edition: the 1-based integer `key` of the table at `idx`, else of its `at` (a figure of
// edition.restatements carries its page and article), else `fallback`. Phase-one reading: it may
// run rule code.
lua_Integer edition_field(lua_State* L, int idx, const char* key, lua_Integer fallback) {
  idx = lua_absindex(L, idx);
  lua_getfield(L, idx, key);
  if (lua_isinteger(L, -1)) {
    lua_Integer v = lua_tointeger(L, -1);
    lua_pop(L, 1);
    return v;
  }
  lua_pop(L, 1);
  lua_getfield(L, idx, "at");
  lua_Integer v = fallback;
  if (lua_istable(L, -1) || lua_type(L, -1) == LUA_TUSERDATA) {
    lua_getfield(L, -1, key);
    if (lua_isinteger(L, -1)) v = lua_tointeger(L, -1);
    lua_pop(L, 1);
  }
  lua_pop(L, 1);
  return v;
}

// report{ at = fact_or_span, message = "…" | {zh=…, en=…},
//         fix = "…" | {at=…, text=…} | { {at=…, text=…}, … }, severity = "…" }
// Two phases. Reading the rule's tables may run rule code (metamethods), which may raise a Lua
// error (a longjmp) or even call report again; so the first phase only gathers plain values on
// the Lua stack and in a flat Lua table, with no C++ object alive. The second reads those back
// without calling any rule code and builds the finding in members (pending_, texts_, edits_),
// so a Lua error there skips no destructor either.
int LuaRules::report(lua_State* L) {
  auto* me = self(L);
  if (!me->rule_) return luaL_error(L, "report may only be called while a rule runs");
  luaL_checktype(L, 1, LUA_TTABLE);
  lua_settop(L, 1);
  // In on_edition the finding's file and article are named: page (1-based, edition order) and
  // article (1-based in that file), from the report table or from `at`.
  const DocumentInput* doc = me->doc_;
  const ArticleInput* art = me->article_;
  lua_Integer page = 0;
  if (me->edition_) {
    const auto& ed = *me->edition_;
    page = edition_field(L, 1, "page", 0);
    if (page < 1 || page > static_cast<lua_Integer>(ed.size()))
      return luaL_error(L,
                        "report: in on_edition, 'page' (or at.page) must be a page of the edition");
    doc = ed[static_cast<size_t>(page - 1)];
    lua_Integer article = edition_field(L, 1, "article", 1);
    if (article < 1 || article > static_cast<lua_Integer>(doc->articles.size()))
      return luaL_error(L, "report: no article %d on page %d", static_cast<int>(article),
                        static_cast<int>(page));
    art = &doc->articles[static_cast<size_t>(article - 1)];
    lua_settop(L, 1);
  }
  auto size = doc->bytes.size();
  Span at{};
  lua_getfield(L, 1, "at");
  if (!span_of(L, -1, at)) return luaL_error(L, "report: 'at' must be a fact or a span");
  if (at.end > size) return luaL_error(L, "report: span ends past the end of the file");
  lua_settop(L, 1);
  // 2: message (string or nil), 3: zh, 4: en, 5: severity, 6: flat fix {b, e, text, …} or nil,
  // 7: fix is a plain string (true) or a list (false).
  lua_getfield(L, 1, "message");
  if (lua_istable(L, 2)) {
    lua_getfield(L, 2, "zh");
    lua_getfield(L, 2, "en");
    lua_pushnil(L);
    lua_replace(L, 2);
  } else {
    lua_pushnil(L);
    lua_pushnil(L);
  }
  lua_getfield(L, 1, "severity");
  lua_getfield(L, 1, "fix");  // 6 for now
  bool plain_fix = lua_type(L, 6) == LUA_TSTRING;
  if (lua_istable(L, 6)) {
    // {at=…, text=…}, or a list of them: one fix whose edits are applied together.
    lua_newtable(L);  // 7: flat
    bool list = lua_rawgeti(L, 6, 1) != LUA_TNIL;
    lua_pop(L, 1);
    lua_Integer n = 0;
    for (lua_Integer i = 1;; ++i) {
      if (list) {
        if (lua_rawgeti(L, 6, i) == LUA_TNIL) {
          lua_pop(L, 1);
          break;
        }
      } else {
        lua_pushvalue(L, 6);
      }
      if (!lua_istable(L, -1)) return luaL_error(L, "report: each fix edit must be {at=…, text=…}");
      if (n >= static_cast<lua_Integer>(3 * kMaxFindingsPerRule))
        return luaL_error(L, "report: more than %d edits in one fix",
                          static_cast<int>(kMaxFindingsPerRule));
      Span e{};
      lua_getfield(L, -1, "at");
      if (!span_of(L, -1, e)) return luaL_error(L, "report: fix.at must be a fact or a span");
      lua_pop(L, 1);
      if (e.end > size) return luaL_error(L, "report: fix ends past the end of the file");
      lua_getfield(L, -1, "text");
      if (lua_type(L, -1) != LUA_TSTRING) {
        lua_pop(L, 1);
        lua_pushliteral(L, "");
      }
      lua_rawseti(L, 7, n + 3);
      lua_pushinteger(L, e.begin);
      lua_rawseti(L, 7, n + 1);
      lua_pushinteger(L, e.end);
      lua_rawseti(L, 7, n + 2);
      n += 3;
      lua_pop(L, 1);
      if (!list) break;
    }
    lua_replace(L, 6);
  } else if (!plain_fix && !lua_isnil(L, 6)) {
    return luaL_error(L, "report: 'fix' must be a string, {at=…, text=…} or a list of those");
  }
  // 7: related { {at=…, label=…}, … } flattened to {b, e, label, …}, or nil.
  lua_getfield(L, 1, "related");
  if (lua_istable(L, 7)) {
    lua_newtable(L);  // 8: flat
    for (lua_Integer i = 1;; ++i) {
      if (lua_rawgeti(L, 7, i) == LUA_TNIL) {
        lua_pop(L, 1);
        break;
      }
      if (!lua_istable(L, -1)) return luaL_error(L, "report: each related must be {at=…, label=…}");
      if (i > static_cast<lua_Integer>(kMaxRelated))
        return luaL_error(L, "report: more than %d related spans", static_cast<int>(kMaxRelated));
      Span e{};
      lua_getfield(L, -1, "at");
      if (!span_of(L, -1, e)) return luaL_error(L, "report: related.at must be a fact or a span");
      lua_pop(L, 1);
      // In on_edition a related span may be on another page (its own `page`, or its at's).
      lua_Integer rpage = page;
      auto rsize = size;
      if (me->edition_) {
        rpage = edition_field(L, -1, "page", page);
        if (rpage < 1 || rpage > static_cast<lua_Integer>(me->edition_->size()))
          return luaL_error(L, "report: related.page must be a page of the edition");
        rsize = (*me->edition_)[static_cast<size_t>(rpage - 1)]->bytes.size();
      }
      if (e.end > rsize) return luaL_error(L, "report: related span ends past the end of the file");
      lua_getfield(L, -1, "label");
      if (lua_type(L, -1) != LUA_TSTRING) {
        lua_pop(L, 1);
        lua_pushliteral(L, "");
      }
      lua_rawseti(L, 8, 4 * i - 1);
      lua_pushinteger(L, e.begin);
      lua_rawseti(L, 8, 4 * i - 3);
      lua_pushinteger(L, e.end);
      lua_rawseti(L, 8, 4 * i - 2);
      lua_pushinteger(L, rpage);
      lua_rawseti(L, 8, 4 * i);
      lua_pop(L, 1);
    }
    lua_replace(L, 7);
  } else if (!lua_isnil(L, 7)) {
    return luaL_error(L, "report: 'related' must be a list of {at=…, label=…}");
  }
  // Second phase: no rule code runs from here on.
  // Past the cap a finding is counted, not kept: the checker's `findings-capped` notice says
  // how many were left out (capped_findings), and the rule's other findings stand.
  if (me->spend_ && me->spend_->findings.fetch_add(1) >= kMaxFindingsPerRule) return 0;
  report::Finding& f = me->pending_;
  f.rule = me->rule_->info.id;
  f.severity = me->rule_->info.severity;
  f.article = art->index;
  f.span = at;
  f.fix.reset();
  f.related.clear();
  auto& texts = me->texts_;
  texts.clear();
  if (lua_type(L, 2) == LUA_TSTRING) texts[""] = lua_tostring(L, 2);
  if (lua_type(L, 3) == LUA_TSTRING) texts["zh"] = lua_tostring(L, 3);
  if (lua_type(L, 4) == LUA_TSTRING) texts["en"] = lua_tostring(L, 4);
  f.message = pick_language(texts.empty() ? me->rule_->info.message : texts,
                            doc->messages.empty() ? art->article->language : doc->messages);
  texts.clear();
  if (f.message.empty()) return luaL_error(L, "report: 'message' is required");
  if (f.message.size() > kMaxReportText)
    return luaL_error(L, "report: message longer than %d bytes", static_cast<int>(kMaxReportText));
  // Text that is not UTF-8 would end every JSON writer's output: the rule's error instead.
  char where[64];
  if (!valid_utf8(f.message, where))
    return luaL_error(L, "report: 'message' is not valid UTF-8 (%s)", where);
  size_t handed = sizeof(report::Finding) + f.message.size();
  if (lua_type(L, 5) == LUA_TSTRING) {
    auto sev = parse_severity(lua_tostring(L, 5));
    if (!sev) return luaL_error(L, "report: severity must be error, warning or info");
    f.severity = *sev;
  }
  if (plain_fix) {
    size_t n = 0;
    const char* text = lua_tolstring(L, 6, &n);
    if (n > kMaxReportText)
      return luaL_error(L, "report: fix text longer than %d bytes",
                        static_cast<int>(kMaxReportText));
    handed += n;
    f.fix = report::Fix{f.span, std::string(text, n), {}};
  } else if (lua_istable(L, 6)) {
    auto& edits = me->edits_;
    edits.clear();
    for (lua_Integer i = 1; lua_rawgeti(L, 6, i) == LUA_TNUMBER; i += 3) {
      lua_rawgeti(L, 6, i + 1);
      lua_rawgeti(L, 6, i + 2);
      size_t n = 0;
      const char* text = lua_tolstring(L, -1, &n);
      if (n > kMaxReportText)
        return luaL_error(L, "report: fix text longer than %d bytes",
                          static_cast<int>(kMaxReportText));
      handed += n + sizeof(report::Edit);
      Span e{static_cast<uint32_t>(lua_tointeger(L, -3)),
             static_cast<uint32_t>(lua_tointeger(L, -2))};
      edits.push_back({e, std::string(text, n)});
      lua_pop(L, 3);
    }
    lua_pop(L, 1);
    if (!edits.empty()) {
      std::sort(edits.begin(), edits.end(), [](const report::Edit& a, const report::Edit& b) {
        return a.span.begin < b.span.begin;
      });
      for (size_t i = 1; i < edits.size(); ++i)
        if (edits[i].span.begin < edits[i - 1].span.end)
          return luaL_error(L, "report: the edits of a fix overlap");
      f.fix = report::Fix{edits[0].span, std::move(edits[0].replacement), {}};
      f.fix->more.assign(std::make_move_iterator(edits.begin() + 1),
                         std::make_move_iterator(edits.end()));
      edits.clear();
    }
  }
  bool fix_ok = !f.fix || valid_utf8(f.fix->replacement, where);
  for (size_t i = 0; fix_ok && f.fix && i < f.fix->more.size(); ++i)
    fix_ok = valid_utf8(f.fix->more[i].replacement, where);
  if (!fix_ok) return luaL_error(L, "report: the fix's text is not valid UTF-8 (%s)", where);
  if (lua_istable(L, 7)) {
    for (lua_Integer i = 1; lua_rawgeti(L, 7, i) == LUA_TNUMBER; i += 4) {
      lua_rawgeti(L, 7, i + 1);
      lua_rawgeti(L, 7, i + 2);
      lua_rawgeti(L, 7, i + 3);
      size_t n = 0;
      const char* label = lua_tolstring(L, -2, &n);
      if (n > kMaxReportText)
        return luaL_error(L, "report: related label longer than %d bytes",
                          static_cast<int>(kMaxReportText));
      handed += n + sizeof(report::Related);
      lua_Integer rpage = lua_tointeger(L, -1);
      f.related.push_back({{static_cast<uint32_t>(lua_tointeger(L, -4)),
                            static_cast<uint32_t>(lua_tointeger(L, -3))},
                           std::string(label, n),
                           me->edition_ && rpage != page
                               ? (*me->edition_)[static_cast<size_t>(rpage - 1)]->doc->path
                               : std::string()});
      lua_pop(L, 4);
      if (!valid_utf8(f.related.back().label, where))
        return luaL_error(L, "report: a related label is not valid UTF-8 (%s)", where);
    }
    lua_pop(L, 1);
  }
  // What the rule hands over counts against its memory cap.
  if (!me->sandbox_->charge(handed)) return luaL_error(L, "memory cap exceeded");
  me->out_->push_back(std::move(f));
  if (me->edition_pages_) me->edition_pages_->push_back(static_cast<size_t>(page - 1));
  return 0;
}

// tally.span(block, lbegin, lend): the original bytes behind logical bytes of a block of the
// article being checked, as a span table for report{at = …}.
int LuaRules::locate(lua_State* L) {
  auto* me = self(L);
  if (!me->article_) return luaL_error(L, "tally.span may only be called while a rule runs");
  const auto& blocks = me->article_->article->blocks;
  lua_Integer b = luaL_checkinteger(L, 1);
  lua_Integer lb = luaL_checkinteger(L, 2), le = luaL_checkinteger(L, 3);
  if (b < 1 || b > static_cast<lua_Integer>(blocks.size()))
    return luaL_error(L, "tally.span: no block %d", static_cast<int>(b));
  const auto& lt = blocks[b - 1].text;
  if (lb < 0 || le < lb || le > static_cast<lua_Integer>(lt.text.size()))
    return luaL_error(L, "tally.span: bytes %d..%d are outside the block", static_cast<int>(lb),
                      static_cast<int>(le));
  Span s = lt.to_original(static_cast<uint32_t>(lb), static_cast<uint32_t>(le));
  lua_createtable(L, 0, 2);
  lua_pushinteger(L, s.begin);
  lua_setfield(L, -2, "begin");
  lua_pushinteger(L, s.end);
  lua_setfield(L, -2, "end");
  return 1;
}

std::vector<const LuaRule*> LuaRules::select(
    const std::function<bool(const LuaRule&)>& active) const {
  std::vector<const LuaRule*> todo;
  for (const auto& r : rules_)
    if (r.on_article && active(r)) todo.push_back(&r);
  return todo;
}

void LuaRules::run_article(const DocumentInput& in, size_t k,
                           const std::vector<const LuaRule*>& todo,
                           const std::function<bool(const LuaRule&)>& skip, RuleSpend* spend,
                           std::vector<report::Finding>& findings, std::vector<RuleError>& errors) {
  if (todo.empty()) return;
  lua_State* L = sandbox_->state();
  int top = lua_gettop(L);
  doc_ = &in;
  out_ = &findings;
  article_ = &in.articles[k];
  lua_pushlightuserdata(L, this);
  lua_pushcclosure(L, report, 1);
  int report_fn = lua_gettop(L);
  ViewSource* source = nullptr;  // the view, made for the first rule that runs
  int view = 0;
  for (const auto* r : todo) {
    if (sandbox_->cancelled()) break;
    if (skip(*r) || !r->on_article) continue;
    if (!source) {
      source = push_article_view(L, in, *article_);
      view = lua_gettop(L);
    }
    rule_ = r;
    spend_ = &spend[r - rules_.data()];
    size_t before = findings.size();
    lua_rawgeti(L, LUA_REGISTRYINDEX, r->on_article);
    lua_pushvalue(L, view);
    lua_pushvalue(L, report_fn);
    if (auto err = sandbox_->call(2, 0, spend_)) {
      findings.resize(before);  // half a rule's findings are not to be trusted
      if (!sandbox_->cancelled()) errors.push_back(error_from(*err, r->info.file, r->info.id));
    }
  }
  if (source) close_article_view(source);
  lua_settop(L, top);
  rule_ = nullptr;
  spend_ = nullptr;
  article_ = nullptr;
  doc_ = nullptr;
  out_ = nullptr;
}

void LuaRules::run_edition(const std::vector<const DocumentInput*>& pages,
                           const std::vector<EditionRef>& refs,
                           const std::vector<facts::EditionRestatement>& restatements,
                           const std::function<bool(const LuaRule&)>& active,
                           std::vector<report::Finding>& findings, std::vector<size_t>& pages_of,
                           std::vector<RuleError>& errors) {
  std::vector<const LuaRule*> todo;
  for (const auto& r : rules_)
    if (r.on_edition && active(r)) todo.push_back(&r);
  if (todo.empty() || pages.empty()) return;
  lua_State* L = sandbox_->state();
  int top = lua_gettop(L);
  std::vector<RuleSpend> spend(rules_.size());
  sandbox_->begin_document();
  edition_ = &pages;
  edition_pages_ = &pages_of;
  doc_ = pages.front();
  out_ = &findings;
  lua_pushlightuserdata(L, this);
  lua_pushcclosure(L, report, 1);
  int report_fn = lua_gettop(L);
  auto sources = push_edition_view(L, pages, refs, restatements);
  int view = lua_gettop(L);
  for (const auto* r : todo) {
    if (sandbox_->cancelled()) break;
    rule_ = r;
    spend_ = &spend[r - rules_.data()];
    size_t before = findings.size();
    lua_rawgeti(L, LUA_REGISTRYINDEX, r->on_edition);
    lua_pushvalue(L, view);
    lua_pushvalue(L, report_fn);
    if (auto err = sandbox_->call(2, 0, spend_)) {
      findings.resize(before);  // half a rule's findings are not to be trusted
      pages_of.resize(before);
      if (!sandbox_->cancelled()) errors.push_back(error_from(*err, r->info.file, r->info.id));
    }
  }
  for (auto* source : sources) close_article_view(source);
  lua_settop(L, top);
  rule_ = nullptr;
  spend_ = nullptr;
  doc_ = nullptr;
  out_ = nullptr;
  edition_ = nullptr;
  edition_pages_ = nullptr;
  sandbox_->end_document();
}

std::vector<std::pair<std::string, size_t>> capped_findings(const std::vector<LuaRule>& rules,
                                                            const RuleSpend* spend) {
  std::vector<std::pair<std::string, size_t>> out;
  for (size_t i = 0; i < rules.size(); ++i)
    if (size_t n = spend[i].findings; n > kMaxFindingsPerRule)
      out.emplace_back(rules[i].info.id, n - kMaxFindingsPerRule);
  return out;
}

void LuaRules::run(const DocumentInput& in, const std::function<bool(const LuaRule&)>& active,
                   std::vector<report::Finding>& findings, std::vector<RuleError>& errors,
                   std::vector<std::pair<std::string, size_t>>* capped) {
  auto todo = select(active);
  if (todo.empty()) return;      // no view, no collection
  std::set<std::string> failed;  // a rule that failed on one article is not run on the rest
  auto skip = [&](const LuaRule& r) { return failed.count(r.info.id) > 0; };
  std::vector<RuleSpend> spend(rules_.size());
  sandbox_->begin_document();
  for (size_t k = 0; k < in.articles.size(); ++k) {
    size_t before = errors.size();
    run_article(in, k, todo, skip, spend.data(), findings, errors);
    for (size_t e = before; e < errors.size(); ++e) failed.insert(errors[e].rule);
  }
  sandbox_->end_document();
  if (capped) *capped = capped_findings(rules_, spend.data());
}

}  // namespace tally::rules
