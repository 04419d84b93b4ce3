#include "rules/lua_view.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "facts/kinds.hpp"
#include "facts/records.hpp"
#include "rules/lua_readonly.hpp"
#include "rules/lua_sandbox.hpp"

namespace tally::rules {

struct ViewSource {
  const DocumentInput* in = nullptr;  // null once the rules' calls on the article are over
  const ArticleInput* article = nullptr;
};

namespace {

void set_span(lua_State* L, int kit, Span s, const char* key = "span") {
  push_span(L, kit, s);
  lua_setfield(L, -2, key);
}

void set_string(lua_State* L, const char* key, std::string_view v) {
  lua_pushlstring(L, v.data(), v.size());
  lua_setfield(L, -2, key);
}

void set_int(lua_State* L, const char* key, lua_Integer v) {
  lua_pushinteger(L, v);
  lua_setfield(L, -2, key);
}

// Fact records (facts::emit_records_of) as sealed tables, with Lua conventions: 1-based indices,
// lo/hi for intervals (±math.huge when open), precision beside decimals. Each record is
// appended to the list at stack index `list`.
struct LuaSink : facts::RecordSink {
  lua_State* L;
  int kit;
  int list;
  lua_Integer count = 0;
  struct Frame {
    const char* key;
    bool array;
    lua_Integer n;
  };
  std::vector<Frame> frames;

  LuaSink(lua_State* l, int k, int into) : L(l), kit(k), list(into) {}

