// ssmd log [feed|schema|env NAME] [-n N] [--output json]: the commits that changed a definition (or any
// metadata), newest first, each with what it changed in domain terms.
#include "commands/commands.hpp"

#include "core/errors.hpp"
#include "core/file_size_limit.hpp"
#include "core/json.hpp"
#include "core/printable.hpp"
#include "git/history.hpp"
#include "git/log_filter.hpp"
#include "git/object_reader.hpp"
#include "git/semantic_diff.hpp"

#include <iostream>
#include <regex>

namespace ssmd {

namespace {
// The text of blobs by id, keeping those of the last commit listed: `ssmd log` walks newest first, so
// one commit's "before" is usually the next listed commit's "after", read once instead of twice.
class BlobTexts {
public:
  explicit BlobTexts(const git::Repository &repo) : repo_(repo) {}

  std::optional<std::string> get(const std::optional<git_oid> &id) {
    if (!id) return std::nullopt;
    if (const std::string *text = find(*id)) return *text;
    current_.emplace_back(*id, git::read_blob(repo_, *id));
    return current_.back().second;
  }

  // Whether blob `id` was read for this commit or the last one (and so is within the size limit).
  bool known(const git_oid &id) const { return find(id) != nullptr; }

  // Moves on to the next commit: forgets the blobs that neither it nor the last one read.
  void next_commit() {
    previous_ = std::move(current_);
    current_.clear();
  }

private:
  const std::string *find(const git_oid &id) const {
    for (auto *texts : {&current_, &previous_})
      for (const auto &[known, text] : *texts)
        if (git::git_oid_equal(&known, &id)) return &text;
    return nullptr;
  }

  const git::Repository &repo_;
  std::vector<std::pair<git_oid, std::string>> current_, previous_;
};

// What `ssmd log` says about one file a commit changed. A side over the size limit is never inflated (its
// size comes from the object's header): the line names the file, its size and the limit instead, and the
// rest of the history is shown as usual.
std::vector<std::string> change_lines(const git::Repository &repo, BlobTexts &blobs, const std::string &path,
                                      const git::FileChange &file) {
  for (const auto *side : {&file.before, &file.after})
    if (*side && !blobs.known(**side))
      if (uint64_t size = git::blob_size(repo, **side); size > kMaxRepositoryFileBytes)
        return {path + ": not read: " + too_large_problem(size)};
  return git::summarize_change(path, blobs.get(file.before), blobs.get(file.after));
}
} // namespace

CommandSpec describe_log(Context &) {
  return synopsis("ssmd log [feed|schema|env NAME] [-n N] [--output json]",
                  {optional_argument("kind", "feed|schema|env", "what kind of definition to follow").with_choices({"feed", "schema", "env"}),
                   optional_argument("name", "NAME", "the definition's name"),
                   option("max-count", "N", "show at most N commits").with_short("n").integer(), output_option()});
}

int run_log(Context &ctx, const Args &args) {
  auto vm = parse_args(ctx, "log", args);
  if (!vm) return kExitOk;
  const auto format = output_format(*vm);
  size_t limit = 0;
  if (vm->count("max-count")) {
    int n = (*vm)["max-count"].as<int>();
    if (n <= 0) throw UsageError("-n takes a positive number of commits, not " + std::to_string(n));
    limit = static_cast<size_t>(n);
  }

  std::optional<git::DefinitionKind> kind;
  std::string name, subject = "metadata";
  if (vm->count("kind")) {
    const auto &word = (*vm)["kind"].as<std::string>();
    kind = git::parse_definition_kind(word);
    if (!kind) throw UsageError("ssmd log takes feed, schema or env before a NAME, not '" + word + "'; usage: " + describe_log(ctx).usage);
    if (!vm->count("name")) throw UsageError("missing NAME after '" + word + "'; usage: " + describe_log(ctx).usage);
    name = (*vm)["name"].as<std::string>();
    static const std::regex valid("^[a-z][a-z0-9_-]{0,63}$");
    if (!std::regex_match(name, valid))
      throw UsageError("'" + name + "' is not a valid name (lower-case letter, then up to 63 of a-z 0-9 _ -)");
    subject = std::string(git::kind_label(*kind)) + " " + name;
  }

  git::Workspace ws = git::Workspace::open(ctx.repo_root());
  git::configure_for_reading_history();
  git::HistoryFilter filter = kind ? git::definition_filter(ws, *kind, name) : git::metadata_filter(ws);
  std::vector<git::HistoryEntry> entries = git::path_history(ws.repo(), filter, limit);
  if (entries.empty() && kind)
    throw DomainError("no commit reachable from HEAD changed " + subject + " (" +
                      ws.to_git(git::definition_path(*kind, name)) + ")");

  const bool color = format == OutputFormat::Text && ctx.color(1);
  json::Value commits = json::Array{};
  size_t author_width = 0;
  for (const auto &entry : entries) author_width = std::max(author_width, printable(entry.author).size());
  BlobTexts blobs(ws.repo());
  for (const auto &entry : entries) {
    blobs.next_commit();
    std::vector<std::string> changes;
    for (const auto &file : entry.files) {
      auto path = ws.to_ssmd(file.path);
      for (auto &line : change_lines(ws.repo(), blobs, path ? *path : file.path, file)) changes.push_back(std::move(line));
    }
    if (format == OutputFormat::Json) {
      json::Value lines = json::Array{};
      for (const auto &line : changes) lines.push(line);
      json::Value item;
      item.set("id", git::hex(entry.id))
          .set("short_id", entry.short_id)
          .set("date", git::format_date(entry.time, entry.offset_minutes, true))
          .set("author", entry.author)
          .set("email", entry.email)
          .set("subject", entry.subject)
          .set("changes", std::move(lines));
      commits.push(std::move(item));
      continue;
    }
    // A commit's author, subject and values come from whoever made it (a cloned repository): escaped, so an
    // escape sequence or a line break in them cannot rewrite the terminal or forge a line of this output.
    const std::string author = printable(entry.author);
    std::cout << (color ? "\033[33m" : "") << entry.short_id << (color ? "\033[m" : "") << "  "
              << git::format_date(entry.time, entry.offset_minutes, false) << "  " << author
              << std::string(author_width - std::min(author_width, author.size()), ' ') << "  "
              << printable(entry.subject) << "\n";
    for (const auto &line : changes) std::cout << "    " << printable(line) << "\n";
  }
  if (format == OutputFormat::Json) {
    json::Value out;
    out.set("commits", std::move(commits));
    std::cout << out.dump();
  } else if (entries.empty()) {
    std::cout << "no commit changed " << subject << "\n";
  }
  return kExitOk;
}

} // namespace ssmd
