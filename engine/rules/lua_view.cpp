#include "rules/lua_view.hpp"

#include <cmath>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "facts/kinds.hpp"
#include "facts/records.hpp"
#include "rules/lua_readonly.hpp"

namespace tally::rules {

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

// Fact records (facts::emit_records) as sealed tables, with Lua conventions: 1-based indices,
// lo/hi for intervals (±math.huge when open), precision beside decimals. Each record goes into
// the `facts` list and its type's list.
struct LuaSink : facts::RecordSink {
  lua_State* L;
  int kit;
  int all;    // stack index of the `facts` list
  int lists;  // stack index of the first per-kind list (facts::kFactKinds, in RecordKind order)
  struct Frame {
    const char* key;
    bool array;
    lua_Integer n;
  };
  std::vector<Frame> frames;
  int slot = 0;

  LuaSink(lua_State* l, int k, int a, int first) : L(l), kit(k), all(a), lists(first) {}

  // Moves the value on top into the table below it.
  void put(const char* key) {
    auto& f = frames.back();
    if (f.array)
      lua_rawseti(L, -2, ++f.n);
    else
      lua_setfield(L, -2, key);
  }
  void begin_record(facts::RecordKind kind, const char* type) override {
    lua_createtable(L, 0, 20);
    frames.assign(1, {nullptr, false, 0});
    slot = static_cast<int>(kind);
    string("type", type);
  }
  void end_record() override {
    seal(L, kit);
    lua_pushvalue(L, -1);
    lua_rawseti(L, all, static_cast<lua_Integer>(lua_rawlen(L, all) + 1));
    int list = lists + slot;
    lua_rawseti(L, list, static_cast<lua_Integer>(lua_rawlen(L, list) + 1));
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

}  // namespace

void push_article_view(lua_State* L, const DocumentInput& in, const ArticleInput& a, int page) {
  int kit = push_seal_kit(L);
  lua_createtable(L, 0, 20);
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
  push_blocks(L, kit, a);
  lua_setfield(L, -2, "blocks");
  push_repairs(L, kit, in, a);
  lua_setfield(L, -2, "repairs");

  // All facts in reading order, and the same records by type; each list is sealed once filled.
  int view = lua_gettop(L);
  for (size_t k = 0; k < std::size(facts::kFactKinds); ++k) lua_newtable(L);
  lua_newtable(L);
  LuaSink sink(L, kit, lua_gettop(L), view + 1);
  facts::emit_records(*a.article, *a.facts, sink);
  seal(L, kit);
  lua_setfield(L, view, "facts");
  for (int i = static_cast<int>(std::size(facts::kFactKinds)) - 1; i >= 0; --i) {
    seal(L, kit);
    lua_setfield(L, view, std::string(facts::kFactKinds[i].lua_list).c_str());
  }
  seal(L, kit);
  lua_replace(L, kit);
  lua_settop(L, kit);
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

void push_edition_view(lua_State* L, const std::vector<const DocumentInput*>& pages,
                       const std::vector<EditionRef>& refs,
                       const std::vector<facts::EditionRestatement>& restatements) {
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
    push_article_view(L, in, in.articles[refs[i].article], static_cast<int>(refs[i].page + 1));
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
    lua_createtable(L, 0, 12);
    set_string(L, "type", "restatement");
    push_edition_mention(L, kit, r.first, static_cast<int>(a.page + 1),
                         static_cast<int>(a.article + 1));
    lua_setfield(L, -2, "first");
    push_edition_mention(L, kit, r.second, bp, ba);
    lua_setfield(L, -2, "second");
    set_span(L, kit, r.second.span);
    set_int(L, "page", bp);
    set_int(L, "article", ba);
    set_string(L, "language", pages[b.page]->articles[b.article].article->language);
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
}

}  // namespace tally::rules
