// What `env check-keys` and `env run` share in presenting results: the findings of all keys, as text
// lines or JSON, and table cells. Nothing here ever sees a value.
#pragma once

#include "core/json.hpp"
#include "secrets/key_resolution.hpp"

#include <string>
#include <vector>

namespace ssmd::secrets {

// The findings of every key, in key order.
Diagnostics all_findings(const std::vector<KeyResult> &results);

// [{"file", "line", "column", "severity", "rule", "message"}, ...]
json::Value findings_json(const Diagnostics &findings);

// A finding's message without the leading "key `K` of environment `E`: ", for tables whose columns already
// say which key a row is about.
std::string without_subject(const EnvironmentKey &key, const std::string &message);

// `text` on one line for a table cell: every run of whitespace or control characters becomes one space.
std::string one_line(const std::string &text);

} // namespace ssmd::secrets
