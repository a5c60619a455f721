// `ssmd feed list [--status S] [--at REF]`: every feed, with the version in force today.
#include "commands/commands.hpp"
#include "commands/common_options.hpp"
#include "core/errors.hpp"
#include "core/table.hpp"
#include "registry/as_of.hpp"
#include "registry/command_support.hpp"
#include "registry/file_errors.hpp"
#include "registry/views.hpp"

#include <iostream>

namespace ssmd {

using namespace registry;

CommandSpec describe_feed_list(Context &) {
  return synopsis("ssmd feed list [--status active|deprecated|disabled] [--at REF] [--output json]",
                  {option("status", "active|deprecated|disabled", "only feeds with this status").with_choices({"active", "deprecated", "disabled"}),
                   at_option(), output_option()});
}

int run_feed_list(Context &ctx, const Args &args) {
  auto vm = parse_args(ctx, "feed list", args);
  if (!vm) return kExitOk;
  OutputFormat format = output_format(*vm);
  std::optional<std::string> status;
  if (vm->count("status")) {
    status = (*vm)["status"].as<std::string>();
    if (*status != "active" && *status != "deprecated" && *status != "disabled")
      throw UsageError("--status must be active, deprecated or disabled, not '" + *status + "'");
  }

  Repository repo = open_for_reading(ctx, *vm, ReadCache::Use);
  Date today = Date::today();
  Table table({"NAME", "TYPE", "STATUS", "EXCHANGE", "VERSIONS", "CURRENT", "ENDPOINT"});
  json::Array items;
  Diagnostics problems;
  for (const auto &name : repo.names(Kind::Feed)) {
    const LoadedFeed *loaded = repo.feed(name);
    Diagnostics errors = feed_errors(*loaded);
    if (!loaded->model || !errors.empty()) {
      problems.insert(problems.end(), errors.begin(), errors.end());
      continue;
    }
    const Feed &feed = *loaded->model;
    if (status && feed.status != *status) continue;
    AsOf current = feed_version_as_of(feed, today);
    const FeedVersion *v = current ? &feed.versions[*current.index] : nullptr;
    if (format == OutputFormat::Json) {
      json::Value item = feed_json(feed, false);
      item.set("versions", static_cast<int64_t>(feed.versions.size()));
      item.set("current_version", v ? json::Value(v->version) : json::Value(nullptr));
      item.set("endpoint", v ? json::Value(v->endpoint) : json::Value(nullptr));
      items.push_back(item);
    } else {
      table.add({feed.name, feed.type, feed.status, feed.exchange, std::to_string(feed.versions.size()),
                 v ? v->version : "-", v ? v->endpoint : "-"});
    }
  }
  if (format == OutputFormat::Json) std::cout << json::Value(items).dump() << "\n";
  else table.print(std::cout);
  // A listing still shows the good files; broken ones are named on stderr and make the exit code 1.
  print_diagnostics(problems, std::cerr);
  return problems.empty() ? kExitOk : kExitFailure;
}

} // namespace ssmd
