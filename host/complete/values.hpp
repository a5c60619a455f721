// Which values a flag or positional argument takes, for completion: what the command's description says
// (cli/command_spec.hpp: a flag's or argument's choices, or what it names), else, for a flag, what its value
// name or long name says (`--from DATE` takes a date, `--feed` a feed), so a new command's flags complete
// without a change here.
#pragma once

#include "cli/context.hpp"
#include "cli/command_spec.hpp"
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
ValueSpec flag_value(const OptionSpec &option);

// The values of the `index`th positional argument (0-based) of the command `spec` describes.
ValueSpec positional_value(const CommandSpec &spec, size_t index);

// The candidates for `spec` that start with `prefix`. Schemas offer names and NAME:VERSION pairs (only the
// pairs of the schema named before the colon once one is typed); schema versions offer the pairs alone;
// dates offer today and every effective date.
std::vector<std::string> values_for(const ValueSpec &spec, Context &ctx, const RepoNames &repo, std::string_view prefix);

} // namespace ssmd::complete
