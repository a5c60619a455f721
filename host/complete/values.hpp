// Which values a flag or positional argument takes, for completion. Flags are recognised by the value name
// their --help shows when it says enough (`--status active|deprecated|disabled` lists its choices,
// `--schema NAME:VERSION` takes a schema version, `--from DATE` a date), else by their long name, so a new
// command's flags complete without a change here. Positionals cannot be recognised that way (`NAME` says nothing about
// what it names), so the commands whose first argument names an existing feed, schema, environment or
// plugin are listed below by path; a path that is not (yet) in the command table simply never matches.
#pragma once

#include "cli/context.hpp"
#include "cli/introspect.hpp"
#include "complete/repo_names.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace ssmd::complete {

enum class ValueKind { None, Choices, Feed, Schema, SchemaVersion, Environment, Date, Plugin, Topic, CommandOrTopic };

struct ValueSpec {
  ValueKind kind = ValueKind::None;
  std::vector<std::string> choices; // for ValueKind::Choices
};

// The values of flag `option` (a flag that takes none gets ValueKind::None).
ValueSpec flag_value(const OptionInfo &option);

// The values of the `index`th positional argument (0-based) of the command at `path`.
ValueSpec positional_value(std::string_view path, size_t index);

// The candidates for `spec` that start with `prefix`. Schemas offer names and NAME:VERSION pairs (only the
// pairs of the schema named before the colon once one is typed); schema versions offer the pairs alone;
// dates offer today and every effective date.
std::vector<std::string> values_for(const ValueSpec &spec, Context &ctx, const RepoNames &repo, std::string_view prefix);

} // namespace ssmd::complete
