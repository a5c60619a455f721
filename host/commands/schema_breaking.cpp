// `ssmd schema breaking NAME [--from VER] [--to VER] [--against REF] [--fail-on CATEGORY,...]`: compares two
// versions of a schema structurally through the plugin of its format, and sorts what changed into
// categories: wire, removal, hygiene, source, safe (schema/finding_category.hpp). The categories in
// --fail-on (else `breaking.fail_on`, else wire and removal) exit 1. By default the newest version is
// compared with the one before it; --against REF compares the working tree's version with the schema as
// of a commit, imported files included.
#include "commands/commands.hpp"
#include "commands/common_options.hpp"
#include "core/errors.hpp"
#include "files/tree_reader.hpp"
#include "git/commit_reader.hpp"
#include "registry/command_support.hpp"
#include "registry/schema_files.hpp"
#include "schema/breaking_report.hpp"
#include "schema/fail_on.hpp"
#include "schema/format_plugin.hpp"
#include "schema/version_order.hpp"

#include <iostream>

namespace ssmd {

using namespace registry;

namespace {

// The repository-relative definition file of `v`, which must exist in `repo`.
std::string definition_file(const Repository &repo, const Schema &schema, const SchemaVersion &v) {
  const std::string &file = schema.file_of(v);
  if (file.empty())
    throw DomainError("version '" + v.version + "' of schema '" + schema.name + "' names no file and the schema has "
                      "no schema_file (in " + repo.describe() + ")");
  if (auto problem = schema_file_problem(repo, file)) throw DomainError(schema.name + ":" + v.version + ": " + *problem);
  std::string path = Repository::schema_path(file);
  FileRead read = repo.read_file(path);
  if (read.missing) throw DomainError(path + " (" + schema.name + ":" + v.version + ") does not exist in " + repo.describe());
  // Too large, or not readable: the reason names the size and the limit, or the error.
  if (!read.text) throw DomainError(path + " (" + schema.name + ":" + v.version + "): " + read.problem);
  return path;
}

std::optional<std::string> flag(const po::variables_map &vm, const char *name) {
  if (!vm.count(name)) return std::nullopt;
  const auto &value = vm[name].as<std::string>();
  if (value.empty()) throw UsageError(std::string("--") + name + " needs a value");
  return value;
}

} // namespace

CommandSpec describe_schema_breaking(Context &) {
  return synopsis("ssmd schema breaking NAME [--from VERSION] [--to VERSION] [--against REF] [--fail-on CATEGORIES] "
                  "[--import-path DIR]... [--format text|json]",
                  {argument("name", "NAME", "the schema").naming(Names::Schema),
                   option("from", "VERSION", "the older version (default: the one before --to; with --against, the newest at REF)"),
                   option("to", "VERSION", "the newer version (default: the newest)"),
                   option("against", "REF", "compare the working tree's version with the schema as of a git commit, branch or tag"),
                   option("fail-on", "CATEGORIES",
                          "categories that fail the command, comma-separated: wire, removal, hygiene, source, safe, or none (default: "
                          "breaking.fail_on, else wire,removal)"),
                   option("format", "FORMAT", "output format: text or json").with_choices({"text", "json"}), import_path_option()});
}

int run_schema_breaking(Context &ctx, const Args &args) {
  auto vm = parse_args(ctx, "schema breaking", args);
  if (!vm) return kExitOk;
  OutputFormat format = output_format(*vm); // the configured default when --format is absent
  if (auto f = flag(*vm, "format")) {
    if (*f != "text" && *f != "json") throw UsageError("--format must be text or json, not '" + *f + "'");
    format = *f == "json" ? OutputFormat::Json : OutputFormat::Text;
  }
  const std::string name = (*vm)["name"].as<std::string>();
  const auto from_flag = flag(*vm, "from"), to_flag = flag(*vm, "to"), against = flag(*vm, "against");
  std::vector<schema::Category> fail_on = schema::fail_on_categories(ctx.config(), flag(*vm, "fail-on"));
  if (from_flag && to_flag && *from_flag == *to_flag && !against)
    throw UsageError("--from and --to both name " + *from_flag + "; name two versions, or add --against REF to "
                     "compare one version with itself as of a commit");

  // The newer side always comes from the working tree.
  Repository work(ctx.repo_root());
  const Schema &newer = *require_schema(work, name).model;
  if (newer.versions.empty()) throw DomainError("schema '" + name + "' has no versions to compare");
  const SchemaVersion &to = to_flag ? schema::require_version(newer, *to_flag, work.describe())
                                    : *schema::versions_oldest_first(newer).back();

  // The older side: the same working tree, or the commit --against names.
  std::optional<Repository> at_ref;
  if (against) at_ref.emplace(ctx.repo_root(), git::commit_reader(ctx.repo_root(), *against));
  Repository &old_repo = at_ref ? *at_ref : work;
  const Schema &older = at_ref ? *require_schema(*at_ref, name).model : newer;
  const SchemaVersion *from = nullptr;
  if (from_flag) from = &schema::require_version(older, *from_flag, old_repo.describe());
  else if (at_ref && !older.versions.empty()) from = schema::versions_oldest_first(older).back();
  else if (at_ref) throw DomainError("schema '" + name + "' has no versions in " + old_repo.describe());
  else if (!(from = schema::version_before(newer, to)))
    throw DomainError("schema '" + name + "' has no version before " + to.version +
                      "; name one with --from, or compare with a commit with --against REF");
  if (older.format != newer.format)
    throw DomainError("schema '" + name + "' has format '" + older.format + "' in " + old_repo.describe() + " and '" +
                      newer.format + "' in " + work.describe() + "; versions of different formats cannot be compared");

  schema::BreakingReport report;
  report.schema = name;
  report.format = newer.format;
  report.against = against;
  report.fail_on = fail_on;
  report.from = {from->version, definition_file(old_repo, older, *from), old_repo.describe()};
  report.to = {to.version, definition_file(work, newer, to), work.describe()};

  schema::apply_import_paths(ctx.config(), import_path_flag(*vm), newer.format);
  schema::FormatPlugin plugin = schema::find_format_plugin(ctx, newer.format);
  if (!plugin) throw EnvironmentError("cannot compare versions of schema '" + name + "': " + plugin.problem);
  ssmd_file_reader old_files = files::make_file_reader(old_repo.files()), new_files = files::make_file_reader(work.files());
  schema::CallResult result =
      schema::call_breaking(plugin, {name, from->version, report.from.file, from->root, &old_files},
                            {name, to.version, report.to.file, to.root, &new_files});
  if (result.failure || result.not_loaded)
    throw EnvironmentError("cannot compare versions of schema '" + name +
                           "': " + (result.failure ? *result.failure : *result.not_loaded));
  if (result.status == SSMD_UNSUPPORTED)
    throw EnvironmentError("plugin '" + plugin.plugin + "' (schema-format '" + newer.format +
                           "') does not compare versions");
  report.findings = std::move(result.findings);
  schema::normalize(report);

  if (format == OutputFormat::Json) std::cout << schema::breaking_json(report).dump() << "\n";
  else std::cout << schema::render_breaking_text(report);
  if (result.status == SSMD_ENV_ERROR)
    throw EnvironmentError("plugin '" + plugin.plugin + "' could not finish comparing " + name + " (see its findings)");
  if (result.status == SSMD_FAILED && report.findings.empty())
    throw DomainError("plugin '" + plugin.plugin + "' reported a failure without a finding");
  return report.exit_code();
}

} // namespace ssmd
