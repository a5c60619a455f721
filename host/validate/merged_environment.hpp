// An environment with its `extends:` chain applied, as a document a plugin can read (the ABI hands feed
// validators and secret backends the resolved environment), plus the way back from a path in it to the
// file and line of the environment that actually wrote that value.
#pragma once

#include "registry/repository.hpp"
#include "yaml/document.hpp"

#include <memory>
#include <string>
#include <vector>

namespace ssmd::validate {

class MergedEnvironment {
public:
  // `chain` is the environment first, then its parents (ResolvedEnvironment::chain). Children replace a
  // parent's top-level values whole, except `keys`, which merge by key name; `extends` is dropped.
  static std::unique_ptr<MergedEnvironment> build(registry::Repository &repo, const std::vector<std::string> &chain);

  const yaml::Document &document() const { return *merged_; }
  // The file, line and column of the value at `path` in the merged document, in the environment of the
  // chain that defines it (the nearest one first).
  Diagnostic locate(const std::string &path) const;
  // The environment file that defines key `name`.
  std::string key_file(const std::string &name) const;

private:
  struct Source {
    std::string file;
    const yaml::Document *doc;
  };
  std::vector<Source> chain_; // nearest first
  std::unique_ptr<yaml::Document> merged_;
};

} // namespace ssmd::validate
