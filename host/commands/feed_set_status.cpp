// `ssmd feed set-status NAME active|deprecated|disabled`: a feed's lifecycle. Any status may follow any other
// (a deprecated feed can be revived; a disabled one enabled again). Only the status value's bytes change,
// or one `status:` line is added after `type:` when the file has none.
#include "commands/commands.hpp"
#include "core/errors.hpp"
#include "registry/change.hpp"
#include "registry/command_support.hpp"
#include "registry/text_edit.hpp"
#include "registry/yaml_text.hpp"
#include "validate/write_check.hpp"

#include <iostream>

namespace ssmd {

using namespace registry;

namespace {

// The text with `status:` set, in place or as a new line after `type:` (else `name:`).
std::string with_status(const LoadedFeed &loaded, const std::string &status) {
  const yaml::Node *root = loaded.doc->root();
  if (const yaml::Node *node = root->get("status"); node && node->is_scalar())
    return replace_scalar(loaded.text, *loaded.doc, "status", status);
  if (root->get("status")) throw DomainError(loaded.file + ": 'status:' is not a plain value; fix it by hand first");
  SourceText source(loaded.text);
  std::optional<size_t> after = root->index_of("type");
  if (!after) after = root->index_of("name");
  if (!after) throw DomainError(loaded.file + " has neither type: nor name:; fix it first");
  const yaml::Node *value = root->at(*after);
  if (!value->is_scalar()) throw DomainError(loaded.file + ": cannot place 'status:'; add it by hand");
  size_t at = source.after_line_of(value->mark());
  std::string indent(root->key_mark(0).column - 1, ' ');
  std::string lead = at >= loaded.text.size() && !loaded.text.empty() && loaded.text.back() != '\n' ? "\n" : "";
  std::string edited = apply_edits(loaded.text, {TextEdit{at, at, lead + indent + "status: " + status + "\n"}});
  auto doc = reparse_edited(loaded.file, edited);
  const yaml::Node *written = doc->root() && doc->root()->is_map() ? doc->root()->get("status") : nullptr;
  if (!written || !written->is_scalar() || written->scalar() != status)
    throw DomainError(loaded.file + ": cannot add 'status:' in place (an unusual layout); add it by hand");
  return edited;
}

} // namespace

CommandSpec describe_feed_set_status(Context &) {
  return synopsis("ssmd feed set-status NAME active|deprecated|disabled",
                  {argument("name", "NAME", "the feed").naming(Names::Feed),
                   argument("status", "active|deprecated|disabled", "the new status").with_choices({"active", "deprecated", "disabled"})});
}

int run_feed_set_status(Context &ctx, const Args &args) {
  auto vm = parse_args(ctx, "feed set-status", args);
  if (!vm) return kExitOk;
  const std::string name = (*vm)["name"].as<std::string>();
  require_valid_name(name, "feed");
  const std::string status = (*vm)["status"].as<std::string>();
  if (status != "active" && status != "deprecated" && status != "disabled")
    throw UsageError("status must be active, deprecated or disabled, not '" + status + "'");

  Transaction tx(ctx.repo_root(), validate::write_checker(ctx, ctx.repo_root()));
  const LoadedFeed &loaded = require_feed(tx.repository(), name);
  if (loaded.model->status == status) {
    std::cout << "feed " << name << " is already " << status << "\n";
    return kExitOk;
  }
  return tx.commit({{loaded.file, with_status(loaded, status)}}, std::cout, std::cerr);
}

} // namespace ssmd
