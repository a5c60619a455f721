#include "plugins/discovery.hpp"

#include "plugins/elf_section.hpp"
#include "plugins/plugin_file.hpp"
#include "plugins/safe_location.hpp"

#include <ssmd/plugin.h>

#include <algorithm>
#include <map>
#include <unistd.h>

namespace fs = std::filesystem;

namespace ssmd {

namespace {

// The plugin files of one directory, sorted by name so the order never depends on the file system.
std::vector<fs::path> library_files(const fs::path &dir) {
  std::vector<fs::path> out;
  std::error_code ec;
  fs::directory_iterator it(dir, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    const fs::path &p = it->path();
    if (p.extension() != ".so") continue;
    std::error_code type_ec;
    if (it->is_regular_file(type_ec)) out.push_back(p);
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Reads one file; nullopt when it is not a plugin at all. `real_dir` is the search directory with its
// symbolic links resolved, and `dir_problem` why it (or one above it) is unsafe, if it is.
std::optional<PluginInfo> inspect(const fs::path &path, const fs::path &real_dir,
                                  const std::optional<std::string> &dir_problem, SafeLocation &safety) {
  PluginInfo info;
  info.path = path;
  info.manifest.name = path.stem().string();
  auto refuse = [&](PluginStatus status, const std::string &problem, const std::string &reason) {
    info.status = status;
    info.problem = problem;
    info.reason = reason;
    return info;
  };
  auto invalid = [&](const std::string &why) {
    return refuse(PluginStatus::Invalid, "plugin file " + path.string() + ": " + why, why);
  };
  auto unsafe = [&](const std::string &why) {
    return refuse(PluginStatus::Unsafe, "plugin '" + info.manifest.name + "' refused: " + why, why);
  };

  // Where the file really is: its directory and every one above must be safe before it is even opened,
  // and so must the file itself as lstat sees it. A file found through a symbolic link is judged where
  // the link leads.
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) return std::nullopt; // vanished since the directory was listed
  fs::path real = real_dir / path.filename(), shown = path;
  std::optional<std::string> where = dir_problem;
  if (S_ISLNK(st.st_mode)) {
    std::error_code ec;
    real = fs::canonical(path, ec);
    if (ec || ::lstat(real.c_str(), &st) != 0) return std::nullopt; // a dangling link
    shown = real;
    where = safety.unsafe_directory(real.parent_path());
  }
  if (where) return unsafe(*where);
  if (auto why = safety.unsafe_file(shown, st)) return unsafe(*why);

  // Opened once: what is read, hashed and loaded from here on is this file, whatever the path becomes. The
  // owner and mode are checked again on the descriptor, which is what counts: only root or the user can
  // put another file at this path now that its folders are known to be theirs alone.
  std::string error;
  auto file = PluginFile::open(real, error);
  if (!file) return invalid(error);
  if (auto why = safety.unsafe_file(shown, file->status())) return unsafe(*why);

  const auto size = static_cast<uint64_t>(file->status().st_size);
  ElfSection section = read_elf_section(file->fd(), size, SSMD_MANIFEST_SECTION);
  switch (section.status) {
  case ElfReadStatus::NotElf:
  case ElfReadStatus::NoSection: return std::nullopt;
  case ElfReadStatus::Malformed:
  case ElfReadStatus::IoError: return invalid(section.error);
  case ElfReadStatus::Ok: break;
  }
  if (host_elf_machine() != 0 && section.machine != host_elf_machine())
    return invalid("built for ELF machine " + std::to_string(section.machine) + ", not this one (" +
                   std::to_string(host_elf_machine()) + ")");
  auto manifest = parse_manifest(section.bytes, error);
  if (!manifest) return invalid(error);
  if (manifest->name != path.stem().string())
    return invalid("the manifest names plugin '" + manifest->name + "', but the file must then be named " +
                   manifest->name + ".so");
  info.manifest = std::move(*manifest);
  info.file = std::move(file);
  return info;
}

} // namespace

std::vector<PluginInfo> scan_plugins(const std::vector<fs::path> &search_path) {
  std::vector<PluginInfo> out;
  SafeLocation safety(::geteuid());
  // Valid plugins claim their name, and so do unsafe ones (by file name, the only name a plugin there could
  // have): a copy refused early on the path is not silently replaced by one further along.
  std::map<std::string, fs::path> first_by_name;
  for (const auto &dir : search_path) {
    auto files = library_files(dir);
    if (files.empty()) continue;
    std::error_code ec;
    fs::path real_dir = fs::canonical(dir, ec);
    if (ec) continue; // removed since it was listed
    const auto dir_problem = safety.unsafe_directory(real_dir);
    for (const auto &file : files) {
      auto info = inspect(file, real_dir, dir_problem, safety);
      if (!info) continue;
      if (info->status == PluginStatus::Ok || info->status == PluginStatus::Unsafe) {
        auto [it, inserted] = first_by_name.emplace(info->manifest.name, file);
        if (!inserted && info->status == PluginStatus::Ok) {
          info->status = PluginStatus::Shadowed;
          info->problem = "plugin '" + info->manifest.name + "' at " + file.string() + " is shadowed by " +
                          it->second.string() + ", earlier on the search path";
          info->file.reset();
        }
      }
      out.push_back(std::move(*info));
    }
  }
  return out;
}

} // namespace ssmd
