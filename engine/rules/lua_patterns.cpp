#include "rules/lua_patterns.hpp"

#include <cctype>
#include <cstddef>
#include <cstring>
#include <string_view>

// Every function here may be left by a Lua error (a longjmp): the budget, a malformed pattern,
// a gsub replacement function that fails. So nothing here has a destructor; the matcher's state
// is plain data.
namespace tally::rules {

namespace {

constexpr int kMaxCaptures = 32;
constexpr ptrdiff_t kUnfinished = -1;
constexpr ptrdiff_t kPosition = -2;
constexpr int kMaxDepth = 200;
constexpr uint64_t kReportEvery = 1024;

PatternSteps g_steps = nullptr;  // the same function for every state

struct Capture {
  const char* init;
  ptrdiff_t len;
};

struct Matcher {
  lua_State* L;
  const char* src_begin;
  const char* src_end;
  const char* pat_end;
  int depth;
  int level;
  uint64_t steps;
  Capture cap[kMaxCaptures];
};

inline int uc(char c) {
  return static_cast<unsigned char>(c);
}

void step(Matcher* m) {
  if (++m->steps % kReportEvery == 0 && g_steps) g_steps(m->L, kReportEvery);
}

// The steps not yet reported, at the end of a call.
void settle(Matcher* m) {
  if (g_steps && m->steps % kReportEvery) g_steps(m->L, m->steps % kReportEvery);
  m->steps = 0;
}

void prepare(Matcher* m, lua_State* L, const char* s, size_t ls, const char* p, size_t lp) {
  m->L = L;
  m->src_begin = s;
  m->src_end = s + ls;
  m->pat_end = p + lp;
  m->depth = kMaxDepth;
  m->level = 0;
  m->steps = 0;
}

// The end of the single-character class starting at p ("%a", "[^,;]", "x").
const char* class_end(Matcher* m, const char* p) {
  char c = *p++;
  if (c == '%') {
    if (p >= m->pat_end) luaL_error(m->L, "malformed pattern (ends with '%%')");
    return p + 1;
  }
  if (c == '[') {
    if (p < m->pat_end && *p == '^') ++p;
    do {  // the first character of a set is never its end: "[]]" is a set of "]"
      if (p >= m->pat_end) luaL_error(m->L, "malformed pattern (missing ']')");
      char d = *p++;
      if (d == '%' && p < m->pat_end) ++p;
    } while (p >= m->pat_end || *p != ']');
    return p + 1;
  }
  return p;
}

bool class_matches(int c, int cl) {
  bool r;
  switch (std::tolower(cl)) {
    case 'a':
      r = std::isalpha(c);
      break;
    case 'c':
      r = std::iscntrl(c);
      break;
    case 'd':
      r = std::isdigit(c);
      break;
    case 'g':
      r = std::isgraph(c);
      break;
    case 'l':
      r = std::islower(c);
      break;
    case 'p':
      r = std::ispunct(c);
      break;
    case 's':
      r = std::isspace(c);
      break;
    case 'u':
      r = std::isupper(c);
      break;
    case 'w':
      r = std::isalnum(c);
      break;
    case 'x':
      r = std::isxdigit(c);
      break;
    default:
      return cl == c;
  }
  return std::isupper(cl) ? !r : r;
}

// p is at '[', last at the set's closing ']'.
bool set_matches(int c, const char* p, const char* last) {
  bool in = true;
  if (p[1] == '^') {
    in = false;
    ++p;
  }
  while (++p < last) {
    if (*p == '%') {
      ++p;
      if (class_matches(c, uc(*p))) return in;
    } else if (p[1] == '-' && p + 2 < last) {
      p += 2;
      if (uc(p[-2]) <= c && c <= uc(*p)) return in;
    } else if (uc(*p) == c) {
      return in;
    }
  }
  return !in;
}

bool single_matches(Matcher* m, const char* s, const char* p, const char* ep) {
  if (s >= m->src_end) return false;
  int c = uc(*s);
  switch (*p) {
    case '.':
      return true;
    case '%':
      return class_matches(c, uc(p[1]));
    case '[':
      return set_matches(c, p, ep - 1);
    default:
      return uc(*p) == c;
  }
}

const char* match(Matcher* m, const char* s, const char* p);

const char* max_expand(Matcher* m, const char* s, const char* p, const char* ep) {
  ptrdiff_t i = 0;
  while (single_matches(m, s + i, p, ep)) {
    ++i;
    step(m);
  }
  for (; i >= 0; --i)
    if (const char* r = match(m, s + i, ep + 1)) return r;
  return nullptr;
}

const char* min_expand(Matcher* m, const char* s, const char* p, const char* ep) {
  for (;;) {
    if (const char* r = match(m, s, ep + 1)) return r;
    if (!single_matches(m, s, p, ep)) return nullptr;
    ++s;
  }
}

const char* start_capture(Matcher* m, const char* s, const char* p, ptrdiff_t what) {
  if (m->level >= kMaxCaptures) luaL_error(m->L, "too many captures");
  m->cap[m->level].init = s;
  m->cap[m->level].len = what;
  ++m->level;
  const char* r = match(m, s, p);
  if (!r) --m->level;
  return r;
}

const char* end_capture(Matcher* m, const char* s, const char* p) {
  int l = m->level - 1;
  while (l >= 0 && m->cap[l].len != kUnfinished) --l;
  if (l < 0) luaL_error(m->L, "invalid pattern capture");
  m->cap[l].len = s - m->cap[l].init;
  const char* r = match(m, s, p);
  if (!r) m->cap[l].len = kUnfinished;
  return r;
}

const char* match_balance(Matcher* m, const char* s, const char* p) {
  if (p + 1 >= m->pat_end) luaL_error(m->L, "malformed pattern (missing arguments to '%%b')");
  if (s >= m->src_end || *s != *p) return nullptr;
  char open = p[0], close = p[1];
  int depth = 1;
  while (++s < m->src_end) {
    step(m);
    if (*s == close) {
      if (--depth == 0) return s + 1;
    } else if (*s == open) {
      ++depth;
    }
  }
  return nullptr;
}

const char* match_backref(Matcher* m, const char* s, int digit) {
  int l = digit - '1';
  if (l < 0 || l >= m->level || m->cap[l].len == kUnfinished)
    luaL_error(m->L, "invalid capture index %%%d", l + 1);
  ptrdiff_t len = m->cap[l].len;
  if (len < 0 || m->src_end - s < len) return nullptr;  // a position capture matches nothing
  return std::memcmp(m->cap[l].init, s, static_cast<size_t>(len)) == 0 ? s + len : nullptr;
}

// Matches pattern p (to pat_end) at s: the end of the match, or nullptr. Patterns are Lua
// strings, so *pat_end and *src_end are a readable '\0'.
const char* match(Matcher* m, const char* s, const char* p) {
  if (m->depth-- == 0) luaL_error(m->L, "pattern too complex");
  for (;;) {
    step(m);
    if (p == m->pat_end) break;
    if (*p == '(') {
      s = p + 1 < m->pat_end && p[1] == ')' ? start_capture(m, s, p + 2, kPosition)
                                            : start_capture(m, s, p + 1, kUnfinished);
      break;
    }
    if (*p == ')') {
      s = end_capture(m, s, p + 1);
      break;
    }
    if (*p == '$' && p + 1 == m->pat_end) {
      if (s != m->src_end) s = nullptr;
      break;
    }
    if (*p == '%' && p + 1 < m->pat_end) {
      char k = p[1];
      if (k == 'b') {
        s = match_balance(m, s, p + 2);
        if (!s) break;
        p += 4;
        continue;
      }
      if (k == 'f') {
        p += 2;
        if (*p != '[') luaL_error(m->L, "missing '[' after '%%f' in pattern");
        const char* ep = class_end(m, p);
        int before = s == m->src_begin ? 0 : uc(s[-1]);
        int here = s < m->src_end ? uc(*s) : 0;
        if (!set_matches(before, p, ep - 1) && set_matches(here, p, ep - 1)) {
          p = ep;
          continue;
        }
        s = nullptr;
        break;
      }
      if (std::isdigit(uc(k))) {
        s = match_backref(m, s, uc(k));
        if (!s) break;
        p += 2;
        continue;
      }
    }
    const char* ep = class_end(m, p);
    char q = ep < m->pat_end ? *ep : '\0';
    if (!single_matches(m, s, p, ep)) {
      if (q == '*' || q == '?' || q == '-') {
        p = ep + 1;
        continue;
      }
      s = nullptr;
      break;
    }
    if (q == '?') {
      if (const char* r = match(m, s + 1, ep + 1)) {
        s = r;
        break;
      }
      p = ep + 1;
      continue;
    }
    if (q == '+') {
      s = max_expand(m, s + 1, p, ep);
      break;
    }
    if (q == '*') {
      s = max_expand(m, s, p, ep);
      break;
    }
    if (q == '-') {
      s = min_expand(m, s, p, ep);
      break;
    }
    ++s;
    p = ep;
  }
  ++m->depth;
  return s;
}

void push_capture(Matcher* m, int i, const char* s, const char* e) {
  if (i >= m->level) {
    if (i != 0) luaL_error(m->L, "invalid capture index %%%d", i + 1);
    lua_pushlstring(m->L, s, static_cast<size_t>(e - s));
    return;
  }
  ptrdiff_t l = m->cap[i].len;
  if (l == kUnfinished) luaL_error(m->L, "unfinished capture");
  if (l == kPosition)
    lua_pushinteger(m->L, m->cap[i].init - m->src_begin + 1);
  else
    lua_pushlstring(m->L, m->cap[i].init, static_cast<size_t>(l));
}

// The captures, or the whole match s..e when there are none and s is given.
int push_captures(Matcher* m, const char* s, const char* e) {
  int n = m->level == 0 && s ? 1 : m->level;
  luaL_checkstack(m->L, n, "too many captures");
  for (int i = 0; i < n; ++i) push_capture(m, i, s, e);
  return n;
}

// A start position as string.find takes it: 1-based, negative from the end.
size_t start_at(lua_Integer pos, size_t len) {
  if (pos > 0) return static_cast<size_t>(pos);
  if (pos == 0) return 1;
  if (pos < -static_cast<lua_Integer>(len)) return 1;
  return len + static_cast<size_t>(pos) + 1;
}

bool has_specials(const char* p, size_t lp) {
  for (size_t i = 0; i < lp; ++i)
    if (std::strchr("^$*+?.([%-", p[i]) && p[i] != '\0') return true;
  return false;
}

int find_or_match(lua_State* L, bool find) {
  size_t ls = 0, lp = 0;
  const char* s = luaL_checklstring(L, 1, &ls);
  const char* p = luaL_checklstring(L, 2, &lp);
  size_t init = start_at(luaL_optinteger(L, 3, 1), ls) - 1;
  if (init > ls) {
    luaL_pushfail(L);
    return 1;
  }
  if (find && (lua_toboolean(L, 4) || !has_specials(p, lp))) {
    size_t at = std::string_view(s + init, ls - init).find(std::string_view(p, lp));
    if (at == std::string_view::npos) {
      luaL_pushfail(L);
      return 1;
    }
    lua_pushinteger(L, static_cast<lua_Integer>(init + at + 1));
    lua_pushinteger(L, static_cast<lua_Integer>(init + at + lp));
    return 2;
  }
  Matcher m;
  bool anchor = lp > 0 && *p == '^';
  if (anchor) ++p, --lp;
  prepare(&m, L, s, ls, p, lp);
  const char* s1 = s + init;
  do {
    m.level = 0;
    m.depth = kMaxDepth;
    if (const char* e = match(&m, s1, p)) {
      settle(&m);
      if (find) {
        lua_pushinteger(L, s1 - s + 1);
        lua_pushinteger(L, e - s);
        return push_captures(&m, nullptr, nullptr) + 2;
      }
      return push_captures(&m, s1, e);
    }
  } while (s1++ < m.src_end && !anchor);
  settle(&m);
  luaL_pushfail(L);
  return 1;
}

int str_find(lua_State* L) {
  return find_or_match(L, true);
}
int str_match(lua_State* L) {
  return find_or_match(L, false);
}

struct GmatchState {
  const char* src;
  const char* p;
  const char* lastmatch;
  Matcher m;
};

int gmatch_next(lua_State* L) {
  auto* g = static_cast<GmatchState*>(lua_touserdata(L, lua_upvalueindex(3)));
  g->m.L = L;
  for (const char* src = g->src; src <= g->m.src_end; ++src) {
    g->m.level = 0;
    g->m.depth = kMaxDepth;
    const char* e = match(&g->m, src, g->p);
    if (e && e != g->lastmatch) {
      g->src = g->lastmatch = e;
      settle(&g->m);
      return push_captures(&g->m, src, e);
    }
  }
  settle(&g->m);
  return 0;
}

int str_gmatch(lua_State* L) {
  size_t ls = 0, lp = 0;
  const char* s = luaL_checklstring(L, 1, &ls);
  const char* p = luaL_checklstring(L, 2, &lp);
  size_t start = start_at(luaL_optinteger(L, 3, 1), ls) - 1;
  if (start > ls) start = ls + 1;  // past the end: no match
  lua_settop(L, 2);
  auto* g = static_cast<GmatchState*>(lua_newuserdatauv(L, sizeof(GmatchState), 0));
  prepare(&g->m, L, s, ls, p, lp);
  g->src = s + start;
  g->p = p;
  g->lastmatch = nullptr;
  lua_pushcclosure(L, gmatch_next, 3);  // the strings stay alive as upvalues
  return 1;
}

void add_template(Matcher* m, luaL_Buffer* b, const char* s, const char* e) {
  size_t l = 0;
  const char* t = lua_tolstring(m->L, 3, &l);
  const char* end = t + l;
  while (t < end) {
    const char* pc = static_cast<const char*>(std::memchr(t, '%', static_cast<size_t>(end - t)));
    if (!pc) break;
    luaL_addlstring(b, t, static_cast<size_t>(pc - t));
    ++pc;
    if (pc < end && *pc == '%') {
      luaL_addchar(b, '%');
    } else if (pc < end && *pc == '0') {
      luaL_addlstring(b, s, static_cast<size_t>(e - s));
    } else if (pc < end && std::isdigit(uc(*pc))) {
      push_capture(m, *pc - '1', s, e);
      luaL_tolstring(m->L, -1, nullptr);
      lua_remove(m->L, -2);
      luaL_addvalue(b);
    } else {
      luaL_error(m->L, "invalid use of '%%' in replacement string");
    }
    t = pc + 1;
  }
  luaL_addlstring(b, t, static_cast<size_t>(end - t));
}

void add_value(Matcher* m, luaL_Buffer* b, const char* s, const char* e, int type) {
  lua_State* L = m->L;
  if (type == LUA_TFUNCTION) {
    lua_pushvalue(L, 3);
    int n = push_captures(m, s, e);
    lua_call(L, n, 1);
  } else if (type == LUA_TTABLE) {
    push_capture(m, 0, s, e);
    lua_gettable(L, 3);
  } else {
    add_template(m, b, s, e);
    return;
  }
  if (!lua_toboolean(L, -1)) {
    lua_pop(L, 1);
    luaL_addlstring(b, s, static_cast<size_t>(e - s));  // keeps the original text
  } else if (!lua_isstring(L, -1)) {
    luaL_error(L, "invalid replacement value (a %s)", luaL_typename(L, -1));
  } else {
    luaL_addvalue(b);
  }
}

int str_gsub(lua_State* L) {
  size_t ls = 0, lp = 0;
  const char* src = luaL_checklstring(L, 1, &ls);
  const char* p = luaL_checklstring(L, 2, &lp);
  int type = lua_type(L, 3);
  lua_Integer max = luaL_optinteger(L, 4, static_cast<lua_Integer>(ls) + 1);
  luaL_argexpected(
      L, type == LUA_TNUMBER || type == LUA_TSTRING || type == LUA_TFUNCTION || type == LUA_TTABLE,
      3, "string/function/table");
  bool anchor = lp > 0 && *p == '^';
  if (anchor) ++p, --lp;
  Matcher m;
  prepare(&m, L, src, ls, p, lp);
  luaL_Buffer b;
  luaL_buffinit(L, &b);
  const char* lastmatch = nullptr;
  lua_Integer n = 0;
  while (n < max) {
    m.level = 0;
    m.depth = kMaxDepth;
    const char* e = match(&m, src, p);
    if (e && e != lastmatch) {
      ++n;
      add_value(&m, &b, src, e, type);
      src = lastmatch = e;
    } else if (src < m.src_end) {
      luaL_addchar(&b, *src++);
    } else {
      break;
    }
    if (anchor) break;
  }
  settle(&m);
  luaL_addlstring(&b, src, static_cast<size_t>(m.src_end - src));
  luaL_pushresult(&b);
  lua_pushinteger(L, n);
  return 2;
}

}  // namespace

void install_counted_patterns(lua_State* L, int idx, PatternSteps steps) {
  g_steps = steps;
  idx = lua_absindex(L, idx);
  const luaL_Reg fns[] = {{"find", str_find},
                          {"match", str_match},
                          {"gmatch", str_gmatch},
                          {"gsub", str_gsub},
                          {nullptr, nullptr}};
  for (const auto* f = fns; f->name; ++f) {
    lua_pushcfunction(L, f->func);
    lua_setfield(L, idx, f->name);
  }
}

}  // namespace tally::rules
