#include "publish/index_document.hpp"

#include "core/json.hpp"
#include "core/json_parse.hpp"
#include "registry/names.hpp"

#include <algorithm>

namespace ssmd::publish {

StoredIndex read_index(const Snapshot &snapshot) {
  StoredIndex out;
  auto found = snapshot.find(kIndexKey);
  if (found == snapshot.end()) {
    out.problem = "there is no index";
    return out;
  }
  out.revision = found->second.revision;
  json::Node root;
  if (auto error = json::parse(found->second.value, root)) {
    out.problem = "the index is not JSON (" + error->message + ")";
    return out;
  }
  const json::Node *format = root.get("format");
  if (!root.is(json::Node::Kind::Object) || !format || format->text != kIndexFormat) {
    out.problem = std::string("the index is not of format ") + kIndexFormat;
    return out;
  }
  const json::Node *complete = root.get("complete");
  const json::Node *commit = root.get("commit");
  const json::Node *environments = root.get("environments");
  if (!complete || !complete->is(json::Node::Kind::Bool) || !commit || !commit->is(json::Node::Kind::String) ||
      !environments || !environments->is(json::Node::Kind::Array)) {
    out.problem = "the index lacks `complete`, `commit` or `environments`";
    return out;
  }
  out.readable = true;
  out.complete = complete->boolean;
  out.commit = commit->text;
  for (const auto &item : environments->items)
    if (item.is(json::Node::Kind::String)) out.environments.push_back(item.text);
  std::sort(out.environments.begin(), out.environments.end());
  return out;
}

std::string index_text(const Publication &publication, const std::vector<std::string> &environments, bool complete) {
  json::Array names;
  for (const auto &name : environments) names.push_back(name);
  json::Value index = json::Object{};
  index.set("format", kIndexFormat)
      .set("complete", complete)
      .set("commit", publication.commit)
      .set("ref", publication.ref)
      .set("at", publication.at)
      .set("by", publication.by)
      .set("ssmd_version", publication.ssmd_version)
      .set("environments", names);
  return index.dump(-1);
}

std::string environment_key(const std::string &name) { return kEnvironmentsFolder + name; }

std::optional<std::string> environment_of_key(const std::string &key) {
  if (!key.starts_with(kEnvironmentsFolder)) return std::nullopt;
  std::string name = key.substr(std::string_view(kEnvironmentsFolder).size());
  if (!registry::valid_name(name)) return std::nullopt;
  return name;
}

} // namespace ssmd::publish
