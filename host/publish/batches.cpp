#include "publish/batches.hpp"

#include "core/errors.hpp"
#include "publish/index_document.hpp"

namespace ssmd::publish {

namespace {

uint64_t bytes_of(const WriteOp &op) { return op.key.size() + op.value.size(); }

uint64_t bytes_of(const std::vector<WriteOp> &batch) {
  uint64_t bytes = 0;
  for (const auto &op : batch) bytes += bytes_of(op);
  return bytes;
}

// Whether `ops` operations of `bytes` bytes fit in one batch.
bool fits(const Limits &limits, uint64_t ops, uint64_t bytes) {
  return (limits.max_ops == 0 || ops <= limits.max_ops) && (limits.max_bytes == 0 || bytes <= limits.max_bytes);
}

std::string written(size_t done, size_t total) {
  return std::to_string(done) + " of " + std::to_string(total) + " batch" + (total == 1 ? "" : "es");
}

} // namespace

std::vector<std::vector<WriteOp>> plan_batches(const Plan &plan, const Publication &publication, const Limits &limits) {
  if (limits.max_ops == 1) throw EnvironmentError("the store accepts one operation per batch; publishing needs two");
  std::vector<WriteOp> documents;
  for (const auto &change : plan.changes) {
    if (change.kind == ChangeKind::Remove)
      documents.push_back(WriteOp{SSMD_PUBLISH_DELETE, environment_key(change.name), "", change.revision});
    else
      documents.push_back(WriteOp{SSMD_PUBLISH_PUT, environment_key(change.name),
                                  document_text(*change.document, publication), change.revision});
  }
  const WriteOp complete{SSMD_PUBLISH_PUT, kIndexKey, index_text(publication, plan.environments, true), plan.index.revision};

  // Everything in one batch when it fits: the common case, and then the publish is wholly atomic.
  if (fits(limits, documents.size() + 1, bytes_of(documents) + bytes_of(complete))) {
    documents.push_back(complete);
    return {documents};
  }

  // The claim, then the documents, each later batch guarded by the claimed index (its revision is set when
  // the claim has been applied), then the completed index.
  const WriteOp claim{SSMD_PUBLISH_PUT, kIndexKey, index_text(publication, plan.environments, false), plan.index.revision};
  const WriteOp guard{SSMD_PUBLISH_CHECK, kIndexKey, "", 0};
  std::vector<std::vector<WriteOp>> batches{{claim}};
  uint64_t bytes = bytes_of(claim);
  for (auto &doc : documents) {
    if (!fits(limits, batches.back().size() + 1, bytes + bytes_of(doc))) {
      if (batches.back().size() == 1 || !fits(limits, 2, bytes_of(guard) + bytes_of(doc)))
        throw EnvironmentError("the document of " + doc.key + " is " + std::to_string(doc.value.size()) +
                               " bytes, more than the store accepts in one batch (" +
                               std::to_string(limits.max_bytes) + " bytes of keys and values)");
      batches.push_back({guard});
      bytes = bytes_of(guard);
    }
    bytes += bytes_of(doc);
    batches.back().push_back(std::move(doc));
  }
  // The completed index replaces the last batch's guard (it is guarded by the same revision) or follows.
  if (batches.size() > 1 && fits(limits, batches.back().size(), bytes - bytes_of(guard) + bytes_of(complete)))
    batches.back().front() = complete;
  else
    batches.push_back({complete});
  return batches;
}

size_t apply_batches(const Target &target, std::vector<std::vector<WriteOp>> batches) {
  const size_t total = batches.size();
  uint64_t claimed = 0;
  for (size_t i = 0; i < total; ++i) {
    std::vector<WriteOp> &batch = batches[i];
    // Every batch after the first is guarded by the index revision the first one wrote.
    if (i > 0)
      for (auto &op : batch)
        if (op.key == kIndexKey) op.revision = claimed;
    std::vector<uint64_t> revisions;
    Applied applied;
    try {
      applied = target.apply(batch, revisions);
    } catch (const EnvironmentError &e) {
      throw EnvironmentError(std::string(e.what()) + " (batch " + std::to_string(i + 1) + " of " +
                             std::to_string(total) + "; the " + std::to_string(i) +
                             " before it were written, each whole; run `ssmd publish` again to finish: it writes "
                             "only what is still missing)");
    }
    if (applied == Applied::Conflict) {
      if (i == 0)
        throw DomainError(target.url() + " changed after this publish read it (another publish?), so nothing "
                          "was written; run `ssmd publish` again");
      throw DomainError("another publish took over " + target.url() + " after this one wrote " + written(i, total) +
                        " (each whole); it completes the prefix instead. Run `ssmd publish` again to publish "
                        "this commit");
    }
    if (i == 0 && total > 1) claimed = revisions.front();
  }
  return total;
}

} // namespace ssmd::publish
