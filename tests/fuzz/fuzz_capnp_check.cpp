// Fuzzes the `capnp` schema-format plugin through its C ABI, the way `ssmd validate` and `ssmd schema
// breaking` call it. The plugin's sources are compiled into this target (see CMakeLists.txt) and its entry
// point is called in-process. The input up to its first NUL byte is exchanges/schemas/fuzz.capnp; what
// follows is exchanges/schemas/other.capnp, which the first may import and which serves as the older
// version for `breaking`. Files are served from memory. Any bytes must give findings, never a crash or an
// exception escaping into the plugin's guard.
#include "plugin_harness.hpp"

#include <dirent.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <set>
#include <string>
#include <string_view>

namespace {

void write_nothing(void *, ssmd_str) {}

// Cap'n Proto 0.9.2 opens /dev/urandom for every file in which its parser finds no file ID (one that lacks it,
// or one it cannot tokenize), to suggest an ID, and never closes it (capnproto issue #1382, fixed upstream
// after 0.9.2). One `ssmd validate` loses one descriptor per such schema version; a fuzzer running thousands
// of inputs a second runs out within seconds. This single-threaded harness closes the descriptors to
// /dev/urandom that appeared during an input, and only those.
std::set<int> urandom_descriptors() {
  std::set<int> out;
  if (DIR *dir = ::opendir("/proc/self/fd")) {
    while (const dirent *entry = ::readdir(dir)) {
      char target[64] = {};
      std::string link = std::string("/proc/self/fd/") + entry->d_name;
      if (::readlink(link.c_str(), target, sizeof target - 1) > 0 && std::string_view(target) == "/dev/urandom")
        out.insert(std::atoi(entry->d_name));
    }
    ::closedir(dir);
  }
  return out;
}

const ssmd_schema_format &capnp() {
  static const ssmd_schema_format &format =
      ssmd::fuzz::only(&ssmd_plugin::schema_formats, &ssmd_plugin::schema_format_count);
  return format;
}

ssmd_schema_input input(std::string_view file, std::string_view version, const ssmd_file_reader *reader) {
  ssmd_schema_input in{};
  in.struct_size = sizeof in;
  in.schema = ssmd_str{"fuzz", 4};
  in.version = ssmd_str{version.data(), version.size()};
  in.file = ssmd_str{file.data(), file.size()};
  in.files = reader;
  return in;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  std::string_view text(reinterpret_cast<const char *>(data), size);
  size_t nul = text.find('\0');
  std::string_view other = nul == std::string_view::npos ? "" : text.substr(nul + 1);
  ssmd::fuzz::MemoryFiles files;
  files.set("exchanges/schemas/fuzz.capnp", text.substr(0, nul));
  if (nul != std::string_view::npos) files.set("exchanges/schemas/other.capnp", other);
  const ssmd_file_reader reader = files.reader();
  const ssmd_sink sink = ssmd::fuzz::trap_on_escaped_exception();
  const ssmd_host &host = ssmd::fuzz::host();
  ssmd_bytes_sink bytes{nullptr, write_nothing};
  const ssmd_schema_format &format = capnp();
  const std::set<int> open_before = urandom_descriptors();
  ssmd_schema_input newer = input("exchanges/schemas/fuzz.capnp", "v2", &reader);
  format.check(&host, &newer, &sink);
  if (format.fingerprint) format.fingerprint(&host, &newer, &bytes, &sink);
  if (format.breaking && !other.empty()) {
    ssmd_schema_input older = input("exchanges/schemas/other.capnp", "v1", &reader);
    format.breaking(&host, &older, &newer, &sink);
  }
  for (int fd : urandom_descriptors())
    if (!open_before.count(fd)) ::close(fd);
  return 0;
}
