#pragma once
// Read-only tables built from C. Each sealed table is an empty proxy whose metatable reads from
// the real table and refuses writes; the metamethods are shared C functions, so sealing costs two
// small tables and no closures (the article view seals thousands of tables per page).
#include <lua.hpp>

#include "text/span.hpp"

namespace tally::rules {

// Pushes the shared metamethods (and the spans' metatable); pass the returned stack index to
// seal() and push_span() while they stay there.
int push_seal_kit(lua_State* L);

// Replaces the table on top of the stack by its read-only proxy.
void seal(lua_State* L, int kit);

// Pushes a read-only span {begin, end}. Spans are the most numerous tables of the view (every
// record, sentence and clause has one), so they are a full userdata with one shared metatable:
// one allocation instead of a table, a proxy and a metatable. Fields, pairs and writes behave as
// for a sealed table; type() says "userdata".
void push_span(lua_State* L, int kit, Span s);

// Pushes seal as a Lua function, seal(t) -> proxy, for the sandbox prelude.
void push_seal_function(lua_State* L);

}  // namespace tally::rules
