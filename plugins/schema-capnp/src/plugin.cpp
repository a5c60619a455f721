// The `capnp` schema format: checks, compares and fingerprints Cap'n Proto schema files with Cap'n
// Proto's own compiler library. See plugins/schema-capnp/README.md for every rule.
#include "breaking.hpp"
#include "compiler.hpp"
#include "fingerprint.hpp"
#include "lint.hpp"
#include "model_builder.hpp"
#include "rules.hpp"
#include "settings.hpp"

#include <ssmd/plugin.hpp>

#include <kj/exception.h>

namespace ssmd::capnp_schema {

namespace {

struct Compiled {
  std::unique_ptr<CompiledSchema> schema;
  std::optional<Model> model; // set when the file compiled cleanly
};

// Compiles `input` and builds its model; errors go to `report`. Reading the model can still throw a
// kj::Exception on a corrupt schema, which becomes a finding rather than an escaping exception.
Compiled compile_and_model(const SchemaInput &input, const Settings &settings, Report &report) {
  Compiled out;
  out.schema = compile_schema(input, settings, report);
  if (!out.schema || !out.schema->ok()) return out;
  try {
    out.model = build_model(out.schema->file(), out.schema->display());
  } catch (const kj::Exception &e) {
    report.at(rule::internal, out.schema->display(), Position{},
              std::string("reading the compiled schema failed: ") + e.getDescription().cStr());
  }
  return out;
}

class CapnpFormat final : public ssmd::SchemaFormat {
public:
  std::string_view extension() const override { return "capnp"; }

  void check(const Host &host, const SchemaInput &input, Diagnostics &out) override {
    Settings settings = read_settings(host);
    Report report(out, settings.disabled_rules);
    for (const auto &problem : settings.problems) report.about_document(rule::config, problem);
    Compiled compiled = compile_and_model(input, settings, report);
    if (!compiled.model) return;
    check_root(*compiled.model, *compiled.schema, input.root, input.schema, report);
    lint_names_and_types(*compiled.model, *compiled.schema, report);
    check_import_cycles(*compiled.schema, report);
  }

  bool breaking(const Host &host, const SchemaInput &older, const SchemaInput &newer, Diagnostics &out) override {
    Settings settings = read_settings(host);
    Report report(out, settings.disabled_rules);
    // Two compilations, each with its own parser: both files declare the same file ID.
    Compiled old_version = compile_and_model(older, settings, report);
    Compiled new_version = compile_and_model(newer, settings, report);
    if (old_version.model && new_version.model)
      compare_versions(*old_version.model, *new_version.model, FileIndexes(*new_version.schema), report);
    return true;
  }

  std::optional<std::string> fingerprint(const Host &host, const SchemaInput &input, Diagnostics &out) override {
    Settings settings = read_settings(host);
    Report report(out, settings.disabled_rules);
    Compiled compiled = compile_and_model(input, settings, report);
    if (!compiled.model) return std::nullopt;
    return capnp_schema::fingerprint(*compiled.model);
  }

  std::vector<Rule> rules() const override {
    std::vector<Rule> out;
    for (const auto &r : all_rules())
      out.push_back({std::string(r.id), std::string(r.purpose), std::string(r.source), r.severity,
                     std::string(category_name(r.category))});
    return out;
  }
};

} // namespace

} // namespace ssmd::capnp_schema

SSMD_PLUGIN_MANIFEST_URL("schema-capnp", "1.0.0",
                         "https://github.com/ssmd/ssmd/blob/main/plugins/schema-capnp/README.md",
                         SSMD_PROVIDES_SCHEMA_FORMAT("capnp"))
SSMD_PLUGIN_EXPORT(ssmd::schema_format<ssmd::capnp_schema::CapnpFormat>("capnp"))
