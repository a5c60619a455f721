// `ssmd feed add-version NAME --version V --effective-from DATE [...]`: a new version of a feed, written
// into the existing file at its place in date order; fields not given come from the version in force
// before it.
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

CommandSpec describe_feed_add_version(Context &) {
  return synopsis("ssmd feed add-version NAME --version V --effective-from DATE [--endpoint URL] [version flags]",
                  with({argument("name", "NAME", "the feed").naming(Names::Feed)}, feed_version_options()));
}

int run_feed_add_version(Context &ctx, const Args &args) {
  auto vm = parse_args(ctx, "feed add-version", args);
  if (!vm) return kExitOk;
  for (const char *flag : {"version", "effective-from"})
    if (!vm->count(flag)) throw UsageError(std::string("missing required flag --") + flag + "; usage: " + describe_feed_add_version(ctx).usage);
  date_arg(*vm, "effective-from");
  const std::string name = (*vm)["name"].as<std::string>();

  Transaction tx(ctx.repo_root(), validate::write_checker(ctx, ctx.repo_root()));
  const LoadedFeed &loaded = require_feed(tx.repository(), name);
  Date from = *Date::parse((*vm)["effective-from"].as<std::string>());
  // The version in force before the new one: the latest that takes effect earlier.
  const FeedVersion *previous = nullptr;
  for (const auto &other : loaded.model->versions)
    if (other.effective_from && *other.effective_from < from &&
        (!previous || *previous->effective_from < *other.effective_from))
      previous = &other;
  FeedVersion v;
  std::vector<YamlEntry> extras;
  if (previous) {
    v = *previous;
    v.effective_to.reset(); // an end date belongs to the old version, not the new one
    extras = carried_extras(*previous);
  }
  apply_feed_version_flags(*vm, v);
  for (const auto &other : loaded.model->versions)
    if (other.version == v.version) throw DomainError("feed '" + name + "' already has a version '" + v.version + "'");
  return tx.commit({{loaded.file, insert_feed_version(loaded, v, extras)}}, std::cout, std::cerr);
}

} // namespace ssmd
