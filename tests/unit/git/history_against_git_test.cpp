// The history walk behind `ssmd log` against the `git` CLI on a generated history of 240 commits with
// side branches and merges (some changing files themselves), deletions, renames, file modes, symbolic
// links, directories that become files and back, and a schema directory of many files: for every filter
// `ssmd log` uses, the same commits in the same order as `git log -- <paths>`, and for each the same files
// with the same blob ids before and after as `git log --raw` against the first parent. Then random tangled
// histories where git's order and its rules for merges decide the answer, with and without `-n`.
#include "git/history.hpp"

#include "../../e2e/git_fixture.hpp"
#include "git/log_filter.hpp"
#include "git/workspace.hpp"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>
#include <sstream>

using namespace ssmd;
using namespace ssmd::test;

namespace {

struct File {
  std::string content;
  std::string mode = "100644";
};
using Tree = std::map<std::string, File>;

// Writes a `git fast-import` stream, commit by commit, from whole trees: each commit lists the changes
// from its first parent's tree.
class History {
public:
  std::string stream;

  int commit(const std::string &branch, const Tree &before, const Tree &after, int parent, int merged = 0) {
    int mark = ++marks_;
    std::string when = std::to_string(1700000000 + 60 * mark) + " +0000";
    stream += "commit refs/heads/" + branch + "\nmark :" + std::to_string(mark) + "\n";
    stream += "author A U Thor <a@example.com> " + when + "\ncommitter A U Thor <a@example.com> " + when + "\n";
    data("commit " + std::to_string(mark) + "\n");
    if (parent) stream += "from :" + std::to_string(parent) + "\n";
    if (merged) stream += "merge :" + std::to_string(merged) + "\n";
    for (const auto &[path, file] : before)
      if (!after.count(path)) stream += "D " + path + "\n";
    for (const auto &[path, file] : after) {
      auto old = before.find(path);
      if (old != before.end() && old->second.content == file.content && old->second.mode == file.mode) continue;
      stream += "M " + file.mode + " inline " + path + "\n";
      data(file.content);
    }
    return mark;
  }

private:
  void data(const std::string &text) { stream += "data " + std::to_string(text.size()) + "\n" + text + "\n"; }
  int marks_ = 0;
};

// Deletes every file below `dir`, so that a file can take its name.
void remove_below(Tree &tree, const std::string &dir) {
  for (auto it = tree.lower_bound(dir + "/"); it != tree.end() && it->first.starts_with(dir + "/");) it = tree.erase(it);
}

// One random change to `tree`, among the files whose names contain `owner` (so that two branches alive
// at the same time never touch the same file and a merge never conflicts).
void change(std::mt19937 &random, Tree &tree, const std::string &owner, int serial) {
  const std::string feeds = "exchanges/feeds/", schemas = "exchanges/schemas/", envs = "exchanges/environments/";
  const std::string n = std::to_string(random() % 3), v = std::to_string(serial);
  const std::string schema = owner + "s" + n;
  switch (random() % 12) {
  case 0:
  case 1: tree[feeds + owner + "f" + n + ".yaml"] = {"name: " + owner + "f" + n + "\nrevision: " + v + "\n"}; break;
  case 2: tree.erase(feeds + owner + "f" + n + ".yaml"); break;
  case 3: tree[envs + owner + "e" + n + ".yaml"] = {"name: x\nfeed: " + v + "\n"}; break;
  case 4: // a schema naming a file of its own choosing and one in a subdirectory
    tree[schemas + schema + ".yaml"] = {"name: " + schema + "\nschema_file: custom-" + schema + ".x\nversions:\n"
                                        "  - version: v1\n    file: sub/" + schema + "-inner.x\n# " + v + "\n"};
    tree[schemas + "custom-" + schema + ".x"] = {"custom " + v + "\n"};
    break;
  case 5: tree[schemas + "sub/" + schema + "-inner.x"] = {"inner " + v + "\n"}; break;
  case 6: tree[schemas + schema + ".v" + std::to_string(random() % 4) + ".capnp"] = {"struct " + v + "\n"}; break;
  case 7: { // a rename: the same bytes under a new name
    auto from = tree.find(schemas + schema + ".v1.capnp");
    if (from == tree.end()) break;
    File file = from->second;
    tree.erase(from);
    tree[schemas + schema + ".v" + std::to_string(4 + random() % 3) + ".capnp"] = file;
    break;
  }
  case 8: { // the mode of a schema file, alone
    auto it = tree.lower_bound(schemas + schema + ".v");
    if (it != tree.end() && it->first.starts_with(schemas + schema + ".v"))
      it->second.mode = it->second.mode == "100644" ? "100755" : "100644";
    break;
  }
  case 9: // a directory that becomes a file, and back
    if (tree.count(schemas + schema + ".d")) {
      tree.erase(schemas + schema + ".d");
      tree[schemas + schema + ".d/part.capnp"] = {"part " + v + "\n"};
    } else {
      remove_below(tree, schemas + schema + ".d");
      tree[schemas + schema + ".d"] = {"now a file " + v + "\n"};
    }
    break;
  case 10: tree[schemas + schema + ".link"] = {"target-" + v, "120000"}; break;
  default:
    if (owner.empty()) tree[random() % 2 ? "README.md" : random() % 2 ? "ssmd-plugins.lock" : "ssmd.yaml"] = {v + "\n"};
    else tree["docs/" + owner + ".md"] = {v + "\n"};
  }
}

struct GitChange {
  std::string path, before, after; // blob ids, "" when absent
};

// `git log [-n LIMIT] -- <pathspecs>`: each commit's id and its changes against its first parent (`--raw` with
// `--diff-merges=first-parent`, which also shows merges that the plain log leaves out, so it only
// supplies the changes).
std::vector<std::pair<std::string, std::vector<GitChange>>> git_log(const GitRepo &repo, const std::string &pathspecs,
                                                                     size_t limit) {
  std::istringstream raw(
      repo.git_ok("log --format='commit %H' --raw --no-abbrev --no-renames --diff-merges=first-parent " + pathspecs));
  std::map<std::string, std::vector<GitChange>> changes;
  const std::string zero(40, '0');
  std::vector<GitChange> *current = nullptr;
  for (std::string line; std::getline(raw, line);) {
    if (line.starts_with("commit ")) current = &changes[line.substr(7)];
    if (!line.starts_with(":") || !current) continue;
    std::istringstream fields(line.substr(1, line.find('\t') - 1));
    std::string old_mode, new_mode, before, after;
    fields >> old_mode >> new_mode >> before >> after;
    current->push_back({line.substr(line.find('\t') + 1), before == zero ? "" : before, after == zero ? "" : after});
  }
  std::istringstream ids(repo.git_ok("log --format=%H " + (limit ? "-n " + std::to_string(limit) + " " : std::string()) + pathspecs));
  std::vector<std::pair<std::string, std::vector<GitChange>>> out;
  for (std::string id; std::getline(ids, id);) out.push_back({id, changes[id]});
  return out;
}

std::string describe(const std::vector<GitChange> &changes) {
  std::string out;
  for (const auto &c : changes) out += c.path + " " + c.before + " -> " + c.after + "\n";
  return out;
}

std::vector<GitChange> from_ssmd(const std::vector<git::FileChange> &files) {
  std::vector<GitChange> out;
  for (const auto &f : files) out.push_back({f.path, f.before ? git::hex(*f.before) : "", f.after ? git::hex(*f.after) : ""});
  std::sort(out.begin(), out.end(), [](const auto &a, const auto &b) { return a.path < b.path; });
  return out;
}

void expect_same(const GitRepo &repo, const git::HistoryFilter &filter, const std::string &pathspecs, size_t limit = 0) {
  auto ws = git::Workspace::open(repo.root());
  auto ours = git::path_history(ws.repo(), filter, limit);
  auto theirs = git_log(repo, pathspecs, limit);
  std::string only_ours, only_theirs;
  std::set<std::string> our_ids, their_ids;
  for (const auto &entry : ours) our_ids.insert(git::hex(entry.id));
  for (const auto &[id, changes] : theirs) {
    their_ids.insert(id);
    if (!our_ids.count(id)) only_theirs += id + "\n" + describe(changes);
  }
  for (const auto &entry : ours)
    if (!their_ids.count(git::hex(entry.id))) only_ours += git::hex(entry.id) + "\n" + describe(from_ssmd(entry.files));
  ASSERT_EQ(ours.size(), theirs.size()) << pathspecs << "\nonly ssmd:\n" << only_ours << "only git:\n" << only_theirs;
  for (size_t i = 0; i < ours.size(); ++i) {
    ASSERT_EQ(git::hex(ours[i].id), theirs[i].first) << pathspecs << ", commit " << i;
    auto git_changes = theirs[i].second;
    std::sort(git_changes.begin(), git_changes.end(), [](const auto &a, const auto &b) { return a.path < b.path; });
    EXPECT_EQ(describe(from_ssmd(ours[i].files)), describe(git_changes)) << pathspecs << ", commit " << theirs[i].first;
  }
}

} // namespace

