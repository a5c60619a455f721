// `ssmd publish (ENV... | --all) [--to URL] [--at REF] [--dry-run | --check] [--force]`: loads committed
// environments, resolved, into a store the runtime reads (etcd, through a publisher plugin). The steps:
// the destination (trusted configuration only) and its plugin; the commit (never uncommitted files); one
// document per environment; what the store holds; the plan; then either the drift (--check), the plan
// (--dry-run) or the guarded batches. docs/publish.md is the reference.
#include "commands/commands.hpp"

#include "cli/context.hpp"
#include "config/config.hpp"
#include "core/errors.hpp"
#include "core/timestamp.hpp"
#include "git/commit_reader.hpp"
#include "publish/batches.hpp"
#include "publish/environment_document.hpp"
#include "publish/plan.hpp"
#include "publish/report.hpp"
#include "publish/source_commit.hpp"
#include "publish/target.hpp"
#include "registry/command_support.hpp"
#include "version.hpp"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <iostream>

namespace ssmd {

namespace {

// --to, else SSMD_PUBLISH_TO, else `publish.to` from a trusted layer. A repository's own files may not
// choose where its configuration is sent, as they may not choose plugin paths.
std::string destination(Context &ctx, const po::variables_map &vm) {
  if (vm.count("to")) return vm["to"].as<std::string>();
  if (const char *env = std::getenv("SSMD_PUBLISH_TO"); env && *env) return env;
  auto untrusted = ctx.config().untrusted_origin("publish.to");
  if (auto value = ctx.config().trusted_scalar("publish.to")) {
    if (untrusted) std::cerr << "ssmd: warning: ignoring publish.to from " << *untrusted << ": a repository may not choose where ssmd publishes\n";
    return *value;
  }
  throw UsageError("no destination: give --to URL, or set publish.to in your own configuration "
                   "(~/.config/ssmd/config.yaml) or SSMD_PUBLISH_TO" +
                   (untrusted ? " (" + *untrusted + " sets publish.to, which is ignored: a repository may not "
                                                    "choose where ssmd publishes)"
                              : std::string()));
}

std::string now_utc() {
  auto now = std::chrono::system_clock::now().time_since_epoch();
  return format_timestamp(Timestamp{std::chrono::duration_cast<std::chrono::seconds>(now).count() * 1000});
}

std::string plural(size_t n, const std::string &word, const std::string &many) {
  return std::to_string(n) + " " + (n == 1 ? word : many);
}

// Refuses a commit that does not descend from the one the store last received, unless --force.
void require_descendant(Context &ctx, const publish::Plan &plan, const publish::SourceCommit &source,
                        const std::string &url) {
  if (!plan.index.readable) return;
  const std::string &published = plan.index.commit;
  switch (publish::ancestry(ctx.repo_root(), published, source.id)) {
  case publish::Ancestry::Same:
  case publish::Ancestry::Descendant: return;
  case publish::Ancestry::NotDescendant:
    throw DomainError("commit " + source.id + " does not descend from commit " + published + ", which " + url +
                      " last received: publishing it would roll changes back. Use --force if that is what you mean");
  case publish::Ancestry::Unknown:
    throw DomainError(url + " last received commit " + published + ", which this repository does not have, so "
                      "ssmd cannot tell whether commit " + source.id + " descends from it (fetch it first); use "
                      "--force to publish anyway");
  }
}

} // namespace

CommandSpec describe_publish(Context &) {
  return synopsis("ssmd publish (ENV... | --all) [--to URL] [--at REF] [--dry-run | --check] [--force]",
                  {remaining_arguments("env", "ENV", "the environments to publish").naming(Names::Environment),
                   flag("all", "every environment of the commit; the store's others are removed"),
                   option("to", "URL",
                          "where: etcd://HOST:PORT[,HOST:PORT...]/PREFIX or etcd+https://... (default: SSMD_PUBLISH_TO, else publish.to "
                          "from your own configuration; never the repository's)"),
                   option("at", "REF", "publish this commit, branch or tag instead of HEAD"),
                   flag("dry-run", "print what would change, key by key, and write nothing"),
                   flag("check", "compare the store with the commit; exit 1 naming each difference"),
                   flag("force", "publish a commit that does not descend from the one last published")});
}

int run_publish(Context &ctx, const Args &args) {
  auto vm = parse_args(ctx, "publish", args);
  if (!vm) return kExitOk;
  const bool all = vm->count("all") > 0, check = vm->count("check") > 0, dry_run = vm->count("dry-run") > 0;
  std::vector<std::string> names = vm->count("env") ? (*vm)["env"].as<std::vector<std::string>>() : std::vector<std::string>{};
  if (all == !names.empty()) throw UsageError("name the environments to publish, or give --all (not both)");
  if (check && dry_run) throw UsageError("--check and --dry-run do not go together: --check already writes nothing");
  for (const auto &name : names) registry::require_valid_name(name, "environment");
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());

  const std::string url = destination(ctx, *vm);
  publish::Target target = publish::Target::open(ctx, url);
  std::optional<std::string> at;
  if (vm->count("at")) at = (*vm)["at"].as<std::string>();
  // --check compares a commit with the store and writes nothing, so local edits cannot mislead it.
  if (!check) publish::require_committed(ctx.repo_root());
  const publish::SourceCommit source = publish::resolve_source(ctx.repo_root(), at);
  const std::string short_id = source.id.substr(0, 12);

  registry::Repository repo(ctx.repo_root(), git::commit_reader(ctx.repo_root(), source.id));
  const Date today = Date::today();
  if (all) names = repo.names(registry::Kind::Environment);
  std::vector<publish::EnvironmentDocument> documents;
  documents.reserve(names.size());
  for (const auto &name : names) documents.push_back(publish::environment_document(repo, name, today));

  const publish::Plan plan = publish::make_plan(target.read(), documents, all);
  if (check) {
    if (plan.empty()) {
      std::cout << "no drift: " << url << " holds what commit " << short_id << " publishes ("
                << plural(documents.size(), "environment", "environments") << ")\n";
      return kExitOk;
    }
    std::cout << "drift between " << url << " and commit " << short_id << " (" << source.ref << "):\n";
    size_t count = publish::print_drift(std::cout, plan);
    std::cout << plural(count, "difference", "differences") << "; `ssmd publish` writes the commit's\n";
    return kExitFailure;
  }
  if (plan.empty()) {
    std::cout << "up to date: " << url << " already holds what commit " << short_id << " publishes ("
              << plural(documents.size(), "environment", "environments") << "); nothing written\n";
    return kExitOk;
  }
  if (!vm->count("force")) require_descendant(ctx, plan, source, url);

  publish::Publication publication{source.id, source.ref, now_utc(), publish::publishing_user(ctx.repo_root()), kVersion, today};
  auto batches = publish::plan_batches(plan, publication, target.limits());
  std::cout << (dry_run ? "would publish" : "publishing") << " commit " << short_id << " (" << source.ref << ") to "
            << url << ":\n";
  publish::print_changes(std::cout, plan);
  const std::string changes = plural(plan.changes.size(), "environment", "environments");
  if (dry_run) {
    std::cout << "dry run: " << changes << " and the index would be written in "
              << plural(batches.size(), "batch", "batches") << "; nothing written\n";
    return kExitOk;
  }
  size_t applied = publish::apply_batches(target, std::move(batches));
  std::cout << "published " << changes << " and the index in " << plural(applied, "batch", "batches")
            << (applied == 1 ? " (one atomic write)" : " (each atomic)") << "\n";
  return kExitOk;
}

} // namespace ssmd
