#pragma once
// Message templates: "{name}" is replaced by the value of `name`; "{{" and "}}" are braces.
// A placeholder with no value is left as written, so a typo shows in the output.
#include <map>
#include <string>

namespace tally::rules {

using Vars = std::map<std::string, std::string>;

std::string fill(const std::string& tmpl, const Vars& vars);

// A number as a person writes it: no trailing zeros, at most `max_decimals` decimals.
std::string format_number(double v, int max_decimals = 2);

}  // namespace tally::rules
