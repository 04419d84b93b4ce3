#include "rules/lua_readonly.hpp"

#include <lauxlib.h>

#include <cstring>

namespace tally::rules {

namespace {

int ro_newindex(lua_State* L) {
  return luaL_error(L, "read-only table: cannot set field '%s'", luaL_tolstring(L, 2, nullptr));
}

// Pushes the real table behind proxy `idx`, or nil when `idx` is not a sealed proxy (ro_next
// is in a rule's hands and may be called on anything). lua_getmetatable ignores __metatable,
// rules cannot.
void push_inner(lua_State* L, int idx) {
  idx = lua_absindex(L, idx);
  if (!lua_istable(L, idx) || !lua_getmetatable(L, idx)) {
    lua_pushnil(L);
    return;
  }
  lua_pushliteral(L, "__newindex");
  lua_rawget(L, -2);
  bool sealed = lua_tocfunction(L, -1) == ro_newindex;
  lua_pop(L, 1);
  if (!sealed) {
    lua_pop(L, 1);
    lua_pushnil(L);
    return;
  }
  lua_pushliteral(L, "__index");
  lua_rawget(L, -2);
  lua_remove(L, -2);
}

int ro_len(lua_State* L) {
  push_inner(L, 1);
  lua_pushinteger(L, lua_istable(L, -1) ? static_cast<lua_Integer>(lua_rawlen(L, -1)) : 0);
  return 1;
}

// next(proxy, key) over the real table. The iteration state handed to the rule is the proxy
// itself: handing out the real table (pairs' second result) would let a rule write to it.
int ro_next(lua_State* L) {
  lua_settop(L, 2);
  push_inner(L, 1);
  if (!lua_istable(L, 3)) return luaL_error(L, "read-only table: not a sealed table");
  // A lazily built table (the article view, rules/lua_view.hpp) builds every field first and
  // then has no metatable: the walk sees all its fields.
  if (lua_getmetatable(L, 3)) {
    lua_pushliteral(L, "__fill");
    if (lua_rawget(L, -2) == LUA_TFUNCTION) {
      lua_pushvalue(L, 3);
      lua_call(L, 1, 0);
    } else {
      lua_pop(L, 1);
    }
    lua_pop(L, 1);
  }
  lua_insert(L, 2);  // proxy, inner, key
  if (lua_next(L, 2)) return 2;
  lua_pushnil(L);
  return 1;
}

int ro_pairs(lua_State* L) {
  lua_pushcfunction(L, ro_next);
  lua_pushvalue(L, 1);
  lua_pushnil(L);
  return 3;
}

struct SpanData {
  lua_Integer begin, end;
};

// Which field of a span key `idx` names: 1 begin, 2 end, 0 neither.
int span_field(lua_State* L, int idx) {
  if (lua_type(L, idx) != LUA_TSTRING) return 0;
  size_t n = 0;
  const char* k = lua_tolstring(L, idx, &n);
  if (n == 5 && std::memcmp(k, "begin", 5) == 0) return 1;
  if (n == 3 && std::memcmp(k, "end", 3) == 0) return 2;
  return 0;
}

int span_index(lua_State* L) {
  const auto* s = static_cast<const SpanData*>(lua_touserdata(L, 1));
  switch (span_field(L, 2)) {
    case 1:
      lua_pushinteger(L, s->begin);
      break;
    case 2:
      lua_pushinteger(L, s->end);
      break;
    default:
      lua_pushnil(L);
  }
  return 1;
}

int span_next(lua_State* L) {
  const auto* s = static_cast<const SpanData*>(lua_touserdata(L, 1));
  if (lua_isnil(L, 2)) {
    lua_pushliteral(L, "begin");
    lua_pushinteger(L, s->begin);
    return 2;
  }
  if (span_field(L, 2) == 1) {
    lua_pushliteral(L, "end");
    lua_pushinteger(L, s->end);
    return 2;
  }
  lua_pushnil(L);
  return 1;
}

int span_pairs(lua_State* L) {
  lua_pushcfunction(L, span_next);
  lua_pushvalue(L, 1);
  lua_pushnil(L);
  return 3;
}

int span_len(lua_State* L) {
  lua_pushinteger(L, 0);
  return 1;
}

constexpr const char* kSpanMeta = "tally.span";

// The spans' metatable, made once per Lua state.
void push_span_meta(lua_State* L) {
  if (lua_getfield(L, LUA_REGISTRYINDEX, kSpanMeta) == LUA_TTABLE) return;
  lua_pop(L, 1);
  lua_createtable(L, 0, 5);
  lua_pushcfunction(L, span_index);
  lua_setfield(L, -2, "__index");
  lua_pushcfunction(L, ro_newindex);
  lua_setfield(L, -2, "__newindex");
  lua_pushcfunction(L, span_len);
  lua_setfield(L, -2, "__len");
  lua_pushcfunction(L, span_pairs);
  lua_setfield(L, -2, "__pairs");
  lua_pushboolean(L, 0);
  lua_setfield(L, -2, "__metatable");
  lua_pushvalue(L, -1);
  lua_setfield(L, LUA_REGISTRYINDEX, kSpanMeta);
}

}  // namespace

int push_seal_kit(lua_State* L) {
  lua_pushcfunction(L, ro_newindex);
  int kit = lua_gettop(L);
  lua_pushcfunction(L, ro_len);
  lua_pushcfunction(L, ro_pairs);
  push_span_meta(L);
  return kit;
}

void push_span(lua_State* L, int kit, Span s) {
  auto* d = static_cast<SpanData*>(lua_newuserdatauv(L, sizeof(SpanData), 0));
  d->begin = s.begin;
  d->end = s.end;
  lua_pushvalue(L, kit + 3);
  lua_setmetatable(L, -2);
}

namespace {
int seal_from_lua(lua_State* L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  lua_settop(L, 1);
  for (int i = 1; i <= 4; ++i) lua_pushvalue(L, lua_upvalueindex(i));
  lua_pushvalue(L, 1);
  seal(L, 2);
  return 1;
}
}  // namespace

void push_seal_function(lua_State* L) {
  push_seal_kit(L);
  lua_pushcclosure(L, seal_from_lua, 4);
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
