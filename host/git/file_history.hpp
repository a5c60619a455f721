// The git history of single repository files, offered to secret backends as an `ssmd_file_history`
// (sdk/include/ssmd/plugin.h, ABI 1.3): which commits changed a file, newest first, and the file as each left
// it. A backend that keeps encrypted values in the repository reads from it when a field's ciphertext last
// changed, to tell the age of the value.
#pragma once

#include <ssmd/plugin.h>

#include <filesystem>
#include <memory>

namespace ssmd::git {

class Workspace;

class FileHistory {
public:
  // The history of the git work tree around `ssmd_root`, opened on the first walk. A root outside git makes
  // every walk answer SSMD_ENV_ERROR; call in_git() first to offer no history at all.
  explicit FileHistory(std::filesystem::path ssmd_root);
  ~FileHistory();
  FileHistory(const FileHistory &) = delete;
  FileHistory &operator=(const FileHistory &) = delete;

  // True when the ssmd root lies inside a git work tree with a HEAD commit.
  bool in_git();
  // The C view; `this` must outlive every use of it.
  const ssmd_file_history *table() const { return &table_; }

private:
  static ssmd_status walk(void *ctx, ssmd_str path, int (*visit)(void *, const ssmd_file_version *),
                          void *visit_ctx) noexcept;
  Workspace *workspace(); // null when the root is not in git

  std::filesystem::path root_;
  bool opened_ = false;
  std::unique_ptr<Workspace> workspace_;
  ssmd_file_history table_{};
};

} // namespace ssmd::git
