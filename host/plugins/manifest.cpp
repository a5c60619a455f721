#include "plugins/manifest.hpp"

#include <algorithm>
#include <charconv>

namespace ssmd {

namespace {
constexpr std::string_view kKinds[] = {"feed", "schema-format", "secret", "storage", "publisher"};

bool is_valid_version(std::string_view v) {
  if (v.empty() || v.size() > 64) return false;
  return std::all_of(v.begin(), v.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '.' || c == '_' ||
           c == '+' || c == '-';
  });
}
// A documentation address `ssmd rules list` prints and SARIF output links to: http(s), printable ASCII, no
// space, so it can neither rewrite a terminal nor break out of a JSON string or a table column.
bool is_valid_url(std::string_view url) {
  if (url.size() > 512) return false;
  std::string_view rest;
  if (url.starts_with("https://")) rest = url.substr(8);
  else if (url.starts_with("http://")) rest = url.substr(7);
  else return false;
  if (rest.empty() || rest[0] == '/') return false;
  return std::all_of(rest.begin(), rest.end(), [](char c) { return c > 0x20 && c < 0x7f; });
}
} // namespace

bool is_valid_name(std::string_view name) {
  if (name.empty() || name.size() > 64 || name[0] < 'a' || name[0] > 'z') return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

std::vector<std::string> manifest_kinds(const Manifest &m) {
  std::vector<std::string> out;
  for (auto kind : kKinds)
    if (std::any_of(m.provides.begin(), m.provides.end(), [&](const Provided &p) { return p.kind == kind; }))
      out.emplace_back(kind);
  if (!m.commands.empty()) out.emplace_back("command");
  return out;
}

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
      if (line == "ssmd-manifest 2") m.format = 2;
      else if (line != "ssmd-manifest 1") return fail("expected 'ssmd-manifest 1' or 'ssmd-manifest 2'");
      header = true;
    } else if (key == "url" && m.format >= 2) {
      if (!m.url.empty()) return fail("url is declared twice");
      if (!is_valid_url(rest))
        return fail("url must be http:// or https:// and at most 512 printable characters without spaces");
      m.url = rest;
    } else if (key == "name") {
      if (!is_valid_name(rest)) return fail("name '" + std::string(rest) + "' does not match ^[a-z][a-z0-9_-]{0,63}$");
      m.name = rest;
    } else if (key == "version") {
      if (!is_valid_version(rest)) return fail("version '" + std::string(rest) + "' must be 1 to 64 of [A-Za-z0-9._+-]");
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
      std::string name(rest.substr(sp + 1));
      if (std::find(std::begin(kKinds), std::end(kKinds), kind) == std::end(kKinds))
        return fail("unknown extension kind '" + kind + "'");
      if (!is_valid_name(name)) return fail(kind + " name '" + name + "' does not match ^[a-z][a-z0-9_-]{0,63}$");
      for (const auto &p : m.provides)
        if (p.kind == kind && p.name == name) return fail("'provides " + kind + " " + name + "' is declared twice");
      m.provides.push_back(Provided{kind, name});
    } else if (key == "command") {
      size_t sp = rest.find(' ');
      std::string name(rest.substr(0, sp));
      if (!is_valid_name(name)) return fail("command name '" + name + "' does not match ^[a-z][a-z0-9_-]{0,63}$");
      std::string_view summary = sp == std::string_view::npos ? std::string_view() : rest.substr(sp + 1);
      // The summary is printed by `ssmd --help`; control characters could rewrite the terminal.
      if (std::any_of(summary.begin(), summary.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; }))
        return fail("command '" + name + "' has a control character in its summary");
      for (const auto &c : m.commands)
        if (c.name == name) return fail("command '" + name + "' is declared twice");
      m.commands.push_back(ManifestCommand{name, std::string(summary)});
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
