#include "rules/lua_view.hpp"

#include <cmath>
#include <iterator>
#include <string>

#include "rules/lua_readonly.hpp"

namespace tally::rules {

namespace {

using nlohmann::json;

void push_json(lua_State* L, int kit, const json& j);

void push_object(lua_State* L, int kit, const json& j) {
  lua_createtable(L, 0, static_cast<int>(j.size()));
  for (auto it = j.begin(); it != j.end(); ++it) {
    push_json(L, kit, it.value());
    lua_setfield(L, -2, it.key().c_str());
  }
  seal(L, kit);
}

void push_json(lua_State* L, int kit, const json& j) {
  switch (j.type()) {
    case json::value_t::null:
      lua_pushnil(L);
      break;
    case json::value_t::boolean:
      lua_pushboolean(L, j.get<bool>());
      break;
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
      lua_pushinteger(L, j.get<lua_Integer>());
      break;
    case json::value_t::number_float:
      lua_pushnumber(L, j.get<double>());
      break;
    case json::value_t::string: {
      const auto& s = j.get_ref<const std::string&>();
      lua_pushlstring(L, s.data(), s.size());
      break;
    }
    case json::value_t::array: {
      lua_createtable(L, static_cast<int>(j.size()), 0);
      lua_Integer i = 1;
      for (const auto& x : j) {
        push_json(L, kit, x);
        lua_rawseti(L, -2, i++);
      }
      seal(L, kit);
      break;
    }
    default:
      push_object(L, kit, j);
  }
}

void set_span(lua_State* L, int kit, Span s) {
  lua_createtable(L, 0, 2);
  lua_pushinteger(L, s.begin);
  lua_setfield(L, -2, "begin");
  lua_pushinteger(L, s.end);
  lua_setfield(L, -2, "end");
  seal(L, kit);
  lua_setfield(L, -2, "span");
}

void set_string(lua_State* L, const char* key, std::string_view v) {
  lua_pushlstring(L, v.data(), v.size());
  lua_setfield(L, -2, key);
}

void set_int(lua_State* L, const char* key, lua_Integer v) {
  lua_pushinteger(L, v);
  lua_setfield(L, -2, key);
}

void push_interval(lua_State* L, const json& iv) {
  lua_pushnumber(L, iv[0].is_null() ? -HUGE_VAL : iv[0].get<double>());
  lua_setfield(L, -2, "lo");
  lua_pushnumber(L, iv[1].is_null() ? HUGE_VAL : iv[1].get<double>());
  lua_setfield(L, -2, "hi");
}

// A fact record in Lua conventions (1-based indices, lo/hi for intervals, precision), pushed
// straight from the JSON record without copying it.
void push_record(lua_State* L, int kit, const json& r, bool nested = false) {
  lua_createtable(L, 0, static_cast<int>(r.size()) + 2);
  for (auto it = r.begin(); it != r.end(); ++it) {
    const auto& k = it.key();
    const auto& v = it.value();
    if (!nested && (k == "block" || k == "sentence" || k == "clause")) {
      int i = v.get<int>();
      if (i >= 0)
        lua_pushinteger(L, i + 1);
      else
        lua_pushnil(L);
    } else if (k == "interval" && v.is_array()) {
      push_interval(L, v);
      continue;
    } else if (k == "index" && v.is_number_integer()) {
      lua_pushinteger(L, v.get<lua_Integer>() + 1);
    } else if (!nested && (k == "list" || k == "normalized") && v.is_object()) {
      push_record(L, kit, v, true);
    } else {
      if (k == "decimals") {
        push_json(L, kit, v);
        lua_setfield(L, -2, "precision");
      }
      push_json(L, kit, v);
    }
    lua_setfield(L, -2, k.c_str());
  }
  seal(L, kit);
}

// Position of a record's per-type list in push_article_view's `kinds`.
int kind_slot(const std::string& type) {
  if (type == "number") return 0;
  if (type == "quantity") return 1;
  if (type == "ordinal" || type == "rank") return 2;
  if (type == "rate") return 3;
  if (type == "date") return 4;
  if (type == "count") return 5;
  if (type == "list") return 6;
  if (type == "pair") return 7;
  return 8;
}

void push_blocks(lua_State* L, int kit, const ArticleInput& a) {
  const auto& blocks = a.article->blocks;
  lua_createtable(L, static_cast<int>(blocks.size()), 0);
  for (size_t b = 0; b < blocks.size(); ++b) {
    const auto& block = blocks[b];
    const auto& lt = block.text;
    lua_createtable(L, 0, 5);
    set_int(L, "index", static_cast<lua_Integer>(b + 1));
    set_string(L, "type", parse::block_type_name(block.type));
    set_string(L, "text", lt.text);
    set_span(L, kit, block.span);
    const auto& sentences = a.facts->blocks[b].sentences;
    lua_createtable(L, static_cast<int>(sentences.size()), 0);
    for (size_t s = 0; s < sentences.size(); ++s) {
      const auto& sen = sentences[s];
      lua_createtable(L, 0, 6);
      set_int(L, "index", static_cast<lua_Integer>(s + 1));
      set_int(L, "block", static_cast<lua_Integer>(b + 1));
      set_string(L, "text", std::string_view(lt.text).substr(sen.begin, sen.end - sen.begin));
      set_int(L, "lbegin", sen.begin);
      set_int(L, "lend", sen.end);
      set_span(L, kit, lt.to_original(sen.begin, sen.end));
      lua_createtable(L, static_cast<int>(sen.clauses.size()), 0);
      for (size_t c = 0; c < sen.clauses.size(); ++c) {
        const auto& cl = sen.clauses[c];
        lua_createtable(L, 0, 6);
        set_int(L, "index", static_cast<lua_Integer>(c + 1));
        set_string(L, "text", std::string_view(lt.text).substr(cl.begin, cl.end - cl.begin));
        set_int(L, "lbegin", cl.begin);
        set_int(L, "lend", cl.end);
        lua_pushboolean(L, cl.qizhong);
        lua_setfield(L, -2, "qizhong");
        set_span(L, kit, lt.to_original(cl.begin, cl.end));
        seal(L, kit);
        lua_rawseti(L, -2, static_cast<lua_Integer>(c + 1));
      }
      seal(L, kit);
      lua_setfield(L, -2, "clauses");
      seal(L, kit);
      lua_rawseti(L, -2, static_cast<lua_Integer>(s + 1));
    }
    seal(L, kit);
    lua_setfield(L, -2, "sentences");
    seal(L, kit);
    lua_rawseti(L, -2, static_cast<lua_Integer>(b + 1));
  }
  seal(L, kit);
}

// Layout repairs (doubled bold text, justification spaces) the text layer undid.
void push_repairs(lua_State* L, int kit, const DocumentInput& in, const ArticleInput& a) {
  lua_newtable(L);
  lua_Integer n = 1;
  for (size_t b = 0; b < a.article->blocks.size(); ++b)
    for (const auto& r : a.article->blocks[b].text.repairs) {
      lua_createtable(L, 0, 6);
      set_string(L, "type", "repair");
      set_string(L, "kind", text::repair_kind_name(r.kind));
      set_string(L, "text", in.bytes.substr(r.original.begin, r.original.size()));
      set_string(L, "repaired", r.repaired);
      set_int(L, "block", static_cast<lua_Integer>(b + 1));
      set_span(L, kit, r.original);
      seal(L, kit);
      lua_rawseti(L, -2, n++);
    }
  seal(L, kit);
}

}  // namespace

void push_article_view(lua_State* L, const DocumentInput& in, const ArticleInput& a) {
  int kit = push_seal_kit(L);
  lua_createtable(L, 0, 20);
  set_int(L, "index", a.index + 1);
  set_string(L, "language", a.article->language);
  set_string(L, "headline", a.article->headline);
  set_string(L, "path", in.doc->path);
  lua_pushboolean(L, a.article->uncertain);
  lua_setfield(L, -2, "uncertain");
  if (in.doc->publication_date) set_string(L, "date", in.doc->publication_date->iso());
  set_span(L, kit, a.article->extent());
  push_blocks(L, kit, a);
  lua_setfield(L, -2, "blocks");
  push_repairs(L, kit, in, a);
  lua_setfield(L, -2, "repairs");

  // All facts in reading order, and the same records by type; each list is sealed once filled.
  static const char* kinds[] = {"numbers", "quantities", "ordinals", "rates",   "dates",
                                "counts",  "lists",      "pairs",    "unpaired"};
  int view = lua_gettop(L);
  for (const char* k : kinds) {
    (void)k;
    lua_newtable(L);
  }
  lua_createtable(L, static_cast<int>(a.records.size()), 0);
  int all = lua_gettop(L);
  lua_Integer n = 1;
  for (const auto& rec : a.records) {
    push_record(L, kit, rec);
    lua_pushvalue(L, -1);
    lua_rawseti(L, all, n++);
    int slot = view + 1 + kind_slot(rec["type"].get_ref<const std::string&>());
    lua_rawseti(L, slot, static_cast<lua_Integer>(lua_rawlen(L, slot) + 1));
  }
  seal(L, kit);
  lua_setfield(L, view, "facts");
  for (int i = static_cast<int>(std::size(kinds)) - 1; i >= 0; --i) {
    seal(L, kit);
    lua_setfield(L, view, kinds[i]);
  }
  seal(L, kit);
  lua_replace(L, kit);
  lua_settop(L, kit);
}

}  // namespace tally::rules
