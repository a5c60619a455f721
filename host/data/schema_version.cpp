#include "data/schema_version.hpp"

#include "registry/resolve.hpp"

#include <set>

namespace ssmd::data {

namespace {

std::string joined(const std::set<std::string> &names) {
  std::string out;
  for (const auto &n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

} // namespace

ResolvedSchemaVersion resolve_schema_version(registry::Repository &repo, const DayManifest &manifest,
                                             const std::optional<std::string> &environment) {
  const std::string &bare = manifest.schema_version;
  if (bare.find(':') != std::string::npos) return {bare, "", ""};

  // The schema names the environment(s) list, and which environments were asked.
  std::set<std::string> names, asked;
  auto collect = [&](const std::string &env_name) {
    auto resolution = registry::resolve_environment(repo, env_name);
    if (!resolution.env) return;
    if (!environment && resolution.env->feed != manifest.feed) return;
    asked.insert(env_name);
    for (const auto &ref : resolution.env->schemas) names.insert(ref.schema);
  };
  if (environment) collect(*environment);
  else
    for (const auto &env_name : repo.names(registry::Kind::Environment)) collect(env_name);

  std::string via = (asked.size() == 1 ? "environment " : "environments ") + joined(asked);
  if (names.empty()) {
    std::string where = environment ? "environment '" + *environment + "'"
                                    : "no environment of feed '" + manifest.feed + "'";
    return {"", "schema_version '" + bare + "' names no schema, and " + where +
                    " lists schemas to resolve it against; write NAME:VERSION",
            ""};
  }
  std::string type = manifest.data_type;
  std::string singular = type.size() > 1 && type.back() == 's' ? type.substr(0, type.size() - 1) : type;
  std::string name = names.count(type) ? type : names.count(singular) ? singular : "";
  if (name.empty() && names.size() == 1) name = *names.begin();
  if (name.empty())
    return {"", "schema_version '" + bare + "' names no schema, and data_type '" + type + "' names none of " +
                    joined(names) + " (" + via + "); write NAME:VERSION",
            ""};
  return {name + ":" + bare, "", via};
}

} // namespace ssmd::data
