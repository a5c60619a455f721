#include "registry/repository.hpp"

#include "core/state_dir.hpp"

#include "core/atomic_file.hpp"
#include "core/errors.hpp"
#include "core/file_size_limit.hpp"
#include "core/local_secret.hpp"
#include "core/printable.hpp"
#include "files/tree_reader.hpp"
#include "registry/feed_cache.hpp"
#include "registry/file_errors.hpp"
#include "registry/file_identity.hpp"
#include "registry/loaders.hpp"
#include "registry/overlay_reader.hpp"
#include "registry/sha256.hpp"

#include <algorithm>
#include <cerrno>
#include <fcntl.h>
#include <set>
#include <sys/stat.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace ssmd::registry {

Repository::Repository(fs::path root, Overlay overlay, ReadCache cache)
    : root_(std::move(root)), reader_(files::working_tree_reader(root_)), overlay_(std::move(overlay)), cache_(cache) {
  if (!overlay_.empty()) view_ = overlay_reader(*reader_, overlay_);
  std::error_code ec;
  fs::path real = fs::weakly_canonical(root_, ec);
  if (!ec) real_root_ = std::move(real);
}

Repository::Repository(fs::path root, std::unique_ptr<files::TreeReader> reader, Overlay overlay)
    : root_(std::move(root)), reader_(std::move(reader)), working_tree_(false), overlay_(std::move(overlay)),
      cache_(ReadCache::Skip) {
  if (!overlay_.empty()) view_ = overlay_reader(*reader_, overlay_);
}
Repository::Repository(Repository &&) noexcept = default;
Repository::~Repository() = default;

std::string Repository::describe() const { return reader_->describe(); }

std::string Repository::file_of(Kind kind, std::string_view name) {
  return std::string("exchanges/") + folder_of(kind) + "/" + std::string(name) + ".yaml";
}

const std::vector<std::string> &Repository::names(Kind kind) {
  auto it = names_.find(kind);
  if (it != names_.end()) return it->second;
  std::set<std::string> stems;
  std::string folder = std::string("exchanges/") + folder_of(kind) + "/";
  if (working_tree_) {
    std::error_code ec;
    for (fs::directory_iterator d(root_ / folder, ec), end; !ec && d != end; d.increment(ec)) {
      const fs::path &p = d->path();
      // Anything but a directory is listed, so a FIFO or a dangling link is refused by the loader with a
      // reason instead of being silently left out.
      if (p.extension() == ".yaml" && !d->is_directory(ec)) stems.insert(p.stem().string());
    }
  } else {
    for (const auto &path : reader_->list_files(folder)) {
      std::string_view file = std::string_view(path).substr(folder.size());
      if (file.size() > 5 && file.ends_with(".yaml")) stems.emplace(file.substr(0, file.size() - 5));
    }
  }
  for (const auto &[path, content] : overlay_) {
    if (!path.starts_with(folder) || !path.ends_with(".yaml")) continue;
    std::string stem = path.substr(folder.size(), path.size() - folder.size() - 5);
    if (stem.find('/') != std::string::npos) continue;
    if (content) stems.insert(stem);
    else stems.erase(stem);
  }
  return names_[kind] = std::vector<std::string>(stems.begin(), stems.end());
}

bool Repository::has(Kind kind, std::string_view name) {
  const auto &all = names(kind);
  return std::binary_search(all.begin(), all.end(), name);
}

std::optional<std::string> Repository::read(const std::string &relative) const { return read_file(relative).text; }

FileRead Repository::read_file(const std::string &relative, const std::string &too_large_rule) const {
  if (auto it = overlay_.find(relative); it != overlay_.end()) {
    if (it->second) return FileRead{it->second, {}, {}};
    return FileRead{std::nullopt, "io/read", "cannot read file: not found", true};
  }
  const uint64_t limit = kMaxRepositoryFileBytes;
  if (working_tree_) return read_repository_file(root_, relative, limit, too_large_rule, real_root_ ? &*real_root_ : nullptr);
  // A commit's blobs cannot be links out of the repository, FIFOs or devices; only their size needs a bound,
  // and the reader checks it from the blob's header before inflating it.
  try {
    auto text = reader_->read(relative);
    if (!text) return FileRead{std::nullopt, "io/read", "cannot read file: not found in " + describe(), true};
    return FileRead{std::move(text), {}, {}};
  } catch (const FileTooLarge &e) {
    return FileRead{std::nullopt, too_large_rule, too_large_problem(e.size, e.limit) + " (in " + describe() + ")"};
  } catch (const EnvironmentError &e) {
    return FileRead{std::nullopt, "io/read", std::string("cannot read file: ") + e.what()};
  }
}

