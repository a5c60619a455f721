// `ssmd schema hash NAME[:VERSION] | --all [--update]`: computes each version's sha256 and compares it with the
// recorded one; --update records the computed hash where they differ (a deliberate change).
#include "commands/commands.hpp"
#include "core/errors.hpp"
#include "core/json.hpp"
#include "core/table.hpp"
#include "registry/change.hpp"
#include "registry/command_support.hpp"
#include "registry/names.hpp"
#include "registry/schema_files.hpp"
#include "registry/sha256.hpp"
#include "registry/text_edit.hpp"
#include "validate/write_check.hpp"

#include <iostream>

namespace ssmd {

using namespace registry;

namespace {

struct Row {
  std::string schema, version, file, recorded, computed, result;
};

// What checking one schema found.
struct SchemaCheck {
  bool mismatch = false; // a file's hash differs from the recorded one
  bool missing = false;  // a version's file is absent or unreadable
  std::string updated;   // the definition with computed hashes recorded (meaningful with --update)
};

// Compares the recorded hash of each version of `loaded` (or only version `only`) with its file's, appending
// a row per version and a diagnostic per file that may not be read.
SchemaCheck check_schema(Repository &repo, const LoadedSchema &loaded, const std::string &only, bool update,
                         std::vector<Row> &rows, Diagnostics &refusals) {
  const Schema &schema = *loaded.model;
  SchemaCheck out;
  out.updated = loaded.text;
  const size_t first_row = rows.size();
  // From the last version up, so each edit leaves the offsets of the ones still to come unchanged.
  for (auto it = schema.versions.rbegin(); it != schema.versions.rend(); ++it) {
    const SchemaVersion &v = *it;
    if (!only.empty() && v.version != only) continue;
    const std::string &file = schema.file_of(v);
    std::optional<std::string> bytes;
    const std::string path = Repository::schema_path(file);
    if (auto problem = file.empty() ? std::nullopt : schema_file_problem(repo, file)) {
      refusals.push_back(Diagnostic{path, 1, 1, Severity::Error, "schema/file-outside", *problem});
    } else if (!file.empty()) {
      FileRead read = repo.read_file(path);
      bytes = std::move(read.text);
      if (!bytes && read.rule != "io/read") refusals.push_back(Diagnostic{path, 1, 1, Severity::Error, read.rule, read.problem});
    }
    std::string computed = bytes ? sha256_tag(*bytes) : "";
    out.missing = out.missing || !bytes;
    bool differs = bytes && computed != v.hash;
    out.mismatch = out.mismatch || differs;
    if (differs && update)
      out.updated = replace_scalar(out.updated, *loaded.doc, "versions[" + std::to_string(v.index) + "].hash", computed);
    rows.insert(rows.begin() + static_cast<long>(first_row),
                Row{schema.name, v.version, file, v.hash, computed,
                    !bytes ? "missing file" : !differs ? "ok" : update ? "updated" : "mismatch"});
  }
  return out;
}

void print_rows(const std::vector<Row> &rows, OutputFormat format, bool all) {
  if (format == OutputFormat::Json) {
    json::Array items;
    for (const auto &row : rows) {
      json::Value item = json::Object{};
      if (all) item.set("schema", row.schema);
      item.set("version", row.version).set("file", row.file).set("recorded", row.recorded);
      item.set("computed", row.computed.empty() ? json::Value(nullptr) : json::Value(row.computed)).set("result", row.result);
      items.push_back(item);
    }
    std::cout << json::Value(items).dump() << "\n";
    return;
  }
  std::vector<std::string> columns{"VERSION", "FILE", "RECORDED", "COMPUTED", "RESULT"};
  if (all) columns.insert(columns.begin(), "SCHEMA");
  Table table(columns);
  for (const auto &row : rows) {
    std::vector<std::string> cells{row.version, row.file, row.recorded.empty() ? "-" : row.recorded,
                                   row.computed.empty() ? "-" : row.computed, row.result};
    if (all) cells.insert(cells.begin(), row.schema);
    table.add(cells);
  }
  table.print(std::cout);
}

} // namespace

CommandSpec describe_schema_hash(Context &) {
  return synopsis("ssmd schema hash (NAME[:VERSION] | --all) [--update] [--output json]",
                  {optional_argument("ref", "NAME[:VERSION]", "the schema, or one version of it").naming(Names::Schema),
                   flag("all", "every schema in the repository (what the pre-commit hook runs)"),
                   flag("update", "record the computed hash where it differs from the recorded one"), output_option()});
}

int run_schema_hash(Context &ctx, const Args &args) {
  auto vm = parse_args(ctx, "schema hash", args);
  if (!vm) return kExitOk;
  OutputFormat format = output_format(*vm);
  const bool all = vm->count("all") > 0;
  if (all == (vm->count("ref") > 0)) throw UsageError("schema hash takes a schema NAME[:VERSION] or --all (one of them)");
  const std::string text = all ? "" : (*vm)["ref"].as<std::string>();
  std::string name = text, only;
  if (text.find(':') != std::string::npos) {
    auto ref = split_name_version(text);
    if (!ref) throw UsageError("expected NAME or NAME:VERSION, not '" + text + "'");
    name = ref->name;
    only = ref->version;
  }
  const bool update = vm->count("update") > 0;

  // Only --update writes, and only it needs the lock.
  std::optional<Transaction> tx;
  std::optional<Repository> plain;
  if (update) tx.emplace(ctx.repo_root(), validate::write_checker(ctx, ctx.repo_root()));
  else plain.emplace(ctx.repo_root());
  Repository &repo = update ? tx->repository() : *plain;
  const std::vector<std::string> names = all ? repo.names(Kind::Schema) : std::vector<std::string>{name};

  std::vector<Row> rows;
  Diagnostics refusals; // definition files that exist but may not be read, and why
  Overlay changes;      // with --update, the definitions whose recorded hashes change
  bool mismatch = false, missing = false;
  for (const auto &each : names) {
    const LoadedSchema &loaded = require_schema(repo, each);
    SchemaCheck check = check_schema(repo, loaded, only, update, rows, refusals);
    mismatch = mismatch || check.mismatch;
    missing = missing || check.missing;
    if (update && check.mismatch) changes[loaded.file] = std::move(check.updated);
  }
  if (rows.empty() && !all) throw DomainError("schema '" + name + "' has no version '" + only + "'");
  print_rows(rows, format, all);
  print_diagnostics(refusals, std::cerr);
  if (missing) return kExitFailure;
  if (update && mismatch) return tx->commit(changes, std::cout, std::cerr);
  if (mismatch)
    std::cerr << "ssmd: recorded hashes differ from the files; if the change is deliberate, run 'ssmd schema hash "
              << (all ? "--all" : text) << " --update'\n";
  return mismatch ? kExitFailure : kExitOk;
}

} // namespace ssmd
