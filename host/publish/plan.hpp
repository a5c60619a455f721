// What a publish would change: the commit's environment documents compared with what the store holds,
// key by key. Only the documents' content is compared (never `published`), so an unchanged environment
// is not rewritten, and a publish that changes nothing writes nothing at all.
#pragma once

#include "publish/environment_document.hpp"
#include "publish/index_document.hpp"
#include "publish/target.hpp"

#include <string>
#include <vector>

namespace ssmd::publish {

enum class ChangeKind { Add, Update, Remove };

struct EnvironmentChange {
  ChangeKind kind = ChangeKind::Add;
  std::string name;
  uint64_t revision = 0;                // the stored document's, 0 when there is none
  std::vector<std::string> differences; // for an update: what differs, store → commit
  const EnvironmentDocument *document = nullptr; // for an add or update
};

struct Plan {
  std::vector<EnvironmentChange> changes; // by name
  StoredIndex index;                      // the index as stored
  std::vector<std::string> environments;  // what the index lists once the plan is applied, sorted
  std::vector<std::string> index_reasons; // why the index must be rewritten although no document changes
  bool empty() const { return changes.empty() && index_reasons.empty(); }
};

// Compares `documents` (sorted by name) with `snapshot`. With `all`, stored environments the commit does
// not have are removed; otherwise other stored environments are left alone.
Plan make_plan(const Snapshot &snapshot, const std::vector<EnvironmentDocument> &documents, bool all);

} // namespace ssmd::publish
