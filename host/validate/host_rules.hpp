// The host's rule catalogue: every rule `ssmd validate` (and the check of every writing command) reports
// without a plugin. The core rules (registry/check.hpp) plus the rules of validation itself: a plugin that
// is missing, refused or failed (`plugin/*`) and a refuted compatibility claim. Each has a page in
// docs/rules/<id>.md, which SARIF output links to.
#pragma once

#include "validate/report.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace ssmd::validate {

// Where ssmd's sources and documentation live (SARIF's `informationUri`).
inline constexpr std::string_view kProjectUrl = "https://github.com/ssmd/ssmd";

// The address of a host rule's page: <kProjectUrl>/blob/main/docs/rules/<id>.md.
std::string host_rule_page(std::string_view id);

// Every host rule, sorted by id, with its page as `help_uri`.
const std::vector<RuleInfo> &host_rules();

} // namespace ssmd::validate
