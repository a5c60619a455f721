// ssmd data quality --feed F --date DATE: one day's quality, cross-checked with the registry.
#include "commands/commands.hpp"
#include "commands/common_options.hpp"

#include "core/date.hpp"
#include "core/errors.hpp"
#include "core/json.hpp"
#include "core/table.hpp"
#include "commands/data_source.hpp"
#include "data/inventory.hpp"
#include "data/schema_version.hpp"
#include "registry/as_of.hpp"
#include "registry/repository.hpp"

#include <cstdio>
#include <iostream>

namespace ssmd {

namespace {

// Registry cross-checks: the feed exists, and the manifest's schema_version (NAME:VERSION, or a bare
// version resolved against the environment's schemas) is a registered version in force that day. Each
// finding is a warning sentence; `resolved` receives the NAME:VERSION that was checked.
std::vector<std::string> cross_check(Context &ctx, const std::string &feed, const data::DayManifest &m,
                                     const std::optional<std::string> &environment, std::string &resolved) {
  std::vector<std::string> out;
  auto root = ctx.find_repo_root();
  if (!root) {
    out.push_back("not in an ssmd repository: the registry cross-checks were skipped");
    return out;
  }
  registry::Repository repo(*root);
  if (!repo.has(registry::Kind::Feed, feed)) out.push_back("feed '" + feed + "' is not registered in exchanges/feeds/");
  if (m.schema_version.empty()) return out; // raw data has no schema to check
  auto schema_version = data::resolve_schema_version(repo, m, environment);
  if (schema_version.text.empty()) {
    out.push_back(schema_version.problem + "; it cannot be checked against the registry");
    return out;
  }
  resolved = schema_version.text;
  std::string shown = schema_version.via.empty()
                          ? schema_version.text
                          : schema_version.text + " (from '" + m.schema_version + "' via " + schema_version.via + ")";
  size_t colon = resolved.find(':');
  std::string name = resolved.substr(0, colon), version = resolved.substr(colon + 1);
  const registry::LoadedSchema *schema = repo.schema(name);
  if (!schema || !schema->model) {
    out.push_back("schema '" + name + "' (from schema_version " + shown + ") is not registered");
    return out;
  }
  auto in_force = registry::schema_version_as_of(*schema->model, m.date);
  if (!in_force)
    out.push_back("schema_version " + shown + ": " + in_force.why_none);
  else if (schema->model->versions[*in_force.index].version != version)
    out.push_back("schema_version " + shown + " was not in force on " + m.date.str() + "; " + name + ":" +
                  schema->model->versions[*in_force.index].version + " was");
  return out;
}

std::string fixed(double v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

} // namespace

CommandSpec describe_data_quality(Context &ctx) {
  return synopsis("ssmd data quality --feed FEED --date DATE [--env ENV | --raw URL [--normalized URL]] [--endpoint URL | "
                  "--SCHEME-endpoint URL] [--output json]",
                  with(data_source_options(ctx), option("date", "DATE", "the day (YYYY-MM-DD)").require(), output_option()));
}

int run_data_quality(Context &ctx, const Args &args) {
  auto vm = parse_args(ctx, "data quality", args);
  if (!vm) return kExitOk;
  Date date = *Date::parse(date_arg(*vm, "date"));
  auto format = output_format(*vm);
  auto source = data::open_source(ctx, *vm);
  auto days = data::collect_days(source.raw.get(), source.normalized.get(), source.feed, date, date);
  const data::DayRecord &day = days.at(0);
  for (const data::Slot *s : {&day.raw, &day.normalized})
    if (s->invalid()) throw DomainError(s->url + ": invalid manifest: " + s->problem);
  if (!day.raw.manifest && !day.normalized.manifest)
    throw DomainError("no manifest for " + source.feed + " on " + date.str());
  std::optional<std::string> environment;
  if (vm->count("env")) environment = (*vm)["env"].as<std::string>();

  json::Value out;
  out.set("feed", source.feed).set("date", date.str());
  Table table({"SOURCE", "STATUS", "QUALITY", "RECORDS", "SIZE", "FIRST", "LAST", "GAPS", "SCHEMA"});
  std::vector<std::string> warnings;
  for (auto [name, slot] : {std::pair{"raw", &day.raw}, std::pair{"normalized", &day.normalized}}) {
    if (!slot->manifest) continue;
    const auto &m = *slot->manifest;
    size_t open = 0;
    for (const auto &g : m.gaps) open += !g.resolved;
    table.add({name, m.status, fixed(m.quality_score), std::to_string(m.record_count), data::human_size(m.byte_size),
               format_timestamp(m.first_timestamp), format_timestamp(m.last_timestamp),
               std::to_string(m.gaps.size()) + (open ? " (" + std::to_string(open) + " open)" : ""),
               m.schema_version.empty() ? "-" : m.schema_version});
    json::Value item;
    item.set("url", slot->url)
        .set("status", m.status)
        .set("quality_score", m.quality_score)
        .set("record_count", m.record_count)
        .set("byte_size", m.byte_size)
        .set("first_timestamp", format_timestamp(m.first_timestamp))
        .set("last_timestamp", format_timestamp(m.last_timestamp))
        .set("gaps", static_cast<uint64_t>(m.gaps.size()))
        .set("open_gaps", static_cast<uint64_t>(open))
        .set("schema_version", m.schema_version.empty() ? json::Value(nullptr) : json::Value(m.schema_version))
        .set("connector_version", m.connector_version);
    std::string resolved;
    auto warnings_of_slot = cross_check(ctx, source.feed, m, environment, resolved);
    if (!resolved.empty()) item.set("schema", resolved);
    out.set(name, std::move(item));
    for (auto &w : warnings_of_slot) {
      std::string line = std::string(name) + ": " + w;
      if (std::find(warnings.begin(), warnings.end(), line) == warnings.end()) warnings.push_back(line);
    }
  }
  json::Value list = json::Array{};
  for (const auto &w : warnings) list.push(w);
  out.set("warnings", std::move(list));
  if (format == OutputFormat::Json) {
    std::cout << out.dump();
  } else {
    table.print(std::cout);
    for (const auto &w : warnings) std::cout << "warning: " << w << "\n";
  }
  return kExitOk;
}

} // namespace ssmd
