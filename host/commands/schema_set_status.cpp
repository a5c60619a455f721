// `ssmd schema set-status NAME:VERSION STATUS`: draft -> active -> deprecated, forward only. Only the
// status value's bytes change in the file.
#include "commands/commands.hpp"
#include "core/errors.hpp"
#include "registry/change.hpp"
#include "registry/command_support.hpp"
#include "registry/names.hpp"
#include "registry/text_edit.hpp"
#include "validate/write_check.hpp"

#include <iostream>

namespace ssmd {

using namespace registry;

namespace {
int rank(const std::string &status) { return status == "draft" ? 0 : status == "active" ? 1 : status == "deprecated" ? 2 : -1; }
} // namespace

CommandSpec describe_schema_set_status(Context &) {
  return synopsis("ssmd schema set-status NAME:VERSION draft|active|deprecated",
                  {argument("ref", "NAME:VERSION", "the schema version").naming(Names::Schema),
                   argument("status", "draft|active|deprecated", "the new status").with_choices({"draft", "active", "deprecated"})});
}

int run_schema_set_status(Context &ctx, const Args &args) {
  auto vm = parse_args(ctx, "schema set-status", args);
  if (!vm) return kExitOk;
  auto ref = split_name_version((*vm)["ref"].as<std::string>());
  if (!ref) throw UsageError("expected NAME:VERSION such as trade:v2, not '" + (*vm)["ref"].as<std::string>() + "'");
  const std::string status = (*vm)["status"].as<std::string>();
  if (rank(status) < 0) throw UsageError("status must be draft, active or deprecated, not '" + status + "'");

  Transaction tx(ctx.repo_root(), validate::write_checker(ctx, ctx.repo_root()));
  const LoadedSchema &loaded = require_schema(tx.repository(), ref->name);
  for (const auto &v : loaded.model->versions) {
    if (v.version != ref->version) continue;
    if (v.status == status) {
      std::cout << ref->name << ":" << ref->version << " is already " << status << "\n";
      return kExitOk;
    }
    if (rank(v.status) >= 0 && rank(status) < rank(v.status))
      throw DomainError(ref->name + ":" + ref->version + " is " + v.status + "; a status only moves forward " +
                        "(draft -> active -> deprecated), so it cannot become " + status + " again");
    std::string path = "versions[" + std::to_string(v.index) + "].status";
    std::string text = replace_scalar(loaded.text, *loaded.doc, path, status);
    return tx.commit({{loaded.file, text}}, std::cout, std::cerr);
  }
  throw DomainError("schema '" + ref->name + "' has no version '" + ref->version + "'");
}

} // namespace ssmd
