#include "publish/index_document.hpp"

#include "core/json.hpp"
#include "registry/names.hpp"

#include <ssmd_json/strict_json.hpp>

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
  using strict_json::member;
  strict_json::Json root;
  if (auto error = strict_json::parse(found->second.value, root)) {
    out.problem = "the index is not JSON (" + error->message + ")";
    return out;
  }
  const strict_json::Json *format = member(root, "format");
  if (!format || *format != kIndexFormat) {
    out.problem = std::string("the index is not of format ") + kIndexFormat;
    return out;
  }
  const strict_json::Json *complete = member(root, "complete");
  const strict_json::Json *commit = member(root, "commit");
  const strict_json::Json *environments = member(root, "environments");
  if (!complete || !complete->is_boolean() || !commit || !commit->is_string() || !environments ||
      !environments->is_array()) {
    out.problem = "the index lacks `complete`, `commit` or `environments`";
    return out;
  }
  out.readable = true;
  out.complete = complete->get<bool>();
  out.commit = strict_json::text_of(*commit);
  for (const auto &item : *environments)
    if (item.is_string()) out.environments.emplace_back(strict_json::text_of(item));
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
