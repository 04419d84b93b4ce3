#pragma once
// The document model: a file becomes articles, an article a list of typed blocks, each block
// keeping both its original byte span and its logical text.
#include <optional>
#include <string>
#include <vector>

#include "text/logical_text.hpp"
#include "text/span.hpp"

namespace tally::parse {

enum class BlockType {
  PageHeader,  // "2025/07/22 05法治聚焦 责任编辑：…"
  Section,     // a section label above a headline ("法治聚焦") or a letter marker ("A")
  Kicker,      // a line above the headline
  Headline,
  Subheadline,  // a second headline line
  Byline,  // "□本报记者 沈静芳", "本报讯(通讯员 姚晓滨)", an author's name and title
  Dateline,  // "包头讯"
  Subhead,   // a heading inside the body
  Paragraph,
  Caption,  // photo captions
  SignOff,  // "（潘源）", "（自治区监狱管理局供稿）"
};
const char* block_type_name(BlockType t);

struct Block {
  BlockType type = BlockType::Paragraph;
  Span span;                 // original bytes, from the first to the last character
  text::LogicalText text;    // logical text; text.pieces map each character back
  std::vector<Span> pieces;  // original line extents when a block was rejoined across a break
};

struct Date {
  int year = 0, month = 0, day = 0;
  std::string iso() const;
  bool operator==(const Date&) const = default;
};
std::optional<Date> parse_iso_date(const std::string& s);

struct PageHeader {
  Span span;
  std::optional<Date> date;
  std::string page;                  // "05"
  std::string section;               // "法治聚焦"
  std::vector<std::string> editors;  // "责任编辑：李海涛", …
};

struct Article {
  std::string headline;       // headline lines as printed, joined with " / "; empty when none
  std::string language;       // "zh" or "en"
  std::vector<Block> blocks;  // reading order: heading blocks first, then the body
  double confidence = 1.0;    // how sure the parser is of this article's boundaries
  bool uncertain = false;
  std::vector<std::string> notes;  // why it is uncertain, or how it was assembled
  Span extent() const;             // from the first to the last byte of any block
};

// "zh" when Han characters make up at least a quarter of the letters, else "en".
std::string detect_language(const std::vector<Block>& blocks);

enum class Format { Page, Markdown, Lines, Pdf };
const char* format_name(Format f);

// Where an extracted line of a PDF sits: its bytes in the extracted text and its box on the page
// (PDF points from the page's top left). `edges` holds, for each byte of the line and its end,
// the x where the code point holding that byte starts, so a span inside the line gets its own box.
struct PlacedLine {
  Span span;
  int page = 1;
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  std::vector<double> edges;
};

// The page and box of `span` (the lines it covers, cut to its first and last character on a
// single line); nullopt when the document is not a PDF or the span is in no line.
struct SpanBox {
  int page = 1;
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  Span line;  // the first line's bytes, for showing the extracted line
};

struct Document {
  std::string path;
  Format format = Format::Page;
  std::optional<PageHeader> header;
  std::vector<Article> articles;
  std::optional<Date> publication_date;
  std::string date_source;         // "page-header", "option", "config", or "" when unknown
  std::vector<PlacedLine> placed;  // PDF input: every extracted line, in text order
  std::optional<SpanBox> box_of(Span span) const;
};

}  // namespace tally::parse
