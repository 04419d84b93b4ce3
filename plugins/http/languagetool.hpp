#pragma once
// The LanguageTool HTTP protocol (/v2/check, /v2/languages, /v2/info, /v2/configinfo), so
// clients written for a LanguageTool server (browser add-ons, editor plugins, CMS integrations)
// can point at Tally. Offsets and lengths are in UTF-16 code units, as LanguageTool counts them.
// Free of any HTTP library (languagetool_routes.cpp wires it to the server) so it is tested
// directly; docs/http.md has the table of parameters and what Tally does with each.
#include <atomic>
#include <string>

#include "api.hpp"
#include "lt_form.hpp"

namespace tally::http {

struct LanguageToolOptions {
  size_t max_matches = 5000;   // more is LanguageTool's "too many errors" (400, or incomplete)
  int max_check_ms = 30000;    // reported in the time-limit message
  size_t max_bytes = 4 << 20;  // /v2/maxtextlength and configinfo's maxTextLength
};

// Why a check was stopped before its end (set by the thread that watches it).
enum class StopReason { none, time_limit, client_gone, shutting_down };

struct CheckStop {
  std::atomic<bool> flag{false};
  std::atomic<StopReason> why{StopReason::none};
  void stop(StopReason reason) {
    StopReason none = StopReason::none;
    why.compare_exchange_strong(none, reason);
    flag = true;
  }
};

// /v2/check with its form fields: `text` or `data`, `language` ("auto", "zh-CN", "en-GB", a
// language Tally does not check), `preferredVariants`, `motherTongue`, `enabledRules`,
// `disabledRules`, `enabledCategories`, `disabledCategories`, `enabledOnly`, `level`,
// `allowIncompleteResults`, and Tally's own `date` (YYYY-MM-DD). `stop`, when given, cancels
// the check once its flag is set.
Reply languagetool_check(service::Engine& engine, const FormParams& params,
                         const LanguageToolOptions& options, CheckStop* stop = nullptr);
Reply languagetool_languages();
Reply languagetool_info();
Reply languagetool_configinfo(service::Engine& engine, const FormParams& params,
                              const LanguageToolOptions& options);

}  // namespace tally::http
