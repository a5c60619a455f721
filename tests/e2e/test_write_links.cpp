// Writes never follow a symbolic link in the repository. A clone can commit `exchanges/feeds`, `.github`
// or `.ssmd` as links to anywhere (another checkout, a folder of the user's); every writing command refuses
// with exit 3, naming the link, before a byte is written, inside the repository or outside it. Reading
// commands keep working (without `.ssmd/cache` when `.ssmd` is a link).
#include "../unit/registry_fixture.hpp"

#include <gtest/gtest.h>

#include <sys/stat.h>

#include <filesystem>
#include <map>

namespace fs = std::filesystem;
using namespace ssmd::test;

namespace {

bool contains(const std::string &text, const std::string &part) { return text.find(part) != std::string::npos; }

// Every entry under `root` (links not followed) with its type, size and content: equal before and after
// means nothing was created, changed or removed.
std::map<std::string, std::string> tree(const fs::path &root) {
  std::map<std::string, std::string> out;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::recursive_directory_iterator(); ++it) {
    struct stat st {};
    if (::lstat(it->path().c_str(), &st) != 0) continue;
    std::string &entry = out[it->path().lexically_relative(root).string()];
    if (S_ISLNK(st.st_mode)) entry = "-> " + fs::read_symlink(it->path()).string();
    else if (S_ISDIR(st.st_mode)) entry = "dir";
    else entry = std::to_string(st.st_ino) + " " + read_file(it->path());
  }
  return out;
}

class WriteLinks : public ::testing::Test {
protected:
  void SetUp() override { write_fixture(repo_); }
  RunResult ssmd(const std::vector<std::string> &args) const {
    std::vector<std::string> all{"--repo", repo_.path().string()};
    all.insert(all.end(), args.begin(), args.end());
    RunOptions options;
    options.unset_env = {"SSMD_REPO", "SSMD_PLUGINS", "SSMD_LOCKED"};
    return run_ssmd(all, options);
  }
  // Moves the repository's `relative` folder outside and leaves a link to it in its place.
  fs::path link_out(const std::string &relative) {
    fs::path target = outside_.path() / fs::path(relative).filename();
    if (fs::exists(repo_.path() / relative)) fs::rename(repo_.path() / relative, target);
    else fs::create_directories(target);
    fs::create_directory_symlink(target, repo_.path() / relative);
    return target;
  }
  // Expects a refusal with exit 3 naming `link`, and nothing written anywhere.
  void expect_refused(const std::vector<std::string> &args, const std::string &link) {
    const auto inside = tree(repo_.path()), outside = tree(outside_.path());
    RunResult r = ssmd(args);
    std::string shown;
    for (const auto &a : args) shown += a + " ";
    EXPECT_EQ(r.exit_code, 3) << shown << "\n" << r.out << r.err;
    EXPECT_TRUE(contains(r.err, link + " is a symbolic link") || contains(r.err, "outside the repository")) << shown << r.err;
    EXPECT_EQ(tree(outside_.path()), outside) << shown;
    auto now = tree(repo_.path());
    now.erase(".ssmd/lock"); // the writer lock may be created before the refusal
    auto before = inside;
    before.erase(".ssmd/lock");
    for (auto it = now.begin(); it != now.end();)
      it = it->first.starts_with(".ssmd") && !before.count(it->first) ? now.erase(it) : std::next(it);
    EXPECT_EQ(now, before) << shown;
  }
  TempDir repo_, outside_;
};

TEST_F(WriteLinks, ALinkedFeedsFolderIsNeverWrittenThrough) {
  link_out("exchanges/feeds");
  expect_refused({"feed", "create", "fresh", "--type", "websocket", "--endpoint", "wss://fresh.test/v1"}, "exchanges/feeds");
}