  // Moves the value on top into the table below it.
  void put(const char* key) {
    auto& f = frames.back();
    if (f.array)
      lua_rawseti(L, -2, ++f.n);
    else
      lua_setfield(L, -2, key);
  }
  void begin_record(facts::RecordKind, const char* type) override {
    // 16 hash slots: most kinds have 16 fields or fewer; 20 rounded every record up to 32.
    lua_createtable(L, 0, 16);
    frames.assign(1, {nullptr, false, 0});
    string("type", type);
  }
  void end_record() override {
    seal(L, kit);
    lua_rawseti(L, list, ++count);
    frames.clear();
  }
  void begin_object(const char* key) override {
    lua_createtable(L, 0, 4);
    frames.push_back({key, false, 0});
  }
  void end_object() override {
    seal(L, kit);
    const char* key = frames.back().key;
    frames.pop_back();
    put(key);
  }
  void begin_array(const char* key) override {
    lua_newtable(L);
    frames.push_back({key, true, 0});
  }
  void end_array() override { end_object(); }
  void null(const char*) override {
    if (frames.back().array) ++frames.back().n;  // a hole, as nil leaves it
  }
  void boolean(const char* key, bool v) override {
    lua_pushboolean(L, v);
    put(key);
  }
  void integer(const char* key, int64_t v) override {
    std::string_view k = key ? key : "";
    if (frames.size() == 1 && (k == "block" || k == "sentence" || k == "clause")) {
      if (v < 0) return;  // none: the field stays nil
      ++v;
    } else if (k == "index") {
      ++v;
    } else if (k == "decimals") {
      lua_pushinteger(L, v);
      lua_setfield(L, -2, "precision");
    }
    lua_pushinteger(L, v);
    put(key);
  }
  void number(const char* key, double v) override {
    lua_pushnumber(L, v);
    put(key);
  }
  void string(const char* key, std::string_view v) override {
    lua_pushlstring(L, v.data(), v.size());
    put(key);
  }
  void span(const char* key, Span s) override { set_span(L, kit, s, key); }  // never in an array
  void interval(const char*, double lo, double hi) override {
    lua_pushnumber(L, std::isinf(lo) ? -HUGE_VAL : lo);
    lua_setfield(L, -2, "lo");
    lua_pushnumber(L, std::isinf(hi) ? HUGE_VAL : hi);
    lua_setfield(L, -2, "hi");
  }
};

// The fields built when first read: of the article, of a block (its sentences) or of a
// sentence (its clauses).
bool lazy_article_field(std::string_view key) {
  if (key == "blocks" || key == "repairs" || key == "facts") return true;
  for (const auto& k : facts::kFactKinds)
    if (k.lua_list == key) return true;
  return false;
}
bool lazy_block_field(std::string_view key) {
  return key == "sentences";
}
bool lazy_sentence_field(std::string_view key) {
  return key == "clauses";
}

int lazy_index(lua_State* L);

// Makes the table on top lazy: `lazy_index` builds its missing fields from `source` (upvalue 1)
// for `where` (0 the article, b + 1 block b) and `sentence` (s + 1 sentence s of that block, 0
// the block itself). The table stays plain inside: its proxy (seal) reads it after a miss, and
// ro_next fills every lazy field before a walk (pairs).
void make_lazy(lua_State* L, int source, lua_Integer where, lua_Integer sentence = 0) {
  lua_createtable(L, 0, 2);
  lua_pushvalue(L, source);
  lua_pushinteger(L, where);
  lua_pushinteger(L, sentence);
  lua_pushcclosure(L, lazy_index, 3);
  lua_pushvalue(L, -1);
  lua_setfield(L, -3, "__index");
  lua_setfield(L, -2, "__fill");
  lua_setmetatable(L, -2);
}

// The clauses of sentence s of block b.
void push_clauses(lua_State* L, int kit, const ArticleInput& a, size_t b, size_t s) {
  const auto& lt = a.article->blocks[b].text;
  const auto& sen = a.facts->blocks[b].sentences[s];
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
}

// The sentences of block b; each one's clauses are built when first read.
void push_sentences(lua_State* L, int kit, int source, const ArticleInput& a, size_t b) {
  const auto& lt = a.article->blocks[b].text;
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
    make_lazy(L, source, static_cast<lua_Integer>(b + 1), static_cast<lua_Integer>(s + 1));
    seal(L, kit);
    lua_rawseti(L, -2, static_cast<lua_Integer>(s + 1));
  }
  seal(L, kit);
}

// Block b (0-based), sealed; its sentences (and their clauses) are built when first read.
void push_block(lua_State* L, int kit, int source, const ArticleInput& a, size_t b) {
  const auto& block = a.article->blocks[b];
  lua_createtable(L, 0, 5);
  set_int(L, "index", static_cast<lua_Integer>(b + 1));
  set_string(L, "type", parse::block_type_name(block.type));
  set_string(L, "text", block.text.text);
  set_span(L, kit, block.span);
  make_lazy(L, source, static_cast<lua_Integer>(b + 1));
  seal(L, kit);
}

// article.blocks is not held whole: an article of 60,000 lines would keep about 3 KB of tables
// per line (a block, its sentences, their proxies and spans) while its rules run, most of the
// memory of a long page. blocks[i] is built when read and kept in a weak cache, so while a rule
// holds a block it gets the same table back (identity is all a rule can see), and once no rule
// holds it the collector may take it; the last kBlockWindow blocks read are held as well, so a
// rule reading the same block again and again (tally.before on every fact of a long paragraph)
// does not copy its text each time.
constexpr lua_Integer kBlockWindow = 64;

// The upvalues of the list's metamethods.
enum BlockListUpvalue { kSource = 1, kCache, kWindow, kCount, kNext };

// __index(list, i) of article.blocks.
int block_list_index(lua_State* L) {
  lua_Integer n = lua_tointeger(L, lua_upvalueindex(kCount));
  if (lua_type(L, 2) != LUA_TNUMBER) return 0;  // "1" is not a key of a list
  int ok = 0;
  lua_Integer i = lua_tointegerx(L, 2, &ok);  // 2.0 is the key 2, as in a table; 2.5 none
  if (!ok || i < 1 || i > n) return 0;
  if (lua_rawgeti(L, lua_upvalueindex(kCache), i) != LUA_TNIL) return 1;
  lua_pop(L, 1);
  auto* src = static_cast<ViewSource*>(lua_touserdata(L, lua_upvalueindex(kSource)));
  if (!src->article)
    return luaL_error(L,
                      "the article view's block %d was first read after the rules' calls on that "
                      "article ended, or was let go by then (keep what you read while it runs)",
                      static_cast<int>(i));
  const ArticleInput& a = *src->article;
  int base = lua_gettop(L);
  LuaSandbox::unmetered(L, [&] {
    int kit = push_seal_kit(L);
    push_block(L, kit, lua_upvalueindex(kSource), a, static_cast<size_t>(i - 1));
    lua_replace(L, kit);
    lua_settop(L, kit);
    lua_pushvalue(L, -1);
    lua_rawseti(L, lua_upvalueindex(kCache), i);
    lua_Integer slot = lua_tointeger(L, lua_upvalueindex(kNext));
    lua_pushvalue(L, -1);
    lua_rawseti(L, lua_upvalueindex(kWindow), slot % kBlockWindow + 1);
    lua_pushinteger(L, slot + 1);
    lua_replace(L, lua_upvalueindex(kNext));
  });
  lua_settop(L, base + 1);
  return 1;
}

int block_list_len(lua_State* L) {
  lua_pushvalue(L, lua_upvalueindex(1));
  return 1;
}

// The iterator of pairs(article.blocks): 1..#blocks in order, as pairs on a list gives them.
int block_list_next(lua_State* L) {
  lua_Integer i = lua_isnil(L, 2) ? 1 : lua_tointeger(L, 2) + 1;
  lua_pushinteger(L, i);
  if (lua_geti(L, 1, i) == LUA_TNIL) return 1;
  return 2;
}

int block_list_pairs(lua_State* L) {
  lua_pushcfunction(L, block_list_next);
  lua_pushvalue(L, 1);
  lua_pushnil(L);
  return 3;
}

// article.blocks: an empty read-only proxy whose metatable builds each block when read.
void push_blocks(lua_State* L, int kit, int source, const ArticleInput& a) {
  auto n = static_cast<lua_Integer>(a.article->blocks.size());
  lua_createtable(L, 0, 0);  // the proxy
  lua_createtable(L, 0, 5);  // its metatable
  lua_pushvalue(L, source);
  lua_createtable(L, 0, 0);  // the cache, weak in its values
  lua_createtable(L, 0, 1);
  lua_pushliteral(L, "v");
  lua_setfield(L, -2, "__mode");
  lua_setmetatable(L, -2);
  lua_createtable(L, static_cast<int>(std::min<lua_Integer>(n, kBlockWindow)), 0);
  lua_pushinteger(L, n);
  lua_pushinteger(L, 0);
  lua_pushcclosure(L, block_list_index, 5);
  lua_setfield(L, -2, "__index");
  lua_pushvalue(L, kit);  // ro_newindex
  lua_setfield(L, -2, "__newindex");
  lua_pushinteger(L, n);
  lua_pushcclosure(L, block_list_len, 1);
  lua_setfield(L, -2, "__len");
  lua_pushcfunction(L, block_list_pairs);
  lua_setfield(L, -2, "__pairs");
  lua_pushboolean(L, 0);
  lua_setfield(L, -2, "__metatable");
  lua_setmetatable(L, -2);
}

// Layout repairs (doubled bold text, justification spaces) the text layer undid.
void push_repairs(lua_State* L, int kit, const DocumentInput& in, const ArticleInput& a) {
  lua_newtable(L);
  lua_Integer n = 1;
  for (size_t b = 0; b < a.article->blocks.size(); ++b)
    for (const auto& r : a.article->blocks[b].text.repairs) {
      lua_createtable(L, 0, 7);
      set_string(L, "type", "repair");
      set_string(L, "kind", text::repair_kind_name(r.kind));
      set_string(L, "text", in.bytes.substr(r.original.begin, r.original.size()));
      set_string(L, "repaired", r.repaired);
      // The bytes to delete for the repair, as spans, when none of them is a line break (a
      // space that stands for a joined break): a fix of several edits that keeps the lines.
      bool keeps_lines = !r.removed.empty();
      for (const auto& s : r.removed)
        keeps_lines = keeps_lines && in.bytes.substr(s.begin, s.size()).find_first_of("\r\n") ==
                                         std::string_view::npos;
      if (keeps_lines) {
        lua_createtable(L, static_cast<int>(r.removed.size()), 0);
        for (size_t i = 0; i < r.removed.size(); ++i) {
          push_span(L, kit, r.removed[i]);
          lua_rawseti(L, -2, static_cast<lua_Integer>(i + 1));
        }
        seal(L, kit);
        lua_setfield(L, -2, "removed");
      }
      set_int(L, "block", static_cast<lua_Integer>(b + 1));
      set_span(L, kit, r.original);
      seal(L, kit);
      lua_rawseti(L, -2, n++);
    }
  seal(L, kit);
}

// The records of one kind (article.rates, …), in reading order.
void push_kind(lua_State* L, int kit, const ArticleInput& a, facts::RecordKind kind) {
  lua_newtable(L);
  LuaSink sink(L, kit, lua_gettop(L));
  facts::emit_records_of(*a.article, *a.facts, kind, sink);
  seal(L, kit);
}

// article.facts: every record in reading order, the very tables of the per-kind lists (the
// article table `inner` gets those lists first).
void push_all_facts(lua_State* L, int kit, int inner, const ArticleInput& a) {
  const size_t kinds = std::size(facts::kFactKinds);
  // Every kind's list stays on the stack while the records are gathered: more than the 20
  // slots a C function is given.
  luaL_checkstack(L, static_cast<int>(kinds) + 8, "the article view's facts");
  int first = lua_gettop(L) + 1;
  for (const auto& k : facts::kFactKinds)
    lua_getfield(L, inner, std::string(k.lua_list).c_str());  // built if still missing
  auto order = facts::record_order(*a.facts);
  std::vector<lua_Integer> next(kinds, 0);
  lua_createtable(L, static_cast<int>(order.size()), 0);
  lua_Integer n = 0;
  for (auto kind : order) {
    auto k = static_cast<size_t>(kind);
    lua_geti(L, first + static_cast<int>(k), ++next[k]);  // through the list's proxy
    lua_rawseti(L, -2, ++n);
  }
  seal(L, kit);
}

// __index (table, key) of a lazy table, and its __fill (table): builds the field, or every
// lazy field when called with the table alone, from the article while its rules run.
int lazy_index(lua_State* L) {
  auto* src = static_cast<ViewSource*>(lua_touserdata(L, lua_upvalueindex(1)));
  lua_Integer where = lua_tointeger(L, lua_upvalueindex(2));
  lua_Integer sentence = lua_tointeger(L, lua_upvalueindex(3));
  if (lua_gettop(L) == 1) {  // __fill: every lazy field, then the table is plain
    if (where == 0) {
      for (const char* k : {"blocks", "repairs", "facts"}) {
        lua_getfield(L, 1, k);
        lua_pop(L, 1);
      }
    } else {
      lua_getfield(L, 1, sentence > 0 ? "clauses" : "sentences");
      lua_pop(L, 1);
    }
    lua_pushnil(L);
    lua_setmetatable(L, 1);
    return 0;
  }
  if (lua_type(L, 2) != LUA_TSTRING) return 0;
  std::string_view key = lua_tostring(L, 2);
  bool lazy = where == 0      ? lazy_article_field(key)
              : sentence == 0 ? lazy_block_field(key)
                              : lazy_sentence_field(key);
  if (!lazy) return 0;
  if (!src->article)
    return luaL_error(L,
                      "the article view's '%s' was first read after the rules' calls on that "
                      "article ended (read what a rule keeps while it runs)",
                      lua_tostring(L, 2));
  const DocumentInput& in = *src->in;
  const ArticleInput& a = *src->article;
  // What the view holds is the engine's, not the memory of the rule that first reads it.
  LuaSandbox::unmetered(L, [&] {
    int kit = push_seal_kit(L);
    if (where > 0 && sentence > 0) {
      push_clauses(L, kit, a, static_cast<size_t>(where - 1), static_cast<size_t>(sentence - 1));
    } else if (where > 0) {
      push_sentences(L, kit, lua_upvalueindex(1), a, static_cast<size_t>(where - 1));
    } else if (key == "blocks") {
      push_blocks(L, kit, lua_upvalueindex(1), a);
    } else if (key == "repairs") {
      push_repairs(L, kit, in, a);
    } else if (key == "facts") {
      push_all_facts(L, kit, 1, a);
    } else {
      for (const auto& k : facts::kFactKinds)
        if (k.lua_list == key) push_kind(L, kit, a, k.kind);
    }
    lua_replace(L, kit);
    lua_settop(L, kit);
    lua_pushvalue(L, 2);
    lua_pushvalue(L, -2);
    lua_rawset(L, 1);
  });
  return 1;
}

}  // namespace

