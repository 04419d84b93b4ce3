// The counted pattern matcher (rules/lua_patterns.hpp) against Lua 5.4's own: random subjects
// and patterns over the pattern language's pieces (classes, sets, quantifiers, captures, %b,
// %f, anchors, back-references, malformed ends), every result and error message compared.
#include "rules/lua_patterns.hpp"

#include <boost/test/unit_test.hpp>
#include <lua.hpp>

namespace {

void no_limit(lua_State*, uint64_t) {}

constexpr const char* kDiff = R"lua(
local orig, mine = ...
local alphabet = { "a", "b", "(", ")", "%a", "%d", ".", "*", "+", "-", "?", "[ab]", "[^a]", "%b()", "%f[%a]", "^", "$", "%1", "()", "%", "[", "]", "x", "1" }
local subj = { "a", "b", "(", ")", "1", "x", " " }
math.randomseed(42)
local function rnd(t, n) local r = {} for i = 1, math.random(0, n) do r[#r+1] = t[math.random(#t)] end return table.concat(r) end
local function pack(ok, ...) local t = table.pack(...) local r = {tostring(ok)} for i = 1, t.n do r[#r+1] = tostring(t[i]) end return table.concat(r, ",") end
local bad = 0
for i = 1, 20000 do
  local s, p = rnd(subj, 12), rnd(alphabet, 6)
  local init = math.random(-3, 14)
  for _, fn in ipairs({"find", "match", "gsub"}) do
    local a, b
    if fn == "gsub" then
      a = pack(pcall(orig[fn], s, p, "<%0>"))
      b = pack(pcall(mine[fn], s, p, "<%0>"))
    else
      a = pack(pcall(orig[fn], s, p, init))
      b = pack(pcall(mine[fn], s, p, init))
    end
    if a ~= b then
      bad = bad + 1
      if bad < 5 then print(fn, string.format("%q %q %d", s, p, init), a, b) end
    end
  end
  local ga, gb = {}, {}
  local ok1 = pcall(function() for x, y in orig.gmatch(s, p) do ga[#ga+1] = tostring(x) .. ":" .. tostring(y) end end)
  local ok2 = pcall(function() for x, y in mine.gmatch(s, p) do gb[#gb+1] = tostring(x) .. ":" .. tostring(y) end end)
  if ok1 ~= ok2 or (ok1 and table.concat(ga, "|") ~= table.concat(gb, "|")) then
    bad = bad + 1
    if bad < 5 then print("gmatch", string.format("%q %q", s, p), table.concat(ga, "|"), table.concat(gb, "|")) end
  end
end
return bad
)lua";

}  // namespace

BOOST_AUTO_TEST_SUITE(lua_patterns)

BOOST_AUTO_TEST_CASE(answers_as_lua_does_on_random_patterns) {
  lua_State* L = luaL_newstate();
  luaL_openlibs(L);
  BOOST_REQUIRE(luaL_loadstring(L, kDiff) == LUA_OK);
  lua_getglobal(L, "string");
  lua_newtable(L);
  tally::rules::install_counted_patterns(L, -1, no_limit);
  int status = lua_pcall(L, 2, 1, 0);
  BOOST_REQUIRE_MESSAGE(status == LUA_OK, lua_tostring(L, -1));
  BOOST_TEST(lua_tointeger(L, -1) == 0);
  lua_close(L);
}

BOOST_AUTO_TEST_SUITE_END()
