#include "scaffold/project.hpp"

#include "core/errors.hpp"
#include "plugins/manifest.hpp"
#include "scaffold/template_text.hpp"
#include "scaffold/templates.hpp"

#include <array>
#include <cctype>

namespace ssmd::scaffold {

namespace {

struct KindInfo {
  Kind kind;
  std::string_view name;         // as in the manifest's `provides` line
  std::string_view name_prefix;  // the plugin-name prefix that suggests it
  std::string_view description;  // "feed validator"
  std::string_view file_suffix;  // src/<id>_<suffix>.cpp
  std::string_view example_rule; // the template's rule, after "<id>/"
  const KindTemplates *templates;
};

const std::array<KindInfo, 4> &kinds() {
  static const std::array<KindInfo, 4> k_kinds = {{
      {Kind::Feed, "feed", "feed-", "feed validator", "feed", "endpoint-host", &kFeedTemplates},
      {Kind::SchemaFormat, "schema-format", "schema-", "schema-format checker", "format", "no-tabs",
       &kSchemaFormatTemplates},
      {Kind::Secret, "secret", "secrets-", "secret backend", "secrets", "reference", &kSecretTemplates},
      {Kind::Storage, "storage", "storage-", "storage backend", "storage", "url", &kStorageTemplates},
  }};
  return k_kinds;
}

const KindInfo &info(Kind kind) {
  for (const auto &k : kinds())
    if (k.kind == kind) return k;
  return kinds()[0];
}

// "acme-fx_2" -> "AcmeFx2": a C++ class-name stem.
std::string camel_case(std::string_view id) {
  std::string out;
  bool upper = true;
  for (char c : id) {
    if (c == '-' || c == '_') {
      upper = true;
      continue;
    }
    out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return out;
}

// "acme-fx" -> "ACME_FX": the stem of environment variable names.
std::string macro_case(std::string_view id) {
  std::string out;
  for (char c : id) out += c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// "acme-fx" -> "acme_fx": the stem of file names.
std::string snake_case(std::string_view id) {
  std::string out(id);
  for (char &c : out)
    if (c == '-') c = '_';
  return out;
}

// "acme_fx" -> "acme-fx": a DNS label ('_' is not allowed in host names).
std::string host_label(std::string_view id) {
  std::string out(id);
  for (char &c : out)
    if (c == '_') c = '-';
  return out;
}

// "0.1.0" -> "0.1": the SDK version the project asks for (same major, at least this minor).
std::string major_minor(std::string_view version) {
  size_t first = version.find('.');
  size_t second = first == std::string_view::npos ? first : version.find('.', first + 1);
  return std::string(version.substr(0, second));
}

} // namespace

std::optional<Kind> parse_kind(std::string_view text) {
  for (const auto &k : kinds())
    if (k.name == text) return k.kind;
  return std::nullopt;
}

std::string_view kind_name(Kind kind) { return info(kind).name; }

Kind kind_from_name(std::string_view name) {
  for (const auto &k : kinds())
    if (name.starts_with(k.name_prefix)) return k.kind;
  return Kind::Feed;
}

std::string describe(const ProjectSpec &spec) {
  switch (spec.kind) {
  case Kind::Feed: return "a feed validator for exchange '" + spec.id + "'";
  case Kind::SchemaFormat: return "a schema-format checker for format '" + spec.id + "'";
  case Kind::Secret: return "a secret backend for key sources '" + spec.id + "/...'";
  case Kind::Storage: return "a storage backend for URLs '" + spec.id + "://...'";
  }
  return spec.id;
}

ProjectSpec make_spec(std::string_view name, std::optional<Kind> kind) {
  if (!is_valid_name(name))
    throw UsageError("plugin name '" + std::string(name) +
                     "' must match ^[a-z][a-z0-9_-]{0,63}$ (lowercase letters, digits, '_' and '-')");
  ProjectSpec spec{std::string(name), kind.value_or(kind_from_name(name)), std::string(name)};
  const KindInfo &k = info(spec.kind);
  if (name.starts_with(k.name_prefix)) spec.id = std::string(name.substr(k.name_prefix.size()));
  if (!is_valid_name(spec.id))
    throw UsageError("plugin name '" + std::string(name) + "' leaves '" + spec.id + "' after '" +
                     std::string(k.name_prefix) + "' to name what it provides; that must start with a letter, e.g. " +
                     std::string(k.name_prefix) + "acme");
  return spec;
}

std::vector<ProjectFile> render_project(const ProjectSpec &spec, std::string_view ssmd_version) {
  const KindInfo &k = info(spec.kind);
  const std::string stem = snake_case(spec.id) + "_" + std::string(k.file_suffix);
  Values values = {
      {"NAME", spec.name},
      {"ID", spec.id},
      {"CLASS", camel_case(spec.id)},
      {"UPPER", macro_case(spec.id)},
      {"STEM", stem},
      {"KIND", std::string(k.name)},
      {"KIND_TEXT", std::string(k.description)},
      // A made-up domain under .example, reserved for examples (RFC 2606), so no real service is named.
      {"DOMAIN", host_label(spec.id) + ".example"},
      // Where the plugin's documentation would live; the manifest names it and the author replaces it.
      {"URL", "https://" + host_label(spec.id) + ".example/ssmd/" + spec.name},
      {"RULE", spec.id + "/" + std::string(k.example_rule)},
      {"SDK_VERSION", major_minor(ssmd_version)},
      {"SSMD_VERSION", std::string(ssmd_version)},
  };
  // Kind-specific blocks are filled first; the common templates then take them as values.
  values["HARNESS_CALLS"] = fill(k.templates->harness_calls, values);
  values["README_ABOUT"] = fill(k.templates->readme_about, values);
  values["README_TRY"] = fill(k.templates->readme_try, values);
  return {
      {"CMakeLists.txt", fill(kCMakeListsTemplate, values)},
      {"README.md", fill(kReadmeTemplate, values)},
      {".gitignore", fill(kGitignoreTemplate, values)},
      {"src/" + stem + ".cpp", fill(k.templates->source, values)},
      {"tests/plugin_harness.hpp", fill(kHarnessTemplate, values)},
      {"tests/test_" + stem + ".cpp", fill(k.templates->test, values)},
  };
}

} // namespace ssmd::scaffold
