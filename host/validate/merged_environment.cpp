#include "validate/merged_environment.hpp"

#include "core/json.hpp"

#include <algorithm>

namespace ssmd::validate {

namespace {
json::Value to_json(const yaml::Node *n) {
  if (!n || n->is_null()) return nullptr;
  if (n->is_scalar()) return n->scalar();
  json::Value out = n->is_map() ? json::Value(json::Object{}) : json::Value(json::Array{});
  for (size_t i = 0; i < n->size(); ++i) {
    if (n->is_map()) out.set(n->key_at(i), to_json(n->at(i)));
    else out.push(to_json(n->at(i)));
  }
  return out;
}

// The first one or two steps of a path: "keys.acme" for keys, else the top-level key.
std::string anchor_of(const std::string &path) {
  size_t end = path.find_first_of(".[");
  std::string top = path.substr(0, end);
  if (top == "keys" && end != std::string::npos && path[end] == '.') {
    size_t next = path.find_first_of(".[", end + 1);
    return path.substr(0, next);
  }
  return top;
}
} // namespace

std::unique_ptr<MergedEnvironment> MergedEnvironment::build(registry::Repository &repo,
                                                            const std::vector<std::string> &chain) {
  auto out = std::unique_ptr<MergedEnvironment>(new MergedEnvironment());
  for (const auto &name : chain) {
    const registry::LoadedEnvironment *env = repo.environment(name);
    if (!env || !env->doc) return nullptr;
    out->chain_.push_back(Source{env->file, env->doc.get()});
  }
  // Top-level entries in first-seen order, the root parent first, children overriding.
  std::vector<std::pair<std::string, const yaml::Node *>> top;
  std::vector<std::pair<std::string, const yaml::Node *>> keys;
  for (auto it = out->chain_.rbegin(); it != out->chain_.rend(); ++it) {
    const yaml::Node *root = it->doc->root();
    if (!root || !root->is_map()) continue;
    for (size_t i = 0; i < root->size(); ++i) {
      const std::string &key = root->key_at(i);
      if (key == "extends") continue;
      if (key == "keys" && root->at(i)->is_map()) {
        const yaml::Node *map = root->at(i);
        for (size_t k = 0; k < map->size(); ++k) {
          auto same = std::find_if(keys.begin(), keys.end(), [&](auto &e) { return e.first == map->key_at(k); });
          if (same != keys.end()) same->second = map->at(k);
          else keys.emplace_back(map->key_at(k), map->at(k));
        }
        if (std::none_of(top.begin(), top.end(), [](auto &e) { return e.first == "keys"; }))
          top.emplace_back("keys", nullptr);
        continue;
      }
      auto same = std::find_if(top.begin(), top.end(), [&](auto &e) { return e.first == key; });
      if (same != top.end()) same->second = root->at(i);
      else top.emplace_back(key, root->at(i));
    }
  }
  json::Value merged = json::Object{};
  for (const auto &[key, node] : top) {
    if (key == "keys") {
      json::Value map = json::Object{};
      for (const auto &[name, spec] : keys) map.set(name, to_json(spec));
      merged.set("keys", std::move(map));
    } else {
      merged.set(key, to_json(node));
    }
  }
  Diagnostics ignored;
  out->merged_ = yaml::Document::parse(out->chain_.front().file, merged.dump(-1), ignored);
  if (!out->merged_) return nullptr;
  return out;
}

Diagnostic MergedEnvironment::locate(const std::string &path) const {
  std::string anchor = anchor_of(path);
  for (const auto &source : chain_) {
    if (!anchor.empty() && !source.doc->find(anchor)) continue;
    yaml::Mark m = source.doc->locate(path);
    return Diagnostic{source.file, m.line, m.column, Severity::Error, "", ""};
  }
  yaml::Mark m = chain_.front().doc->locate("");
  return Diagnostic{chain_.front().file, m.line, m.column, Severity::Error, "", ""};
}

std::string MergedEnvironment::key_file(const std::string &name) const {
  return locate("keys." + name).file;
}

} // namespace ssmd::validate
