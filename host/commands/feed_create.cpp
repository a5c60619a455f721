// `ssmd feed create NAME --type T --endpoint URL [...]`: a new feed file with its first version.
#include "commands/commands.hpp"
#include "commands/common_options.hpp"
#include "core/errors.hpp"
#include "registry/change.hpp"
#include "registry/command_support.hpp"
#include "registry/feed_edit.hpp"
#include "validate/write_check.hpp"

#include <iostream>

namespace ssmd {

using namespace registry;

CommandSpec describe_feed_create(Context &) {
  return synopsis("ssmd feed create NAME --type websocket|rest|multicast --endpoint URL [--display-name TEXT] "
                  "[--exchange NAME] [--status S] [--timezone TZ] [--holiday-calendar NAME] [version flags]",
                  with({argument("name", "NAME", "the feed"),
                        option("type", "TYPE", "websocket, rest or multicast").require().with_choices({"websocket", "rest", "multicast"}),
                        option("display-name", "TEXT", "a human name (default: NAME)"),
                        option("exchange", "NAME", "the feed plugin that validates it (default: NAME)"),
                        option("status", "active|deprecated|disabled", "the feed's status")
                            .with_default("active")
                            .with_choices({"active", "deprecated", "disabled"}),
                        option("timezone", "TZ", "IANA time zone of the calendar").with_default("UTC"),
                        option("holiday-calendar", "NAME", "the holiday calendar's name")},
                       feed_version_options()));
}

int run_feed_create(Context &ctx, const Args &args) {
  auto vm = parse_args(ctx, "feed create", args);
  if (!vm) return kExitOk;
  const std::string name = (*vm)["name"].as<std::string>();
  require_valid_name(name, "feed");
  if (!vm->count("endpoint")) throw UsageError("missing required flag --endpoint; usage: " + describe_feed_create(ctx).usage);

  Feed feed;
  feed.name = name;
  feed.display_name = vm->count("display-name") ? (*vm)["display-name"].as<std::string>() : name;
  feed.exchange = vm->count("exchange") ? (*vm)["exchange"].as<std::string>() : name;
  feed.type = (*vm)["type"].as<std::string>();
  feed.status = (*vm)["status"].as<std::string>();
  feed.calendar = Calendar{(*vm)["timezone"].as<std::string>(),
                           vm->count("holiday-calendar") ? (*vm)["holiday-calendar"].as<std::string>() : ""};
  // Defaults are written into the file, so nothing about the feed stays implicit.
  FeedVersion v;
  v.version = "v1";
  v.effective_from = Date::today();
  v.auth_method = "none";
  v.rate_limit_per_second = 10;
  v.max_symbols_per_connection = 100;
  v.supports_orderbook = true;
  v.supports_trades = true;
  apply_feed_version_flags(*vm, v);
  feed.versions.push_back(v);

  Transaction tx(ctx.repo_root(), validate::write_checker(ctx, ctx.repo_root()));
  std::string file = Repository::file_of(Kind::Feed, name);
  if (tx.repository().has(Kind::Feed, name)) throw DomainError("feed '" + name + "' exists already (" + file + ")");
  return tx.commit({{file, render_feed_file(feed)}}, std::cout, std::cerr);
}

} // namespace ssmd
