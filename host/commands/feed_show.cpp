// `ssmd feed show NAME [--as-of DATE] [--at REF]`: a feed with all its versions, or the version in force on a date.
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

namespace {
void print_version(const FeedVersion &v) {
  std::vector<std::pair<std::string, std::string>> fields = {
      {"version", v.version},
      {"effective_from", date_or_dash(v.effective_from)},
      {"effective_to", v.effective_to ? v.effective_to->str() + " (exclusive)" : "-"},
      {"protocol", v.protocol},
      {"endpoint", v.endpoint},
      {"auth_method", v.auth_method},
      {"rate_limit_per_second", int_text(v.rate_limit_per_second)},
      {"max_symbols_per_connection", int_text(v.max_symbols_per_connection)},
      {"supports_orderbook", bool_text(v.supports_orderbook)},
      {"supports_trades", bool_text(v.supports_trades)},
      {"channels", v.channels ? join(*v.channels) : "-"}};
  for (size_t i = 0; i < v.extra_fields.size() && i < v.extra_values.size(); ++i)
    fields.emplace_back(v.extra_fields[i], v.extra_values[i]);
  print_fields(std::cout, fields, "  ");
}
} // namespace

CommandSpec describe_feed_show(Context &) {
  return synopsis("ssmd feed show NAME [--as-of DATE] [--at REF] [--output json]",
                  {argument("name", "NAME", "the feed").naming(Names::Feed), as_of_option(), at_option(), output_option()});
}

int run_feed_show(Context &ctx, const Args &args) {
  auto vm = parse_args(ctx, "feed show", args);
  if (!vm) return kExitOk;
  OutputFormat format = output_format(*vm);
  std::optional<Date> as_of = as_of_flag(*vm);

  Repository repo = open_for_reading(ctx, *vm, ReadCache::Use);
  const LoadedFeed &loaded = require_feed(repo, (*vm)["name"].as<std::string>());
  // A file the core rules fail is not shown, as `feed list` leaves it out.
  if (Diagnostics errors = feed_errors(loaded); !errors.empty()) {
    print_diagnostics(errors, std::cerr);
    throw DomainError(loaded.file + " has errors" + (repo.reads_working_tree() ? "; fix them first" : " in " + repo.describe()) +
                      " (see above)");
  }
  const Feed &feed = *loaded.model;

  std::optional<size_t> chosen;
  if (as_of) {
    AsOf found = feed_version_as_of(feed, *as_of);
    if (!found) throw DomainError(found.why_none);
    chosen = found.index;
  }
  if (format == OutputFormat::Json) {
    json::Value out = feed_json(feed, !chosen);
    out.set("file", loaded.file);
    if (chosen) {
      out.set("as_of", as_of->str());
      out.set("version", feed_version_json(feed.versions[*chosen]));
    }
    std::cout << out.dump() << "\n";
    return kExitOk;
  }
  print_fields(std::cout, {{"name", feed.name},
                           {"display_name", feed.display_name},
                           {"exchange", feed.exchange},
                           {"type", feed.type},
                           {"status", feed.status},
                           {"calendar", feed.calendar ? feed.calendar->timezone +
                                                            (feed.calendar->holiday_calendar.empty()
                                                                 ? ""
                                                                 : ", holidays " + feed.calendar->holiday_calendar)
                                                      : "-"},
                           {"file", loaded.file}});
  if (chosen) {
    std::cout << "\nversion in force on " << as_of->str() << ":\n";
    print_version(feed.versions[*chosen]);
    return kExitOk;
  }
  AsOf today = feed_version_as_of(feed, Date::today());
  std::cout << "\nversions (* in force today, " << Date::today().str() << "):\n";
  Table table({"", "VERSION", "EFFECTIVE_FROM", "EFFECTIVE_TO", "PROTOCOL", "ENDPOINT", "AUTH"});
  for (const auto &v : feed.versions)
    table.add({today.index == v.index ? "*" : "", v.version, date_or_dash(v.effective_from),
               date_or_dash(v.effective_to), v.protocol, v.endpoint, v.auth_method});
  table.print(std::cout);
  return kExitOk;
}

} // namespace ssmd
