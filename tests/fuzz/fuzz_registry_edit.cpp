// Fuzzes the minimal text edits of the writing commands. The first byte picks the kind of file; the rest is
// loaded as exchanges/<kind>/fuzz.yaml beside a small fixed repository. When the file loads cleanly (what
// the commands require before editing), the edits of `feed add-version`, `schema register`, `schema hash
// --update` and `env update` are applied (with the checks the commands run on their result). Each edit must be
// refused with a DomainError, or give text that either fails to load (which the command's transaction refuses,
// writing nothing) or holds exactly the change: an edit never silently loses, swallows or alters a value.
#include "registry_fuzz_repo.hpp"

#include "core/errors.hpp"
#include "registry/env_edit.hpp"
#include "registry/feed_edit.hpp"
#include "registry/schema_edit.hpp"
#include "registry/sha256.hpp"
#include "registry/text_edit.hpp"

#include <cstddef>
#include <cstdint>

using namespace ssmd;
using namespace ssmd::registry;

namespace {

template <class T> bool clean(const Loaded<T> *loaded) { return loaded && loaded->model && !has_errors(loaded->diagnostics); }

// The edited text, reloaded; nullptr when it does not load cleanly. That is a safe outcome: the command's
// transaction runs the same loader on the result and refuses a change that adds an error, writing nothing.
template <class T> const Loaded<T> *reload(Repository &repo, const std::string &text) {
  const Loaded<T> *loaded = nullptr;
  if constexpr (std::is_same_v<T, Feed>) loaded = repo.feed("fuzz");
  else if constexpr (std::is_same_v<T, Schema>) loaded = repo.schema("fuzz");
  else loaded = repo.environment("fuzz");
  if (!clean(loaded)) return nullptr;
  if (loaded->text != text) __builtin_trap();
  return loaded;
}

Repository overlay_with(const std::string &file, const std::string &text) {
  return Repository(fuzz::repository_root(), Overlay{{file, text}});
}

void edit_feed(const LoadedFeed &before) {
  for (const auto &other : before.model->versions)
    if (other.version == "fz9") return; // the command refuses a version that exists
  FeedVersion v;
  v.version = "fz9";
  v.effective_from = Date::parse("2030-01-01");
  v.protocol = "wss";
  v.endpoint = "wss://fuzz.test/v9";
  std::string text;
  try {
    text = insert_feed_version(before, v, {});
  } catch (const DomainError &) {
    return;
  }
  Repository after = overlay_with(before.file, text);
  const LoadedFeed *loaded = reload<Feed>(after, text);
  if (!loaded) return;
  const auto &old_versions = before.model->versions;
  const auto &new_versions = loaded->model->versions;
  if (new_versions.size() != old_versions.size() + 1) __builtin_trap();
  size_t found = 0;
  for (const auto &nv : new_versions)
    if (nv.version == "fz9" && nv.endpoint == v.endpoint && nv.effective_from == v.effective_from) ++found;
  if (found != 1) __builtin_trap();
  // Every old version survives with its fields, in the same relative order.
  size_t j = 0;
  for (const auto &nv : new_versions) {
    if (j < old_versions.size() && nv.version == old_versions[j].version && nv.endpoint == old_versions[j].endpoint &&
        nv.effective_from == old_versions[j].effective_from)
      ++j;
  }
  if (j != old_versions.size()) __builtin_trap();
}

void edit_schema(const LoadedSchema &before) {
  for (const auto &other : before.model->versions)
    if (other.version == "fz9") return; // the command refuses a version that exists
  SchemaVersion v;
  v.version = "fz9";
  v.effective_from = Date::parse("2030-01-01");
  v.status = "draft";
  v.file = "fuzz.fz9.fmt";
  v.hash = sha256_tag("x");
  std::string text;
  try {
    text = insert_schema_version(before, v);
  } catch (const DomainError &) {
    text.clear();
  }
  if (!text.empty()) {
    Repository after = overlay_with(before.file, text);
    if (const LoadedSchema *loaded = reload<Schema>(after, text)) {
      if (loaded->model->versions.size() != before.model->versions.size() + 1) __builtin_trap();
      size_t found = 0;
      for (const auto &nv : loaded->model->versions)
        if (nv.version == "fz9" && nv.file == v.file && nv.hash == v.hash && nv.status == "draft") ++found;
      if (found != 1) __builtin_trap();
    }
  }
  // `schema hash --update` rewrites one version's hash in place.
  if (before.model->versions.empty()) return;
  const std::string path = "versions[" + std::to_string(before.model->versions.back().index) + "].hash";
  try {
    text = replace_scalar(before.text, *before.doc, path, v.hash);
  } catch (const DomainError &) {
    return;
  }
  Repository after = overlay_with(before.file, text);
  const LoadedSchema *loaded = reload<Schema>(after, text);
  if (!loaded) return;
  if (loaded->model->versions.size() != before.model->versions.size()) __builtin_trap();
  if (loaded->model->versions.back().hash != v.hash) __builtin_trap();
}

void edit_environment(Repository &repo, const LoadedEnvironment &before) {
  std::string text;
  try {
    text = apply_edits(before.text, {env_feed_edit(before, "acme")});
    verify_environment_edit(before, text, "acme", {}); // as `env update` does before committing
  } catch (const DomainError &) {
    text.clear();
  }
  if (!text.empty()) {
    Repository after = overlay_with(before.file, text);
    const LoadedEnvironment *loaded = reload<Environment>(after, text);
    if (loaded && loaded->model->feed != std::optional<std::string>("acme")) __builtin_trap();
  }
  try {
    text = apply_edits(before.text, env_schema_edits(repo, before, {SchemaRef{"trade", "v9", ""}}));
    verify_environment_edit(before, text, std::nullopt, {SchemaRef{"trade", "v9", ""}});
  } catch (const DomainError &) {
    return;
  }
  Repository after = overlay_with(before.file, text);
  const LoadedEnvironment *loaded = reload<Environment>(after, text);
  if (!loaded) return;
  if (!loaded->model->schemas) __builtin_trap();
  // Every reference to the schema now names the new version (the command replaces them all).
  size_t found = 0;
  for (const auto &ref : *loaded->model->schemas) {
    if (ref.schema != "trade") continue;
    if (ref.version != "v9") __builtin_trap();
    ++found;
  }
  if (found == 0) __builtin_trap();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size == 0) return 0;
  Kind kind = fuzz::kind_of(data[0]);
  const std::string file = Repository::file_of(kind, "fuzz");
  Repository repo = overlay_with(file, std::string(reinterpret_cast<const char *>(data + 1), size - 1));
  if (kind == Kind::Feed) {
    if (const LoadedFeed *f = repo.feed("fuzz"); clean(f)) edit_feed(*f);
  } else if (kind == Kind::Schema) {
    if (const LoadedSchema *s = repo.schema("fuzz"); clean(s)) edit_schema(*s);
  } else {
    if (const LoadedEnvironment *e = repo.environment("fuzz"); clean(e)) edit_environment(repo, *e);
  }
  return 0;
}
