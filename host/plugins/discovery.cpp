#include "plugins/discovery.hpp"

#include "plugins/elf_section.hpp"

#include <ssmd/plugin.h>

#include <algorithm>
#include <map>

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

// Reads one file; nullopt when it is not a plugin at all.
std::optional<PluginInfo> inspect(const fs::path &path) {
  PluginInfo info;
  info.path = path;
  info.manifest.name = path.stem().string();
  auto invalid = [&](const std::string &why) {
    info.status = PluginStatus::Invalid;
    info.problem = "plugin file " + path.string() + ": " + why;
    return info;
  };
  ElfSection section = read_elf_section(path, SSMD_MANIFEST_SECTION);
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
  std::string error;
  auto manifest = parse_manifest(section.bytes, error);
  if (!manifest) return invalid(error);
  if (manifest->name != path.stem().string())
    return invalid("the manifest names plugin '" + manifest->name + "', but the file must then be named " +
                   manifest->name + ".so");
  info.manifest = std::move(*manifest);
  return info;
}

} // namespace

std::vector<PluginInfo> scan_plugins(const std::vector<fs::path> &search_path) {
  std::vector<PluginInfo> out;
  std::map<std::string, fs::path> first_by_name; // only valid plugins claim a name
  for (const auto &dir : search_path) {
    for (const auto &file : library_files(dir)) {
      auto info = inspect(file);
      if (!info) continue;
      if (info->status == PluginStatus::Ok) {
        auto [it, inserted] = first_by_name.emplace(info->manifest.name, file);
        if (!inserted) {
          info->status = PluginStatus::Shadowed;
          info->problem = "plugin '" + info->manifest.name + "' at " + file.string() + " is shadowed by " +
                          it->second.string() + ", earlier on the search path";
        }
      }
      out.push_back(std::move(*info));
    }
  }
  return out;
}

} // namespace ssmd
