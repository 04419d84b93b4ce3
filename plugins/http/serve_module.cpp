// The module tally_serve.so: `tally serve` with the HTTP server and what only it links
// (cpp-httplib, OpenSSL, brotli, zlib's inflate). Linked into tally, their libraries were loaded
// and OpenSSL initialised (a static initialiser of cpp-httplib's) in every run; now only
// `tally serve` loads them (cli/serve_command.cpp).
#include "http_server.hpp"
#include "text/loadable_module.hpp"

TALLY_MODULE_EXPORT const char* const tally_module_version = TALLY_MODULE_VERSION;

TALLY_MODULE_EXPORT int tally_serve(const tally::http::ServeOptions* options) {
  return tally::http::serve(*options);
}
