#include "vault_reference.hpp"

#include <algorithm>

namespace ssmd::vault {

namespace {
constexpr std::string_view kPrefix = "vault/";
constexpr std::string_view kExample = "write vault/<mount>/<path>, e.g. vault/secret/ssmd/kalshi";

bool allowed(char c) {
  auto u = static_cast<unsigned char>(c);
  return u > 0x20 && u != 0x7F && c != '?' && c != '#' && c != '%' && c != '\\';
}

std::vector<std::string_view> split(std::string_view text) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    size_t slash = text.find('/', start);
    out.push_back(text.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start));
    if (slash == std::string_view::npos) return out;
    start = slash + 1;
  }
}
} // namespace

std::string VaultReference::path_text() const {
  std::string out;
  for (const auto &segment : path) out += (out.empty() ? "" : "/") + segment;
  return out;
}

std::string VaultReference::text() const {
  return "vault/" + mount + "/" + path_text() + (version ? "?version=" + std::to_string(*version) : "");
}

namespace {
// The `version=N` query of a reference: N a positive whole number of at most nine digits.
std::optional<long> parse_version_query(std::string_view source, std::string_view query, std::string &why) {
  constexpr std::string_view kVersion = "version=";
  std::string_view digits = query.starts_with(kVersion) ? query.substr(kVersion.size()) : std::string_view();
  bool numeric = !digits.empty() && digits.size() <= 9 &&
                 std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; });
  long version = numeric ? std::stol(std::string(digits)) : 0;
  if (version <= 0) {
    why = "`" + std::string(source) + "`: the only query a Vault reference takes is `?version=N` with N a KV "
          "version 2 version number (1 or more), e.g. vault/secret/ssmd/kalshi?version=3";
    return std::nullopt;
  }
  return version;
}
} // namespace

std::optional<VaultReference> parse_reference(std::string_view source, std::string &why) {
  if (!source.starts_with(kPrefix)) {
    why = "a Vault source starts with `vault/`; " + std::string(kExample);
    return std::nullopt;
  }
  std::string_view rest = source.substr(kPrefix.size());
  std::optional<long> version;
  if (size_t question = rest.find('?'); question != std::string_view::npos) {
    version = parse_version_query(source, rest.substr(question + 1), why);
    if (!version) return std::nullopt;
    rest = rest.substr(0, question);
  }
  if (rest.empty()) {
    why = "`vault/` names no mount and no path; " + std::string(kExample);
    return std::nullopt;
  }
  auto segments = split(rest);
  if (segments.size() < 2) {
    why = "`" + std::string(source) + "` names a mount but no secret path; " + std::string(kExample);
    return std::nullopt;
  }
  for (size_t i = 0; i < segments.size(); ++i) {
    std::string_view s = segments[i];
    std::string which = i == 0 ? "the mount" : "a path segment";
    if (s.empty()) {
      why = "`" + std::string(source) + "` has an empty " + (i == 0 ? "mount" : "path segment") +
            " (a leading, doubled or trailing '/'); " + std::string(kExample);
      return std::nullopt;
    }
    if (s == "." || s == "..") {
      why = "`" + std::string(source) + "`: " + which + " is `" + std::string(s) +
            "`; references name the secret directly, without `.` or `..`";
      return std::nullopt;
    }
    if (!std::all_of(s.begin(), s.end(), allowed)) {
      why = "`" + std::string(source) + "`: " + which +
            " holds whitespace, a control character or one of `?#%\\`, which a Vault path cannot carry";
      return std::nullopt;
    }
  }
  VaultReference ref;
  ref.version = version;
  ref.mount = std::string(segments.front());
  for (size_t i = 1; i < segments.size(); ++i) ref.path.emplace_back(segments[i]);
  return ref;
}

} // namespace ssmd::vault
