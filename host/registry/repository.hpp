// The files under exchanges/ as a model. Nothing is read until asked for: `feed show` parses one file,
// `validate` parses everything. Listings are sorted by name, so every output is deterministic.
//
// An Overlay holds files that are not written yet. Writing commands build the repository they are
// about to produce (the disk plus the overlay) and run the integrity rules on it before touching a byte.
//
// Every read and directory listing goes through a files::TreeReader: the working tree by default, or any
// reader given to the constructor, such as git::commit_reader() for `--at REF`. A repository read at a
// commit never touches the working tree: it uses no feed cache, no stat() and no symlink resolution.
#pragma once

#include "registry/file_read.hpp"
#include "registry/model.hpp"

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ssmd::files {
class TreeReader;
}

namespace ssmd::registry {

// Repository-relative path -> new content; nullopt means the file is deleted.
using Overlay = std::map<std::string, std::optional<std::string>>;

// Whether read-only commands may answer from .ssmd/cache/ (registry/feed_cache.hpp). Models read from the
// cache have no document (`doc` is null): writing and validating never use it.
enum class ReadCache { Skip, Use };

class Repository {
public:
  // The working tree under `root`.
  explicit Repository(std::filesystem::path root, Overlay overlay = {}, ReadCache cache = ReadCache::Skip);
  // The files `reader` shows (e.g. git::commit_reader(root, ref)); `root` is the ssmd root, kept for
  // messages and for plugins. The feed cache is never used.
  Repository(std::filesystem::path root, std::unique_ptr<files::TreeReader> reader, Overlay overlay = {});
  Repository(Repository &&) noexcept;
  ~Repository();

  const std::filesystem::path &root() const { return root_; }
  const Overlay &overlay() const { return overlay_; }
  // Whether the files come from the working tree (the first constructor), so paths under root() are
  // the files themselves.
  bool reads_working_tree() const { return working_tree_; }
  // Where the files come from, for messages: "the working tree" or "commit 1a2b3c4 (HEAD~1)".
  std::string describe() const;
  // The files as this repository shows them, the overlay included: what plugins read (schema definitions,
  // secret-backend files) and what `ssmd validate` hashes. Reads of the underlying files go through the
  // reader given to the constructor (the working tree by default).
  const files::TreeReader &files() const { return view_ ? *view_ : *reader_; }

  // "exchanges/feeds/acme.yaml" for (Feed, "acme").
  static std::string file_of(Kind kind, std::string_view name);
  // "exchanges/schemas/trade.v1.fmt" for "trade.v1.fmt".
  static std::string schema_path(std::string_view file) { return "exchanges/schemas/" + std::string(file); }

  // The stems of the .yaml files of a kind, sorted.
  const std::vector<std::string> &names(Kind kind);
  bool has(Kind kind, std::string_view name);

  // The file of that stem, loaded on first use; nullptr when there is no such file.
  LoadedFeed *feed(std::string_view name);
  LoadedSchema *schema(std::string_view name);
  LoadedEnvironment *environment(std::string_view name);

  // Loads every file of every kind.
  void load_all();
  // The loader's findings for every file loaded so far, feeds then schemas then environments, by name.
  Diagnostics load_diagnostics();

  // A repository-relative file's bytes, the overlay first; nullopt when it does not exist or cannot be read.
  std::optional<std::string> read(const std::string &relative) const;
  // The same with the reason when there are no bytes. Files on disk are read by read_repository_file()
  // (registry/file_read.hpp): links out of the repository, hard links, FIFOs and devices are refused, and so
  // are files over 16 MiB, under `too_large_rule`.
  FileRead read_file(const std::string &relative, const std::string &too_large_rule = "io/too-large") const;
  // Every regular file under exchanges/schemas/ that is not a schema's .yaml, relative to exchanges/schemas/.
  std::vector<std::string> schema_folder_files() const;

private:
  template <class T> Loaded<T> *load(Kind kind, std::string_view name);
  // A cached model for a feed file whose stat data is unchanged, taken without reading the file.
  // `identity` receives the file's identity as it was before any read (nullopt when not trustable): an entry
  // is only ever keyed by an identity taken before its bytes were read, so a write racing the read leaves
  // the entry keyed by an identity the file no longer has.
  bool load_feed_by_identity(LoadedFeed &loaded, std::optional<std::string> &identity);
  bool load_feed_from_cache(LoadedFeed &loaded, const std::optional<std::string> &identity);
  void store_feed_in_cache(const LoadedFeed &loaded, const std::optional<std::string> &identity);
  std::optional<std::string> read_feed_cache_entry(const std::string &stem);
  // The identity of a working-tree file that may stand for its bytes (registry/file_identity.hpp), when
  // its folder also resolves inside the repository; nullopt sends the caller to the full, checked read.
  std::optional<std::string> trusted_identity(const std::string &relative);
  // .ssmd/cache/feeds, created on first use; nullopt (and the cache off) when `.ssmd` may not be used.
  std::optional<std::filesystem::path> feed_cache_dir();
  std::filesystem::path root_;
  // root_ with its links resolved, once: every working-tree read checks that the file stays inside it.
  std::optional<std::filesystem::path> real_root_;
  std::optional<std::filesystem::path> feed_cache_dir_; // .ssmd/cache/feeds, created on first use
  std::map<std::string, bool> folder_inside_;             // folder -> resolves inside real_root_
  std::unique_ptr<files::TreeReader> reader_;
  std::unique_ptr<files::TreeReader> view_; // reader_ with the overlay on top; null without an overlay
  bool working_tree_ = true;
  Overlay overlay_;
  ReadCache cache_;
  std::map<Kind, std::vector<std::string>> names_;
  std::map<std::string, std::unique_ptr<LoadedFeed>, std::less<>> feeds_;
  std::map<std::string, std::unique_ptr<LoadedSchema>, std::less<>> schemas_;
  std::map<std::string, std::unique_ptr<LoadedEnvironment>, std::less<>> environments_;
};

} // namespace ssmd::registry
