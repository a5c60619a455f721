#include "validate/cache.hpp"

#include "core/atomic_file.hpp"
#include "core/json.hpp"
#include "core/json_parse.hpp"
#include "core/sha256.hpp"

#include <fstream>

namespace fs = std::filesystem;

namespace ssmd::validate {

namespace {
constexpr const char *kFormat = "ssmd-validate-cache-1";
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
  json::Node root;
  json::ParseLimits limits;
  limits.max_bytes = 256u << 20;
  if (json::parse(std::string_view(text).substr(65), root, limits)) return;
  const json::Node *format = root.get("format");
  const json::Node *entries = root.get("entries");
  if (!format || format->text != kFormat || !entries || !entries->is(json::Node::Kind::Object)) return;
  std::map<std::string, Diagnostics> stored;
  for (const auto &[key, list] : entries->members) {
    Diagnostics diags;
    for (const auto &item : list.items) {
      if (item.items.size() != 6) return;
      Diagnostic d;
      d.severity = static_cast<Severity>(item.items[0].as_uint().value_or(0) % 3);
      d.rule = item.items[1].text;
      d.message = item.items[2].text;
      d.file = item.items[3].text;
      d.line = static_cast<uint32_t>(item.items[4].as_uint().value_or(0));
      d.column = static_cast<uint32_t>(item.items[5].as_uint().value_or(0));
      diags.push_back(std::move(d));
    }
    stored.emplace(key, std::move(diags));
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
  if (used_ == stored_) return; // a warm run over an unchanged repository writes nothing
  json::Value entries = json::Object{};
  for (const auto &[key, diags] : used_) {
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
