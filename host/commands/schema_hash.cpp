// `ssmd schema hash NAME[:VERSION] [--update]`: computes each version's sha256 and compares it with the
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

int run_schema_hash(Context &ctx, const Args &args) {
  CommandLine cl;
  cl.usage = "ssmd schema hash NAME[:VERSION] [--update] [--output json]";
  cl.options.add_options()("ref", po::value<std::string>()->required(), "the schema, or one version of it")
      ("update", po::bool_switch(), "record the computed hash where it differs from the recorded one");
  cl.positional.add("ref", 1);
  add_output_option(cl);
  auto vm = parse_args(builtin("schema hash"), cl, args);
  if (!vm) return kExitOk;
  OutputFormat format = output_format(*vm);
  const std::string text = (*vm)["ref"].as<std::string>();
  std::string name = text, only;
  if (text.find(':') != std::string::npos) {
    auto ref = split_name_version(text);
    if (!ref) throw UsageError("expected NAME or NAME:VERSION, not '" + text + "'");
    name = ref->name;
    only = ref->version;
  }
  const bool update = (*vm)["update"].as<bool>();

  // Only --update writes, and only it needs the lock.
  std::optional<Transaction> tx;
  std::optional<Repository> plain;
  if (update) tx.emplace(ctx.repo_root(), validate::write_checker(ctx));
  else plain.emplace(ctx.repo_root());
  Repository &repo = update ? tx->repository() : *plain;
  const LoadedSchema &loaded = require_schema(repo, name);
  const Schema &schema = *loaded.model;

  struct Row {
    std::string version, file, recorded, computed, result;
  };
  std::vector<Row> rows;
  std::string updated = loaded.text;
  bool mismatch = false, missing = false;
  Diagnostics refusals; // definition files that exist but may not be read, and why
  // From the last version up, so each edit leaves the offsets of the ones still to come unchanged.
  for (auto it = schema.versions.rbegin(); it != schema.versions.rend(); ++it) {
    const SchemaVersion &v = *it;
    if (!only.empty() && v.version != only) continue;
    const std::string &file = schema.file_of(v);
    std::optional<std::string> bytes;
    const std::string path = Repository::schema_path(file);
    if (auto problem = file.empty() ? std::nullopt : schema_file_problem(repo, file)) {
      refusals.push_back(Diagnostic{path, 0, 0, Severity::Error, "schema/file-outside", *problem});
    } else if (!file.empty()) {
      FileRead read = repo.read_file(path);
      bytes = std::move(read.text);
      if (!bytes && read.rule != "io/read") refusals.push_back(Diagnostic{path, 0, 0, Severity::Error, read.rule, read.problem});
    }
    std::string computed = bytes ? sha256_tag(*bytes) : "";
    missing = missing || !bytes;
    bool differs = bytes && computed != v.hash;
    mismatch = mismatch || differs;
    if (differs && update)
      updated = replace_scalar(updated, *loaded.doc, "versions[" + std::to_string(v.index) + "].hash", computed);
    rows.insert(rows.begin(), Row{v.version, file, v.hash, computed,
                                  !bytes ? "missing file" : !differs ? "ok" : update ? "updated" : "mismatch"});
  }
  if (rows.empty()) throw DomainError("schema '" + name + "' has no version '" + only + "'");
  if (format == OutputFormat::Json) {
    json::Array items;
    for (const auto &row : rows) {
      json::Value item = json::Object{};
      item.set("version", row.version).set("file", row.file).set("recorded", row.recorded);
      item.set("computed", row.computed.empty() ? json::Value(nullptr) : json::Value(row.computed)).set("result", row.result);
      items.push_back(item);
    }
    std::cout << json::Value(items).dump() << "\n";
  } else {
    Table table({"VERSION", "FILE", "RECORDED", "COMPUTED", "RESULT"});
    for (const auto &row : rows)
      table.add({row.version, row.file, row.recorded.empty() ? "-" : row.recorded,
                 row.computed.empty() ? "-" : row.computed, row.result});
    table.print(std::cout);
  }
  print_diagnostics(refusals, std::cerr);
  if (missing) return kExitFailure;
  if (update && mismatch) return tx->commit({{loaded.file, updated}}, std::cout, std::cerr);
  if (mismatch)
    std::cerr << "ssmd: recorded hashes differ from the files; if the change is deliberate, run 'ssmd schema hash "
              << text << " --update'\n";
  return mismatch ? kExitFailure : kExitOk;
}

} // namespace ssmd
