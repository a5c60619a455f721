#include "manifest_check.hpp"

#include "key_spec.hpp"
#include "sealed_config.hpp"

#include <ssmd_base64/base64.hpp>

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <vector>

namespace fs = std::filesystem;

namespace ssmd::sealed {

namespace {
constexpr uintmax_t kMaxManifestBytes = 1u << 20; // the size limit of a Kubernetes object
constexpr size_t kMinRsaCiphertext = 64;          // a 512-bit modulus; real controllers use 4096 bits
constexpr size_t kGcmTagBytes = 16;

// The place of a YAML node in the manifest, 1-based; line 1 when yaml-cpp kept none.
struct Place {
  uint32_t line = 1, column = 1;
};
Place place_of(const YAML::Node &node) {
  YAML::Mark mark = node.Mark();
  if (mark.is_null()) return {};
  return {static_cast<uint32_t>(mark.line + 1), static_cast<uint32_t>(mark.column + 1)};
}

// Context for the findings of one manifest.
struct ManifestReport {
  const SecretRequest &req;
  std::string file; // repository-relative
  Diagnostics &out;

  void error(std::string_view rule, Place where, const std::string &what) const {
    out.at(SSMD_SEVERITY_ERROR, rule, file, where.line, where.column,
           secrets::subject(req) + ": " + file + " " + what);
  }
};

// yaml-cpp throws when asked the type of a node a lookup did not find, so every test checks IsDefined first.
bool is_map(const YAML::Node &node) { return node.IsDefined() && node.IsMap(); }
bool is_scalar(const YAML::Node &node) { return node.IsDefined() && node.IsScalar(); }
std::string scalar_or_empty(const YAML::Node &node) { return is_scalar(node) ? node.Scalar() : std::string(); }
// The node a finding about `node` should point at: itself when present, else `fallback`.
const YAML::Node &or_else(const YAML::Node &node, const YAML::Node &fallback) {
  return node.IsDefined() ? node : fallback;
}

// Checks one parsed manifest document; returns its encryptedData map when the envelope is right. (A
// default-constructed YAML::Node is a defined null, hence the optional.)
std::optional<YAML::Node> check_envelope(const YAML::Node &root, const std::string &name, const ManifestReport &report) {
  const std::string expected = "must be a Bitnami SealedSecret (apiVersion bitnami.com/v1alpha1, kind SealedSecret";
  if (!is_map(root)) {
    report.error("sealed-secret/manifest-invalid", place_of(root), expected + "), not a bare value or list");
    return std::nullopt;
  }
  bool ok = true;
  if (scalar_or_empty(root["apiVersion"]) != "bitnami.com/v1alpha1") {
    report.error("sealed-secret/manifest-invalid", place_of(or_else(root["apiVersion"], root)),
                 expected + "): apiVersion is not bitnami.com/v1alpha1");
    ok = false;
  }
  if (scalar_or_empty(root["kind"]) != "SealedSecret") {
    report.error("sealed-secret/manifest-invalid", place_of(or_else(root["kind"], root)),
                 expected + "): kind is not SealedSecret");
    ok = false;
  }
  const YAML::Node metadata = root["metadata"];
  const YAML::Node name_node = is_map(metadata) ? metadata["name"] : YAML::Node(YAML::NodeType::Undefined);
  if (scalar_or_empty(name_node) != name) {
    report.error("sealed-secret/manifest-invalid", place_of(or_else(name_node, or_else(metadata, root))),
                 "must have metadata.name `" + name + "`, the name the key's source gives");
    ok = false;
  }
  const YAML::Node spec = root["spec"];
  const YAML::Node data = is_map(spec) ? spec["encryptedData"] : YAML::Node(YAML::NodeType::Undefined);
  if (!is_map(data)) {
    report.error("sealed-secret/manifest-invalid", place_of(or_else(data, or_else(spec, root))),
                 "must have spec.encryptedData, a map from field names to sealed values");
    return std::nullopt;
  }
  // The controller would accept a manifest without a template, but kubeseal and `seal` always write one,
  // after encryptedData (YAML keys are sorted): a manifest cut short anywhere in its sealed data has none.
  if (!is_map(spec["template"])) {
    report.error("sealed-secret/manifest-invalid", place_of(or_else(spec["template"], spec)),
                 "has no spec.template, which kubeseal and `ssmd sealed-secret seal` always write after the sealed "
                 "data; the file is probably truncated: seal it again");
    ok = false;
  }
  if (!ok) return std::nullopt;
  return data;
}

void check_fields(const YAML::Node &data, const ManifestReport &report) {
  for (const auto &field : secrets::fields(report.req.spec)) {
    const YAML::Node value = data[field.name];
    if (!value.IsDefined()) {
      std::string message = secrets::subject(report.req) + ": field `" + field.name + "` is not sealed in " +
                            report.file + " (spec.encryptedData has no `" + field.name +
                            "`); seal it with `ssmd sealed-secret seal`";
      if (secrets::required(report.req.spec))
        report.out.error("sealed-secret/field-not-sealed", field.path(), message);
      else
        report.out.warning("sealed-secret/field-not-sealed", field.path(), message + " (the key is not required)");
    } else if (!is_scalar(value) || !well_formed_sealed_value(value.Scalar())) {
      report.error("sealed-secret/ciphertext", place_of(value),
                   "holds a value for `" + field.name +
                       "` that is not a sealed value (base64 of an RSA-wrapped key and AES-GCM data); it may be "
                       "truncated: seal it again");
    }
  }
}

// Counts the documents of a YAML stream, stopping at two. YAML::LoadAll is not used: on some malformed
// streams (a lone ",") yaml-cpp 0.7 reports a document without consuming anything, and LoadAll loops forever
// (yaml-cpp issue #1040, fixed upstream by pull request #1319). Throws YAML::ParserException.
size_t count_documents(const std::string &text) {
  struct IgnoreEvents : YAML::EventHandler {
    void OnDocumentStart(const YAML::Mark &) override {}
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark &, YAML::anchor_t) override {}
    void OnAlias(const YAML::Mark &, YAML::anchor_t) override {}
    void OnScalar(const YAML::Mark &, const std::string &, YAML::anchor_t, const std::string &) override {}
    void OnSequenceStart(const YAML::Mark &, const std::string &, YAML::anchor_t, YAML::EmitterStyle::value) override {}
    void OnSequenceEnd() override {}
    void OnMapStart(const YAML::Mark &, const std::string &, YAML::anchor_t, YAML::EmitterStyle::value) override {}
    void OnMapEnd() override {}
  } ignore;
  std::istringstream in(text);
  YAML::Parser parser(in);
  size_t count = 0;
  while (count < 2 && parser.HandleNextDocument(ignore)) ++count;
  return count;
}

std::optional<std::string> read_small_file(const fs::path &path, std::string &why) {
  std::error_code ec;
  uintmax_t size = fs::file_size(path, ec);
  if (ec) {
    why = "cannot be read: " + ec.message();
    return std::nullopt;
  }
  if (size > kMaxManifestBytes) {
    why = "is larger than 1 MiB, the limit of a Kubernetes object";
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in) {
    why = "cannot be read";
    return std::nullopt;
  }
  return text.str();
}
} // namespace

