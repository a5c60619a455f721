#include "sealed_age.hpp"

#include "key_spec.hpp"
#include "sealed_config.hpp"

#include <yaml-cpp/yaml.h>

#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>

namespace fs = std::filesystem;

namespace ssmd::sealed {

namespace {
constexpr uintmax_t kMaxManifestBytes = 1u << 20; // the size limit of a Kubernetes object

// The manifest's bytes in the working tree: through the host's reader when it offers one, else under
// repo_root. Nullopt when there is none (or it is too large to be one).
std::optional<std::string> working_tree_file(const Host &host, const SecretRequest &req, const std::string &path) {
  if (req.has_files()) return req.files.read(path);
  if (host.repo_root().empty()) return std::nullopt;
  const fs::path file = fs::path(host.repo_root()) / path;
  std::error_code ec;
  if (!fs::is_regular_file(file, ec) || fs::file_size(file, ec) > kMaxManifestBytes || ec) return std::nullopt;
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return in ? std::optional<std::string>(text.str()) : std::nullopt;
}

// spec.encryptedData.<field> of each wanted field that the manifest text holds; empty when it does not parse.
std::map<std::string, std::string> ciphertexts(std::string_view text, const std::vector<secrets::Field> &fields) {
  std::map<std::string, std::string> out;
  try {
    YAML::Node root = YAML::Load(std::string(text));
    if (!root.IsMap() || !root["spec"].IsDefined() || !root["spec"].IsMap()) return out;
    YAML::Node data = root["spec"]["encryptedData"];
    if (!data.IsDefined() || !data.IsMap()) return out;
    for (const auto &field : fields) {
      YAML::Node value = data[field.name];
      if (value.IsDefined() && value.IsScalar()) out[field.name] = value.Scalar();
    }
  } catch (const YAML::Exception &) {
    out.clear();
  }
  return out;
}

// The manifest of `name` in the working tree, as manifest_check looks for it (.yaml, .yml, .json).
std::optional<std::pair<std::string, std::string>> find_manifest(const Host &host, const SecretRequest &req,
                                                                 const std::string &name) {
  std::string why;
  auto dir = manifest_dir(host, why);
  if (!dir) return std::nullopt;
  for (const char *extension : {".yaml", ".yml", ".json"}) {
    std::string path = (fs::path(*dir) / (name + extension)).lexically_normal().generic_string();
    if (auto text = working_tree_file(host, req, path)) return std::make_pair(path, std::move(*text));
  }
  return std::nullopt;
}
} // namespace

void report_sealed_ages(const Host &host, const SecretRequest &req, const std::string &name, Diagnostics &out) {
  if (!req.wants_ages() || !req.history.available()) return;
  auto manifest = find_manifest(host, req, name);
  if (!manifest) return;
  const std::vector<secrets::Field> fields = secrets::fields(req.spec);
  const std::map<std::string, std::string> current = ciphertexts(manifest->second, fields);
  if (current.empty()) return;

  // Per field: the time of the oldest commit, walking back from HEAD without a break, whose ciphertext is
  // the working tree's; the walk stops for a field at the first commit that had another one.
  struct Dating {
    std::optional<int64_t> since;
    bool done = false;
  };
  std::map<std::string, Dating> dating;
  for (const auto &[field, text] : current) dating[field];
  const int64_t now = static_cast<int64_t>(std::time(nullptr));
  bool first = true;
  std::string last_read;  // the id of the last commit whose version was read
  std::string unreadable; // why the walk stopped before it could date every field; empty when it did not
  ssmd_status status = req.history.walk(manifest->first, [&](const FileHistory::Version &version) {
    // A version larger than any manifest can be is not parsed: a hostile history could hold many of them.
    if (version.present && version.content.size() > kMaxManifestBytes) {
      unreadable = "commit " + std::string(version.commit.substr(0, 12)) + " left a version of " +
                   std::to_string(version.content.size()) + " bytes, over the 1 MiB limit of a Kubernetes object";
      return false;
    }
    const auto then = version.present ? ciphertexts(version.content, fields) : std::map<std::string, std::string>{};
    bool pending = false;
    for (auto &[field, d] : dating) {
      if (d.done) continue;
      auto it = then.find(field);
      if (it != then.end() && it->second == current.at(field)) {
        d.since = version.time;
      } else {
        d.done = true;
        if (first) d.since = now; // the working tree differs from the last commit: sealed, not yet committed
      }
      pending = pending || !d.done;
    }
    first = false;
    last_read = std::string(version.commit);
    return pending;
  });
  if (status != SSMD_OK && unreadable.empty())
    unreadable = last_read.empty() ? "the host could not read it"
                                   : "the host could not read it past commit " + last_read.substr(0, 12);
  if (unreadable.empty()) {
    for (const auto &[field, d] : dating)
      req.report_last_set(field, first ? now : d.since.value_or(now)); // never committed: sealed now
    return;
  }
  // The walk stopped early (a version too large to read, here or in the host): a field already dated keeps
  // its date; one whose ciphertext reaches back into what could not be read has no known age, which is
  // safer than the younger age the readable commits alone would give.
  std::string undated;
  for (const auto &[field, d] : dating) {
    if (d.done) req.report_last_set(field, d.since.value_or(now));
    else undated += (undated.empty() ? "`" : ", `") + field + "`";
  }
  if (!undated.empty())
    out.warning("sealed-secret/history", "source",
                secrets::subject(req) + ": the git history of " + manifest->first + " cannot be read to its end (" +
                    unreadable + "), so the age of " + undated + " is unknown");
}

} // namespace ssmd::sealed
