#include "git/file_history.hpp"

#include "files/tree_reader.hpp"
#include "git/history.hpp"
#include "git/object_reader.hpp"
#include "git/workspace.hpp"

#include <exception>

namespace ssmd::git {

FileHistory::FileHistory(std::filesystem::path ssmd_root) : root_(std::move(ssmd_root)) {
  table_.ctx = this;
  table_.walk = &FileHistory::walk;
}

FileHistory::~FileHistory() = default;

Workspace *FileHistory::workspace() {
  if (!opened_) {
    opened_ = true;
    try {
      workspace_ = std::make_unique<Workspace>(Workspace::open(root_));
    } catch (const std::exception &) {
      workspace_.reset(); // not in git (or git cannot be loaded): there is no history to offer
    }
  }
  return workspace_.get();
}

bool FileHistory::in_git() {
  Workspace *ws = workspace();
  try {
    return ws && !ws->repo().head_unborn();
  } catch (const std::exception &) {
    return false;
  }
}

ssmd_status FileHistory::walk(void *ctx, ssmd_str path, int (*visit)(void *, const ssmd_file_version *),
                              void *visit_ctx) noexcept {
  auto *self = static_cast<FileHistory *>(ctx);
  try {
    auto relative = files::normalize_relative_path(path.data ? std::string_view(path.data, path.size) : std::string_view());
    if (!relative || relative->empty()) return SSMD_FAILED;
    Workspace *ws = self->workspace();
    if (!ws) return SSMD_ENV_ERROR;
    HistoryFilter filter;
    filter.files = {ws->to_git(*relative)};
    walk_path_history(ws->repo(), filter, [&](HistoryEntry &&entry) {
      const std::optional<git_oid> &after = entry.files.front().after;
      // read_blob() refuses a version over kMaxRepositoryFileBytes from its object header, before inflating
      // it: the walk ends there with SSMD_ENV_ERROR, and the versions already visited stand.
      const std::string content = after ? read_blob(ws->repo(), *after, ws->to_git(*relative)) : std::string();
      const std::string id = hex(entry.id);
      ssmd_file_version version{};
      version.struct_size = sizeof(version);
      version.time = entry.time;
      version.commit = ssmd_str{id.data(), id.size()};
      version.present = after ? 1 : 0;
      version.content = ssmd_str{content.data(), content.size()};
      return visit(visit_ctx, &version) == 0;
    });
    return SSMD_OK;
  } catch (const std::exception &) {
    return SSMD_ENV_ERROR;
  }
}

} // namespace ssmd::git