bool well_formed_sealed_value(std::string_view text) {
  std::optional<std::string> decoded = ssmd::base64::decode(text);
  if (!decoded || decoded->size() < 2) return false;
  const std::string &bytes = *decoded;
  size_t rsa_length = (static_cast<unsigned char>(bytes[0]) << 8) | static_cast<unsigned char>(bytes[1]);
  return rsa_length >= kMinRsaCiphertext && bytes.size() >= 2 + rsa_length + kGcmTagBytes;
}

void check_manifest(const Host &host, const SecretRequest &req, const std::string &name, Diagnostics &out) {
  const std::string what = secrets::subject(req);
  std::string why;
  auto dir = manifest_dir(host, why);
  if (!dir) {
    out.error("sealed-secret/config", "source", what + ": " + why);
    return;
  }
  // The host's reader shows the files this run checks (the working tree, or a commit under --at); a 1.0
  // host offers none, and then the working tree under repo_root is all there is.
  if (!req.has_files() && host.repo_root().empty()) {
    out.warning("sealed-secret/manifest-missing", "source",
                what + ": not in a repository, so the SealedSecret `" + name + "` could not be looked for");
    return;
  }
  const fs::path root(host.repo_root());
  std::vector<std::pair<std::string, std::optional<std::string>>> found; // path, bytes (read from the host)
  std::optional<std::string> refused; // a manifest that is there but the host would not read (over 16 MiB)
  for (const char *extension : {".yaml", ".yml", ".json"}) {
    std::string relative = (fs::path(*dir) / (name + extension)).lexically_normal().generic_string();
    if (req.has_files()) {
      std::string bytes;
      ssmd_status status = req.files.read(relative, bytes);
      if (status == SSMD_OK) found.emplace_back(relative, std::move(bytes));
      else if (status != SSMD_FAILED && !refused) refused = relative;
    } else if (fs::is_regular_file(root / relative)) {
      found.emplace_back(relative, std::nullopt);
    }
  }
  // A manifest the host will not read is there all the same: an error at that file, never "missing".
  if (refused) {
    ManifestReport{req, *refused, out}.error(
        "sealed-secret/manifest-invalid", {},
        "cannot be read: the host refused it (a file over 16 MiB, its limit for a repository file, is never read) "
        "or could not read it; a SealedSecret is at most 1 MiB");
    return;
  }
  // `sealed-secret/NAME` is a reference: the manifest may live in another repository (the cluster's), so its
  // absence here is a warning. A team that keeps every manifest in this repository makes it an error in
  // ssmd.yaml (`rules: {sealed-secret/manifest-missing: error}`).
  if (found.empty()) {
    out.warning("sealed-secret/manifest-missing", "source",
                what + ": no SealedSecret `" + name + "` in " + *dir + "/ (looked for " + name + ".yaml, .yml and "
                ".json); if it lives in another repository (the cluster's), this is fine; otherwise create it with "
                "`ssmd sealed-secret seal " + name + " ...` and commit it");
    return;
  }
  ManifestReport report{req, found.front().first, out};
  if (found.size() > 1) {
    report.error("sealed-secret/manifest-invalid", {},
                 "is one of several manifests for `" + name + "` (" + found[0].first + ", " + found[1].first +
                     "); keep exactly one");
    return;
  }
  std::optional<std::string> text = std::move(found.front().second);
  if (text && text->size() > kMaxManifestBytes) {
    report.error("sealed-secret/manifest-invalid", {}, "is larger than 1 MiB, the limit of a Kubernetes object");
    return;
  }
  if (!text) text = read_small_file(root / report.file, why);
  if (!text) {
    report.error("sealed-secret/manifest-invalid", {}, why);
    return;
  }
  size_t count = 0;
  YAML::Node document;
  try {
    count = count_documents(*text);
    if (count == 1) document = YAML::Load(*text);
  } catch (const YAML::ParserException &e) {
    Place where{static_cast<uint32_t>(e.mark.line + 1), static_cast<uint32_t>(e.mark.column + 1)};
    if (e.mark.is_null()) where = {};
    report.error("sealed-secret/manifest-invalid", where,
                 "is not valid YAML (" + e.msg + "); it may be truncated: seal it again");
    return;
  }
  if (count != 1 || !document.IsDefined() || document.IsNull()) {
    report.error("sealed-secret/manifest-invalid", {},
                 count > 1 ? "holds several YAML documents; keep one SealedSecret per file"
                           : "is empty; it may be truncated: seal it again");
    return;
  }
  if (auto data = check_envelope(document, name, report)) check_fields(*data, report);
}

} // namespace ssmd::sealed
