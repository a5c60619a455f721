#include "git/commit_order.hpp"

#include <charconv>
#include <cstring>
#include <string_view>
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

// What the walk needs of a commit: its tree, its parents and its committer time.
struct CommitFacts {
  git_oid tree{};
  std::vector<git_oid> parents;
  int64_t time = 0;
};

bool parse_oid(std::string_view hex_text, git_oid &out) {
  if (hex_text.size() != 2 * GIT_OID_RAWSZ) return false;
  for (size_t i = 0; i < GIT_OID_RAWSZ; ++i) {
    unsigned value = 0;
    auto [end, error] = std::from_chars(hex_text.data() + 2 * i, hex_text.data() + 2 * i + 2, value, 16);
    if (error != std::errc() || end != hex_text.data() + 2 * i + 2) return false;
    out.id[i] = static_cast<unsigned char>(value);
  }
  return true;
}

// Reads the facts from a commit's raw text ("tree <id>", "parent <id>"..., "author ...", "committer
// <name> <<email>> <time> <zone>") without parsing names, dates or the message into objects as
// git_commit_lookup does; false for anything less regular, which the caller then reads with libgit2.
bool parse_raw_commit(std::string_view text, CommitFacts &out) {
  auto next_line = [&text]() {
    size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    return line;
  };
  std::string_view line = next_line();
  if (!line.starts_with("tree ") || !parse_oid(line.substr(5), out.tree)) return false;
  for (line = next_line(); line.starts_with("parent "); line = next_line()) {
    git_oid parent;
    if (!parse_oid(line.substr(7), parent)) return false;
    out.parents.push_back(parent);
  }
  if (!line.starts_with("author ")) return false;
  line = next_line();
  if (!line.starts_with("committer ")) return false;
  // "> 1700000000 +0100" at the end, exactly.
  size_t email_end = line.rfind('>');
  if (email_end == std::string_view::npos) return false;
  std::string_view when = line.substr(email_end + 1);
  if (when.size() < 9 || when[0] != ' ') return false;
  std::string_view zone = when.substr(when.size() - 6);
  if (zone[0] != ' ' || (zone[1] != '+' && zone[1] != '-')) return false;
  std::string_view seconds = when.substr(1, when.size() - 7);
  auto [end, error] = std::from_chars(seconds.data(), seconds.data() + seconds.size(), out.time);
  return error == std::errc() && end == seconds.data() + seconds.size() && out.time >= 0;
}

// The facts of commit `id`: from its raw text when that is regular, else as libgit2 parses it. False when
// it cannot be read or is not a commit.
bool read_commit(const Repository &repo, git_odb *odb, const git_oid &id, CommitFacts &out) {
  git_odb_object *raw = nullptr;
  if (git_odb_read(&raw, odb, &id) < 0) return false;
  OdbObjectHandle object(raw);
  if (git_odb_object_type(raw) != GIT_OBJECT_COMMIT) return false;
  std::string_view text(static_cast<const char *>(git_odb_object_data(raw)), git_odb_object_size(raw));
  if (parse_raw_commit(text, out)) return true;
  out = CommitFacts{};
  git_commit *parsed = nullptr;
  if (git_commit_lookup(&parsed, repo.get(), &id) < 0) return false;
  CommitHandle commit(parsed);
  out.tree = *git_commit_tree_id(parsed);
  for (unsigned i = 0; i < git_commit_parentcount(parsed); ++i) out.parents.push_back(*git_commit_parent_id(parsed, i));
  out.time = static_cast<int64_t>(git_commit_time(parsed));
  return true;
}

} // namespace

std::vector<OrderedCommit> commits_in_log_order(const Repository &repo, const git_oid &tip) {
  // Every reachable commit, read once, from its raw text.
  git_odb *odb_raw = nullptr;
  if (git_repository_odb(&odb_raw, repo.get()) < 0) return {};
  OdbHandle odb(odb_raw);
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
    CommitFacts facts;
    if (!read_commit(repo, odb.get(), found[next].id, facts)) return {};
    found[next].tree = facts.tree;
    found[next].time = facts.time;
    time.push_back(facts.time);
    std::vector<uint32_t> parents;
    for (const git_oid &parent : facts.parents) parents.push_back(position(parent));
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
