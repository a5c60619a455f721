#include "git/commit_order.hpp"

#include <cstring>
#include <unordered_map>

namespace ssmd::git {

namespace {

struct OidHash {
  size_t operator()(const git_oid &id) const noexcept {
    size_t h;
    std::memcpy(&h, id.id, sizeof h);
    return h;
  }
};
struct OidEqual {
  bool operator()(const git_oid &a, const git_oid &b) const noexcept { return std::memcmp(a.id, b.id, sizeof a.id) == 0; }
};

// libgit2's git_pqueue (src/util/pqueue.c) with git_commit_list_time_cmp: a binary heap whose top is the
// newest commit. Its sift operations are copied step by step, because the order among commits of the
// same second is whatever they leave.
class TimeHeap {
public:
  explicit TimeHeap(const std::vector<int64_t> &time) : time_(time) {}

  bool empty() const { return items_.empty(); }

  void insert(uint32_t item) {
    items_.push_back(item);
    size_t el = items_.size() - 1;
    while (el > 0) {
      size_t parent_el = (el - 1) >> 1;
      if (compare(items_[parent_el], item) <= 0) break;
      items_[el] = items_[parent_el];
      el = parent_el;
    }
    items_[el] = item;
  }

  uint32_t pop() {
    uint32_t top = items_[0];
    if (items_.size() > 1) {
      items_[0] = items_.back();
      items_.pop_back();
      down();
    } else {
      items_.pop_back();
    }
    return top;
  }

private:
  // Negative when `a` comes out first: newer first.
  int compare(uint32_t a, uint32_t b) const { return time_[a] < time_[b] ? 1 : time_[a] > time_[b] ? -1 : 0; }

  void down() {
    uint32_t parent = items_[0];
    size_t el = 0;
    while (true) {
      size_t kid_el = (el << 1) + 1;
      if (kid_el >= items_.size()) break;
      uint32_t kid = items_[kid_el];
      if (kid_el + 1 < items_.size() && compare(kid, items_[kid_el + 1]) > 0) kid = items_[++kid_el];
      if (compare(parent, kid) <= 0) break;
      items_[el] = kid;
      el = kid_el;
    }
    items_[el] = parent;
  }

  const std::vector<int64_t> &time_;
  std::vector<uint32_t> items_;
};

} // namespace

std::vector<OrderedCommit> commits_in_log_order(const Repository &repo, const git_oid &tip) {
  // Every reachable commit, read once. The commit objects stay in libgit2's cache, where `ssmd log` finds
  // the author and subject of those it lists without reading them again.
  std::vector<OrderedCommit> found;
  std::vector<int64_t> time;
  std::unordered_map<git_oid, uint32_t, OidHash, OidEqual> index;
  auto position = [&](const git_oid &id) {
    auto [it, fresh] = index.emplace(id, static_cast<uint32_t>(found.size()));
    if (fresh) found.push_back({id, {}, 0, {}});
    return it->second;
  };
  position(tip);
  for (size_t next = 0; next < found.size(); ++next) {
    git_commit *raw = nullptr;
    if (git_commit_lookup(&raw, repo.get(), &found[next].id) < 0) return {};
    CommitHandle commit(raw);
    found[next].tree = *git_commit_tree_id(raw);
    time.push_back(static_cast<int64_t>(git_commit_time(raw)));
    std::vector<uint32_t> parents;
    for (unsigned i = 0; i < git_commit_parentcount(raw); ++i) parents.push_back(position(*git_commit_parent_id(raw, i)));
    found[next].time = time.back();
    found[next].parents = std::move(parents);
  }

  // Kahn's algorithm as libgit2's sort_in_topological_order() runs it: a commit waits in the heap until all
  // its children have come out. A count of 1 means "no child left", 0 "already out".
  std::vector<uint32_t> waiting(found.size(), 1);
  for (const auto &commit : found)
    for (uint32_t parent : commit.parents) ++waiting[parent];
  TimeHeap heap(time);
  heap.insert(0);
  std::vector<uint32_t> order; // positions in `found`, in the order they come out
  order.reserve(found.size());
  while (!heap.empty()) {
    uint32_t next = heap.pop();
    for (uint32_t parent : found[next].parents) {
      if (waiting[parent] == 0) continue;
      if (--waiting[parent] == 1) heap.insert(parent);
    }
    waiting[next] = 0;
    order.push_back(next);
  }

  std::vector<uint32_t> rank(found.size());
  for (uint32_t i = 0; i < order.size(); ++i) rank[order[i]] = i;
  std::vector<OrderedCommit> out;
  out.reserve(order.size());
  for (uint32_t i : order) {
    OrderedCommit commit = std::move(found[i]);
    for (auto &parent : commit.parents) parent = rank[parent];
    out.push_back(std::move(commit));
  }
  return out;
}

} // namespace ssmd::git
