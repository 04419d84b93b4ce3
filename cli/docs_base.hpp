#pragma once
// Where a rule's relative link (`docs/rules.md#countenumeration`) points, decided when tally runs
// rather than when it was built, so that links keep working once the binary is installed or moved.
#include <string>

namespace tally::cli {

// A URL ending in '/' that relative rule links are appended to, chosen in this order:
//  1. $TALLY_DOCS_BASE: a URL (https://…/, file:///…/) or a folder holding docs/rules.md;
//  2. the docs installed beside the running executable (<prefix>/bin/tally ->
//     <prefix>/share/doc/tally/, where `cmake --install` and the .deb put README.md and docs/);
//  3. the source checkout, when tally runs from the build tree it was configured in;
//  4. "" when none is found: links are left out rather than pointing nowhere.
// An editor can still override it per session (LSP initializationOptions.docsBase).
std::string docs_base();

// A rule's link as a reader can open it: relative links resolved against docs_base(), kept as
// written when there is no base.
std::string resolve_link(const std::string& link);

// A folder as a file:// URL ending in '/'.
std::string folder_url(const std::string& folder);

}  // namespace tally::cli
