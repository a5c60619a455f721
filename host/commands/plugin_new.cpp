// `ssmd plugin new NAME`: writes a ready plugin project for a team outside ssmd (see host/scaffold/).
#include "commands/commands.hpp"

#include "core/atomic_file.hpp"
#include "core/errors.hpp"
#include "scaffold/project.hpp"
#include "version.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <iostream>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace fs = std::filesystem;

namespace ssmd {

namespace {

// Refuses a target that exists and is anything but an empty directory: a project is never mixed into
// existing files.
void check_target(const fs::path &target) {
  std::error_code ec;
  if (!fs::exists(target, ec)) return;
  if (!fs::is_directory(target, ec))
    throw DomainError(target.string() + " exists and is not a directory; choose another --dir");
  if (!fs::is_empty(target, ec))
    throw DomainError(target.string() + " exists and is not empty; a plugin project needs a new or empty "
                                        "directory (choose another --dir)");
}

// rename(2) that fails with EEXIST instead of replacing `to`. Falls back to a check before the rename on
// file systems without RENAME_NOREPLACE.
bool rename_no_replace(const fs::path &from, const fs::path &to) {
  if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0) return true;
  if (errno != EINVAL && errno != ENOSYS) return false;
  std::error_code ec;
  if (fs::exists(to, ec)) {
    errno = EEXIST;
    return false;
  }
  return ::rename(from.c_str(), to.c_str()) == 0;
}

// Moves the staged project into `target`: one rename when it does not exist; into an existing empty
// directory (the current one, say) entry by entry, moving back what was moved when a step fails.
void move_into_place(const fs::path &staging, const fs::path &target) {
  std::error_code ec;
  if (!fs::exists(target, ec)) {
    if (::rename(staging.c_str(), target.c_str()) == 0) return;
    throw EnvironmentError("cannot move the project into " + target.string() + ": " + std::strerror(errno));
  }
  check_target(target); // still empty?
  std::vector<fs::path> moved;
  for (const auto &entry : fs::directory_iterator(staging)) {
    const fs::path to = target / entry.path().filename();
    if (!rename_no_replace(entry.path(), to)) {
      const std::string why = errno == EEXIST ? "it appeared meanwhile" : std::strerror(errno);
      for (const auto &name : moved) ::rename((target / name).c_str(), (staging / name).c_str());
      throw EnvironmentError("cannot move " + to.string() + " into place: " + why + "; nothing was written");
    }
    moved.push_back(entry.path().filename());
  }
  fs::remove(staging, ec);
}

// Writes every file into a hidden sibling of `target`, then moves it into place: a failure half-way
// leaves nothing behind, and no one sees half a project.
void write_project(const fs::path &target, const std::vector<scaffold::ProjectFile> &files) {
  const fs::path parent = target.parent_path();
  std::error_code ec;
  fs::create_directories(parent, ec);
  if (ec) throw EnvironmentError("cannot create " + parent.string() + ": " + ec.message());
  std::string pattern = (parent / ("." + target.filename().string() + ".new-XXXXXX")).string();
  if (!::mkdtemp(pattern.data()))
    throw EnvironmentError("cannot create a directory in " + parent.string() + ": " + std::strerror(errno));
  const fs::path staging = pattern;
  try {
    // mkdtemp creates the directory 0700; the project gets what the user's umask allows, like mkdir(1).
    const mode_t mask = ::umask(0);
    ::umask(mask);
    fs::permissions(staging, static_cast<fs::perms>(0777 & ~mask));
    for (const auto &file : files) write_file_atomically(staging / file.path, file.content);
    move_into_place(staging, target);
  } catch (...) {
    fs::remove_all(staging, ec);
    throw;
  }
  // Make the rename durable, as write_file_atomically does for each file.
  int dir = ::open(parent.c_str(), O_RDONLY | O_DIRECTORY);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
}

// The install prefix of the running ssmd when the SDK is installed beside it, for the next steps.
std::string sdk_prefix(const fs::path &executable) {
  const fs::path prefix = executable.parent_path().parent_path();
  std::error_code ec;
  if (executable.parent_path().filename() == "bin" && fs::exists(prefix / "include" / "ssmd" / "plugin.h", ec))
    return prefix.string();
  return "<ssmd prefix>";
}

} // namespace

CommandSpec describe_plugin_new(Context &) {
  return synopsis("ssmd plugin new NAME [--dir DIR] [--kind feed|schema-format|secret|storage]",
                  {argument("name", "NAME", "the plugin's name, e.g. feed-acme"),
                   option("dir", "DIR", "where to write the project (default: ./NAME); must be new or empty"),
                   option("kind", "KIND",
                          "feed, schema-format, secret or storage (default: from the name: feed-*, schema-*, secrets-*, storage-*, else feed)")
                       .with_choices({"feed", "schema-format", "secret", "storage"})});
}

int run_plugin_new(Context &ctx, const Args &args) {
  auto vm = parse_args(ctx, "plugin new", args);
  if (!vm) return kExitOk;

  std::optional<scaffold::Kind> kind;
  if (vm->count("kind")) {
    const std::string text = (*vm)["kind"].as<std::string>();
    kind = scaffold::parse_kind(text);
    if (!kind) throw UsageError("--kind must be feed, schema-format, secret or storage, not '" + text + "'");
  }
  const scaffold::ProjectSpec spec = scaffold::make_spec((*vm)["name"].as<std::string>(), kind);
  fs::path target = fs::absolute(vm->count("dir") ? fs::path((*vm)["dir"].as<std::string>()) : fs::path(spec.name))
                       .lexically_normal();
  if (target.filename().empty()) target = target.parent_path(); // "dir/" and "." name the directory itself
  check_target(target);

  const auto files = scaffold::render_project(spec, kVersion);
  write_project(target, files);
  for (const auto &file : files) std::cout << "  created " << file.path << "\n";
  const std::string dir = target.string();
  std::cout << "Created " << spec.name << ", " << scaffold::describe(spec) << ", in " << dir << "\nNext:\n"
            << "  cmake -S " << dir << " -B " << dir << "/build -DCMAKE_PREFIX_PATH=" << sdk_prefix(ctx.executable())
            << " && cmake --build " << dir << "/build\n"
            << "  ctest --test-dir " << dir << "/build --output-on-failure\n"
            << "  ssmd --plugin-path " << dir << "/build plugin list\n";
  return kExitOk;
}

} // namespace ssmd
