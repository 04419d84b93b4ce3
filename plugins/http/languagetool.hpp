#pragma once
// The LanguageTool HTTP protocol (POST /v2/check, GET /v2/languages), so clients written for a
// LanguageTool server (browser add-ons, editor plugins, CMS integrations) can point at Tally.
// Offsets and lengths are in UTF-16 code units, as LanguageTool counts them.
#include <map>
#include <string>

#include "api.hpp"

namespace tally::http {

using FormParams = std::multimap<std::string, std::string>;

// `text` or `data` (LanguageTool's annotated text: markup is skipped, or read as its
// `interpretAs`), `language` ("auto", "zh-CN", "en-US", …), `enabledRules`, `disabledRules`,
// `enabledOnly`, and Tally's own `date` (YYYY-MM-DD).
Reply languagetool_check(service::Engine& engine, const FormParams& params);
Reply languagetool_languages();

}  // namespace tally::http