TEST(GitHistoryAgainstGit, SameCommitsAndFilesAsGitLog) {
  GitRepo repo;
  History history;
  std::mt19937 random(42);
  Tree main_tree;
  // Many files beside the ones that change, so that a schema's few files hide in a large directory.
  for (int i = 0; i < 300; ++i) main_tree["exchanges/schemas/zz" + std::to_string(i) + ".v1.capnp"] = {"filler\n"};
  int main_mark = history.commit("main", {}, main_tree, 0);
  for (int serial = 1; serial < 240;) {
    if (random() % 8 != 0) {
      Tree before = main_tree;
      change(random, main_tree, "", serial);
      main_mark = history.commit("main", before, main_tree, main_mark), ++serial;
      continue;
    }
    // A side branch owning its own files, merged back; main moves on meanwhile.
    Tree side_tree = main_tree;
    int side_mark = main_mark;
    const std::string owner = "b" + std::to_string(serial) + "-";
    for (int k = 0, n = 1 + static_cast<int>(random() % 4); k < n; ++k, ++serial) {
      Tree before = side_tree;
      change(random, side_tree, owner, serial);
      side_mark = history.commit("side", before, side_tree, side_mark);
      if (random() % 2) {
        Tree main_before = main_tree;
        change(random, main_tree, "", serial);
        main_mark = history.commit("main", main_before, main_tree, main_mark);
      }
    }
    Tree merged = main_tree; // main never has the side's files: they are the side's own
    for (const auto &[path, file] : side_tree)
      if (path.find(owner) != std::string::npos) merged[path] = file;
    if (random() % 3 == 0) change(random, merged, "", serial++); // a merge that changes metadata itself
    main_mark = history.commit("main", main_tree, merged, main_mark, side_mark);
    main_tree = merged;
  }
  repo.write("history.fi", history.stream);
  repo.git_ok("fast-import --quiet < history.fi");
  repo.remove("history.fi");
  repo.git_ok("checkout -q -f main");
  ASSERT_GT(std::stoi(repo.git_ok("rev-list --count --merges HEAD")), 5);

  auto ws = git::Workspace::open(repo.root());
  expect_same(repo, git::metadata_filter(ws), "-- exchanges ssmd-plugins.lock ssmd.yaml");
  for (const std::string name : {"f0", "f1", "b1-f2"})
    expect_same(repo, git::definition_filter(ws, git::DefinitionKind::Feed, name), "-- exchanges/feeds/" + name + ".yaml");
  expect_same(repo, git::definition_filter(ws, git::DefinitionKind::Environment, "e1"), "-- exchanges/environments/e1.yaml");
  for (const std::string name : {"s0", "s1", "s2"}) {
    // A schema follows its YAML, the files named `<name>.*`, and the files HEAD's YAML names.
    const std::string dir = "exchanges/schemas/";
    std::string paths = "-- " + dir + name + ".yaml '" + dir + name + ".*'";
    if (repo.git("cat-file -e HEAD:" + dir + name + ".yaml").exit_code == 0)
      paths += " " + dir + "custom-" + name + ".x " + dir + "sub/" + name + "-inner.x";
    expect_same(repo, git::definition_filter(ws, git::DefinitionKind::Schema, name), paths);
  }
}

