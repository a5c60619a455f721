#include "git/pending_changes.hpp"

#include "core/errors.hpp"
#include "core/file_size_limit.hpp"
#include "git/object_reader.hpp"
#include "git/semantic_diff.hpp"

#include <algorithm>
#include <fstream>
#include <sys/stat.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace ssmd::git {

std::string_view status_name(ChangeStatus status) {
  switch (status) {
  case ChangeStatus::Added: return "added";
  case ChangeStatus::Modified: return "modified";
  case ChangeStatus::Deleted: return "deleted";
  }
  return "modified";
}

namespace {

// The git paths `git status` would list under the metadata pathspecs (staged, unstaged or untracked).
std::vector<std::pair<std::string, unsigned>> status_paths(const Workspace &ws) {
  std::vector<std::string> specs = ws.metadata_pathspecs();
  std::vector<char *> spec_ptrs;
  for (auto &s : specs) spec_ptrs.push_back(s.data());

  git_status_options options;
  git_status_options_init(&options, GIT_STATUS_OPTIONS_VERSION);
  options.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
  // Literal pathspecs: a directory named with glob characters must not match more than itself.
  options.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS |
                  GIT_STATUS_OPT_EXCLUDE_SUBMODULES | GIT_STATUS_OPT_DISABLE_PATHSPEC_MATCH |
                  GIT_STATUS_OPT_SORT_CASE_SENSITIVELY;
  options.pathspec = {spec_ptrs.data(), spec_ptrs.size()};

  git_status_list *raw = nullptr;
  check(git_status_list_new(&raw, ws.repo().get(), &options), "cannot read the status of the work tree");
  StatusListHandle list(raw);
  std::vector<std::pair<std::string, unsigned>> out;
  size_t count = git_status_list_entrycount(raw);
  for (size_t i = 0; i < count; ++i) {
    const git_status_entry *entry = git_status_byindex(raw, i);
    const git_diff_delta *delta = entry->head_to_index ? entry->head_to_index : entry->index_to_workdir;
    if (!delta) continue;
    const char *path = delta->new_file.path ? delta->new_file.path : delta->old_file.path;
    // The pathspec already selects metadata; the check guards against a spec matching a longer name.
    if (path && ws.is_metadata(path)) out.emplace_back(path, entry->status);
  }
  return out;
}

std::string read_whole_file(const fs::path &path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw EnvironmentError("cannot read " + path.string());
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) throw EnvironmentError("cannot read " + path.string());
  return bytes;
}

// The working tree's version of `git_path`: its bytes, mode and blob id (with git's filters applied, so
// the id compares with HEAD's). Nullopt when the file is gone or is no longer a file. A file over the size
// limit is not read (`bytes` stays empty, `too_large` holds its size) and is hashed without filters, as
// filters would load it whole.
struct WorkFile {
  std::string bytes;
  git_filemode_t mode;
  git_oid id;
  std::optional<uint64_t> too_large;
};

std::optional<WorkFile> read_work_file(const Workspace &ws, const std::string &git_path) {
  fs::path full = ws.repo().workdir() / git_path;
  struct stat st {};
  if (::lstat(full.c_str(), &st) != 0) return std::nullopt;
  WorkFile file;
  if (S_ISLNK(st.st_mode)) {
    std::error_code ec;
    file.bytes = fs::read_symlink(full, ec).string();
    if (ec) throw EnvironmentError("cannot read the link " + full.string() + ": " + ec.message());
    file.mode = GIT_FILEMODE_LINK;
    check(git_odb_hash(&file.id, file.bytes.data(), file.bytes.size(), GIT_OBJECT_BLOB), "cannot hash " + git_path);
    return file;
  }
  if (!S_ISREG(st.st_mode)) return std::nullopt;
  file.mode = (st.st_mode & S_IXUSR) ? GIT_FILEMODE_BLOB_EXECUTABLE : GIT_FILEMODE_BLOB;
  if (static_cast<uint64_t>(st.st_size) > kMaxRepositoryFileBytes) {
    file.too_large = static_cast<uint64_t>(st.st_size);
    check(git_odb_hashfile(&file.id, full.c_str(), GIT_OBJECT_BLOB), "cannot hash " + git_path);
    return file;
  }
  file.bytes = read_whole_file(full);
  check(git_repository_hashfile(&file.id, ws.repo().get(), full.c_str(), GIT_OBJECT_BLOB, git_path.c_str()),
        "cannot hash " + git_path);
  return file;
}

} // namespace

std::vector<PendingChange> pending_changes(const Workspace &ws) {
  TreeHandle head = ws.repo().head_tree();
  std::vector<PendingChange> changes;
  for (const auto &[path, flags] : status_paths(ws)) {
    std::optional<BlobEntry> head_entry = blob_entry(head.get(), path);
    std::optional<WorkFile> work = read_work_file(ws, path);
    if (!head_entry && !work) continue; // staged as new, then removed from the working tree
    // Staged, then undone; or only the executable bit changed, which ssmd does not count. A file that became
    // a symbolic link (or the reverse) is a change even when the bytes agree.
    if (head_entry && work && git_oid_equal(&head_entry->id, &work->id) &&
        (head_entry->mode == GIT_FILEMODE_LINK) == (work->mode == GIT_FILEMODE_LINK))
      continue;
    PendingChange change;
    change.path = path;
    change.untracked = (flags & GIT_STATUS_WT_NEW) != 0;
    if (head_entry) {
      change.before_mode = head_entry->mode;
      // The size comes from the object's header, so a huge blob in HEAD is never inflated.
      if (uint64_t size = blob_size(ws.repo(), head_entry->id); size > kMaxRepositoryFileBytes) {
        change.before = std::string();
        change.before_too_large = size;
      } else {
        change.before = read_blob(ws.repo(), head_entry->id, path);
      }
    }
    if (work) {
      change.after = std::move(work->bytes);
      change.mode = work->mode;
      change.after_id = work->id;
      change.after_too_large = work->too_large;
    }
    change.status = !head_entry ? ChangeStatus::Added : !work ? ChangeStatus::Deleted : ChangeStatus::Modified;
    changes.push_back(std::move(change));
  }
  std::sort(changes.begin(), changes.end(), [](const auto &a, const auto &b) { return a.path < b.path; });
  return changes;
}

std::optional<std::string> too_large_reason(const PendingChange &change) {
  if (change.before_too_large) return "not read: " + too_large_problem(*change.before_too_large) + " (in HEAD)";
  if (change.after_too_large) return "not read: " + too_large_problem(*change.after_too_large) + " (in the working tree)";
  return std::nullopt;
}

std::vector<std::string> summarize_pending(const std::string &path, const PendingChange &change) {
  if (auto reason = too_large_reason(change)) return {path + ": " + *reason};
  return summarize_change(path, change.before, change.after);
}

} // namespace ssmd::git
