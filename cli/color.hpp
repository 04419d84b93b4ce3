#pragma once
// --color auto|always|never: whether the text output gets ANSI colours.
#include <string>
#include <vector>

namespace tally::cli {

// The values --color takes, for its validator, help and shell completions.
inline const std::vector<std::string> kColorModes = {"auto", "always", "never"};

// "always" and "never" decide; "auto" colours when the stream `fd` is a terminal, TERM is not
// "dumb", and NO_COLOR is unset or empty (https://no-color.org).
bool use_color(const std::string& mode, int fd);

}  // namespace tally::cli