namespace {
std::atomic<uint64_t> views_built{0};
}  // namespace

uint64_t article_views_built() {
  return views_built.load();
}

ViewSource* push_article_view(lua_State* L, const DocumentInput& in, const ArticleInput& a,
                              int page) {
  ++views_built;
  int kit = push_seal_kit(L);
  auto* src = static_cast<ViewSource*>(lua_newuserdatauv(L, sizeof(ViewSource), 0));
  *src = {&in, &a};
  int source = lua_gettop(L);
  lua_createtable(L, 0, 24);
  set_int(L, "index", a.index + 1);
  if (page > 0) set_int(L, "page", page);
  set_string(L, "language", a.article->language);
  // The language to word messages and labels in: the article's, unless the check asks for the
  // other (a page whose interface is in English shows a Chinese draft's findings in English).
  set_string(L, "message_language", in.messages.empty() ? a.article->language : in.messages);
  set_string(L, "headline", a.article->headline);
  set_string(L, "path", in.doc->path);
  lua_pushboolean(L, a.article->uncertain);
  lua_setfield(L, -2, "uncertain");
  if (in.doc->publication_date) set_string(L, "date", in.doc->publication_date->iso());
  set_span(L, kit, a.article->extent());
  make_lazy(L, source, 0);
  seal(L, kit);
  lua_replace(L, kit);
  lua_settop(L, kit);
  return src;
}

