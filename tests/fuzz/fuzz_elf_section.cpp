// Fuzzes the plugin manifest reader: any bytes, as a would-be plugin file, go through the ELF section
// reader and then the manifest parser, as `ssmd plugin list` does for every file on the plugin path. The
// reader must refuse or return the section within its size limit; it reads a path, so the bytes live in
// an in-memory file (memfd) opened through /proc/self/fd.
#include "plugins/elf_section.hpp"
#include "plugins/manifest.hpp"

#include <ssmd/plugin.h>

#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

namespace {
int memory_file() {
  static const int fd = [] {
    int made = ::memfd_create("ssmd-fuzz-plugin", MFD_CLOEXEC);
    if (made < 0) std::abort();
    return made;
  }();
  return fd;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  int fd = memory_file();
  if (::ftruncate(fd, 0) != 0 || (size && ::pwrite(fd, data, size, 0) != static_cast<ssize_t>(size))) std::abort();
  const std::string path = "/proc/self/fd/" + std::to_string(fd);
  ssmd::ElfSection section = ssmd::read_elf_section(path, SSMD_MANIFEST_SECTION);
  if (section.status != ssmd::ElfReadStatus::Ok) {
    if (section.error.empty() || !section.bytes.empty()) __builtin_trap(); // a refusal says why, holds nothing
    return 0;
  }
  if (section.bytes.size() > ssmd::kMaxManifestSectionBytes || section.bytes.size() > size) __builtin_trap();
  std::string error;
  auto manifest = ssmd::parse_manifest(section.bytes, error);
  if (!manifest && error.empty()) __builtin_trap();
  if (manifest && (!ssmd::is_valid_name(manifest->name) || manifest->version.empty())) __builtin_trap();
  return 0;
}
