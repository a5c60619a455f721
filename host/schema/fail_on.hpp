// Which finding categories fail `ssmd schema breaking`: `--fail-on CATEGORY,...` for one run, else the
// configuration key `breaking.fail_on` (a list, normally in the team settings, ssmd.yaml), else wire changes
// and removals. A repository may set it: it says how findings are judged, not which code runs. The
// setting is a list (`[]` fails on nothing but errors in the schema files); the flag is comma-separated,
// and `none` there is the empty list.
#pragma once

#include "config/config.hpp"
#include "schema/finding_category.hpp"

#include <optional>
#include <string>
#include <vector>

namespace ssmd::schema {

// The configuration key.
inline constexpr const char *kFailOnKey = "breaking.fail_on";

// Throws UsageError naming the flag, or the file:line:col of the setting, for an unknown category.
std::vector<Category> fail_on_categories(const Config &config, const std::optional<std::string> &flag);

} // namespace ssmd::schema
