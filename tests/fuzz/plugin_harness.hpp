// What the plugin fuzzers share: a host table as ssmd builds one, a sink that traps when an exception
// escaped a plugin's own handling, the plugin's single table of a kind, and files served from memory.
#pragma once

#include "yaml/document.hpp"

#include <ssmd/plugin.h>

#include <cstdlib>
#include <map>
#include <string>
#include <string_view>

extern "C" const ssmd_plugin *ssmd_plugin_entry(const ssmd_host *host);

namespace ssmd::fuzz {

// The host table of a plugin call. There is no repository on disk: plugins read files through the
// ssmd_file_reader of their request.
inline const ssmd_host &host() {
  static const ssmd_host h = [] {
    ssmd_host out{};
    out.struct_size = sizeof out;
    out.abi_major = SSMD_ABI_VERSION_MAJOR;
    out.abi_minor = SSMD_ABI_VERSION_MINOR;
    out.doc = ssmd::yaml::Document::api();
    out.ssmd_version = ssmd_str{"fuzz", 4};
    out.config = [](ssmd_str) -> const ssmd_node * { return nullptr; };
    return out;
  }();
  return h;
}

// The diagnostic sink of every call. The SDK's guard turns an exception that escaped the plugin into the
// rule plugin/exception: that is the bug the fuzzers look for, so it stops the run like a crash.
inline ssmd_sink trap_on_escaped_exception() {
  return ssmd_sink{nullptr, [](void *, const ssmd_diagnostic *d) {
                     if (std::string_view(d->rule.data, d->rule.size) == "plugin/exception") __builtin_trap();
                   }};
}

// The plugin linked into the fuzzer, which must provide exactly one table of the kind asked for.
template <class Table>
const Table &only(const Table *const *ssmd_plugin::*tables, size_t ssmd_plugin::*count) {
  const ssmd_plugin *plugin = ssmd_plugin_entry(&host());
  if (!plugin || plugin->*count != 1) std::abort();
  return *(plugin->*tables)[0];
}

// Repository files served from memory, as the host's ssmd_file_reader serves a commit's blobs.
class MemoryFiles {
public:
  void set(std::string path, std::string_view content) { files_[std::move(path)] = content; }
  ssmd_file_reader reader() const { return ssmd_file_reader{const_cast<MemoryFiles *>(this), read}; }

private:
  static ssmd_status read(void *ctx, ssmd_str path, const ssmd_bytes_sink *out) {
    const auto &files = static_cast<const MemoryFiles *>(ctx)->files_;
    auto it = files.find(std::string_view(path.data, path.size));
    if (it == files.end()) return SSMD_FAILED;
    out->write(out->ctx, ssmd_str{it->second.data(), it->second.size()});
    return SSMD_OK;
  }
  std::map<std::string, std::string_view, std::less<>> files_;
};

} // namespace ssmd::fuzz
