#include "registry/command_support.hpp"

#include "core/suggest.hpp"
#include "core/errors.hpp"
#include "registry/names.hpp"

#include <iostream>

namespace ssmd::registry {

namespace {
template <class T>
const Loaded<T> &require(Repository &repo, Kind kind, const std::string &name, Loaded<T> *loaded) {
  if (!loaded) {
    std::string message = std::string("no ") + noun_of(kind) + " named '" + name + "' (" +
                          Repository::file_of(kind, name) + " does not exist" +
                          (repo.reads_working_tree() ? "" : " in " + repo.describe()) + ")";
    if (auto near = closest(name, repo.names(kind))) message += "; did you mean '" + *near + "'?";
    throw DomainError(message);
  }
  if (has_errors(loaded->diagnostics) || !loaded->model) {
    print_diagnostics(loaded->diagnostics, std::cerr);
    if (!repo.reads_working_tree()) throw DomainError(loaded->file + " has errors in " + repo.describe() + " (see above)");
    throw DomainError(loaded->file + " has errors; fix them first (see above)");
  }
  return *loaded;
}
} // namespace

const LoadedFeed &require_feed(Repository &repo, const std::string &name) {
  return require(repo, Kind::Feed, name, repo.feed(name));
}
const LoadedSchema &require_schema(Repository &repo, const std::string &name) {
  return require(repo, Kind::Schema, name, repo.schema(name));
}
const LoadedEnvironment &require_environment(Repository &repo, const std::string &name) {
  return require(repo, Kind::Environment, name, repo.environment(name));
}

void require_valid_name(const std::string &name, const std::string &what) {
  if (!valid_name(name))
    throw UsageError(what + " name '" + name + "' must match ^[a-z][a-z0-9_-]{0,63}$ (lower-case letter first)");
}

void print_diagnostics(const Diagnostics &diagnostics, std::ostream &out) {
  for (const auto &d : diagnostics) out << format_diagnostic(d) << "\n";
}

} // namespace ssmd::registry
