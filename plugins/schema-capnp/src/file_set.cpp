#include "file_set.hpp"

#include "lexer.hpp"
#include "rules.hpp"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <system_error>

namespace ssmd::capnp_schema {

namespace {
// Bounds on one compilation, so an import graph cannot make a check slow or huge.
constexpr size_t k_max_files = 512;
constexpr size_t k_max_total_bytes = 64 * 1024 * 1024;

std::string_view directory_of(std::string_view path) {
  size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? std::string_view() : path.substr(0, slash);
}

// Whether the normalized `path` lies under directory `dir` ("" is the whole repository).
bool inside(std::string_view path, std::string_view dir) {
  return dir.empty() || (path.size() > dir.size() && path.starts_with(dir) && path[dir.size()] == '/');
}
} // namespace

std::optional<std::string> normalize_path(std::string_view base, std::string_view relative) {
  std::vector<std::string_view> parts;
  auto push = [&parts](std::string_view path) {
    while (!path.empty()) {
      size_t slash = path.find('/');
      std::string_view part = path.substr(0, slash);
      path = slash == std::string_view::npos ? std::string_view() : path.substr(slash + 1);
      if (part.empty() || part == ".") continue;
      if (part == "..") {
        if (parts.empty()) return false;
        parts.pop_back();
      } else {
        parts.push_back(part);
      }
    }
    return true;
  };
  if (!push(base) || !push(relative) || parts.empty()) return std::nullopt;
  std::string out;
  for (auto part : parts) {
    if (!out.empty()) out += '/';
    out += part;
  }
  return out;
}

std::optional<std::string> FileSet::read(const FileKey &key) const {
  if (key.origin == Origin::Repository) return repository_.read(key.path);
  std::filesystem::path path = std::filesystem::path(key.root) / key.path;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return std::nullopt;
  auto size = std::filesystem::file_size(path, ec);
  if (ec) return std::nullopt;
  if (size > k_max_file_bytes) return std::string(k_max_file_bytes + 1, ' '); // the guard reports the size
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

const std::string *FileSet::load(const FileKey &key, GuardFailure *failure) {
  auto it = cache_.find(key);
  if (it == cache_.end()) {
    Entry entry;
    if (cache_.size() >= k_max_files || total_bytes_ > k_max_total_bytes) {
      entry.failure = {rule::too_large,
                       "is one file too many: a schema may read at most " + std::to_string(k_max_files) +
                           " files and " + std::to_string(k_max_total_bytes) + " bytes",
                       {}};
    } else if (auto content = read(key)) {
      if (auto bad = guard_schema_text(*content)) {
        entry.failure = std::move(*bad);
      } else if (auto chain = add_to_chains(key, *content)) {
        entry.failure = std::move(*chain);
      } else {
        total_bytes_ += content->size();
        entry.content = std::move(content);
      }
    } else {
      entry.failure = {rule::unreadable, "does not exist", {}};
    }
    it = cache_.emplace(key, std::move(entry)).first;
  }
  if (!it->second.content && failure) *failure = it->second.failure;
  return it->second.content ? &*it->second.content : nullptr;
}

std::optional<GuardFailure> FileSet::add_to_chains(const FileKey &key, const std::string &content) {
  chains_.add_file(key.display(), content);
  if (!chains_checked_) return std::nullopt;
  DeclarationChains::Chain chain = chains_.longest();
  if (chain.length <= k_max_chain) return std::nullopt;
  chains_.remove_last_file();
  return GuardFailure{rule::chain_too_long,
                      "would make a chain of " + std::to_string(chain.length) + " declarations, each needing the next "
                      "(from `" + chain.first + "` in " + chain.file + "); at most " + std::to_string(k_max_chain) +
                      " are allowed",
                      {}};
}

std::optional<DeclarationChains::Chain> FileSet::long_chain(const FileKey &main) {
  // Every file the compilation can reach, found as the compiler will find it: through `import "path"`.
  std::vector<FileKey> queue{main};
  std::set<FileKey> seen{main};
  for (size_t next = 0; next < queue.size(); ++next) {
    const std::string *text = load(queue[next]);
    if (!text) continue;
    Lexer lexer(*text);
    bool after_import = false;
    for (Token t = lexer.next(); t.kind != Token::Kind::End; t = lexer.next()) {
      if (after_import && t.kind == Token::Kind::String && t.text.size() >= 2) {
        std::string reason;
        auto target = resolve(queue[next], t.text.substr(1, t.text.size() - 2), reason);
        if (target && seen.insert(*target).second) queue.push_back(*target);
      }
      after_import = t.is_word("import");
    }
  }
  chains_checked_ = true;
  DeclarationChains::Chain chain = chains_.longest();
  if (chain.length <= k_max_chain) return std::nullopt;
  return chain;
}

FileKey main_file_key(const std::string &path) {
  return FileKey{Origin::Repository, "", path, inside(path, k_schema_dir) ? std::string(k_schema_dir) : std::string()};
}

std::optional<FileKey> FileSet::resolve(const FileKey &importer, std::string_view import_path, std::string &reason) {
  GuardFailure failure;
  if (!import_path.starts_with('/')) {
    // Checked lexically before anything is read: a path that leaves its scope is never looked at.
    auto path = normalize_path(directory_of(importer.path), import_path);
    const std::string &scope = importer.scope;
    if (path && !inside(*path, scope)) path.reset();
    if (!path) {
      reason = importer.origin == Origin::Disk ? "the path climbs out of import directory " + importer.root
               : scope.empty()                 ? "the path climbs out of the repository"
                                               : "the path climbs out of " + scope;
      return std::nullopt;
    }
    FileKey key{importer.origin, importer.root, *path, scope};
    if (load(key, &failure)) return key;
    reason = key.display() + " " + failure.reason;
    return std::nullopt;
  }
  auto path = normalize_path("", import_path.substr(1));
  if (!path) {
    reason = "the path climbs out of every import directory";
    return std::nullopt;
  }
  std::string searched;
  for (const auto &dir : import_dirs_) {
    FileKey key = dir.origin == Origin::Repository
                      ? FileKey{Origin::Repository, "", dir.dir.empty() ? *path : dir.dir + "/" + *path, dir.dir}
                      : FileKey{Origin::Disk, dir.dir, *path, ""};
    if (load(key, &failure)) return key;
    if (failure.rule != rule::unreadable) {
      reason = key.display() + " " + failure.reason;
      return std::nullopt;
    }
    std::string where = dir.origin == Origin::Disk ? dir.dir : dir.dir.empty() ? "the repository root" : dir.dir;
    searched += (searched.empty() ? "" : ", ") + where;
  }
  reason = "not found in the import paths (" + searched + ")";
  return std::nullopt;
}

} // namespace ssmd::capnp_schema
