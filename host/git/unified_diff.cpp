#include "git/unified_diff.hpp"

#include "git/handle.hpp"

#include <algorithm>
#include <cstdio>

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

namespace {
// The patch libgit2 makes from two buffers: it knows no modes, so it writes 100644 wherever git writes one.
FilePatch buffer_patch(const std::string &path, const std::optional<std::string> &before,
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

std::string octal(unsigned mode) {
  char text[16];
  std::snprintf(text, sizeof text, "%o", mode);
  return text;
}

bool is_link(unsigned mode) { return mode == 0120000; }

// Replaces the first header line of `text` that starts with `prefix` (before the first "---" line).
void rewrite_header(std::string &text, std::string_view prefix, const std::string &line) {
  size_t pos = 0;
  while (pos < text.size() && text.compare(pos, 3, "---") != 0 && text.compare(pos, 2, "@@") != 0) {
    size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    if (text.compare(pos, prefix.size(), prefix) == 0) {
      text.replace(pos, end - pos, line);
      return;
    }
    pos = end + 1;
  }
}

// The header line at `prefix`'s position, or "".
std::string header_line(const std::string &text, std::string_view prefix) {
  for (size_t pos = 0; pos < text.size();) {
    size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    if (text.compare(pos, prefix.size(), prefix) == 0) return text.substr(pos, end - pos);
    if (text.compare(pos, 3, "---") == 0) break;
    pos = end + 1;
  }
  return "";
}
} // namespace

FilePatch make_patch(const std::string &path, const std::optional<std::string> &before,
                     const std::optional<std::string> &after, unsigned before_mode, unsigned after_mode) {
  if (before && after && is_link(before_mode) != is_link(after_mode)) {
    // A type change: git shows the old file deleted, then the new one added.
    FilePatch gone = make_patch(path, before, std::nullopt, before_mode, after_mode);
    FilePatch added = make_patch(path, std::nullopt, after, before_mode, after_mode);
    gone.text += added.text;
    gone.insertions += added.insertions;
    gone.deletions += added.deletions;
    gone.binary = gone.binary || added.binary;
    return gone;
  }
  FilePatch out = buffer_patch(path, before, after);
  const std::string diff_line = "diff --git a/" + path + " b/" + path;
  if (!before) {
    rewrite_header(out.text, "new file mode ", "new file mode " + octal(after_mode));
  } else if (!after) {
    rewrite_header(out.text, "deleted file mode ", "deleted file mode " + octal(before_mode));
  } else if (before_mode == after_mode) {
    std::string index = header_line(out.text, "index ");
    if (index.ends_with(" 100644")) rewrite_header(out.text, "index ", index.substr(0, index.size() - 6) + octal(after_mode));
  } else {
    const std::string modes = "old mode " + octal(before_mode) + "\nnew mode " + octal(after_mode);
    if (out.text.empty()) {
      out.text = diff_line + "\n" + modes + "\n"; // the bytes are the same; only the mode changed
    } else {
      std::string index = header_line(out.text, "index ");
      if (index.ends_with(" 100644")) rewrite_header(out.text, "index ", index.substr(0, index.size() - 7));
      rewrite_header(out.text, "diff --git ", diff_line + "\n" + modes);
    }
  }
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
