// An environment with its `extends:` chain applied.
//
// A child overrides its parent field by field: `feed`, the schema list (`schema:`/`schemas:` as a whole),
// `transport` and `storage` (each as a whole) replace the parent's when given; `keys` merge by key name,
// the child's spec replacing the parent's of the same name.
#pragma once

#include "registry/repository.hpp"

#include <string>
#include <vector>

namespace ssmd::registry {

struct ResolvedKey {
  KeySpec spec;
  std::string from; // the environment that defines it
};

struct ResolvedEnvironment {
  std::vector<std::string> chain; // the environment first, then its parents
  std::optional<std::string> feed;
  std::string feed_from;
  std::vector<SchemaRef> schemas;
  std::string schemas_from;
  std::vector<ResolvedKey> keys; // sorted by key name
  const yaml::Node *transport = nullptr;
  std::string transport_from;
  const yaml::Node *storage = nullptr;
  std::string storage_from;
};

struct Resolution {
  enum class Failure { None, Missing, Cycle, Broken };
  std::optional<ResolvedEnvironment> env;
  Failure failure = Failure::None; // why env is empty: a missing environment, a cycle, a file that does not load
  std::string problem; // when env is empty: "extends forms a cycle: a → b → a", "parent 'x' does not exist"
};

Resolution resolve_environment(Repository &repo, std::string_view name);

} // namespace ssmd::registry
