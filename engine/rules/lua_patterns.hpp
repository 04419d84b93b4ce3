#pragma once
// Lua's pattern functions (string.find, match, gmatch, gsub) with every matching step counted.
// Lua's own matcher backtracks in C without ever running the instruction hook, so a pattern
// like ("a*"):rep(20) .. "b" against forty a's ran past any budget. This is a matcher for the
// same pattern language (Lua 5.4 manual, §6.4.1) that reports its steps every 1024 to the
// sandbox, which counts them as instructions and stops the rule like any other runaway.
#include <cstdint>
#include <lua.hpp>

namespace tally::rules {

// Called with the steps a matcher has taken since the last call; raises a Lua error to stop.
using PatternSteps = void (*)(lua_State* L, uint64_t steps);

// Replaces find, match, gmatch and gsub in the string library table at `idx`.
void install_counted_patterns(lua_State* L, int idx, PatternSteps steps);

}  // namespace tally::rules
