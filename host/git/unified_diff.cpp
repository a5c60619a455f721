#include "git/unified_diff.hpp"

#include "git/handle.hpp"

#include <algorithm>

namespace ssmd::git {

namespace {
constexpr const char *kReset = "\033[m";
constexpr const char *kBold = "\033[1m";
constexpr const char *kCyan = "\033[36m";
constexpr const char *kGreen = "\033[32m";
constexpr const char *kRed = "\033[31m";
constexpr size_t kBarWidth = 50;

std::string plural(size_t n, const char *one, const char *many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}
} // namespace

FilePatch make_patch(const std::string &path, const std::optional<std::string> &before,
                     const std::optional<std::string> &after) {
  ensure_libgit2();
  git_patch *raw = nullptr;
  // A null buffer stands for a missing file, which gives git's "new file mode" and "deleted file mode".
  check(git_patch_from_buffers(&raw, before ? before->data() : nullptr, before ? before->size() : 0, path.c_str(),
                               after ? after->data() : nullptr, after ? after->size() : 0, path.c_str(), nullptr),
        "cannot diff " + path);
  PatchHandle patch(raw);
  FilePatch out;
  out.path = path;
  Buffer buf;
  check(git_patch_to_buf(&buf.buf, raw), "cannot format the diff of " + path);
  out.text = buf.str();
  out.binary = (git_patch_get_delta(raw)->flags & GIT_DIFF_FLAG_BINARY) != 0;
  size_t context = 0;
  check(git_patch_line_stats(&context, &out.insertions, &out.deletions, raw), "cannot count the lines of " + path);
  return out;
}

void write_patch(std::ostream &out, const FilePatch &patch, bool color) {
  if (!color) {
    out << patch.text;
    return;
  }
  bool in_hunks = false;
  size_t pos = 0;
  while (pos < patch.text.size()) {
    size_t end = patch.text.find('\n', pos);
    if (end == std::string::npos) end = patch.text.size();
    std::string_view line(patch.text.data() + pos, end - pos);
    const char *paint = nullptr;
    if (line.starts_with("@@")) {
      in_hunks = true;
      paint = kCyan;
    } else if (!in_hunks) {
      paint = kBold;
    } else if (line.starts_with("+")) {
      paint = kGreen;
    } else if (line.starts_with("-")) {
      paint = kRed;
    }
    if (paint) out << paint << line << kReset;
    else out << line;
    if (end < patch.text.size()) out << '\n';
    pos = end + 1;
  }
}

void write_stat(std::ostream &out, const std::vector<FilePatch> &patches, bool color) {
  size_t name_width = 0, max_changes = 0, insertions = 0, deletions = 0;
  for (const auto &p : patches) {
    name_width = std::max(name_width, p.path.size());
    max_changes = std::max(max_changes, p.insertions + p.deletions);
    insertions += p.insertions;
    deletions += p.deletions;
  }
  size_t count_width = std::to_string(max_changes).size();
  for (const auto &p : patches) {
    out << ' ' << p.path << std::string(name_width - p.path.size(), ' ') << " | ";
    if (p.binary) {
      out << "Bin\n";
      continue;
    }
    size_t changes = p.insertions + p.deletions;
    std::string count = std::to_string(changes);
    out << std::string(count_width - count.size(), ' ') << count;
    // Scale the bar so the largest change fills it, keeping at least one mark for any nonzero count.
    size_t plus = p.insertions, minus = p.deletions;
    if (max_changes > kBarWidth) {
      plus = plus ? std::max<size_t>(1, plus * kBarWidth / max_changes) : 0;
      minus = minus ? std::max<size_t>(1, minus * kBarWidth / max_changes) : 0;
    }
    if (plus + minus) out << ' ';
    if (plus) out << (color ? kGreen : "") << std::string(plus, '+') << (color ? kReset : "");
    if (minus) out << (color ? kRed : "") << std::string(minus, '-') << (color ? kReset : "");
    out << '\n';
  }
  out << ' ' << plural(patches.size(), "file changed", "files changed");
  if (insertions) out << ", " << plural(insertions, "insertion(+)", "insertions(+)");
  if (deletions) out << ", " << plural(deletions, "deletion(-)", "deletions(-)");
  out << '\n';
}

} // namespace ssmd::git
