// Random rule programs against the Lua sandbox. The input bytes choose, from a grammar of Lua
// statements and expressions, a rule file made of what attacks the sandbox: pairs/next/rawget/
// rawset/getmetatable/setmetatable on the read-only tables (tally, string, math, the article),
// finalizers, __close, __tostring of error objects and message handlers that run code, string
// functions with huge results and slow patterns, load, print, report{} with anything in it,
// loops. It runs under small budgets on a small document, twice, beside a sentinel rule file.
// Never a crash or a hang (libFuzzer's -timeout), and never an escape: after the fuzzed file
// has loaded and run, the sentinel must still see the shared tables intact, none of the fuzzed
// file's globals, and report exactly one finding saying so (docs/robustness.md).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "facts/extract.hpp"
#include "fuzz_assert.hpp"
#include "parse/parse.hpp"
#include "rules/input.hpp"
#include "rules/lua_rules.hpp"
#include "rules/rule_set.hpp"
#include "text/source.hpp"

namespace {

// Reads choices from the input; past its end every choice is 0 (the shortest production).
struct Choices {
  const uint8_t* data;
  size_t size, at = 0;
  unsigned pick(unsigned n) { return at < size ? data[at++] % n : 0; }
  bool more() const { return at < size; }
};

const char* const kAtoms[] = {"article",
                              "report",
                              "tally",
                              "string",
                              "math",
                              "table",
                              "utf8",
                              "_G",
                              "_ENV",
                              "pairs",
                              "next",
                              "rawget",
                              "rawset",
                              "rawequal",
                              "rawlen",
                              "getmetatable",
                              "setmetatable",
                              "select",
                              "type",
                              "tostring",
                              "tonumber",
                              "ipairs",
                              "pcall",
                              "xpcall",
                              "error",
                              "load",
                              "print",
                              "collectgarbage",
                              "require",
                              "debug",
                              "coroutine",
                              "io",
                              "os",
                              "v1",
                              "v2",
                              "v3",
                              "select(2, next(tally))",
                              "nil",
                              "true",
                              "false",
                              "0",
                              "1",
                              "-1",
                              "2^53",
                              "math.huge",
                              "0/0",
                              "1e308",
                              "-0.0",
                              "\"\"",
                              "\"a\"",
                              "\"%d\"",
                              "\"%s%s%s\"",
                              "\"(.-)%1\"",
                              "\"[%z\\1-\\255]*\"",
                              "\"\\xff\\xfe\"",
                              "(\"a\"):rep(40)",
                              "(\"a*\"):rep(20) .. \"b\"",
                              "\"{match}\"",
                              "\"%\"",
                              "\"__index\"",
                              "article.blocks",
                              "article.blocks[1]",
                              "article.blocks[1].span",
                              "article.facts",
                              "article.numbers",
                              "article.dates",
                              "article.blocks[1].sentences[1]",
                              "article.text",
                              "getmetatable(\"\")",
                              "getmetatable(article)",
                              "getmetatable(tally)",
                              "getmetatable(string)",
                              "select(2, pairs(tally))",
                              "select(2, pairs(string))",
                              "select(2, pairs(article))",
                              "next(tally)",
                              "rawget(tally, \"rule\")",
                              "{}",
                              "{1, 2, 3}",
                              "{at = article.blocks[1]}"};
const char* const kNames[] = {
    "rule",   "span",      "find_byte",  "rate_matches", "format",  "rep",        "gsub",
    "blocks", "sentences", "text",       "begin",        "__index", "__newindex", "__pairs",
    "__gc",   "__close",   "__tostring", "__metatable",  "x",       "language"};
const char* const kMethods[] = {"rep",  "find",  "match", "gmatch",  "gsub", "format", "sub",
                                "byte", "upper", "len",   "reverse", "pack", "unpack"};
const char* const kCalls[] = {
    "string.rep",        "string.format",      "string.find",   "string.gsub",
    "string.char",       "string.pack",        "table.concat",  "table.insert",
    "table.unpack",      "table.move",         "table.sort",    "table.remove",
    "utf8.char",         "utf8.codes",         "math.floor",    "tally.span",
    "tally.find_byte",   "tally.rate_matches", "tally.format",  "tally.pick",
    "tally.sentence_of", "tally.before",       "tally.amounts", "tally.interval",
    "tally.overlaps"};
const char* const kMeta[] = {"__index",    "__newindex", "__gc",  "__close",
                             "__tostring", "__pairs",    "__len", "__eq",
                             "__concat",   "__call",     "__mode"};

template <size_t N>
const char* one(Choices& c, const char* const (&list)[N]) {
  return list[c.pick(N)];
}

class Program {
 public:
  explicit Program(Choices& c) : c_(c) {}

