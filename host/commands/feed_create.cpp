// `ssmd feed create NAME --type T --endpoint URL [...]`: a new feed file with its first version.
#include "commands/commands.hpp"
#include "core/errors.hpp"
#include "registry/change.hpp"
#include "registry/command_support.hpp"
#include "registry/feed_edit.hpp"
#include "validate/write_check.hpp"

#include <iostream>

namespace ssmd {

using namespace registry;

int run_feed_create(Context &ctx, const Args &args) {
  CommandLine cl;
  cl.usage = "ssmd feed create NAME --type websocket|rest|multicast --endpoint URL [--display-name TEXT] "
             "[--exchange NAME] [--status S] [--timezone TZ] [--holiday-calendar NAME] [version flags]";
  cl.options.add_options()("name", po::value<std::string>()->required(), "the feed")
      ("type", po::value<std::string>()->required()->value_name("TYPE"), "websocket, rest or multicast")
      ("display-name", po::value<std::string>()->value_name("TEXT"), "a human name (default: NAME)")
      ("exchange", po::value<std::string>()->value_name("NAME"), "the feed plugin that validates it (default: NAME)")
      ("status", po::value<std::string>()->default_value("active")->value_name("active|deprecated|disabled"), "the feed's status")
      ("timezone", po::value<std::string>()->default_value("UTC")->value_name("TZ"), "IANA time zone of the calendar")
      ("holiday-calendar", po::value<std::string>()->value_name("NAME"), "the holiday calendar's name");
  cl.positional.add("name", 1);
  add_feed_version_options(cl);
  auto vm = parse_args(builtin("feed create"), cl, args);
  if (!vm) return kExitOk;
  const std::string name = (*vm)["name"].as<std::string>();
  require_valid_name(name, "feed");
  if (!vm->count("endpoint")) throw UsageError("missing required flag --endpoint; usage: " + cl.usage);

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

  Transaction tx(ctx.repo_root(), validate::write_checker(ctx));
  std::string file = Repository::file_of(Kind::Feed, name);
  if (tx.repository().has(Kind::Feed, name)) throw DomainError("feed '" + name + "' exists already (" + file + ")");
  return tx.commit({{file, render_feed_file(feed)}}, std::cout, std::cerr);
}

} // namespace ssmd
