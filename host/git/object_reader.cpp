#include "git/object_reader.hpp"

#include "core/errors.hpp"
#include "core/file_size_limit.hpp"

namespace ssmd::git {

namespace {
TreeEntryHandle lookup_entry(const git_tree *tree, std::string_view path) {
  if (!tree || path.empty()) return nullptr;
  git_tree_entry *entry = nullptr;
  std::string p(path);
  int rc = git_tree_entry_bypath(&entry, tree, p.c_str());
  if (rc == GIT_ENOTFOUND) return nullptr;
  check(rc, "cannot look up " + p);
  return TreeEntryHandle(entry);
}

} // namespace

TreeHandle subtree(const Repository &repo, const git_tree *tree, std::string_view dir) {
  auto id = subtree_id(tree, dir);
  if (!id) return nullptr;
  git_tree *out = nullptr;
  check(git_tree_lookup(&out, repo.get(), &*id), "cannot read directory " + std::string(dir));
  return TreeHandle(out);
}

CommitHandle resolve_commit(const Repository &repo, std::string_view ref) {
  std::string spec(ref);
  git_object *object = nullptr;
  int rc = git_revparse_single(&object, repo.get(), spec.c_str());
  if (rc == GIT_ENOTFOUND || rc == GIT_EINVALIDSPEC || rc == GIT_EAMBIGUOUS)
    throw DomainError("unknown revision '" + spec + "'" + (rc == GIT_EAMBIGUOUS ? " (ambiguous)" : "") +
                      ": name a commit, branch or tag");
  check(rc, "cannot resolve revision '" + spec + "'");
  ObjectHandle owned(object);
  git_object *peeled = nullptr;
  if (git_object_peel(&peeled, object, GIT_OBJECT_COMMIT) < 0)
    throw DomainError("revision '" + spec + "' does not name a commit");
  return CommitHandle(reinterpret_cast<git_commit *>(peeled));
}

TreeHandle commit_tree(const git_commit *commit) {
  git_tree *tree = nullptr;
  check(git_commit_tree(&tree, commit), "cannot read the tree of commit " + hex(*git_commit_id(commit)));
  return TreeHandle(tree);
}

TreeHandle resolve_tree(const Repository &repo, std::string_view ref) {
  return commit_tree(resolve_commit(repo, ref).get());
}

std::optional<BlobEntry> blob_entry(const git_tree *tree, std::string_view path) {
  TreeEntryHandle entry = lookup_entry(tree, path);
  if (!entry || git_tree_entry_type(entry.get()) != GIT_OBJECT_BLOB) return std::nullopt;
  return BlobEntry{*git_tree_entry_id(entry.get()), git_tree_entry_filemode(entry.get())};
}

std::optional<git_oid> blob_id(const git_tree *tree, std::string_view path) {
  auto entry = blob_entry(tree, path);
  if (!entry) return std::nullopt;
  return entry->id;
}

std::optional<git_oid> subtree_id(const git_tree *tree, std::string_view dir) {
  if (!tree) return std::nullopt;
  while (dir.ends_with('/')) dir.remove_suffix(1);
  if (dir.empty()) return *git_tree_id(tree);
  TreeEntryHandle entry = lookup_entry(tree, dir);
  if (!entry || git_tree_entry_type(entry.get()) != GIT_OBJECT_TREE) return std::nullopt;
  return *git_tree_entry_id(entry.get());
}

uint64_t blob_size(const Repository &repo, const git_oid &id) {
  git_odb *raw = nullptr;
  check(git_repository_odb(&raw, repo.get()), "cannot open the object database");
  OdbHandle odb(raw);
  size_t size = 0;
  git_object_t type = GIT_OBJECT_INVALID;
  check(git_odb_read_header(&size, &type, raw, &id), "cannot read blob " + hex(id));
  return size;
}

std::string read_blob(const Repository &repo, const git_oid &id, const std::string &what) {
  const std::string name = what.empty() ? "blob " + hex(id) : what;
  if (uint64_t size = blob_size(repo, id); size > kMaxRepositoryFileBytes) throw FileTooLarge(name, size);
  git_blob *blob = nullptr;
  check(git_blob_lookup(&blob, repo.get(), &id), "cannot read " + name);
  BlobHandle owned(blob);
  const char *data = static_cast<const char *>(git_blob_rawcontent(blob));
  return std::string(data, static_cast<size_t>(git_blob_rawsize(blob)));
}

std::optional<std::string> read_blob(const Repository &repo, const git_tree *tree, std::string_view path) {
  TreeEntryHandle entry = lookup_entry(tree, path);
  // Symbolic links are blobs too, but their "content" is a target path, not the file's bytes.
  if (!entry || git_tree_entry_type(entry.get()) != GIT_OBJECT_BLOB ||
      git_tree_entry_filemode(entry.get()) == GIT_FILEMODE_LINK)
    return std::nullopt;
  return read_blob(repo, *git_tree_entry_id(entry.get()), std::string(path));
}

std::optional<std::string> read_file_at(const Repository &repo, std::string_view ref, std::string_view path) {
  TreeHandle tree = resolve_tree(repo, ref);
  return read_blob(repo, tree.get(), path);
}

std::vector<TreeItem> list_tree(const Repository &repo, const git_tree *tree, std::string_view dir) {
  std::vector<TreeItem> items;
  TreeHandle sub = subtree(repo, tree, dir);
  if (!sub) return items;
  size_t count = git_tree_entrycount(sub.get());
  for (size_t i = 0; i < count; ++i) {
    const git_tree_entry *entry = git_tree_entry_byindex(sub.get(), i);
    git_filemode_t mode = git_tree_entry_filemode(entry);
    if (mode == GIT_FILEMODE_COMMIT || mode == GIT_FILEMODE_LINK) continue;
    items.push_back({git_tree_entry_name(entry), mode == GIT_FILEMODE_TREE});
  }
  return items;
}

std::vector<TreeItem> list_directory_at(const Repository &repo, std::string_view ref, std::string_view dir) {
  TreeHandle tree = resolve_tree(repo, ref);
  return list_tree(repo, tree.get(), dir);
}

} // namespace ssmd::git
