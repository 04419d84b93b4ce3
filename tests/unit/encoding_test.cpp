// Drafts that are not UTF-8: conversion with --encoding, UTF-16 byte order marks, and the
// invalid-UTF-8 error that names the legacy encoding the bytes look like.
#include "text/encoding.hpp"

#include <iconv.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>

#include "parse/parse.hpp"
#include "rules/checker.hpp"
#include "rules/rule_set.hpp"
#include "text/line_index.hpp"
#include "text/source.hpp"

using namespace tally;
namespace fs = std::filesystem;

namespace {

// UTF-8 text saved in `encoding`, as an editor would: the test's own use of iconv, in the
// direction Tally never converts.
std::string saved_as(const std::string& utf8, const char* encoding) {
  iconv_t cd = iconv_open(encoding, "UTF-8");
  BOOST_REQUIRE(cd != reinterpret_cast<iconv_t>(-1));
  std::string out(utf8.size() * 4 + 8, '\0');
  char* in = const_cast<char*>(utf8.data());
  size_t in_left = utf8.size(), out_left = out.size();
  char* o = out.data();
  BOOST_REQUIRE(iconv(cd, &in, &in_left, &o, &out_left) != static_cast<size_t>(-1));
  iconv_close(cd);
  out.resize(out.size() - out_left);
  return out;
}

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

struct TempFile {
  fs::path path;
  TempFile(const std::string& name, const std::string& bytes) {
    path = fs::temp_directory_path() / ("tally-enc-" + std::to_string(::getpid()) + "-" + name);
    std::ofstream(path, std::ios::binary) << bytes;
  }
  ~TempFile() { fs::remove(path); }
};

const char* kHint =
    "; the file looks like GB18030: use --encoding gb18030 (or encoding: gb18030 in "
    ".tally.yml)";

}  // namespace

BOOST_AUTO_TEST_SUITE(encodings)

BOOST_AUTO_TEST_CASE(gb18030_converts_to_the_same_utf8) {
  // 中文 is D6 D0 CE C4 in GB18030 (and GBK, GB2312).
  auto c = text::convert_to_utf8("\xD6\xD0\xCE\xC4\n", "gb18030");
  BOOST_REQUIRE(c.ok);
  BOOST_TEST(c.utf8 == "中文\n");
  // Characters outside GBK take four bytes: 𠀀 (U+20000) is 95 32 82 36.
  auto four = text::convert_to_utf8("\x95\x32\x82\x36", "GB18030");
  BOOST_REQUIRE(four.ok);
  BOOST_TEST(four.utf8 == "\xF0\xA0\x80\x80");
  // Big5 中文 is A4 A4 A4 E5.
  auto big5 = text::convert_to_utf8("\xA4\xA4\xA4\xE5", "big5");
  BOOST_REQUIRE(big5.ok);
  BOOST_TEST(big5.utf8 == "中文");
}

BOOST_AUTO_TEST_CASE(conversion_errors_name_the_offset) {
  auto bad = text::convert_to_utf8(
      "ab\x81\x20"
      "cd",
      "gb18030");
  BOOST_TEST(!bad.ok);
  BOOST_TEST(bad.offset == 2u);
  BOOST_TEST(bad.error == "not valid gb18030: 0x81 0x20 at offset 2");
  auto cut = text::convert_to_utf8("ab\xD6", "gb18030");
  BOOST_TEST(!cut.ok);
  BOOST_TEST(cut.offset == 2u);
  BOOST_TEST(cut.error == "not valid gb18030: the file ends inside a character (0xD6 at offset 2)");
  auto unknown = text::convert_to_utf8("ab", "klingon");
  BOOST_TEST(!unknown.ok);
  BOOST_TEST(unknown.error == "unknown encoding 'klingon' (`iconv --list` names the known ones)");
  BOOST_TEST(text::encoding_known("GB18030"));
  BOOST_TEST(text::encoding_known("big5"));
  BOOST_TEST(text::encoding_known("utf-8"));
  BOOST_TEST(!text::encoding_known("klingon"));
  BOOST_TEST(!text::encoding_known(""));
}

BOOST_AUTO_TEST_CASE(invalid_utf8_error_names_the_legacy_encoding) {
  std::string draft = "东河区法院\n\n今年办结案件899件，调解和解案件298件，调解和解率达32%。\n";
  auto gb = text::decode_source("gb.txt", saved_as(draft, "GB18030"));
  BOOST_REQUIRE(gb.error);
  BOOST_TEST(gb.error->path == "gb.txt");
  BOOST_TEST(gb.error->offset == 0u);
  BOOST_TEST(gb.error->message == std::string("invalid UTF-8: byte 0xB6 at offset 0") + kHint);

  std::string traditional =
      "臺北市法院\n\n今年辦結案件899件，調解和解案件298件，調解和解率達32%。\n";
  auto b5 = text::decode_source("b5.txt", saved_as(traditional, "BIG5"));
  BOOST_REQUIRE(b5.error);
  BOOST_TEST(b5.error->message ==
             "invalid UTF-8: byte 0xBB at offset 0; the file looks like Big5: use --encoding big5 "
             "(or encoding: big5 in .tally.yml)");
  // The same text in GB18030 is told from Big5 too (each decodes much of the other).
  BOOST_TEST(text::guess_legacy_encoding(saved_as(traditional, "GB18030")) == "gb18030");
  BOOST_TEST(text::guess_legacy_encoding(saved_as(traditional, "BIG5")) == "big5");

  // UTF-8 with one damaged byte is not a legacy file: the message stays as it was.
  auto damaged = text::decode_source("d.txt", draft + "\xFF" + draft);
  BOOST_REQUIRE(damaged.error);
  BOOST_TEST(damaged.error->message ==
             "invalid UTF-8: byte 0xFF at offset " + std::to_string(draft.size()));
  // Nor is a file no legacy Chinese encoding reads (Latin-1 here).
  auto latin1 = text::decode_source("l.txt", "caf\xE9 au lait\n");
  BOOST_REQUIRE(latin1.error);
  BOOST_TEST(latin1.error->message == "invalid UTF-8: byte 0xE9 at offset 3");
}

