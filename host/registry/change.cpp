#include "registry/change.hpp"

#include "core/state_dir.hpp"

#include "core/atomic_file.hpp"
#include "core/errors.hpp"
#include "core/line_endings.hpp"
#include "registry/check.hpp"

#include <ssmd/env.hpp>
#include <ssmd/repo_write.hpp>

#include <cstdlib>
#include <map>
#include <ostream>
#include <tuple>

namespace fs = std::filesystem;

namespace ssmd::registry {

namespace {
using Key = std::tuple<std::string, std::string, std::string, Severity>;
Key key_of(const Diagnostic &d) { return {d.file, d.rule, d.message, d.severity}; }

Diagnostics added(const Diagnostics &before, const Diagnostics &after, bool errors) {
  std::map<Key, int> seen;
  for (const auto &d : before) ++seen[key_of(d)];
  Diagnostics out;
  for (const auto &d : after) {
    if ((d.severity == Severity::Error) != errors) continue;
    if (auto it = seen.find(key_of(d)); it != seen.end() && it->second > 0) {
      --it->second;
      continue;
    }
    out.push_back(d);
  }
  return out;
}

// Refuses the whole change, before a byte is written, when a path would be written outside the repository
// or through a symbolic link: a directory such as exchanges/schemas/ may be a link to somewhere else, and a
// write must never follow it there (the writes themselves refuse links too, on the descriptors they use).
void require_inside(const fs::path &root, const Overlay &change) {
  std::error_code ec;
  const fs::path real_root = fs::weakly_canonical(root, ec);
  for (const auto &[path, content] : change) {
    fs::path real = fs::weakly_canonical(root / path, ec);
    fs::path inside = real.lexically_relative(real_root);
    if (ec || inside.empty() || *inside.begin() == "..")
      throw EnvironmentError("refusing to write " + path + ": it resolves to " + real.string() +
                             ", outside the repository (through a symbolic link); nothing was written");
    require_repository_writable(root, path);
  }
}

// Writes every file of `change`, definition files before the YAML that names them. If one write fails,
// the files already written get their old bytes back (or are removed if they were new).
void write_all(const fs::path &root, const Overlay &change) {
  require_inside(root, change);
  std::vector<std::pair<std::string, const std::optional<std::string> *>> order;
  for (const auto &[path, content] : change)
    if (!path.ends_with(".yaml")) order.emplace_back(path, &content);
  for (const auto &[path, content] : change)
    if (path.ends_with(".yaml")) order.emplace_back(path, &content);
  std::vector<std::pair<std::string, std::optional<std::string>>> undo;
  try {
    for (const auto &[path, content] : order) {
      Repository reader(root);
      undo.emplace_back(path, reader.read(path));
      if (*content) write_repository_file(root, path, **content);
      else remove_repository_file(root, path);
    }
  } catch (...) {
    for (auto it = undo.rbegin(); it != undo.rend(); ++it) {
      try {
        if (it->second) write_repository_file(root, it->first, *it->second);
        else remove_repository_file(root, it->first);
      } catch (...) {
      }
    }
    throw;
  }
}
} // namespace

Diagnostics added_errors(const Diagnostics &before, const Diagnostics &after) { return added(before, after, true); }

Diagnostics refusing_errors(const Diagnostics &before, const Diagnostics &after, const Overlay &change) {
  Diagnostics out = added(before, after, true);
  std::map<Key, int> listed;
  for (const auto &d : out) ++listed[key_of(d)];
  for (const auto &d : after) {
    if (d.severity != Severity::Error || d.rule != "plugin/unavailable" || !change.count(d.file)) continue;
    if (auto it = listed.find(key_of(d)); it != listed.end() && it->second > 0) {
      --it->second; // already among the added errors
      continue;
    }
    out.push_back(d);
  }
  return out;
}

Transaction::Transaction(const fs::path &root, Checker check)
    : lock_(std::make_unique<FileLock>(state_dir(root) / "lock", lock_wait(),
                                       "repository is locked by another ssmd process (" +
                                           (root / ".ssmd/lock").string() + "); try again when it has finished")),
      before_(root), check_(check ? std::move(check) : Checker(check_repository)) {
  // A writer killed between creating its temporary and renaming it leaves `.<name>.tmp-XXXXXX` behind.
  // Every writer of these folders holds the lock now held here, so any temporary in them is stale. The read
  // cache is written without the lock, so only its temporaries older than a minute are taken.
  // A folder that is a symbolic link is left alone: it may lead out of the repository, and a writer refuses
  // to write through it anyway.
  auto real_folder = [&](const std::string &relative) {
    std::string why;
    return static_cast<bool>(repo_write::open_folder(root.string(), relative, false, why));
  };
  for (const char *folder : {"feeds", "schemas", "environments"}) {
    const std::string relative = std::string("exchanges/") + folder;
    if (real_folder(relative)) remove_stale_temporaries(root / relative, std::string_view(folder) == "schemas");
  }
  if (real_folder(".ssmd/cache")) {
    remove_stale_temporaries(root / ".ssmd/cache", true, std::chrono::seconds(60));
    // validate.json is saved only under this lock (by writers and by `ssmd validate`), so any temporary of
    // it is a killed process's.
    remove_stale_temporaries(root / ".ssmd/cache", false);
  }
}

Transaction::~Transaction() = default;

int Transaction::commit(const Overlay &requested, std::ostream &out, std::ostream &err) {
  // Edits keep each file's line endings (core/line_endings.hpp), decided before the checks so that what is
  // checked is byte for byte what is written. Only YAML: a schema definition's bytes are hashed as they are.
  Overlay change = requested;
  for (auto &[path, content] : change) {
    if (!content || !path.ends_with(".yaml")) continue;
    if (auto old_text = before_.read(path)) *content = with_line_endings_of(*old_text, std::move(*content));
  }
  Diagnostics before = check_(before_);
  Repository after_repo(before_.root(), change);
  Diagnostics after = check_(after_repo);
  Diagnostics errors = refusing_errors(before, after, change);
  refusal_ = errors;
  if (!errors.empty()) {
    err << "ssmd: refused: the change would leave " << errors.size() << (errors.size() == 1 ? " error" : " errors")
        << "; nothing was written\n";
    for (const auto &d : errors) err << format_diagnostic(d) << "\n";
    return kExitFailure;
  }
  write_all(before_.root(), change);
  for (const auto &d : added(before, after, false)) err << format_diagnostic(d) << "\n";
  for (const auto &[path, content] : change) out << (content ? "wrote " : "removed ") << path << "\n";
  return kExitOk;
}

std::chrono::milliseconds lock_wait() {
  std::string error;
  auto ms = env::number_variable("SSMD_LOCK_TIMEOUT_MS", 0, kMaxLockWaitMs, 2000, error);
  if (!ms) throw UsageError(error);
  return std::chrono::milliseconds(*ms);
}

} // namespace ssmd::registry