// Histories where git's order and its rules for merges decide the answer: commits of the same second and
// commits older than their parents (the walk goes by committer time, ties in the order found), merges that
// keep one side's version of a file (the side a merge is TREESAME to is the only one walked, so commits on
// the other side that changed the file are not listed), merges of three branches, and `-n`, which must stop
// on the same commits as `git log -n`.
TEST(GitHistoryAgainstGit, SameCommitsInTheSameOrderOnTangledHistories) {
  const std::vector<std::string> paths = {"exchanges/feeds/k.yaml", "exchanges/feeds/o.yaml", "docs/x.md"};
  std::mt19937 random(11);
  for (int round = 0; round < 4; ++round) {
    const int branches = 2 + round % 3;
    std::vector<Tree> trees(branches);
    std::vector<int> tips(branches, 0);
    std::string stream;
    int mark = 0;
    // Writes a commit whose tree is exactly `tree`.
    auto commit = [&](int branch, const Tree &tree, const std::vector<int> &parents) {
      ++mark;
      const std::string when = std::to_string(1700000000 + static_cast<int>(random() % 5) * (1 + mark / 30)) + " +0000";
      stream += "commit refs/heads/b" + std::to_string(branch) + "\nmark :" + std::to_string(mark) + "\n";
      stream += "committer C <c@example.com> " + when + "\ndata 2\nc\n";
      for (size_t i = 0; i < parents.size(); ++i) stream += (i ? "merge :" : "from :") + std::to_string(parents[i]) + "\n";
      stream += "deleteall\n";
      for (const auto &[path, file] : tree)
        stream += "M 100644 inline " + path + "\ndata " + std::to_string(file.content.size()) + "\n" + file.content + "\n";
      tips[branch] = mark;
    };
    for (int step = 0; step < 160; ++step) {
      const int branch = static_cast<int>(random() % branches);
      Tree tree = trees[branch];
      std::vector<int> parents;
      if (tips[branch]) parents.push_back(tips[branch]);
      // Now and then a merge of one or two other branches, each file taken from one side or changed.
      for (int other = 0; other < branches && parents.size() < 3; ++other) {
        if (other == branch || !tips[other] || random() % 4) continue;
        parents.push_back(tips[other]);
        for (const auto &path : paths)
          if (random() % 2) {
            auto theirs = trees[other].find(path);
            if (theirs == trees[other].end()) tree.erase(path);
            else tree[path] = theirs->second;
          }
      }
      // A few values only, so that a change often brings back what another branch already has.
      for (const auto &path : paths)
        if (random() % 3 == 0) tree[path] = {std::string(1, static_cast<char>('a' + random() % 3)) + "\n"};
      if (tree.empty()) tree["docs/x.md"] = {"a\n"};
      commit(branch, tree, parents);
      trees[branch] = tree;
    }
    GitRepo repo;
    repo.write("history.fi", stream + "\n");
    repo.git_ok("fast-import --quiet < history.fi");
    repo.remove("history.fi");
    repo.git_ok("checkout -q -f b0");
    ASSERT_GT(std::stoi(repo.git_ok("rev-list --count --merges HEAD")), 3);

    auto ws = git::Workspace::open(repo.root());
    for (size_t limit : {size_t(0), size_t(1), size_t(7)}) {
      SCOPED_TRACE("round " + std::to_string(round) + ", limit " + std::to_string(limit));
      expect_same(repo, git::metadata_filter(ws), "-- exchanges ssmd-plugins.lock ssmd.yaml", limit);
      expect_same(repo, git::definition_filter(ws, git::DefinitionKind::Feed, "k"), "-- exchanges/feeds/k.yaml", limit);
    }
  }
}