BOOST_AUTO_TEST_CASE(encoding_given_converts_and_utf8_stays_utf8) {
  std::string draft = "东河区法院\n今年办结案件899件。\n";
  auto gb = text::decode_source("gb.txt", saved_as(draft, "GB18030"), "gb18030");
  BOOST_REQUIRE(gb.source);
  BOOST_TEST(gb.source->bytes == draft);
  BOOST_TEST(gb.source->encoding == "gb18030");
  // A draft saved as UTF-8 in a folder whose config says gb18030 is read as UTF-8.
  auto utf8 = text::decode_source("u.txt", draft, "gb18030");
  BOOST_REQUIRE(utf8.source);
  BOOST_TEST(utf8.source->bytes == draft);
  BOOST_TEST(utf8.source->encoding == "");
  // Bytes the named encoding cannot read are an error at their offset in the file.
  auto bad = text::decode_source("bad.txt", "\xD6\xD0\x81\x20", "gb18030");
  BOOST_REQUIRE(bad.error);
  BOOST_TEST(bad.error->offset == 2u);
  BOOST_TEST(bad.error->message == "not valid gb18030: 0x81 0x20 at offset 2");
}

BOOST_AUTO_TEST_CASE(utf16_with_a_byte_order_mark_is_read) {
  std::string draft = "标题\r\n正文。\r\n";
  auto le = text::decode_source("le.txt", "\xFF\xFE" + saved_as(draft, "UTF-16LE"));
  BOOST_REQUIRE(le.source);
  BOOST_TEST(le.source->bytes == draft);  // the mark is dropped, not kept as U+FEFF
  BOOST_TEST(le.source->content_begin == 0u);
  BOOST_TEST(le.source->encoding == "UTF-16LE");
  auto be = text::decode_source("be.txt", "\xFE\xFF" + saved_as(draft, "UTF-16BE"));
  BOOST_REQUIRE(be.source);
  BOOST_TEST(be.source->bytes == draft);
  BOOST_TEST(be.source->encoding == "UTF-16BE");
  // The mark wins over a configured legacy encoding.
  auto configured = text::decode_source("c.txt", "\xFF\xFE" + saved_as(draft, "UTF-16LE"), "gbk");
  BOOST_REQUIRE(configured.source);
  BOOST_TEST(configured.source->bytes == draft);
  // Cut in the middle of a code unit: the offset is the file's, mark included.
  auto odd = text::decode_source("odd.txt", std::string("\xFF\xFE"
                                                        "A\0B",
                                                        5));
  BOOST_REQUIRE(odd.error);
  BOOST_TEST(odd.error->offset == 4u);
  BOOST_TEST(odd.error->message ==
             "not valid UTF-16: the file ends inside a character (0x42 at offset 4)");
}

// Findings in a converted file: offsets into the converted UTF-8 text, which has the original's
// lines, so line and column are what an editor showing the GB18030 file shows.
BOOST_AUTO_TEST_CASE(findings_in_a_gb18030_file_have_the_utf8_files_positions) {
  std::string utf8 = read(std::string(TALLY_SOURCE_DIR) + "/samples/zh-page-wrapped.txt");
  TempFile gb("page-gb.txt", saved_as(utf8, "GB18030"));
  BOOST_REQUIRE(text::load_file(gb.path.string()).error);
  auto loaded = text::load_file(gb.path.string(), "GB18030");
  BOOST_REQUIRE(loaded.source);
  const auto& src = *loaded.source;
  BOOST_TEST(src.bytes == utf8);

  rules::Checker checker(std::make_shared<rules::RuleSet>(rules::load_rules({}, true)));
  rules::CheckSettings only;
  only.only = {"percent.recompute"};
  auto doc = parse::parse_document(src);
  BOOST_TEST(doc.articles[0].headline == "东河区法院 / 行政争议化解提速");
  auto findings = checker.check(doc, src.bytes, only).findings;
  BOOST_REQUIRE_EQUAL(findings.size(), 1u);
  const auto& f = findings[0];
  BOOST_TEST(src.bytes.substr(f.span.begin, f.span.size()) == "32%");
  BOOST_TEST(f.span.begin == utf8.find("32%"));
  auto at = text::LineIndex(src.bytes).position(f.span.begin);
  BOOST_TEST(at.line == 10u);
  BOOST_TEST(at.column == 17u);
}

BOOST_AUTO_TEST_SUITE_END()
