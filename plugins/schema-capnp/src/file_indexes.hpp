// Where declarations are in every file of one compilation: the main file's index, and those of the files
// it imports, scanned the first time a finding needs a place in them (findings about an imported type
// point into the file that declares it).
#pragma once

#include "compiler.hpp"
#include "source_index.hpp"

#include <map>
#include <string>

namespace ssmd::capnp_schema {

class FileIndexes {
public:
  explicit FileIndexes(const CompiledSchema &compiled) : compiled_(compiled) {}

  // The index of the file diagnostics call `display`; an empty one for a file the compilation did not read.
  const SourceIndex &of(const std::string &display) const;
  // The compiled file's own name.
  std::string main() const { return compiled_.display(); }

private:
  const CompiledSchema &compiled_;
  mutable std::map<std::string, SourceIndex> scanned_;
};

} // namespace ssmd::capnp_schema
