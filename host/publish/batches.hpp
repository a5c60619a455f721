// Writes a plan to the store in guarded batches, each applied all or nothing.
//
// When every write fits in one batch (the store's limits, such as etcd's 128 operations per transaction),
// the whole publish is one batch: the environment documents and the index, each guarded by the revision
// read. Otherwise the first batch claims the index (rewriting it with `complete: false`) together with the
// first documents, every later batch is guarded by the claimed index revision as well as its own keys', and
// the last one writes the index with `complete: true`. A second publisher that read before the claim fails
// on its first batch; one that claims after it makes this one fail on its next batch: of two overlapping
// publishes exactly one completes, and the other is told to run again.
#pragma once

#include "publish/plan.hpp"
#include "publish/target.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace ssmd::publish {

// The batches `plan` takes under `limits`, before revisions are known. Throws EnvironmentError when one
// document alone exceeds them.
std::vector<std::vector<WriteOp>> plan_batches(const Plan &plan, const Publication &publication, const Limits &limits);

// Applies `batches` (from plan_batches) in order. Throws DomainError (exit 1) when another publisher
// changed the store meanwhile, and EnvironmentError when the store fails; both say how many batches were
// written. Returns the number of batches.
size_t apply_batches(const Target &target, std::vector<std::vector<WriteOp>> batches);

} // namespace ssmd::publish
