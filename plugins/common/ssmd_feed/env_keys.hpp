// Finds, in an environment document, the key whose `fields:` carry what a feed's authentication needs:
//
//   keys:
//     kalshi:
//       type: api_key
//       fields: [key_id, private_key]
//       source: env
//
// Only field *names* are read; values live in the secret backend and never pass through here.
#pragma once

#include <ssmd/plugin.hpp>

#include <algorithm>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ssmd_feed {

struct KeyFieldsFinding {
  bool satisfied = false;            // some key declares every required field
  std::string path;                  // where to report otherwise: `keys` or `keys.<name>.fields`
  std::string key;                   // the key blamed; empty when the environment declares none
  std::vector<std::string> missing;  // required fields the blamed key lacks, in the order required
};

// Looks for a key under `keys:` whose `fields` include every name in `required`. When none does, blames the
// key named `preferred` (usually the exchange's name) if it exists, else the key that has the most required
// fields (the first on a tie).
inline KeyFieldsFinding find_key_fields(const ssmd::Node &env, std::span<const std::string_view> required,
                                        std::string_view preferred) {
  KeyFieldsFinding finding;
  ssmd::Node keys = env["keys"];
  auto missing_in = [&](const ssmd::Node &key) {
    std::vector<std::string_view> have = key["fields"].strings();
    std::vector<std::string> missing;
    for (std::string_view field : required)
      if (std::find(have.begin(), have.end(), field) == have.end()) missing.emplace_back(field);
    return missing;
  };

  size_t best_missing = required.size() + 1;
  for (auto &[index, key] : keys.items()) {
    if (!keys.is_map()) break;
    std::string name(keys.key_at(index));
    std::vector<std::string> missing = missing_in(key);
    if (missing.empty()) {
      finding.satisfied = true;
      return finding;
    }
    bool is_preferred = name == preferred;
    bool preferred_taken = finding.key == preferred;
    if (!preferred_taken && (is_preferred || missing.size() < best_missing)) {
      best_missing = missing.size();
      finding.key = name;
      finding.path = key["fields"].path();
      finding.missing = std::move(missing);
    }
  }
  if (finding.key.empty()) {
    finding.path = keys.path();
    finding.missing.assign(required.begin(), required.end());
  }
  return finding;
}

} // namespace ssmd_feed