namespace {
std::optional<Feed> load_model(const yaml::Document &doc, Diagnostics &out, Feed *) { return load_feed(doc, out); }
std::optional<Schema> load_model(const yaml::Document &doc, Diagnostics &out, Schema *) { return load_schema(doc, out); }
std::optional<Environment> load_model(const yaml::Document &doc, Diagnostics &out, Environment *) {
  return load_environment(doc, out);
}
} // namespace

template <class T> Loaded<T> *Repository::load(Kind kind, std::string_view name) {
  if (!has(kind, name)) return nullptr;
  auto loaded = std::make_unique<Loaded<T>>();
  loaded->stem = std::string(name);
  loaded->file = file_of(kind, name);
  yaml::ParseLimits limits;
  bool on_disk = working_tree_ && !overlay_.count(loaded->file);
  std::optional<std::string> identity;
  if constexpr (std::is_same_v<T, Feed>) {
    if (cache_ == ReadCache::Use && on_disk && !has_control_character(name) && load_feed_by_identity(*loaded, identity)) {
      Loaded<T> *out = loaded.get();
      feeds_.emplace(std::string(name), std::move(loaded));
      return out;
    }
  }
  // Oversized files are refused unread (the parser checks overlay text itself), and so are unsafe ones.
  FileRead file = has_control_character(name)
                      ? FileRead{std::nullopt, "io/file-name",
                                 "file name holds a control character (a newline, tab or escape); rename the file"}
                      : read_file(loaded->file, "yaml/too-large");
  if (file.text) {
    loaded->text = std::move(*file.text);
    if constexpr (std::is_same_v<T, Feed>) {
      if (cache_ == ReadCache::Use && on_disk && load_feed_from_cache(*loaded, identity)) {
        Loaded<T> *out = loaded.get();
        feeds_.emplace(std::string(name), std::move(loaded));
        return out;
      }
    }
    loaded->doc = yaml::Document::parse(loaded->file, loaded->text, loaded->diagnostics, limits);
    if (loaded->doc) loaded->model = load_model(*loaded->doc, loaded->diagnostics, static_cast<T *>(nullptr));
    // Only files the core rules pass are cached: a cached model has no document to run those rules on,
    // and commands that show feeds leave out files that fail them (registry/file_errors.hpp).
    if constexpr (std::is_same_v<T, Feed>)
      if (cache_ == ReadCache::Use && on_disk && loaded->model && feed_errors(*loaded).empty())
        store_feed_in_cache(*loaded, identity);
  } else {
    // The whole file is refused, so the finding points at its start.
    loaded->diagnostics.push_back(Diagnostic{loaded->file, 1, 1, Severity::Error, file.rule, file.problem});
  }
  Loaded<T> *out = loaded.get();
  if constexpr (std::is_same_v<T, Feed>) feeds_.emplace(std::string(name), std::move(loaded));
  else if constexpr (std::is_same_v<T, Schema>) schemas_.emplace(std::string(name), std::move(loaded));
  else environments_.emplace(std::string(name), std::move(loaded));
  return out;
}

LoadedFeed *Repository::feed(std::string_view name) {
  if (auto it = feeds_.find(name); it != feeds_.end()) return it->second.get();
  return load<Feed>(Kind::Feed, name);
}

LoadedSchema *Repository::schema(std::string_view name) {
  if (auto it = schemas_.find(name); it != schemas_.end()) return it->second.get();
  return load<Schema>(Kind::Schema, name);
}

LoadedEnvironment *Repository::environment(std::string_view name) {
  if (auto it = environments_.find(name); it != environments_.end()) return it->second.get();
  return load<Environment>(Kind::Environment, name);
}

std::optional<fs::path> Repository::feed_cache_dir() {
  if (!feed_cache_dir_ && cache_ == ReadCache::Use) {
    try {
      feed_cache_dir_ = state_dir(root_, "cache/feeds");
    } catch (const EnvironmentError &) {
      // `.ssmd` is a link or a file (core/state_dir.hpp): answer without the cache rather than use it.
      cache_ = ReadCache::Skip;
    }
  }
  return feed_cache_dir_;
}

// An entry's key is "<keyed digest of the name and bytes>|<keyed digest of the file identity>", the identity
// empty when the file could not be trusted by its metadata when the entry was written. Both parts are keyed
// with the user's secret (core/local_secret.hpp): a clone can commit `.ssmd/cache/feeds/*.bin`, and an
// entry it planted must never match.
namespace {
std::string content_key(const std::string &stem, const std::string &text) {
  return keyed_digest(stem + '\0' + sha256_tag(text));
}
std::string identity_key(const std::optional<std::string> &identity) {
  return identity ? keyed_digest("identity\0" + *identity) : std::string();
}
std::string_view hash_part(std::string_view key) { return key.substr(0, key.find('|')); }
std::string_view identity_part(std::string_view key) {
  size_t bar = key.find('|');
  return bar == std::string_view::npos ? std::string_view() : key.substr(bar + 1);
}
} // namespace

