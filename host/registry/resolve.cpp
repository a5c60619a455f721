#include "registry/resolve.hpp"

#include <algorithm>

namespace ssmd::registry {

Resolution resolve_environment(Repository &repo, std::string_view name) {
  Resolution out;
  std::vector<const LoadedEnvironment *> chain;
  std::vector<std::string> names;
  std::string current(name);
  for (;;) {
    if (std::find(names.begin(), names.end(), current) != names.end()) {
      std::string path;
      auto start = std::find(names.begin(), names.end(), current);
      for (auto it = start; it != names.end(); ++it) path += *it + " → ";
      out.problem = "extends forms a cycle: " + path + current;
      out.failure = Resolution::Failure::Cycle;
      return out;
    }
    const LoadedEnvironment *loaded = repo.environment(current);
    if (!loaded) {
      out.problem = names.empty() ? "environment '" + current + "' does not exist"
                                  : "'" + names.back() + "' extends '" + current + "', which does not exist";
      out.failure = Resolution::Failure::Missing;
      return out;
    }
    if (!loaded->model) {
      out.problem = loaded->file + " does not load; fix it first";
      out.failure = Resolution::Failure::Broken;
      return out;
    }
    names.push_back(current);
    chain.push_back(loaded);
    if (!loaded->model->extends) break;
    current = *loaded->model->extends;
  }
  ResolvedEnvironment env;
  env.chain = names;
  // Apply from the root parent down to the environment itself, so children override.
  std::vector<ResolvedKey> keys;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    const Environment &e = *(*it)->model;
    const std::string &who = (*it)->stem;
    if (e.feed) env.feed = e.feed, env.feed_from = who;
    if (e.schemas) env.schemas = *e.schemas, env.schemas_from = who;
    if (e.transport) env.transport = e.transport, env.transport_from = who;
    if (e.storage) env.storage = e.storage, env.storage_from = who;
    if (e.keys)
      for (const auto &key : *e.keys) {
        auto same = std::find_if(keys.begin(), keys.end(), [&](const ResolvedKey &k) { return k.spec.name == key.name; });
        if (same != keys.end()) *same = ResolvedKey{key, who};
        else keys.push_back(ResolvedKey{key, who});
      }
  }
  std::sort(keys.begin(), keys.end(), [](const ResolvedKey &a, const ResolvedKey &b) { return a.spec.name < b.spec.name; });
  env.keys = std::move(keys);
  out.env = std::move(env);
  return out;
}

} // namespace ssmd::registry
