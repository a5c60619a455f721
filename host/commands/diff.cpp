// ssmd diff [--stat] [--output json]: the metadata changes waiting to be committed (staged, unstaged and
// untracked alike) against HEAD: what they mean first, then the unified diff.
#include "commands/commands.hpp"

#include "core/exit_codes.hpp"
#include "core/json.hpp"
#include "core/printable.hpp"
#include "git/pending_changes.hpp"
#include "git/semantic_diff.hpp"
#include "git/unified_diff.hpp"
#include "git/workspace.hpp"

#include <iostream>

namespace ssmd {

CommandSpec describe_diff(Context &) {
  return synopsis("ssmd diff [--stat] [--output json]",
                  {flag("stat", "list the changed files with +/- counts instead of the full diff"), output_option()});
}

int run_diff(Context &ctx, const Args &args) {
  auto vm = parse_args(ctx, "diff", args);
  if (!vm) return kExitOk;
  const bool stat = vm->count("stat") > 0;
  const auto format = output_format(*vm);

  git::Workspace ws = git::Workspace::open(ctx.repo_root());
  std::vector<git::PendingChange> changes = git::pending_changes(ws);
  std::vector<git::FilePatch> patches;
  std::vector<std::vector<std::string>> summaries;
  for (const auto &change : changes) {
    summaries.push_back(git::summarize_pending(*ws.to_ssmd(change.path), change));
    if (auto reason = git::too_large_reason(change)) {
      // Never read, so never diffed: the patch says why, and --stat counts it as git counts a binary file.
      patches.push_back(git::FilePatch{change.path, "diff --git a/" + change.path + " b/" + change.path + "\n" + *reason + "\n", 0, 0, true});
      continue;
    }
    patches.push_back(git::make_patch(change.path, change.before, change.after, change.before_mode, change.mode));
  }

  if (format == OutputFormat::Json) {
    json::Value list = json::Array{};
    for (size_t i = 0; i < changes.size(); ++i) {
      json::Value summary = json::Array{};
      for (const auto &line : summaries[i]) summary.push(line);
      json::Value item;
      item.set("file", changes[i].path)
          .set("status", git::status_name(changes[i].status))
          .set("untracked", changes[i].untracked)
          .set("insertions", static_cast<uint64_t>(patches[i].insertions))
          .set("deletions", static_cast<uint64_t>(patches[i].deletions))
          .set("summary", std::move(summary));
      list.push(std::move(item));
    }
    json::Value out;
    out.set("changes", std::move(list));
    std::cout << out.dump();
    return kExitOk;
  }

  if (changes.empty()) {
    std::cout << "no pending metadata changes\n";
    return kExitOk;
  }
  const bool color = ctx.color(1);
  std::cout << (color ? "\033[1m" : "") << "Pending metadata changes (" << changes.size()
            << (changes.size() == 1 ? " file" : " files") << "):" << (color ? "\033[m" : "") << "\n";
  for (const auto &lines : summaries)
    for (const auto &line : lines) std::cout << "  " << printable(line) << "\n"; // values from files: escaped
  std::cout << "\n";
  if (stat) {
    git::write_stat(std::cout, patches, color);
  } else {
    for (const auto &patch : patches) git::write_patch(std::cout, patch, color);
  }
  return kExitOk;
}

} // namespace ssmd
