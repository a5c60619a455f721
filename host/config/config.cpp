#include "config/config.hpp"

#include <cstdlib>
#include <functional>
#include <set>

namespace fs = std::filesystem;

namespace ssmd {

namespace {
std::string position(const std::string &file, yaml::Mark m) {
  return file + ":" + std::to_string(m.line) + ":" + std::to_string(m.column);
}

const yaml::Node *lookup(const yaml::Node *node, const std::string &key) {
  size_t pos = 0;
  while (node && pos <= key.size()) {
    size_t dot = key.find('.', pos);
    if (dot == std::string::npos) dot = key.size();
    node = node->is_map() ? node->get(key.substr(pos, dot - pos)) : nullptr;
    pos = dot + 1;
  }
  return node;
}

// Calls `fn(key, node)` for every leaf (scalar, sequence or null) under `node`.
void leaves(const yaml::Node *node, const std::string &prefix,
            const std::function<void(const std::string &, const yaml::Node *)> &fn) {
  if (!node) return;
  if (!node->is_map()) {
    if (!prefix.empty()) fn(prefix, node);
    return;
  }
  for (size_t i = 0; i < node->size(); ++i)
    leaves(node->at(i), prefix.empty() ? node->key_at(i) : prefix + "." + node->key_at(i), fn);
}
} // namespace

std::optional<fs::path> Config::user_file() {
  if (const char *xdg = std::getenv("XDG_CONFIG_HOME"); xdg && fs::path(xdg).is_absolute())
    return fs::path(xdg) / "ssmd" / "config.yaml";
  if (const char *home = std::getenv("HOME"); home && fs::path(home).is_absolute())
    return fs::path(home) / ".config" / "ssmd" / "config.yaml";
  return std::nullopt;
}

Config Config::load(const std::optional<fs::path> &repo_root) {
  Config config;
  config.overrides_ = std::make_shared<Layer>();
  config.overrides_->name = "override";
  config.overrides_->trusted = true;
  config.layers_.push_back(config.overrides_);
  auto add_file = [&](const fs::path &path, const std::string &display, bool trusted) {
    std::error_code ec;
    if (!fs::exists(path, ec)) return;
    auto layer = std::make_shared<Layer>();
    layer->name = display;
    layer->trusted = trusted;
    Diagnostics found;
    layer->doc = yaml::load_file(path.string(), display, found);
    // An empty file (or one of only comments, as `ssmd init` writes) sets nothing; it is not a malformed one.
    if (!layer->doc && found.size() == 1 && found[0].rule == "yaml/empty") return;
    config.diagnostics_.insert(config.diagnostics_.end(), found.begin(), found.end());
    if (layer->doc && layer->doc->root()->is_null()) return;
    if (layer->doc && !layer->doc->root()->is_map()) {
      config.diagnostics_.push_back(Diagnostic{display, 1, 1, Severity::Error, "config/not-a-map",
                                               "configuration must be a YAML mapping"});
      return;
    }
    if (layer->doc) config.layers_.push_back(std::move(layer));
  };
  if (repo_root) add_file(*repo_root / ".ssmd" / "config.yaml", (*repo_root / ".ssmd" / "config.yaml").string(), false);
  if (auto user = user_file()) add_file(*user, user->string(), true);
  if (repo_root) add_file(*repo_root / kTeamSettingsFileName, (*repo_root / kTeamSettingsFileName).string(), false);
  return config;
}

void Config::set(const std::string &key, const std::string &yaml_value, const std::string &origin) {
  Diagnostics ignored;
  auto doc = yaml::Document::parse(origin, yaml_value, ignored);
  if (!doc) doc = yaml::Document::parse(origin, "\"" + yaml_value + "\"", ignored);
  if (doc) overrides_->values[key] = std::move(doc);
}

std::optional<ConfigValue> Config::find(const std::string &key, bool trusted_only, const Layer **from) const {
  for (const auto &layer : layers_) {
    if (trusted_only && !layer->trusted) continue;
    if (from) *from = layer.get();
    if (layer->doc) {
      if (const yaml::Node *n = lookup(layer->doc->root(), key))
        return ConfigValue{n, position(layer->name, n->mark()), layer->trusted};
    } else if (auto it = layer->values.find(key); it != layer->values.end()) {
      return ConfigValue{it->second->root(), it->second->file(), layer->trusted};
    }
  }
  return std::nullopt;
}

std::vector<std::string> Config::items(const std::optional<ConfigValue> &v) {
  std::vector<std::string> out;
  if (!v) return out;
  if (v->node->is_scalar()) out.push_back(v->node->scalar());
  for (size_t i = 0; v->node->is_sequence() && i < v->node->size(); ++i)
    if (v->node->at(i)->is_scalar()) out.push_back(v->node->at(i)->scalar());
  return out;
}

std::optional<ConfigValue> Config::get(const std::string &key) const { return find(key, false); }

std::optional<std::string> Config::scalar(const std::string &key) const {
  auto v = get(key);
  if (!v || !v->node->is_scalar()) return std::nullopt;
  return v->node->scalar();
}

std::vector<std::string> Config::list(const std::string &key) const { return items(get(key)); }

std::optional<ConfigValue> Config::trusted_get(const std::string &key) const { return find(key, true); }

std::optional<std::string> Config::trusted_scalar(const std::string &key) const {
  auto v = trusted_get(key);
  if (!v || !v->node->is_scalar()) return std::nullopt;
  return v->node->scalar();
}

std::vector<std::string> Config::trusted_list(const std::string &key) const { return items(trusted_get(key)); }

std::vector<std::string> Config::trusted_path_list(const std::string &key) const {
  const Layer *layer = nullptr;
  auto value = find(key, true, &layer);
  std::vector<std::string> out = items(value);
  // A file layer's name is the file's path.
  if (value && layer && layer->doc)
    for (auto &entry : out)
      if (!entry.empty() && fs::path(entry).is_relative()) entry = (fs::path(layer->name).parent_path() / entry).string();
  return out;
}

std::optional<std::string> Config::untrusted_origin(const std::string &key) const {
  for (const auto &layer : layers_)
    if (!layer->trusted && layer->doc)
      if (const yaml::Node *n = lookup(layer->doc->root(), key)) return position(layer->name, n->mark());
  return std::nullopt;
}

std::vector<std::pair<std::string, ConfigValue>> Config::effective() const {
  std::set<std::string> keys;
  for (const auto &layer : layers_) {
    if (layer->doc) leaves(layer->doc->root(), "", [&](const std::string &k, const yaml::Node *) { keys.insert(k); });
    for (const auto &[k, _] : layer->values) keys.insert(k);
  }
  std::vector<std::pair<std::string, ConfigValue>> out;
  for (const auto &k : keys)
    if (auto v = get(k)) out.emplace_back(k, *v);
  return out;
}

} // namespace ssmd
