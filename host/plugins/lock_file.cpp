#include "plugins/lock_file.hpp"

#include "core/errors.hpp"
#include "plugins/manifest.hpp"
#include "yaml/document.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <set>

namespace fs = std::filesystem;

namespace ssmd {

const LockEntry *LockFile::find(std::string_view name) const {
  for (const auto &entry : plugins)
    if (entry.name == name) return &entry;
  return nullptr;
}

namespace {

bool is_sha256_hex(std::string_view s) {
  return s.size() == 64 &&
         std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

// Collects findings against one document.
struct Checker {
  const std::string &file;
  Diagnostics &out;
  void error(const yaml::Node *at, const std::string &rule, const std::string &message) {
    yaml::Mark mark = at ? at->mark() : yaml::Mark{};
    out.push_back(Diagnostic{file, mark.line, mark.column, Severity::Error, rule, message});
  }
};

} // namespace

std::optional<LockFile> parse_lock_file(std::string_view text, const std::string &display_name, Diagnostics &out) {
  auto doc = yaml::Document::parse(display_name, text, out);
  if (!doc) return std::nullopt;
  Checker check{display_name, out};
  size_t errors_before = out.size();
  const yaml::Node *root = doc->root();
  if (!root || !root->is_map()) {
    check.error(root, "lock/shape", "the lock file must be a mapping with a 'plugins' list");
    return std::nullopt;
  }
  for (size_t i = 0; i < root->size(); ++i)
    if (root->key_at(i) != "plugins") {
      yaml::Mark m = root->key_mark(i);
      out.push_back(Diagnostic{display_name, m.line, m.column, Severity::Error, "lock/unknown-key",
                               "unknown key '" + root->key_at(i) + "'; the lock file has only 'plugins'"});
    }
  const yaml::Node *list = root->get("plugins");
  LockFile lock;
  if (!list || (!list->is_sequence() && !list->is_null())) {
    check.error(list ? list : root, "lock/shape", "'plugins' must be a list of {name, version, sha256}");
    return std::nullopt;
  }
  std::set<std::string> seen;
  for (size_t i = 0; i < list->size(); ++i) {
    const yaml::Node *item = list->at(i);
    if (!item->is_map()) {
      check.error(item, "lock/shape", "each plugin entry must be a mapping with name, version and sha256");
      continue;
    }
    for (size_t k = 0; k < item->size(); ++k) {
      const std::string &key = item->key_at(k);
      if (key != "name" && key != "version" && key != "sha256") {
        yaml::Mark m = item->key_mark(k);
        out.push_back(Diagnostic{display_name, m.line, m.column, Severity::Error, "lock/unknown-key",
                                 "unknown key '" + key + "'; an entry has name, version and sha256"});
      }
    }
    auto scalar = [&](const char *key) -> const yaml::Node * {
      const yaml::Node *value = item->get(key);
      if (!value || !value->is_scalar()) {
        check.error(value ? value : item, "lock/missing-field", std::string("entry needs a '") + key + "' string");
        return nullptr;
      }
      return value;
    };
    const yaml::Node *name = scalar("name"), *version = scalar("version"), *sha = scalar("sha256");
    if (name && !is_valid_name(name->scalar()))
      check.error(name, "lock/name", "plugin name '" + name->scalar() + "' does not match ^[a-z][a-z0-9_-]{0,63}$");
    else if (name && !seen.insert(name->scalar()).second)
      check.error(name, "lock/duplicate", "plugin '" + name->scalar() + "' is listed twice");
    if (sha && !is_sha256_hex(sha->scalar()))
      check.error(sha, "lock/sha256", "sha256 must be 64 lowercase hex digits");
    if (name && version && sha) lock.plugins.push_back(LockEntry{name->scalar(), version->scalar(), sha->scalar()});
  }
  if (out.size() != errors_before) return std::nullopt;
  return lock;
}

std::string format_lock_file(const LockFile &lock) {
  std::vector<LockEntry> entries = lock.plugins;
  std::sort(entries.begin(), entries.end(), [](const LockEntry &a, const LockEntry &b) { return a.name < b.name; });
  std::string out = "# ssmd-plugins.lock: the plugins `ssmd --locked` may load, pinned by the SHA-256 of their\n"
                    "# files. Rewrite it with `ssmd plugin lock`; commit it and review changes like code.\n";
  if (entries.empty()) return out + "plugins: []\n";
  out += "plugins:\n";
  for (const auto &e : entries)
    out += "  - name: " + e.name + "\n    version: \"" + e.version + "\"\n    sha256: " + e.sha256 + "\n";
  return out;
}

LockFile read_lock_file(const fs::path &path) {
  std::error_code ec;
  if (!fs::exists(path, ec))
    throw EnvironmentError("--locked needs " + path.string() + ", which does not exist; run 'ssmd plugin lock' first");
  std::ifstream in(path, std::ios::binary);
  if (!in.is_open()) throw EnvironmentError(path.string() + ": cannot read the lock file: " + std::strerror(errno));
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  Diagnostics diags;
  auto lock = parse_lock_file(text, path.string(), diags);
  if (!lock) {
    std::string message = "malformed lock file:";
    for (const auto &d : diags) message += "\n  " + format_diagnostic(d);
    throw EnvironmentError(message);
  }
  return *lock;
}

} // namespace ssmd
