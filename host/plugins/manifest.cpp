#include "plugins/manifest.hpp"

#include <charconv>

namespace ssmd {

std::optional<Manifest> parse_manifest(std::string_view text, std::string &error) {
  // The section holds one NUL-terminated string; anything after the first NUL is padding.
  if (auto nul = text.find('\0'); nul != std::string_view::npos) text = text.substr(0, nul);
  Manifest m;
  bool header = false, abi = false;
  size_t line_no = 0, pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (line.empty()) continue;
    size_t space = line.find(' ');
    std::string_view key = line.substr(0, space);
    std::string_view rest = space == std::string_view::npos ? std::string_view() : line.substr(space + 1);
    auto fail = [&](const std::string &why) {
      error = "manifest line " + std::to_string(line_no) + ": " + why;
      return std::nullopt;
    };
    if (line_no == 1) {
      if (line != "ssmd-manifest 1") return fail("expected 'ssmd-manifest 1'");
      header = true;
    } else if (key == "name") {
      m.name = rest;
    } else if (key == "version") {
      m.version = rest;
    } else if (key == "abi") {
      size_t dot = rest.find('.');
      if (dot == std::string_view::npos) return fail("abi must be MAJOR.MINOR");
      auto a = std::from_chars(rest.data(), rest.data() + dot, m.abi_major);
      auto b = std::from_chars(rest.data() + dot + 1, rest.data() + rest.size(), m.abi_minor);
      if (a.ec != std::errc() || b.ec != std::errc() || a.ptr != rest.data() + dot ||
          b.ptr != rest.data() + rest.size())
        return fail("abi must be MAJOR.MINOR");
      abi = true;
    } else if (key == "provides") {
      size_t sp = rest.find(' ');
      if (sp == std::string_view::npos || sp == 0 || sp + 1 >= rest.size()) return fail("expected 'provides KIND NAME'");
      std::string kind(rest.substr(0, sp));
      if (kind != "feed" && kind != "schema-format" && kind != "secret" && kind != "storage")
        return fail("unknown extension kind '" + kind + "'");
      m.provides.push_back(Provided{kind, std::string(rest.substr(sp + 1))});
    } else if (key == "command") {
      size_t sp = rest.find(' ');
      if (rest.empty() || sp == 0) return fail("expected 'command NAME SUMMARY'");
      m.commands.push_back(ManifestCommand{std::string(rest.substr(0, sp)),
                                           sp == std::string_view::npos ? "" : std::string(rest.substr(sp + 1))});
    } else {
      return fail("unknown key '" + std::string(key) + "'");
    }
  }
  if (!header) {
    error = "empty manifest";
    return std::nullopt;
  }
  if (m.name.empty() || m.version.empty() || !abi) {
    error = "manifest lacks name, version or abi";
    return std::nullopt;
  }
  return m;
}

} // namespace ssmd