  std::string expr(int depth) {
    if (depth <= 0) return one(c_, kAtoms);
    // Choice 0 (all an input's bytes past its end give) is the shortest: an atom.
    switch (c_.pick(12)) {
      case 0:
        return one(c_, kAtoms);
      case 11:
        return std::string(one(c_, kCalls)) + "(" + args(depth - 1) + ")";
      case 1:
        return "(" + expr(depth - 1) + ")." + one(c_, kNames);
      case 2:
        return "(" + expr(depth - 1) + ")[" + expr(depth - 1) + "]";
      case 3:
        return "(" + expr(depth - 1) + "):" + one(c_, kMethods) + "(" + args(depth - 1) + ")";
      case 4:
        return "(" + expr(depth - 1) + " .. " + expr(depth - 1) + ")";
      case 5:
        return "(" + expr(depth - 1) + " + " + expr(depth - 1) + ")";
      case 6:
        return "#" + expr(depth - 1);
      case 7:
        return "function(...) " + block(depth - 1) + " return " + expr(depth - 1) + " end";
      case 8:
        return "setmetatable({}, {" + std::string(one(c_, kMeta)) + " = " + expr(depth - 1) + "})";
      case 9:
        return "{" + std::string(one(c_, kNames)) + " = " + expr(depth - 1) + ", " +
               expr(depth - 1) + "}";
      default:
        return "(" + std::string(one(c_, kAtoms)) + ")(" + args(depth - 1) + ")";
    }
  }

  std::string args(int depth) {
    std::string out;
    for (unsigned n = c_.pick(4), i = 0; i < n; ++i) out += (i ? ", " : "") + expr(depth);
    return out;
  }

  std::string stat(int depth) {
    std::string e = expr(depth);
    switch (c_.pick(depth > 0 ? 17 : 5)) {
      case 0:
        return "local l = " + e;
      case 1:
        return std::string("v") + std::to_string(1 + c_.pick(3)) + " = " + e;
      case 2:
        return "(" + e + ")." + one(c_, kNames) + " = " + expr(depth);
      case 3:
        return "rawset(" + e + ", " + expr(depth) + ", " + expr(depth) + ")";
      case 4:
        return "report{at = " + e + ", message = " + expr(depth) + ", fix = " + expr(depth) + "}";
      case 5:
        return "for k, x in pairs(" + e + ") do " + block(depth - 1) + " end";
      case 6:
        return "for i = 1, " + std::to_string(1 + c_.pick(200)) + " do " + block(depth - 1) +
               " end";
      case 7:
        return "while " + e + " do " + block(depth - 1) + " end";
      case 8:
        return "if " + e + " then " + block(depth - 1) + " else " + block(depth - 1) + " end";
      case 9:
        return "pcall(function() " + block(depth - 1) + " end)";
      case 10:
        return "xpcall(function() " + block(depth - 1) + " end, function(m) " + block(depth - 1) +
               " return m end)";
      case 11:
        return "setmetatable({}, {__gc = function() " + block(depth - 1) + " end})";
      case 12:
        return "do local c <close> = setmetatable({}, {__close = function() " + block(depth - 1) +
               " end}) end";
      case 13:
        return "error(setmetatable({}, {__tostring = function() " + block(depth - 1) + " return " +
               e + " end}))";
      case 14:
        return "print(" + e + ")";
      case 15:
        return "local f = load(" + e + ") if f then f() end";
      default:
        return "local s = tostring(" + e + ")";
    }
  }

  // Statements end with ";": "(x).y = 1" after "f()" would otherwise call f's result. Half of
  // them run under pcall, so one that fails does not stop the rest.
  std::string line(int depth) {
    return c_.pick(2) == 0 ? "pcall(function() " + stat(depth) + "; end);\n" : stat(depth) + ";\n";
  }

  std::string block(int depth) {
    std::string out;
    for (unsigned n = 1 + c_.pick(3), i = 0; i < n; ++i) out += line(depth);
    return out;
  }

  // Top-level statements (run when the file loads), one or two rules, more statements.
  std::string file() {
    std::string out;
    for (unsigned n = c_.pick(3), i = 0; i < n; ++i) out += line(2);
    for (unsigned n = 1 + c_.pick(2), i = 0; i < n; ++i) {
      if (c_.pick(8) == 7) {  // tally.rule with anything in it
        out += "pcall(tally.rule, " + expr(2) + ");\n";
        continue;
      }
      out += "tally.rule{ id = \"fz.r" + std::to_string(i) +
             "\", on_article = function(article, report)\n" + block(3) + "end };\n";
    }
    while (c_.more()) out += line(2);
    return out;
  }

