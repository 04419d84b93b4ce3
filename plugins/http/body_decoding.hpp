#pragma once
// Content-Encoding of request bodies (gzip, deflate), inflated with a counter: decoding stops
// as soon as the output passes the body limit, so a small compressed body cannot expand into a
// large one in memory (a "zip bomb" against --max-bytes).
#include <cstddef>
#include <string>
#include <string_view>

namespace tally::http {

enum class Coding { identity, gzip, deflate, unsupported };

// The coding a Content-Encoding value names ("gzip", "x-gzip", "deflate", "identity"; case and
// surrounding spaces ignored). A list of several codings is `unsupported`.
Coding coding_named(std::string_view value);

enum class Inflated { ok, too_large, corrupt };

// Decodes `in` (gzip, or deflate with or without the zlib wrapper) into `out`, at most `limit`
// bytes of output.
Inflated inflate_bounded(std::string_view in, size_t limit, std::string& out);

}  // namespace tally::http
