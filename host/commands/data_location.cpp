#include "commands/data_location.hpp"

#include "cli/context.hpp"
#include "config/config.hpp"
#include "core/errors.hpp"
#include "registry/repository.hpp"
#include "registry/resolve.hpp"

#include <filesystem>
#include <optional>

namespace fs = std::filesystem;

namespace ssmd::data {

namespace {

std::string scalar(const yaml::Node *map, const char *key) {
  const yaml::Node *n = map && map->is_map() ? map->get(key) : nullptr;
  return n && n->is_scalar() ? n->scalar() : std::string();
}

bool is_local(const std::string &location) {
  return location.find("://") == std::string::npos || location.starts_with("file://");
}

// A local path is relative to the repository root; a file:// URL keeps its path.
std::string anchored(const std::optional<fs::path> &root, const std::string &location) {
  if (location.empty() || location.find("://") != std::string::npos || fs::path(location).is_absolute() || !root)
    return location;
  return (*root / location).lexically_normal().string();
}

std::string local_path(const std::string &location) {
  return location.starts_with("file://") ? location.substr(7) : location;
}

// The location a `storage:`-shaped mapping names, or nullopt when it names none.
std::optional<Location> from_mapping(const yaml::Node *storage, const std::optional<fs::path> &root,
                                     const std::string &from) {
  if (!storage || !storage->is_map()) return std::nullopt;
  Location out;
  out.from = from;
  out.raw = anchored(root, scalar(storage, "raw"));
  out.normalized = anchored(root, scalar(storage, "normalized"));
  for (const std::string *tree : {&out.raw, &out.normalized})
    if (!tree->empty() && is_local(*tree)) out.local_roots.push_back(local_path(*tree));
  if (!out.raw.empty() || !out.normalized.empty()) return out;
  std::string base = scalar(storage, "url");
  if (base.empty()) base = scalar(storage, "path");
  if (base.empty()) return std::nullopt;
  while (base.size() > 1 && base.back() == '/') base.pop_back();
  base = anchored(root, base);
  out.raw = base + "/raw";
  out.normalized = base + "/normalized";
  if (is_local(base)) out.local_roots.push_back(local_path(base));
  return out;
}

std::string describe(const Location &l) {
  if (l.normalized.empty()) return l.raw;
  if (l.raw.empty()) return "normalized " + l.normalized;
  return l.raw + " and " + l.normalized;
}

// The environment --env names, which must be on `feed`.
Location from_named_environment(registry::Repository &repo, const std::string &feed, const std::string &name) {
  auto resolution = registry::resolve_environment(repo, name);
  if (!resolution.env) throw DomainError(resolution.problem);
  if (resolution.env->feed != feed)
    throw DomainError("environment '" + name + "' is on feed '" + resolution.env->feed.value_or("(none)") +
                      "', not '" + feed + "'; name an environment of feed '" + feed + "' or drop --env");
  auto location = from_mapping(resolution.env->storage, repo.root(), "environment " + name);
  if (!location)
    throw DomainError("environment '" + name + "' has no storage: naming raw:, normalized:, url: or path:; "
                      "use --raw/--normalized");
  return *location;
}

// Every environment of `feed` whose storage names a location; nullopt when there is none. Environments that
// do not resolve (a broken file, a cycle) are left out: `ssmd validate` reports them.
std::optional<Location> from_feed_environments(registry::Repository &repo, const std::string &feed) {
  std::vector<std::pair<std::string, Location>> found;
  for (const auto &name : repo.names(registry::Kind::Environment)) {
    auto resolution = registry::resolve_environment(repo, name);
    if (!resolution.env || resolution.env->feed != feed) continue;
    if (auto location = from_mapping(resolution.env->storage, repo.root(), "environment " + name))
      found.emplace_back(name, std::move(*location));
  }
  if (found.empty()) return std::nullopt;
  bool agree = true;
  for (const auto &[name, location] : found)
    agree = agree && location.raw == found[0].second.raw && location.normalized == found[0].second.normalized;
  if (agree) {
    Location out = found[0].second;
    if (found.size() > 1) {
      out.from = "environments";
      for (size_t i = 0; i < found.size(); ++i) out.from += (i ? ", " : " ") + found[i].first;
    }
    return out;
  }
  std::string list;
  for (const auto &[name, location] : found) list += (list.empty() ? "" : "; ") + name + " (" + describe(location) + ")";
  throw UsageError("the environments of feed '" + feed + "' keep its data in different places: " + list +
                   "; choose one with --env ENV");
}

} // namespace

Location locate_data(Context &ctx, const LocationRequest &request) {
  if (!request.env.empty() && (!request.raw.empty() || !request.normalized.empty()))
    throw UsageError("--env and --raw/--normalized are alternatives; give one");
  const std::optional<fs::path> root = ctx.find_repo_root();
  std::optional<registry::Repository> repo;
  if (root) {
    repo.emplace(*root);
    if (!repo->has(registry::Kind::Feed, request.feed)) {
      std::string known;
      for (const auto &name : repo->names(registry::Kind::Feed)) known += (known.empty() ? "" : ", ") + name;
      throw DomainError("feed '" + request.feed + "' is not registered (no " +
                        registry::Repository::file_of(registry::Kind::Feed, request.feed) + "); registered feeds: " +
                        (known.empty() ? "none" : known));
    }
  }
  if (!request.raw.empty() || !request.normalized.empty()) {
    Location out;
    out.from = "--raw/--normalized";
    out.raw = request.raw;
    out.normalized = request.normalized;
    for (const std::string *tree : {&out.raw, &out.normalized})
      if (!tree->empty() && is_local(*tree)) out.local_roots.push_back(local_path(*tree));
    return out;
  }
  if (!request.env.empty()) {
    if (!repo) {
      ctx.repo_root(); // throws EnvironmentError naming why there is no repository
      throw EnvironmentError("--env needs a metadata repository");
    }
    return from_named_environment(*repo, request.feed, request.env);
  }
  if (repo)
    if (auto location = from_feed_environments(*repo, request.feed)) return *location;
  if (auto configured = ctx.config().get("data")) {
    if (auto location = from_mapping(configured->node, root, configured->origin)) return *location;
    throw UsageError("the configuration's data: (" + configured->origin +
                     ") names no location: give raw:, normalized:, url: or path:");
  }
  throw UsageError("say where the data lives: no environment of feed '" + request.feed +
                   "' has a storage: location and ssmd.yaml has no data: section; use --env ENV, or --raw URL "
                   "and/or --normalized URL");
}

void require_local_roots(const Location &location) {
  for (const auto &dir : location.local_roots) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec))
      throw EnvironmentError("data root " + dir + " (from " + location.from + ") " +
                             (fs::exists(dir, ec) ? "is not a directory" : "does not exist"));
  }
}

} // namespace ssmd::data
