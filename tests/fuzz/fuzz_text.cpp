// The text layer: validation and conversion from other encodings (UTF-16 by its byte order
// mark, GB18030, the legacy-encoding guess on invalid UTF-8), line index positions, UTF-16 offsets,
// and the logical text with its layout repairs (joining wrapped lines, spaced-out and doubled runs)
// over arbitrary bytes.
#include <cstddef>
#include <cstdint>
#include <string>

#include "text/line_index.hpp"
#include "text/logical_text.hpp"
#include "text/source.hpp"
#include "text/utf8.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  auto loaded = tally::text::decode_source("fuzz.txt", bytes);
  if (!loaded.source) loaded = tally::text::decode_source("fuzz.txt", bytes, "gb18030");
  if (!loaded.source) return 0;  // invalid or binary in both: reported, nothing more to do
  const auto& src = loaded.source->bytes;
  tally::text::LineIndex index(src);
  std::vector<size_t> offsets;
  for (size_t i = 0; i <= src.size(); i += 7) offsets.push_back(i);
  auto units = tally::text::utf16_offsets(src, offsets);
  for (size_t i = 0; i < offsets.size(); ++i) {
    auto p = index.position(static_cast<uint32_t>(offsets[i]));
    if (p.line < 1 || units[i] > src.size()) __builtin_trap();
  }
  // Each line a segment, as the page parser hands wrapped column lines to the repairs.
  std::vector<tally::text::Segment> segments;
  for (size_t line = 1; line <= index.line_count(); ++line)
    segments.push_back({{index.line_start(line), index.line_end(line)}, line > 1});
  auto lt = tally::text::build_logical_text(src, segments);
  auto chars = lt.char_pieces();
  if (chars.size() != tally::text::count_code_points(lt.text)) __builtin_trap();
  for (const auto& piece : chars)
    if (piece.begin > piece.end || piece.end > src.size()) __builtin_trap();
  auto whole = lt.original();
  if (whole.end > src.size()) __builtin_trap();
  if (!lt.text.empty()) tally::text::trimmed(tally::text::slice(lt, 0, lt.text.size() / 2));
  return 0;
}