TEST_F(WriteLinks, ALinkThatStaysInsideTheRepositoryIsRefusedToo) {
  // A committed link into the repository's own .git (or anywhere else) would still send writes where no
  // one looks; writes refuse every folder link, wherever it points.
  fs::create_directories(repo_.path() / "shared");
  fs::rename(repo_.path() / "exchanges/environments", repo_.path() / "shared/environments");
  fs::create_directory_symlink("../shared/environments", repo_.path() / "exchanges/environments");
  const auto before = tree(repo_.path());
  RunResult r = ssmd({"env", "update", "dev", "--feed", "acme"});
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_TRUE(contains(r.err, "exchanges/environments is a symbolic link (to ../shared/environments)")) << r.err;
  std::map<std::string, std::string> shared_before;
  for (const auto &[k, v] : before)
    if (k.starts_with("shared/")) shared_before[k.substr(7)] = v;
  EXPECT_EQ(tree(repo_.path() / "shared"), shared_before);
  // Reading through it is fine: the files are inside the repository.
  EXPECT_EQ(ssmd({"env", "show", "dev"}).exit_code, 0);
}

TEST_F(WriteLinks, InitForceRefusesALinkedGithubOrFeedsFolderBeforeWritingAnything) {
  link_out(".github");
  expect_refused({"init", repo_.path().string(), "--force"}, ".github");
  EXPECT_FALSE(fs::exists(repo_.path() / ".gitignore")); // all or nothing: not even the first file
  fs::remove(repo_.path() / ".github");
  fs::create_directories(repo_.path() / ".github");
  fs::remove(repo_.path() / "exchanges/feeds/acme.yaml");
  link_out("exchanges/feeds");
  expect_refused({"init", repo_.path().string(), "--force"}, "exchanges/feeds");
  EXPECT_FALSE(fs::exists(repo_.path() / ".gitignore"));
}

TEST_F(WriteLinks, ACommittedSsmdLinkIsNeitherLockedNorCachedThrough) {
  fs::path target = link_out(".ssmd");
  expect_refused({"feed", "add-version", "acme", "--version", "v3", "--effective-from", "2026-01-01"}, ".ssmd");
  // Readers answer, without the cache, and write nothing there.
  RunResult list = ssmd({"feed", "list"});
  EXPECT_EQ(list.exit_code, 0) << list.err;
  EXPECT_TRUE(contains(list.out, "acme")) << list.out;
  RunResult validate = ssmd({"validate"});
  EXPECT_TRUE(contains(validate.err, ".ssmd is a symbolic link")) << validate.err;
  EXPECT_TRUE(fs::is_empty(target));
}

TEST_F(WriteLinks, LinkedStateFoldersAndALinkedLockFileAreRefused) {
  // .ssmd is a folder, but its cache folder, or the lock file itself, is a link.
  fs::create_directories(repo_.path() / ".ssmd");
  fs::path cache = outside_.path() / "cache";
  fs::create_directories(cache);
  fs::create_directory_symlink(cache, repo_.path() / ".ssmd/cache");
  RunResult list = ssmd({"feed", "list"});
  EXPECT_EQ(list.exit_code, 0) << list.err;
  RunResult validate = ssmd({"validate"});
  EXPECT_TRUE(contains(validate.err, ".ssmd/cache is a symbolic link")) << validate.err;
  EXPECT_TRUE(fs::is_empty(cache));
  fs::remove(repo_.path() / ".ssmd/cache");
  // A dangling lock link must not create its target.
  fs::path planted = outside_.path() / "planted";
  fs::create_symlink(planted, repo_.path() / ".ssmd/lock");
  RunResult write = ssmd({"feed", "add-version", "acme", "--version", "v3", "--effective-from", "2026-01-01"});
  EXPECT_EQ(write.exit_code, 3) << write.err;
  EXPECT_TRUE(contains(write.err, "lock")) << write.err;
  EXPECT_FALSE(fs::exists(planted));
}

TEST_F(WriteLinks, AFileThatIsALinkIsReplacedNotWrittenThrough) {
  // schema set-status edits trade.yaml; when trade.yaml is a link to a file outside, the refusal happens
  // already at reading (io/outside-repository), and the target keeps its bytes.
  fs::path target = outside_.path() / "trade.yaml";
  fs::rename(repo_.path() / "exchanges/schemas/trade.yaml", target);
  const std::string bytes = read_file(target);
  fs::create_symlink(target, repo_.path() / "exchanges/schemas/trade.yaml");
  RunResult r = ssmd({"schema", "set-status", "trade:v2", "active"});
  EXPECT_NE(r.exit_code, 0) << r.err;
  EXPECT_EQ(read_file(target), bytes);
}

} // namespace
