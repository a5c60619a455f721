#include "plugins/plugin_inspection.hpp"

#include "plugins/elf_section.hpp"
#include "plugins/plugin_file.hpp"
#include "plugins/safe_location.hpp"

#include <ssmd/plugin.h>

#include <cerrno>
#include <cstring>
#include <sys/stat.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace ssmd {

InspectedPlugin inspect_plugin_file(const fs::path &path) {
  InspectedPlugin out;
  auto unreadable = [&](const std::string &why) {
    out.unreadable = true;
    out.errors.push_back(why);
    return out;
  };
  std::error_code ec;
  const fs::path real = fs::canonical(path, ec);
  if (ec) return unreadable("cannot read it: " + ec.message());
  struct stat st {};
  if (::lstat(real.c_str(), &st) != 0) return unreadable(std::string("cannot read it: ") + std::strerror(errno));
  if (!S_ISREG(st.st_mode)) return unreadable("it is not a regular file");

  // Discovery would refuse the file here without opening it; the user named it, so it is checked anyway.
  SafeLocation safety(::geteuid());
  std::optional<std::string> unsafe = safety.unsafe_directory(real.parent_path());
  if (!unsafe) unsafe = safety.unsafe_file(real, st);
  if (unsafe)
    out.warnings.push_back("ssmd would refuse to load it from this place, so install it elsewhere: " + *unsafe);

  std::string error;
  auto file = PluginFile::open(real, error);
  if (!file) return unreadable(error);
  const auto size = static_cast<uint64_t>(file->status().st_size);
  ElfSection section = read_elf_section(file->fd(), size, SSMD_MANIFEST_SECTION);
  switch (section.status) {
  case ElfReadStatus::IoError: return unreadable(section.error);
  case ElfReadStatus::NotElf:
    out.errors.push_back("it is not a plugin: not an ELF shared library");
    return out;
  case ElfReadStatus::NoSection:
    out.errors.push_back("it is not a plugin: it has no " SSMD_MANIFEST_SECTION " section (declare one with "
                         "SSMD_PLUGIN_MANIFEST)");
    return out;
  case ElfReadStatus::Malformed:
    out.errors.push_back(section.error);
    return out;
  case ElfReadStatus::Ok: break;
  }
  if (host_elf_machine() != 0 && section.machine != host_elf_machine()) {
    out.errors.push_back("it is built for ELF machine " + std::to_string(section.machine) + ", not this one (" +
                         std::to_string(host_elf_machine()) + ")");
    return out;
  }
  auto manifest = parse_manifest(section.bytes, error);
  if (!manifest) {
    out.errors.push_back("its manifest is malformed: " + error);
    return out;
  }
  if (manifest->name + ".so" != path.filename().string())
    out.errors.push_back("its manifest names plugin '" + manifest->name + "', so its file must be named " +
                         manifest->name + ".so, not " + path.filename().string());
  if (manifest->abi_major != SSMD_ABI_VERSION_MAJOR)
    out.errors.push_back("it is built for plugin ABI " + std::to_string(manifest->abi_major) + "." +
                         std::to_string(manifest->abi_minor) + ", and this ssmd loads ABI " +
                         std::to_string(SSMD_ABI_VERSION_MAJOR) + ".x only");
  if (manifest->url.empty())
    out.warnings.push_back("its manifest names no documentation url (SSMD_PLUGIN_MANIFEST_URL): `ssmd rules list` "
                           "and SARIF output cannot link its rules");
  if (!out.errors.empty()) return out;
  PluginInfo info;
  info.path = path;
  info.manifest = std::move(*manifest);
  info.file = std::move(file);
  out.info = std::move(info);
  return out;
}

} // namespace ssmd
