#include "complete/values.hpp"

#include "core/date.hpp"
#include "help/topics.hpp"
#include "plugins/plugin_manager.hpp"

#include <algorithm>
#include <map>

namespace ssmd::complete {

namespace {

ValueSpec choices(std::vector<std::string> values) { return {ValueKind::Choices, std::move(values)}; }

// Flags whose meaning is the same on every command that has them.
const std::map<std::string, ValueSpec, std::less<>> &flags_by_name() {
  static const std::map<std::string, ValueSpec, std::less<>> k_flags = {
      {"feed", {ValueKind::Feed, {}}},
      {"schema", {ValueKind::Schema, {}}},
      {"env", {ValueKind::Environment, {}}},
      {"extends", {ValueKind::Environment, {}}},
      {"as-of", {ValueKind::Date, {}}},
      {"date", {ValueKind::Date, {}}},
      {"from", {ValueKind::Date, {}}},
      {"to", {ValueKind::Date, {}}},
      {"effective-from", {ValueKind::Date, {}}},
  };
  return k_flags;
}

// Value names that say what a flag takes, for flags not listed by name.
const std::map<std::string, ValueKind, std::less<>> &kinds_by_value_name() {
  static const std::map<std::string, ValueKind, std::less<>> k_kinds = {
      {"DATE", ValueKind::Date},     {"FEED", ValueKind::Feed},        {"SCHEMA", ValueKind::Schema},
      {"NAME:VERSION", ValueKind::SchemaVersion}, {"TOPIC", ValueKind::Topic},
      {"ENV", ValueKind::Environment}, {"ENVIRONMENT", ValueKind::Environment}, {"PLUGIN", ValueKind::Plugin},
      // A URL is never a date, whatever its flag is called (`ssmd publish --to URL`).
      {"URL", ValueKind::None},
  };
  return k_kinds;
}

std::vector<std::string> plugin_names(Context &ctx) {
  std::vector<std::string> out;
  try {
    for (const auto &plugin : ctx.plugins().plugins()) out.push_back(plugin.manifest.name);
  } catch (const std::exception &) {
    // A broken plugin setup (a missing lock file under --locked) is reported by the command itself.
  }
  return out;
}

std::vector<std::string> schema_values(const RepoNames &repo, std::string_view prefix) {
  std::vector<std::string> out;
  size_t colon = prefix.find(':');
  if (colon != std::string_view::npos) {
    std::string name(prefix.substr(0, colon));
    for (const auto &version : repo.schema_versions(name)) out.push_back(name + ":" + version);
    return out;
  }
  for (const auto &name : repo.schemas()) {
    out.push_back(name);
    // Pairs only for the schemas the prefix already selects, so an empty word does not parse every file.
    if (!prefix.empty() && name.starts_with(prefix))
      for (const auto &version : repo.schema_versions(name)) out.push_back(name + ":" + version);
  }
  return out;
}

ValueKind kind_of(Names names) {
  switch (names) {
  case Names::Nothing: return ValueKind::None;
  case Names::Feed: return ValueKind::Feed;
  case Names::Schema: return ValueKind::Schema;
  case Names::SchemaVersion: return ValueKind::SchemaVersion;
  case Names::Environment: return ValueKind::Environment;
  case Names::Date: return ValueKind::Date;
  case Names::Plugin: return ValueKind::Plugin;
  case Names::Topic: return ValueKind::Topic;
  case Names::CommandOrTopic: return ValueKind::CommandOrTopic;
  }
  return ValueKind::None;
}

} // namespace

ValueSpec flag_value(const OptionSpec &option) {
  if (!option.takes_value()) return {};
  // What the command's description says comes first: it is the most specific.
  if (!option.choices.empty()) return choices(option.choices);
  if (option.names != Names::Nothing) return {kind_of(option.names), {}};
  if (auto it = kinds_by_value_name().find(option.value_name); it != kinds_by_value_name().end()) return {it->second, {}};
  if (auto it = flags_by_name().find(option.long_name); it != flags_by_name().end()) return it->second;
  return {};
}

ValueSpec positional_value(const CommandSpec &spec, size_t index) {
  const auto arguments = spec.positionals();
  if (arguments.empty()) return {};
  // Words past the last argument belong to it when it takes every remaining word (ENV...), else to nothing.
  if (index >= arguments.size() && !arguments.back()->remaining) return {};
  const OptionSpec &argument = *arguments[std::min(index, arguments.size() - 1)];
  if (!argument.choices.empty()) return choices(argument.choices);
  return {kind_of(argument.names), {}};
}

std::vector<std::string> values_for(const ValueSpec &spec, Context &ctx, const RepoNames &repo, std::string_view prefix) {
  std::vector<std::string> all;
  switch (spec.kind) {
  case ValueKind::None:
  case ValueKind::CommandOrTopic: // the caller completes command paths and topics itself
    break;
  case ValueKind::Choices:
    all = spec.choices;
    break;
  case ValueKind::Feed:
    all = repo.feeds();
    break;
  case ValueKind::Schema:
    all = schema_values(repo, prefix);
    break;
  case ValueKind::SchemaVersion:
    for (const auto &name : repo.schemas())
      for (const auto &version : repo.schema_versions(name)) all.push_back(name + ":" + version);
    break;
  case ValueKind::Environment:
    all = repo.environments();
    break;
  case ValueKind::Date:
    all = repo.effective_dates();
    all.push_back(Date::today().str());
    break;
  case ValueKind::Plugin:
    all = plugin_names(ctx);
    break;
  case ValueKind::Topic:
    for (const auto &topic : help_topics()) all.push_back(topic.name);
    break;
  }
  std::vector<std::string> out;
  for (auto &value : all)
    if (value.starts_with(prefix)) out.push_back(std::move(value));
  return out;
}

} // namespace ssmd::complete
