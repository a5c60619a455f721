#include "git/log_walk.hpp"

#include "core/errors.hpp"

#include <charconv>
#include <fstream>
#include <string_view>

namespace ssmd::git {

namespace {

// A full 40-digit object id; libgit2 would also take a shorter prefix, which no commit header holds.
bool parse_oid(std::string_view hex_text, git_oid &out) {
  return hex_text.size() == GIT_OID_HEXSZ && git_oid_fromstrn(&out, hex_text.data(), hex_text.size()) == 0;
}

// Reads the facts from a commit's raw text ("tree <id>", "parent <id>"..., "author ...", "committer
// <name> <<email>> <time> <zone>") without parsing names, dates or the message into objects as
// git_commit_lookup does; false for anything less regular, which the caller then reads with libgit2.
bool parse_raw_commit(std::string_view text, WalkedCommit &out) {
  auto next_line = [&text]() {
    size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    return line;
  };
  std::string_view line = next_line();
  if (!line.starts_with("tree ") || !parse_oid(line.substr(5), out.tree)) return false;
  for (line = next_line(); line.starts_with("parent "); line = next_line()) {
    git_oid parent;
    if (!parse_oid(line.substr(7), parent)) return false;
    out.parents.push_back(parent);
  }
  if (!line.starts_with("author ")) return false;
  line = next_line();
  if (!line.starts_with("committer ")) return false;
  // "> 1700000000 +0100" at the end, exactly.
  size_t email_end = line.rfind('>');
  if (email_end == std::string_view::npos) return false;
  std::string_view when = line.substr(email_end + 1);
  if (when.size() < 9 || when[0] != ' ') return false;
  std::string_view zone = when.substr(when.size() - 6);
  if (zone[0] != ' ' || (zone[1] != '+' && zone[1] != '-')) return false;
  std::string_view seconds = when.substr(1, when.size() - 7);
  auto [end, error] = std::from_chars(seconds.data(), seconds.data() + seconds.size(), out.time);
  return error == std::errc() && end == seconds.data() + seconds.size() && out.time >= 0;
}

// The facts of commit `id`: from its raw text when that is regular, else as libgit2 parses it. False when
// it cannot be read or is not a commit.
bool read_commit(const Repository &repo, git_odb *odb, const git_oid &id, WalkedCommit &out) {
  git_odb_object *raw = nullptr;
  if (git_odb_read(&raw, odb, &id) < 0) return false;
  OdbObjectHandle object(raw);
  if (git_odb_object_type(raw) != GIT_OBJECT_COMMIT) return false;
  std::string_view text(static_cast<const char *>(git_odb_object_data(raw)), git_odb_object_size(raw));
  if (parse_raw_commit(text, out)) return true;
  out.parents.clear();
  git_commit *parsed = nullptr;
  if (git_commit_lookup(&parsed, repo.get(), &id) < 0) return false;
  CommitHandle commit(parsed);
  out.tree = *git_commit_tree_id(parsed);
  for (unsigned i = 0; i < git_commit_parentcount(parsed); ++i) out.parents.push_back(*git_commit_parent_id(parsed, i));
  out.time = static_cast<int64_t>(git_commit_time(parsed));
  return true;
}

// The boundary commits of a shallow clone: `git clone --depth` lists them in the repository's `shallow`
// file, one id a line, and git reads them as having no parents (their parents were never fetched).
std::unordered_set<git_oid, OidHash, OidEqual> shallow_commits(const Repository &repo) {
  std::unordered_set<git_oid, OidHash, OidEqual> out;
  std::ifstream file(std::string(git_repository_commondir(repo.get())) + "shallow");
  git_oid id;
  for (std::string line; std::getline(file, line);)
    if (parse_oid(line, id)) out.insert(id);
  return out;
}

} // namespace

LogWalk::LogWalk(const Repository &repo, const git_oid &tip) : repo_(repo), shallow_(shallow_commits(repo)) {
  check(git_repository_odb(&odb_, repo.get()), "cannot open the object database");
  odb_owner_.reset(odb_);
  queue_.push({commit(tip).time, next_order_++, tip});
  queued_.insert(tip);
}

const WalkedCommit &LogWalk::commit(const git_oid &id) {
  auto [it, fresh] = read_.try_emplace(id);
  if (!fresh) return it->second;
  WalkedCommit &out = it->second;
  out.id = id;
  if (!read_commit(repo_, odb_, id, out)) {
    read_.erase(it);
    throw EnvironmentError("cannot read commit " + hex(id) +
                           ": the repository is missing objects (run `git fsck`; a shallow clone needs its `shallow` file)");
  }
  if (shallow_.count(id)) out.parents.clear();
  return out;
}

const WalkedCommit *LogWalk::next() {
  if (queue_.empty()) return nullptr;
  git_oid id = queue_.top().id;
  queue_.pop();
  return &commit(id);
}

void LogWalk::follow(const git_oid &parent) {
  if (!queued_.insert(parent).second) return;
  queue_.push({commit(parent).time, next_order_++, parent});
}

} // namespace ssmd::git
