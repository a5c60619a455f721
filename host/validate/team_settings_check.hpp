// The checks of the committed team settings file, ssmd.yaml at the repository root, which `ssmd validate`
// reports like any other file's findings (file:line:col). Version 1 of its shape:
//
//   version: 1                      # required; the shape below is version 1's
//   rules:                          # rule id or family (`acme/*`) -> off | warning | error
//     kalshi/endpoint-host: error
//   breaking:
//     fail_on: [wire, source]       # finding categories that make `ssmd schema breaking` fail
//   data:                           # where data lives when no environment of the feed says
//     raw: s3://ssmd-raw            #   (raw:/normalized:, or url:/path: holding raw/ and normalized/)
//     normalized: s3://ssmd-normalized
//   validate:
//     plugin_timeout: 10            # seconds
//     disabled_rules: []            # the older spelling of `rules: {id: off}`
//   output: text                    # any key ssmd reads from configuration (docs/cli.md) ...
//   capnp:                          # ... and plugins' sections, by a name a plugin provides
//     import_paths: [vendor/capnp]
//
// The file is repository content, so it may judge findings but never choose code: `plugin_path` is refused
// here (and ignored by the configuration loader, config/config.hpp). The rules (`settings/*`) are in the core
// rule catalogue, registry/check.cpp.
#pragma once

#include "core/diagnostic.hpp"

#include <set>
#include <string>
#include <string_view>

namespace ssmd::validate {

// Checks `text`, the bytes of the team settings file named `file` ("ssmd.yaml"). `plugin_sections` are the
// names installed plugins provide or are called (`capnp`, `s3`, `schema-capnp`): top-level keys a plugin may
// read. `core_rule_ids` lets a misspelt core rule id be reported.
Diagnostics check_team_settings(const std::string &file, std::string_view text,
                                const std::set<std::string> &plugin_sections,
                                const std::set<std::string, std::less<>> &core_rule_ids);

} // namespace ssmd::validate
