#include "validate/cache.hpp"

#include "core/atomic_file.hpp"
#include "core/json.hpp"
#include "core/sha256.hpp"
#include "yaml/document.hpp"

#include <ssmd_json/strict_json.hpp>

#include <fstream>

namespace fs = std::filesystem;

namespace ssmd::validate {

namespace {
constexpr const char *kFormat = "ssmd-validate-cache-1";

// Whether the strict JSON reader can read an entry back: it refuses text that is not UTF-8, which a finding
// may quote (a file name), and one such entry would make the whole file unreadable.
bool readable_back(const std::string &key, const Diagnostics &diagnostics) {
  auto utf8 = [](std::string_view text) {
    yaml::Mark where;
    std::string why;
    return yaml::valid_utf8(text, where, why);
  };
  if (!utf8(key)) return false;
  for (const auto &d : diagnostics)
    if (!utf8(d.rule) || !utf8(d.message) || !utf8(d.file)) return false;
  return true;
}
} // namespace

Cache::Cache(fs::path file, bool enabled) : file_(std::move(file)), enabled_(enabled) {}

void Cache::load() {
  loaded_ = true;
  std::ifstream in(file_, std::ios::binary);
  if (!in) return;
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // Layout: a line with the SHA-256 of the rest, then the JSON body.
  size_t newline = text.find('\n');
  if (newline != 64 || text.substr(0, 64) != sha256_hex(std::string_view(text).substr(65))) return;
  strict_json::Json root;
  strict_json::Limits limits;
  limits.max_bytes = 256u << 20;
  if (strict_json::parse(std::string_view(text).substr(65), root, limits)) return;
  const strict_json::Json *format = strict_json::member(root, "format");
  const strict_json::Json *entries = strict_json::member(root, "entries");
  if (!format || *format != kFormat || !entries || !entries->is_object()) return;
  // A whole number, or 0: what the cache wrote is read back, anything else only misses.
  auto number = [](const strict_json::Json &v) -> uint64_t { return v.is_number_unsigned() ? v.get<uint64_t>() : 0; };
  std::map<std::string, Diagnostics> stored;
  for (auto entry = entries->begin(); entry != entries->end(); ++entry) {
    if (!entry->is_array()) return;
    Diagnostics diags;
    for (const auto &item : *entry) {
      if (!item.is_array() || item.size() != 6) return;
      Diagnostic d;
      d.severity = static_cast<Severity>(number(item[0]) % 3);
      d.rule = strict_json::text_of(item[1]);
      d.message = strict_json::text_of(item[2]);
      d.file = strict_json::text_of(item[3]);
      d.line = static_cast<uint32_t>(number(item[4]));
      d.column = static_cast<uint32_t>(number(item[5]));
      diags.push_back(std::move(d));
    }
    stored.emplace(entry.key(), std::move(diags));
  }
  stored_ = std::move(stored);
}

std::optional<Diagnostics> Cache::get(const std::string &key) {
  if (!enabled_) return std::nullopt;
  std::lock_guard lock(mutex_);
  if (!loaded_) load();
  auto it = stored_.find(key);
  if (it == stored_.end()) {
    ++misses_;
    return std::nullopt;
  }
  ++hits_;
  used_[key] = it->second;
  return it->second;
}

void Cache::put(const std::string &key, const Diagnostics &diagnostics) {
  if (!enabled_) return;
  std::lock_guard lock(mutex_);
  used_[key] = diagnostics;
}

void Cache::save() {
  if (!enabled_) return;
  std::lock_guard lock(mutex_);
  // An entry that could not be read back is left out: its findings are worked out again next time.
  std::map<std::string, Diagnostics> kept;
  for (const auto &[key, diags] : used_)
    if (readable_back(key, diags)) kept.emplace(key, diags);
  if (kept == stored_) return; // a warm run over an unchanged repository writes nothing
  json::Value entries = json::Object{};
  for (const auto &[key, diags] : kept) {
    json::Value list = json::Array{};
    for (const auto &d : diags)
      list.push(json::Array{static_cast<int>(d.severity), d.rule, d.message, d.file, static_cast<uint64_t>(d.line),
                            static_cast<uint64_t>(d.column)});
    entries.set(key, std::move(list));
  }
  json::Value root;
  root.set("format", kFormat).set("entries", std::move(entries));
  std::string body = root.dump(-1);
  try {
    fs::create_directories(file_.parent_path());
    write_disposable_file_atomically(file_, sha256_hex(body) + "\n" + body);
  } catch (...) {
    // Read-only checkout or full disk: validation results stand without a cache.
  }
}

} // namespace ssmd::validate
