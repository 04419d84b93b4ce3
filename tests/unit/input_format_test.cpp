// How a draft is read before the rules see it: the input format (forced or decided from the
// name and layout), Markdown front matter, and the subheadline of a short typed draft.
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>

#include "config/config.hpp"
#include "golden_support.hpp"
#include "parse/parse.hpp"
#include "rules/checker.hpp"
#include "rules/rule_set.hpp"
#include "service/engine.hpp"
#include "text/line_index.hpp"
#include "text/source.hpp"

using namespace tally;
using parse::BlockType;
using parse::Format;
namespace fs = std::filesystem;

namespace {

parse::Document parse_as(const std::string& name, const std::string& text,
                         std::optional<Format> format = std::nullopt) {
  auto r = text::make_source(name, text);
  BOOST_REQUIRE(r.source);
  parse::ParseOptions o;
  o.format = format;
  auto doc = parse::parse_document(*r.source, o);
  check_blocks_map_to_bytes(doc, text);
  return doc;
}

std::vector<BlockType> types(const parse::Article& a) {
  std::vector<BlockType> t;
  for (const auto& b : a.blocks) t.push_back(b.type);
  return t;
}

std::string text_at(const std::string& bytes, const parse::Block& b) {
  return bytes.substr(b.span.begin, b.span.size());
}

struct TempDir {
  fs::path dir;
  TempDir() {
    dir = fs::temp_directory_path() / ("tally-input-" + std::to_string(::getpid()));
    fs::create_directories(dir);
  }
  ~TempDir() { fs::remove_all(dir); }
  std::string write(const std::string& name, const std::string& text) {
    auto p = dir / name;
    std::ofstream(p, std::ios::binary) << text;
    return p.string();
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(input_format)

BOOST_AUTO_TEST_CASE(format_names) {
  std::optional<Format> f = Format::Page;
  BOOST_TEST(parse::parse_input_format("auto", f));
  BOOST_TEST(!f.has_value());
  BOOST_TEST(parse::parse_input_format("page", f));
  BOOST_TEST((f == Format::Page));
  BOOST_TEST(parse::parse_input_format("plain", f));
  BOOST_TEST((f == Format::Lines));
  BOOST_TEST(parse::parse_input_format("markdown", f));
  BOOST_TEST((f == Format::Markdown));
  BOOST_TEST(!parse::parse_input_format("md", f));
  BOOST_TEST(!parse::parse_input_format("Markdown", f));
  BOOST_TEST((f == Format::Markdown));  // untouched by a name it refused
}

BOOST_AUTO_TEST_CASE(extension_in_any_case_and_forced_formats) {
  std::string md = "# City opens schools\n\nThe city opened 12 schools, the mayor said.\n";
  auto upper = parse_as("DRAFT.MD", md);
  BOOST_TEST(parse::format_name(upper.format) == std::string("markdown"));
  BOOST_REQUIRE_EQUAL(upper.articles.size(), 1u);
  BOOST_TEST(upper.articles[0].headline == "City opens schools");

  auto forced = parse_as("draft.txt", md, Format::Markdown);
  BOOST_TEST(parse::format_name(forced.format) == std::string("markdown"));
  BOOST_REQUIRE_EQUAL(forced.articles.size(), 1u);
  BOOST_TEST(forced.articles[0].headline == "City opens schools");
  auto plain = parse_as("draft.md", md, Format::Lines);
  BOOST_TEST(parse::format_name(plain.format) == std::string("lines"));
  BOOST_REQUIRE(!plain.articles.empty() && !plain.articles[0].blocks.empty());
  BOOST_TEST(plain.articles[0].blocks[0].text.text == "# City opens schools");

  // A typed draft without blank lines: read as typed, each line is a paragraph; forced to be a
  // print page, the two lines of prose are one paragraph wrapped over two lines.
  std::string typed =
      "全市新建学校十二所\n秋季学期新增学位一万个\n"
      "今年全市新建中小学十二所，新增学位一万个，比去年增长25%。\n"
      "市教育局表示，新学校将于九月开学。\n";
  auto as_typed = parse_as("t.txt", typed);
  BOOST_TEST(parse::format_name(as_typed.format) == std::string("lines"));
  BOOST_REQUIRE_EQUAL(as_typed.articles.size(), 1u);
  std::vector<BlockType> want{BlockType::Headline, BlockType::Subheadline, BlockType::Paragraph,
                              BlockType::Paragraph};
  BOOST_TEST(types(as_typed.articles[0]) == want, boost::test_tools::per_element());
  auto as_page = parse_as("t.txt", typed, Format::Page);
  BOOST_TEST(parse::format_name(as_page.format) == std::string("page"));
  BOOST_REQUIRE_EQUAL(as_page.articles.size(), 1u);
  const auto& merged = as_page.articles[0].blocks.back();
  BOOST_TEST(merged.type == BlockType::Paragraph);
  BOOST_TEST(merged.text.text ==
             "今年全市新建中小学十二所，新增学位一万个，比去年增长25%。市教育局表示，新学校将于九"
             "月开学。");
  auto as_plain = parse_as("t.txt", typed, Format::Lines);
  BOOST_REQUIRE_EQUAL(as_plain.articles.size(), 1u);
  BOOST_TEST(types(as_plain.articles[0]) == want, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(yaml_front_matter_is_skipped_with_offsets_intact) {
  std::string md =
      "---\n"
      "title: 东河区法院年报\n"
      "summary: 办结案件899件，调解和解案件298件，调解和解率达32%。\n"
      "---\n"
      "# 东河区法院\n"
      "\n"
      "今年办结案件899件，调解和解案件298件，调解和解率达32%。\n";
  auto doc = parse_as("fm.md", md);
  BOOST_REQUIRE_EQUAL(doc.articles.size(), 1u);
  const auto& a = doc.articles[0];
  BOOST_TEST(a.headline == "东河区法院");
  std::vector<BlockType> want{BlockType::Headline, BlockType::Paragraph};
  BOOST_REQUIRE_EQUAL(a.blocks.size(), want.size());
  BOOST_TEST(types(a) == want, boost::test_tools::per_element());
  BOOST_TEST(a.blocks[0].span.begin == md.find("# 东河区法院") + 2);
  BOOST_TEST(text_at(md, a.blocks[0]) == "东河区法院");
  BOOST_TEST(a.blocks[1].span.begin == md.rfind("今年"));
  BOOST_TEST(a.blocks[1].span.end == md.size() - 1);

  // The claim in the front matter is not copy: one finding, in the body, where the file has it.
  rules::Checker checker(std::make_shared<rules::RuleSet>(rules::load_rules({}, true)));
  auto findings = checker.check(doc, md, {}).findings;
  BOOST_REQUIRE_EQUAL(findings.size(), 1u);
  BOOST_TEST(findings[0].rule == "percent.recompute");
  BOOST_TEST(findings[0].span.begin == md.rfind("32%"));
  auto at = text::LineIndex(md).position(findings[0].span.begin);
  BOOST_TEST(at.line == 7u);
  BOOST_TEST(at.column == 29u);
}

BOOST_AUTO_TEST_CASE(toml_front_matter_crlf_bom_and_what_is_not_front_matter) {
  std::string toml = "+++\ntitle = \"Schools\"\ndraft = true\n+++\n# City opens schools\n\nBody.\n";
  auto t = parse_as("t.md", toml);
  BOOST_REQUIRE_EQUAL(t.articles.size(), 1u);
  BOOST_TEST(t.articles[0].headline == "City opens schools");
  BOOST_REQUIRE_EQUAL(t.articles[0].blocks.size(), 2u);
  BOOST_TEST(t.articles[0].blocks[0].span.begin == toml.find("City"));
  BOOST_TEST(t.articles[0].blocks[1].span.begin == toml.find("Body."));

  // A byte order mark, Windows line ends, and YAML's other closing line "...".
  std::string crlf = "\xEF\xBB\xBF---\r\ntitle: a\r\n...\r\n# Head\r\n\r\nBody text here.\r\n";
  auto c = parse_as("c.md", crlf);
  BOOST_REQUIRE_EQUAL(c.articles.size(), 1u);
  BOOST_TEST(c.articles[0].headline == "Head");
  BOOST_REQUIRE_EQUAL(c.articles[0].blocks.size(), 2u);
  BOOST_TEST(c.articles[0].blocks[0].span.begin == crlf.find("Head"));
  auto head = text::LineIndex(crlf).position(c.articles[0].blocks[0].span.begin);
  BOOST_TEST(head.line == 4u);
  BOOST_TEST(head.column == 3u);
  BOOST_TEST(text_at(crlf, c.articles[0].blocks[1]) == "Body text here.");

  // An unclosed "---" is a thematic break; a "---" block further down is no front matter.
  std::string rule = "---\n# Head\n\nBody.\n";
  auto r = parse_as("r.md", rule);
  BOOST_REQUIRE_EQUAL(r.articles.size(), 1u);
  BOOST_TEST(r.articles[0].headline == "Head");
  BOOST_TEST(r.articles[0].blocks[0].span.begin == 6u);
  std::string later = "# Head\n\n---\ntitle: x\n---\n\nBody.\n";
  auto l = parse_as("l.md", later);
  BOOST_REQUIRE_EQUAL(l.articles.size(), 1u);
  BOOST_TEST(l.articles[0].blocks.size() == 3u);  // headline, "title: x" as a sub-head, body
}

BOOST_AUTO_TEST_CASE(typed_draft_keeps_its_subheadline) {
  // Headline and subheadline on two lines, then the copy: the subheadline, with no full stop,
  // used to run on into the first paragraph, and the headline with it.
  std::string zh =
      "全市新建学校十二所\n秋季学期新增学位一万个\n\n"
      "今年全市新建中小学十二所，新增学位一万个，比去年增长25%。\n\n"
      "市教育局表示，新学校将于九月开学。\n";
  auto doc = parse_as("zh.txt", zh);
  BOOST_TEST(parse::format_name(doc.format) == std::string("lines"));
  BOOST_REQUIRE_EQUAL(doc.articles.size(), 1u);
  const auto& a = doc.articles[0];
  BOOST_TEST(a.headline == "全市新建学校十二所 / 秋季学期新增学位一万个");
  std::vector<BlockType> want{BlockType::Headline, BlockType::Subheadline, BlockType::Paragraph,
                              BlockType::Paragraph};
  BOOST_REQUIRE_EQUAL(a.blocks.size(), want.size());
  BOOST_TEST(types(a) == want, boost::test_tools::per_element());
  BOOST_TEST(a.blocks[1].span.begin == 28u);
  BOOST_TEST(a.blocks[1].span.end == 61u);
  BOOST_TEST(text_at(zh, a.blocks[2]) ==
             "今年全市新建中小学十二所，新增学位一万个，比去年增长25%。");

  // English: the dek is longer than a Chinese heading line may be (35 characters).
  std::string en =
      "City opens twelve new schools\n\nTen thousand new places this autumn\n\n"
      "The city opened twelve new schools this year, adding 10,000 places, up 25% from last "
      "year.\n\nThe education office said the schools open in September.\n";
  auto e = parse_as("en.txt", en);
  BOOST_REQUIRE_EQUAL(e.articles.size(), 1u);
  BOOST_TEST(e.articles[0].headline ==
             "City opens twelve new schools / Ten thousand new places this autumn");
  BOOST_REQUIRE_EQUAL(e.articles[0].blocks.size(), want.size());
  BOOST_TEST(types(e.articles[0]) == want, boost::test_tools::per_element());
  BOOST_TEST(e.articles[0].blocks[1].span.begin == en.find("Ten"));
  BOOST_TEST(text_at(en, e.articles[0].blocks[1]) == "Ten thousand new places this autumn");

  // An English headline past 32 characters is still the headline.
  std::string long_head =
      "Hospital waiting times fall by a quarter in the county\n\n"
      "Average waiting times at the county hospital fell from 50 minutes to 40 minutes.\n\n"
      "Of the 1,200 patients surveyed, 900 said they were satisfied.\n";
  auto h = parse_as("h.txt", long_head);
  BOOST_REQUIRE_EQUAL(h.articles.size(), 1u);
  BOOST_TEST(h.articles[0].headline == "Hospital waiting times fall by a quarter in the county");

  // A line under the headline that ends a sentence is copy, not a subheadline.
  std::string lead =
      "全市新建学校十二所\n\n今年全市新建学校十二所，比去年多三所。\n\n"
      "市教育局表示，新学校将于九月开学。\n";
  auto p = parse_as("p.txt", lead);
  BOOST_REQUIRE_EQUAL(p.articles.size(), 1u);
  std::vector<BlockType> copy{BlockType::Headline, BlockType::Paragraph, BlockType::Paragraph};
  BOOST_TEST(types(p.articles[0]) == copy, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(markdown_draft_keeps_its_subheadline) {
  std::string md =
      "# City opens twelve new schools\n\nTen thousand new places this autumn\n\n"
      "The city opened twelve new schools this year.\n";
  auto doc = parse_as("d.md", md);
  BOOST_REQUIRE_EQUAL(doc.articles.size(), 1u);
  const auto& a = doc.articles[0];
  BOOST_TEST(a.headline == "City opens twelve new schools / Ten thousand new places this autumn");
  std::vector<BlockType> want{BlockType::Headline, BlockType::Subheadline, BlockType::Paragraph};
  BOOST_REQUIRE_EQUAL(a.blocks.size(), want.size());
  BOOST_TEST(types(a) == want, boost::test_tools::per_element());
  BOOST_TEST(a.blocks[1].span.begin == md.find("Ten"));
  // Not a byline, nor a line that introduces a list, nor a sentence.
  for (std::string second : {"By Jane Doe", "Key points", "The schools open in September."}) {
    auto d = parse_as("d.md", "# City opens schools\n\n" + second +
                                  "\n\n- twelve schools\n- 10,000 places\n\nMore copy here.\n");
    BOOST_REQUIRE_EQUAL(d.articles.size(), 1u);
    BOOST_REQUIRE_GE(d.articles[0].blocks.size(), 2u);
    BOOST_TEST(d.articles[0].blocks[1].type == BlockType::Paragraph, second);
  }
  auto before_copy =
      parse_as("d.md", "# City opens schools\n\nBy Jane Doe\n\nThe schools open in September.\n");
  BOOST_REQUIRE_GE(before_copy.articles[0].blocks.size(), 2u);
  BOOST_TEST(before_copy.articles[0].blocks[1].type == BlockType::Paragraph);
}

BOOST_AUTO_TEST_CASE(config_keys_and_the_engine) {
  TempDir tmp;
  auto ok = config::load_config(tmp.write("ok.yml", "input_format: markdown\nencoding: GB18030\n"));
  BOOST_TEST(ok.error == "");
  BOOST_TEST((ok.config.input_format == Format::Markdown));
  BOOST_TEST(ok.config.encoding == "GB18030");
  auto fmt = config::load_config(tmp.write("fmt.yml", "input_format: md\n"));
  BOOST_TEST(fmt.error ==
             (tmp.dir / "fmt.yml").string() +
                 ":1:15: input_format must be auto, page, plain or markdown, not 'md'");
  auto enc = config::load_config(tmp.write("enc.yml", "language: zh\nencoding: klingon\n"));
  BOOST_TEST(enc.error == (tmp.dir / "enc.yml").string() +
                              ":2:11: unknown encoding 'klingon' (gb18030, gbk, big5, utf-16 … as "
                              "`iconv --list` names them)");

  // The config's input_format reaches the parser through the engine; a request's own wins.
  tmp.write(".tally.yml", "input_format: markdown\n");
  service::Engine engine({{}, "", true, false});
  service::CheckRequest req;
  req.text = "# Head\n\nBody text, here.\n";
  req.filename = (tmp.dir / "draft.txt").string();
  auto out = engine.check(req);
  BOOST_REQUIRE(out.document);
  BOOST_TEST(parse::format_name(out.document->format) == std::string("markdown"));
  req.input_format = Format::Lines;
  out = engine.check(req);
  BOOST_TEST(parse::format_name(out.document->format) == std::string("lines"));
}

BOOST_AUTO_TEST_SUITE_END()