void close_article_view(ViewSource* view) {
  view->in = nullptr;
  view->article = nullptr;
}

namespace {

// One figure of an edition restatement: its mention, page and article (1-based).
void push_edition_mention(lua_State* L, int kit, const facts::FigureMention& m, int page,
                          int article) {
  lua_createtable(L, 0, 8);
  set_string(L, "text", m.text);
  set_span(L, kit, m.span);
  lua_pushnumber(L, m.value);
  lua_setfield(L, -2, "value");
  lua_pushnumber(L, m.lo);
  lua_setfield(L, -2, "lo");
  lua_pushnumber(L, m.hi);
  lua_setfield(L, -2, "hi");
  set_int(L, "block", static_cast<lua_Integer>(m.block + 1));
  set_int(L, "page", page);
  set_int(L, "article", article);
  seal(L, kit);
}

}  // namespace

std::vector<ViewSource*> push_edition_view(
    lua_State* L, const std::vector<const DocumentInput*>& pages,
    const std::vector<EditionRef>& refs,
    const std::vector<facts::EditionRestatement>& restatements) {
  std::vector<ViewSource*> sources;
  sources.reserve(refs.size());
  int kit = push_seal_kit(L);
  lua_createtable(L, 0, 4);
  int edition = lua_gettop(L);
  set_int(L, "pages", static_cast<lua_Integer>(pages.size()));
  lua_createtable(L, static_cast<int>(pages.size()), 0);
  for (size_t p = 0; p < pages.size(); ++p) {
    lua_pushlstring(L, pages[p]->doc->path.data(), pages[p]->doc->path.size());
    lua_rawseti(L, -2, static_cast<lua_Integer>(p + 1));
  }
  seal(L, kit);
  lua_setfield(L, edition, "files");
  lua_createtable(L, static_cast<int>(refs.size()), 0);
  for (size_t i = 0; i < refs.size(); ++i) {
    const auto& in = *pages[refs[i].page];
    sources.push_back(
        push_article_view(L, in, in.articles[refs[i].article], static_cast<int>(refs[i].page + 1)));
    lua_rawseti(L, -2, static_cast<lua_Integer>(i + 1));
  }
  seal(L, kit);
  lua_setfield(L, edition, "articles");
  lua_createtable(L, static_cast<int>(restatements.size()), 0);
  for (size_t i = 0; i < restatements.size(); ++i) {
    const auto& er = restatements[i];
    const auto& r = er.r;
    const auto& a = refs[er.first_article];
    const auto& b = refs[er.second_article];
    int bp = static_cast<int>(b.page + 1), ba = static_cast<int>(b.article + 1);
    lua_createtable(L, 0, 13);
    set_string(L, "type", "restatement");
    push_edition_mention(L, kit, r.first, static_cast<int>(a.page + 1),
                         static_cast<int>(a.article + 1));
    lua_setfield(L, -2, "first");
    push_edition_mention(L, kit, r.second, bp, ba);
    lua_setfield(L, -2, "second");
    set_span(L, kit, r.second.span);
    set_int(L, "page", bp);
    set_int(L, "article", ba);
    const auto& language = pages[b.page]->articles[b.article].article->language;
    set_string(L, "language", language);
    // As article.message_language: the language to word labels in (CheckSettings::messages).
    const auto& asked = pages[b.page]->messages;
    set_string(L, "message_language", asked.empty() ? language : asked);
    set_string(L, "measure", r.measure);
    set_string(L, "words", r.words);
    set_string(L, "evidence", facts::restatement_evidence_name(r.evidence));
    lua_pushboolean(L, r.headline);
    lua_setfield(L, -2, "headline");
    lua_pushboolean(L, r.agree);
    lua_setfield(L, -2, "agree");
    seal(L, kit);
    lua_rawseti(L, -2, static_cast<lua_Integer>(i + 1));
  }
  seal(L, kit);
  lua_setfield(L, edition, "restatements");
  seal(L, kit);
  lua_replace(L, kit);
  lua_settop(L, kit);
  return sources;
}

}  // namespace tally::rules