 private:
  Choices& c_;
};

// Loaded after the fuzzed file, run after its rules: what every other rule relies on.
const char* const kSentinel = R"lua(
tally.rule{ id = "zz.sentinel", on_article = function(article, report)
  local broken = {}
  local function need(ok, what) if not ok then broken[#broken + 1] = what end end
  need(type(tally.rule) == "function" and type(tally.span) == "function", "tally.rule/span")
  need(type(tally.rate_matches) == "function" and type(tally.format) == "function", "tally helpers")
  need(string.format("%d", 7) == "7" and ("ab"):rep(2) == "abab", "string.format/rep")
  need(("abc"):find("b", 1, true) == 2 and ("a,b"):gsub(",", ";") == "a;b", "string.find/gsub")
  need(("x"):upper() == "X" and ("xy"):sub(2) == "y", "string methods")
  need(math.floor(2.5) == 2 and math.huge > 1e308, "math")
  need(type(pairs) == "function" and type(next) == "function" and type(ipairs) == "function"
       and type(type) == "function" and type(tostring) == "function", "base functions")
  need(table.concat({"a", "b"}) == "ab", "table.concat")
  need(#article.blocks == 2 and article.blocks[2].text:sub(1, 4) == "2024", "article.blocks")
  need(#article.facts == 6 and #article.dates == 1 and #article.quantities == 3, "article facts")
  need(v1 == nil and v2 == nil and v3 == nil and l == nil, "globals of another file")
  report{ at = article.blocks[1], message = #broken == 0 and "intact" or table.concat(broken, ", ") }
end }
)lua";

const char* const kText =
    "某市经济运行情况\n\n2024年3月5日，某市GDP增长5.2%，达到1,234亿元，三个区共1,000家企业。\n";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string bytes = kText;
  static const auto loaded = tally::text::make_source("fuzz.txt", bytes);
  static const auto doc = tally::parse::parse_document(*loaded.source);
  static const auto facts = tally::facts::extract_document_facts(doc);
  static const auto in = tally::rules::prepare_input(doc, loaded.source->bytes, facts);
  static const std::string sentinel = kSentinel;

  Choices choices{data, size};
  std::string program = Program(choices).file();
  tally::rules::LuaLimits limits;
  limits.instructions = 200'000;
  limits.memory = 8u << 20;
  // The wall clock only backs the count: long enough that a loaded machine does not trip it on
  // the sentinel, short enough that three rules on two documents end well inside -timeout=10.
  limits.wall = std::chrono::milliseconds(1000);
  limits.print_bytes = 256;
  tally::rules::LuaRules lua(limits, tally::rules::module_lookup());
  auto fuzzed = lua.load_file("fuzz/fz.lua", "fuzz", program);
  if (std::getenv("TALLY_FUZZ_SHOW"))  // to see what the grammar makes of an input
    std::fprintf(stderr, "%s-- %s\n", program.c_str(),
                 fuzzed.empty() ? "loaded" : fuzzed[0].str().c_str());
  auto errors = lua.load_file("fuzz/zz.lua", "fuzz", sentinel);
  // The fuzzed file must not break what a later file loads with.
  FUZZ_REQUIRE(errors.empty(), errors[0].str() + "\n" + program);
  for (int run = 0; run < 2; ++run) {
    std::vector<tally::report::Finding> findings;
    std::vector<tally::rules::RuleError> rule_errors;
    lua.run(
        in, [](const tally::rules::LuaRule&) { return true; }, findings, rule_errors);
    size_t intact = 0;
    for (const auto& f : findings) {
      FUZZ_REQUIRE(f.span.begin <= f.span.end && f.span.end <= bytes.size(), f.rule);
      FUZZ_REQUIRE(!f.fix || f.fix->extent().end <= bytes.size(), f.rule);
      if (f.rule == "zz.sentinel") {
        // An escape: the message names what broke.
        FUZZ_REQUIRE(f.message == "intact", f.message + "\n" + program);
        ++intact;
      }
    }
    // What a rule keeps between documents counts against every later call's memory cap
    // (docs/robustness.md), and the wall clock depends on the machine's load: the sentinel may
    // be stopped by those, and by nothing else (its instruction count is its own).
    bool starved = false;
    for (const auto& e : rule_errors)
      if (e.rule == "zz.sentinel") {
        bool memory = run > 0 && e.message.find("memory cap exceeded") != std::string::npos;
        bool clock = e.message.find("time limit exceeded") != std::string::npos;
        FUZZ_REQUIRE(memory || clock, e.str() + "\n" + program);
        starved = true;
      }
    FUZZ_REQUIRE(intact == (starved ? 0 : 1), program);
  }
  return 0;
}
