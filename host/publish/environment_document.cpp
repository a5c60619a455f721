#include "publish/environment_document.hpp"

#include "core/errors.hpp"
#include "registry/as_of.hpp"
#include "registry/command_support.hpp"
#include "registry/resolve.hpp"
#include "registry/sha256.hpp"
#include "registry/views.hpp"

namespace ssmd::publish {

using namespace registry;

namespace {

json::Value text_or_null(const std::string &s) { return s.empty() ? json::Value(nullptr) : json::Value(s); }

json::Value strings(const std::vector<std::string> &items) {
  json::Array out;
  for (const auto &item : items) out.push_back(item);
  return out;
}

// One schema version the environment names, with the hash its definition declares and the hash of the
// file's bytes at the commit: a connector can check the file it loads against either.
json::Value schema_json(Repository &repo, const std::string &env, const SchemaRef &ref) {
  const LoadedSchema &loaded = require_schema(repo, ref.schema);
  const Schema &schema = *loaded.model;
  const SchemaVersion *version = nullptr;
  for (const auto &v : schema.versions)
    if (v.version == ref.version) version = &v;
  if (!version) throw DomainError(env + ": schema '" + ref.schema + "' has no version '" + ref.version + "'");
  const std::string file = Repository::schema_path(schema.file_of(*version));
  auto bytes = repo.read(file);
  if (!bytes) throw DomainError(env + ": " + ref.text() + " names " + file + ", which does not exist");
  const std::string actual = sha256_tag(*bytes);
  if (actual != version->hash)
    throw DomainError(env + ": " + file + " does not match the hash " + ref.text() + " declares (" + actual +
                      " versus " + (version->hash.empty() ? "none" : version->hash) +
                      "); run `ssmd validate` and `ssmd schema hash`");
  json::Value out = json::Object{};
  out.set("name", schema.name)
      .set("format", schema.format)
      .set("version", version->version)
      .set("status", version->status)
      .set("effective_from", version->effective_from ? json::Value(version->effective_from->str()) : json::Value())
      .set("root", text_or_null(version->root))
      .set("file", file)
      .set("hash", version->hash)
      .set("file_sha256", actual)
      .set("compatible_with", strings(version->compatible_with));
  return out;
}

json::Value key_json(const KeySpec &spec) {
  json::Value out = json::Object{};
  out.set("type", spec.type)
      .set("required", spec.required.value_or(true))
      .set("fields", strings(spec.fields))
      .set("source", spec.source)
      .set("rotation_days", spec.rotation_days ? json::Value(*spec.rotation_days) : json::Value());
  return out;
}

} // namespace

EnvironmentDocument environment_document(Repository &repo, const std::string &name, Date today) {
  const LoadedEnvironment &loaded = require_environment(repo, name);
  Resolution resolution = resolve_environment(repo, name);
  if (!resolution.env) throw DomainError(loaded.file + ": " + resolution.problem);
  const ResolvedEnvironment &env = *resolution.env;
  if (!env.feed) throw DomainError(loaded.file + ": " + name + " names no feed, here or in a parent environment");
  const Feed &feed = *require_feed(repo, *env.feed).model;

  json::Value content = json::Object{};
  content.set("format", kEnvironmentFormat)
      .set("name", name)
      .set("extends", strings(std::vector<std::string>(env.chain.begin() + 1, env.chain.end())))
      .set("feed", feed_json(feed, true));
  json::Array schemas;
  for (const auto &ref : env.schemas) schemas.push_back(schema_json(repo, name, ref));
  content.set("schemas", schemas);
  json::Value keys = json::Object{}; // keys are sorted by name (registry/resolve.hpp)
  for (const auto &key : env.keys) keys.set(key.spec.name, key_json(key.spec));
  content.set("keys", keys).set("transport", node_json(env.transport)).set("storage", node_json(env.storage));

  EnvironmentDocument out;
  out.name = name;
  out.content = content.dump(-1);
  if (AsOf in_force = feed_version_as_of(feed, today)) out.feed_version_in_force = feed.versions[*in_force.index].version;
  return out;
}

std::string document_text(const EnvironmentDocument &doc, const Publication &publication) {
  json::Value published = json::Object{};
  published.set("commit", publication.commit)
      .set("ref", publication.ref)
      .set("at", publication.at)
      .set("by", publication.by)
      .set("ssmd_version", publication.ssmd_version)
      .set("feed_version_in_force", text_or_null(doc.feed_version_in_force));
  // The content is a compact object: append `published` as its last member.
  std::string text = doc.content;
  text.pop_back();
  return text + ",\"published\":" + published.dump(-1) + "}";
}

} // namespace ssmd::publish