std::optional<std::string> Repository::trusted_identity(const std::string &relative) {
  if (!real_root_) return std::nullopt;
  const std::string folder = fs::path(relative).parent_path().string();
  auto [it, added] = folder_inside_.try_emplace(folder, false);
  if (added) {
    std::error_code ec;
    fs::path inside = fs::weakly_canonical(root_ / folder, ec).lexically_relative(*real_root_);
    it->second = !ec && !inside.empty() && *inside.begin() != "..";
  }
  if (!it->second) return std::nullopt;
  return stable_file_identity(root_ / relative, kMaxRepositoryFileBytes);
}

std::optional<std::string> Repository::read_feed_cache_entry(const std::string &stem) {
  auto dir = feed_cache_dir();
  if (!dir) return std::nullopt;
  const fs::path path = *dir / (stem + ".bin");
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) return std::nullopt;
  struct stat st {};
  std::optional<std::string> entry;
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
    // Sized once: an entry for a feed of 10,000 versions is megabytes.
    std::string bytes(static_cast<size_t>(st.st_size), '\0');
    size_t done = 0;
    while (done < bytes.size()) {
      ssize_t n = ::read(fd, bytes.data() + done, bytes.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      done += static_cast<size_t>(n);
    }
    if (done == bytes.size()) entry = std::move(bytes);
  }
  ::close(fd);
  return entry;
}

bool Repository::load_feed_by_identity(LoadedFeed &loaded, std::optional<std::string> &identity) {
  identity = trusted_identity(loaded.file);
  if (!identity) return false;
  std::optional<std::string> entry = read_feed_cache_entry(loaded.stem);
  if (!entry) return false;
  Feed feed;
  Diagnostics diagnostics;
  const std::string wanted = identity_key(identity);
  if (!decode_feed_cache(*entry, [&](std::string_view key) { return identity_part(key) == wanted; }, feed, diagnostics))
    return false;
  loaded.model = std::move(feed);
  loaded.diagnostics = std::move(diagnostics);
  return true;
}

bool Repository::load_feed_from_cache(LoadedFeed &loaded, const std::optional<std::string> &identity) {
  std::optional<std::string> entry = read_feed_cache_entry(loaded.stem);
  if (!entry) return false;
  const std::string hash = content_key(loaded.stem, loaded.text);
  std::string stored_identity;
  Feed feed;
  auto accept = [&](std::string_view key) {
    stored_identity = identity_part(key);
    return hash_part(key) == hash;
  };
  if (!decode_feed_cache(*entry, accept, feed, loaded.diagnostics)) return false;
  loaded.model = std::move(feed);
  // The bytes were read and matched: record the file's identity so the next run need not read them.
  if (identity && identity_key(identity) != stored_identity) store_feed_in_cache(loaded, identity);
  return true;
}

void Repository::store_feed_in_cache(const LoadedFeed &loaded, const std::optional<std::string> &identity) {
  // Best effort: a read-only checkout or a full disk only costs speed.
  try {
    if (!feed_cache_dir()) return;
    std::string key = content_key(loaded.stem, loaded.text) + "|" + identity_key(identity);
    write_disposable_repository_file(root_, ".ssmd/cache/feeds/" + loaded.stem + ".bin",
                                     encode_feed_cache(key, *loaded.model, loaded.diagnostics));
  } catch (const std::exception &) {
  }
}

void Repository::load_all() {
  for (const auto &name : names(Kind::Feed)) feed(name);
  for (const auto &name : names(Kind::Schema)) schema(name);
  for (const auto &name : names(Kind::Environment)) environment(name);
}

Diagnostics Repository::load_diagnostics() {
  Diagnostics out;
  auto add = [&](const auto &map) {
    for (const auto &[name, loaded] : map) out.insert(out.end(), loaded->diagnostics.begin(), loaded->diagnostics.end());
  };
  add(feeds_);
  add(schemas_);
  add(environments_);
  return out;
}

std::vector<std::string> Repository::schema_folder_files() const {
  std::set<std::string> files;
  const std::string folder = "exchanges/schemas/";
  for (const auto &path : reader_->list_files(folder, true)) {
    std::string relative = path.substr(folder.size());
    if (relative.find('/') == std::string::npos && relative.ends_with(".yaml")) continue;
    // Hidden files (the .gitkeep `ssmd init` writes, editor swap files) are never schema definitions.
    if (relative.starts_with(".") || relative.find("/.") != std::string::npos) continue;
    files.insert(relative);
  }
  for (const auto &[path, content] : overlay_) {
    if (!path.starts_with("exchanges/schemas/")) continue;
    std::string relative = path.substr(18);
    if (relative.find('/') == std::string::npos && relative.ends_with(".yaml")) continue;
    if (content) files.insert(relative);
    else files.erase(relative);
  }
  return {files.begin(), files.end()};
}

} // namespace ssmd::registry
