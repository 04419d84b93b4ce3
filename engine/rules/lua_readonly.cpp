#include "rules/lua_readonly.hpp"

#include <lauxlib.h>

namespace tally::rules {

namespace {

// Pushes the real table behind proxy `idx`; lua_getmetatable ignores __metatable, rules cannot.
void push_inner(lua_State* L, int idx) {
  if (!lua_getmetatable(L, idx)) {
    lua_pushnil(L);
    return;
  }
  lua_getfield(L, -1, "__index");
  lua_remove(L, -2);
}

int ro_newindex(lua_State* L) {
  return luaL_error(L, "read-only table: cannot set field '%s'", luaL_tolstring(L, 2, nullptr));
}

int ro_len(lua_State* L) {
  push_inner(L, 1);
  lua_pushinteger(L, static_cast<lua_Integer>(lua_rawlen(L, -1)));
  return 1;
}

int ro_next(lua_State* L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  lua_settop(L, 2);
  if (lua_next(L, 1)) return 2;
  lua_pushnil(L);
  return 1;
}

int ro_pairs(lua_State* L) {
  lua_pushcfunction(L, ro_next);
  push_inner(L, 1);
  lua_pushnil(L);
  return 3;
}

}  // namespace

int push_seal_kit(lua_State* L) {
  lua_pushcfunction(L, ro_newindex);
  int kit = lua_gettop(L);
  lua_pushcfunction(L, ro_len);
  lua_pushcfunction(L, ro_pairs);
  return kit;
}

namespace {
int seal_from_lua(lua_State* L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  lua_settop(L, 1);
  for (int i = 1; i <= 3; ++i) lua_pushvalue(L, lua_upvalueindex(i));
  lua_pushvalue(L, 1);
  seal(L, 2);
  return 1;
}
}  // namespace

void push_seal_function(lua_State* L) {
  push_seal_kit(L);
  lua_pushcclosure(L, seal_from_lua, 3);
}

void seal(lua_State* L, int kit) {
  lua_createtable(L, 0, 0);  // proxy
  lua_createtable(L, 0, 5);  // its metatable
  lua_pushvalue(L, -3);
  lua_setfield(L, -2, "__index");
  lua_pushvalue(L, kit);
  lua_setfield(L, -2, "__newindex");
  lua_pushvalue(L, kit + 1);
  lua_setfield(L, -2, "__len");
  lua_pushvalue(L, kit + 2);
  lua_setfield(L, -2, "__pairs");
  lua_pushboolean(L, 0);
  lua_setfield(L, -2, "__metatable");
  lua_setmetatable(L, -2);
  lua_replace(L, -2);
}

}  // namespace tally::rules
