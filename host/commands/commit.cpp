// ssmd commit -m MESSAGE: validates, then commits exactly the pending metadata changes (the working tree's
// exchanges/ and ssmd-plugins.lock) on the current branch. Nothing else the user has changed or staged
// goes in or moves. Never pushes.
#include "commands/commands.hpp"

#include "core/errors.hpp"
#include "core/file_size_limit.hpp"
#include "core/json.hpp"
#include "git/commit.hpp"
#include "git/semantic_diff.hpp"
#include "validate/commit_gate.hpp"

#include <iostream>

namespace ssmd {

CommandSpec describe_commit(Context &) {
  return synopsis("ssmd commit -m MESSAGE [--output json]",
                  {option("message", "MESSAGE", "the commit message").with_short("m").require(), output_option()});
}

int run_commit(Context &ctx, const Args &args) {
  auto vm = parse_args(ctx, "commit", args);
  if (!vm) return kExitOk;
  const auto format = output_format(*vm);
  std::string message = git::clean_message((*vm)["message"].as<std::string>());
  if (message.empty()) throw UsageError("the commit message is empty; say what changed with -m MESSAGE");

  git::Workspace ws = git::Workspace::open(ctx.repo_root());
  // Refusals about the repository's state come first: they are fixed with git, not by editing metadata.
  if (auto blocker = git::commit_blocker(ws.repo())) throw EnvironmentError("cannot commit: " + *blocker);
  git::Identity identity = git::commit_identity(ws.repo());

  std::vector<git::PendingChange> changes = git::pending_changes(ws);
  if (changes.empty())
    throw DomainError("nothing to commit: no file under exchanges/, ssmd-plugins.lock or ssmd.yaml differs from HEAD");
  // ssmd reads no file over the size limit, so it commits none either (deleting one is fine).
  for (const auto &change : changes)
    if (change.after_too_large)
      throw DomainError("commit refused: " + change.path + ": " + too_large_problem(*change.after_too_large) +
                        "; nothing was committed");
  if (int errors = validate_for_commit(ctx, ctx.repo_root(), std::cerr))
    throw DomainError("commit refused: " + std::to_string(errors) + (errors == 1 ? " error" : " errors") +
                      " in the metadata; nothing was committed");

  git::CommitResult result = git::commit_changes(ws, changes, message, identity);

  std::vector<std::string> summary;
  for (const auto &change : changes)
    for (auto &line : git::summarize_pending(*ws.to_ssmd(change.path), change))
      summary.push_back(std::move(line));
  auto branch = ws.repo().head_branch();
  std::string subject = message.substr(0, message.find('\n'));

  if (format == OutputFormat::Json) {
    json::Value files = json::Array{}, lines = json::Array{};
    for (const auto &change : changes) files.push(change.path);
    for (const auto &line : summary) lines.push(line);
    json::Value out;
    out.set("commit", git::hex(result.id))
        .set("short_id", result.short_id)
        .set("branch", branch ? json::Value(*branch) : json::Value())
        .set("subject", subject)
        .set("files", std::move(files))
        .set("summary", std::move(lines));
    std::cout << out.dump();
    return kExitOk;
  }
  std::cout << "[" << (branch ? *branch : "HEAD") << " " << result.short_id << "] " << subject << "\n";
  for (const auto &line : summary) std::cout << "  " << line << "\n";
  std::cout << " " << changes.size() << (changes.size() == 1 ? " file" : " files") << " committed\n";
  return kExitOk;
}

} // namespace ssmd
