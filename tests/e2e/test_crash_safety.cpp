// Writers killed with SIGKILL at random moments, and eight writers racing on one repository. Every file
// must always hold its old or its new content and parse; a killed writer's temporaries are gone after the
// next writing command; a racing writer either lands or is refused with "repository is locked" (exit 3),
// and the repository ends holding exactly the changes whose commands reported success.
#include "../unit/registry_fixture.hpp"
#include "sanitizers.hpp"
#include "registry/check.hpp"
#include "registry/repository.hpp"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <thread>

namespace fs = std::filesystem;
using namespace ssmd::test;
using Clock = std::chrono::steady_clock;

namespace {

// The fixture plus a second feed, so `env update --feed` has two values to move between.
void write_repository(const TempDir &dir) {
  write_fixture(dir);
  std::string beta = k_feed_yaml;
  beta.replace(beta.find("name: acme"), 10, "name: beta");
  dir.write("exchanges/feeds/beta.yaml", beta);
}

bool is_temporary(const fs::path &path) {
  std::string name = path.filename().string();
  return name.starts_with(".") && name.find(".tmp-") != std::string::npos;
}

// The regular files under exchanges/ by path, with their bytes; temporaries are left out.
std::map<std::string, std::string> files(const fs::path &root) {
  std::map<std::string, std::string> out;
  for (const auto &entry : fs::recursive_directory_iterator(root / "exchanges"))
    if (entry.is_regular_file() && !is_temporary(entry.path()))
      out[fs::relative(entry.path(), root).string()] = read_file(entry.path());
  return out;
}

std::vector<std::string> temporaries(const fs::path &root) {
  std::vector<std::string> out;
  for (const auto &entry : fs::recursive_directory_iterator(root))
    if (is_temporary(entry.path())) out.push_back(entry.path().string());
  return out;
}

// Loads every file with the real loader and runs the core rules: the repository's errors, formatted.
std::string errors_of(const fs::path &root) {
  ssmd::registry::Repository repo(root);
  std::string out;
  for (const auto &d : ssmd::registry::check_repository(repo))
    if (d.severity == ssmd::Severity::Error) out += ssmd::format_diagnostic(d) + "\n";
  return out;
}

std::vector<std::string> with_repo(const fs::path &root, std::vector<std::string> args) {
  args.insert(args.begin(), {"--repo", root.string()});
  return args;
}

// Starts ssmd with output discarded; returns its pid.
pid_t spawn(const std::vector<std::string> &args) {
  std::vector<std::string> argv{std::getenv("SSMD_BINARY")};
  argv.insert(argv.end(), args.begin(), args.end());
  pid_t pid = fork();
  if (pid == 0) {
    int null = ::open("/dev/null", O_RDWR);
    dup2(null, 0);
    dup2(null, 1);
    dup2(null, 2);
    std::vector<char *> raw;
    for (auto &a : argv) raw.push_back(a.data());
    raw.push_back(nullptr);
    execv(raw[0], raw.data());
    _exit(127);
  }
  return pid;
}

std::string date_after(const std::string &start, int days) {
  auto d = ssmd::Date::parse(start);
  return ssmd::Date::from_days(d->days() + days).str();
}

RunResult run_in(const fs::path &root, const std::vector<std::string> &args, const std::string &lock_wait_ms = "") {
  RunOptions options;
  options.unset_env = {"SSMD_REPO"};
  if (!lock_wait_ms.empty()) options.env["SSMD_LOCK_TIMEOUT_MS"] = lock_wait_ms;
  return run_ssmd(with_repo(root, args), options);
}

} // namespace

TEST(CrashSafety, WritersKilledAtRandomLeaveEveryFileOldOrNewAndTheNextCommandCleansUp) {
  TempDir repo, work;
  write_repository(repo);
  // Three writing commands, each with its own version names so every run is a real change.
  auto command = [&](int i) -> std::vector<std::string> {
    switch (i % 3) {
    case 0: return {"feed", "add-version", "acme", "--version", "k" + std::to_string(i), "--effective-from",
                    date_after("2026-01-01", i)};
    case 1: return {"env", "update", "dev", "--feed", (i / 3) % 2 ? "acme" : "beta"};
    default: {
      fs::path definition = work.write("def" + std::to_string(i) + ".fmt",
                                       "struct Trade { price @0 :Int64; } # " + std::to_string(i) + "\n");
      return {"schema", "register", "trade", "--file", definition.string(), "--version", "r" + std::to_string(i),
              "--effective-from", date_after("2031-01-01", i)};
    }
    }
  };
  // How long each command takes here, so kills land across its whole run rather than before it starts.
  std::vector<double> took(3, 0);
  {
    TempDir scratch;
    write_repository(scratch);
    for (int kind = 0; kind < 3; ++kind) {
      auto start = Clock::now();
      ASSERT_EQ(run_in(scratch.path(), command(3000 + kind)).exit_code, 0);
      took[static_cast<size_t>(kind)] = std::chrono::duration<double>(Clock::now() - start).count();
    }
  }
  std::mt19937 random(20251122);
  std::vector<double> aim_of(3, 0.8); // the kill moment, as a fraction of the command's run time
  int killed_midway = 0, left_temporaries = 0, left_partial = 0, landed_before_kill = 0;
  // Under sanitizers every command runs several times slower; there the kills look for memory errors on the
  // interrupted paths, which a third as many find as well, while the Debug run keeps the full count for the
  // odds of landing mid-write.
  const int kills = under_sanitizers ? 100 : 300;
  auto started = Clock::now();
  for (int i = 0; i < kills; ++i) {
    const auto args = command(i);
    const auto before = files(repo.path());
    // The expected result: the same command run to completion on a copy.
    TempDir reference;
    fs::copy(repo.path(), reference.path(), fs::copy_options::recursive | fs::copy_options::overwrite_existing);
    ASSERT_EQ(run_in(reference.path(), args).exit_code, 0) << i;
    const auto expected = files(reference.path());

    // Writing is the last few per cent of a command's run. The kill moment steers itself towards it: later
    // after a kill that found nothing written, earlier after a command that finished first.
    double &aim = aim_of[i % 3];
    std::uniform_real_distribution<double> jitter(-0.15, 0.15);
    pid_t pid = spawn(with_repo(repo.path(), args));
    std::this_thread::sleep_for(std::chrono::duration<double>(std::max(0.0, took[i % 3] * (aim + jitter(random)))));
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    const bool interrupted = WIFSIGNALED(status);
    if (interrupted) ++killed_midway;

    // Each file is whole: old or new, never a mix, and the repository parses without errors.
    const auto after = files(repo.path());
    std::set<std::string> paths;
    for (const auto *m : {&before, &expected, &after})
      for (const auto &[path, content] : *m) paths.insert(path);
    bool all_new = true;
    for (const auto &path : paths) {
      auto get = [&](const std::map<std::string, std::string> &m) { return m.count(path) ? m.at(path) : "(absent)"; };
      EXPECT_TRUE(get(after) == get(before) || get(after) == get(expected)) << "kill " << i << ": " << path;
      all_new = all_new && get(after) == get(expected);
    }
    const bool temporary_left = !temporaries(repo.path()).empty();
    if (!all_new && after != before) ++left_partial;
    if (all_new && before != expected) ++landed_before_kill;
    if (temporary_left) ++left_temporaries;
    if (!interrupted) aim = std::max(0.1, aim - 0.05);
    else if (after == before && !temporary_left) aim = std::min(1.5, aim + 0.02);
    EXPECT_EQ(errors_of(repo.path()), "") << "kill " << i;

    // The next command (the operator's retry) lands or says it already has; either way the repository
    // ends as the command meant it, and no temporary is left.
    RunResult retry = run_in(repo.path(), args);
    EXPECT_TRUE(retry.exit_code == 0 || (retry.exit_code == 1 && retry.err.find("already has a version") != std::string::npos))
        << "kill " << i << ": " << retry.err;
    EXPECT_EQ(files(repo.path()), expected) << "kill " << i;
    EXPECT_EQ(temporaries(repo.path()), std::vector<std::string>{}) << "kill " << i;
    if (HasFailure()) break;
  }
  double seconds = std::chrono::duration<double>(Clock::now() - started).count();
  std::printf("%d kills in %.1f s: %d killed mid-run, %d left a temporary, %d left a multi-file change half done, "
              "%d had landed\n",
              kills, seconds, killed_midway, left_temporaries, left_partial, landed_before_kill);
  // The kills must really interrupt writers while they write, or the test proves nothing. Writing is a small
  // part of a run and the machine may be busy, so a few dozen hits is typical and six is required.
  EXPECT_GT(killed_midway, kills / 2);
  EXPECT_GE(left_temporaries + left_partial + landed_before_kill, kills / 50);
}

TEST(CrashSafety, EightConcurrentWritersEachLandOrAreRefusedAndNothingIsLost) {
  TempDir repo, work;
  write_repository(repo);
  struct Outcome {
    std::vector<std::string> args;
    RunResult result;
  };
  std::mutex mutex;
  std::vector<Outcome> outcomes;
  std::vector<std::thread> writers;
  for (int w = 0; w < 8; ++w) {
    writers.emplace_back([&, w] {
      // Half the writers give up at once when the lock is taken, half wait (the default 2 s), so both
      // outcomes happen.
      const std::string wait = w % 2 ? "0" : "";
      for (int j = 0; j < 9; ++j) {
        int n = w * 10 + j;
        std::vector<std::string> args;
        if (j % 3 == 0) {
          args = {"feed", "add-version", "acme", "--version", "w" + std::to_string(n), "--effective-from",
                  date_after("2027-01-01", n)};
        } else if (j % 3 == 1) {
          args = {"env", "update", "dev", "--feed", w % 4 < 2 ? "acme" : "beta"};
        } else {
          fs::path definition = work.write("w" + std::to_string(n) + ".fmt", "struct W { x @0 :Int64; } # " + std::to_string(n) + "\n");
          args = {"schema", "register", "trade", "--file", definition.string(), "--version", "s" + std::to_string(n),
                  "--effective-from", date_after("2032-01-01", n)};
        }
        RunResult result = run_in(repo.path(), args, wait);
        std::lock_guard<std::mutex> hold(mutex);
        outcomes.push_back({args, result});
      }
    });
  }
  for (auto &t : writers) t.join();

  std::set<std::string> feed_versions = {"v1", "v2"}, schema_versions = {"v1", "v2"}, env_feeds;
  int landed = 0, refused = 0;
  for (const auto &o : outcomes) {
    const auto &r = o.result;
    if (r.exit_code == 0) {
      ++landed;
      if (o.args[0] == "feed") feed_versions.insert(o.args[4]);
      if (o.args[0] == "schema") schema_versions.insert(o.args[6]);
      if (o.args[0] == "env") env_feeds.insert(o.args[4]);
    } else {
      ++refused;
      EXPECT_EQ(r.exit_code, 3) << o.args[0] << " " << o.args[1] << ": " << r.err;
      EXPECT_NE(r.err.find("repository is locked by another ssmd process"), std::string::npos) << r.err;
      if (o.args[0] == "schema") {
        EXPECT_FALSE(fs::exists(repo.path() / ("exchanges/schemas/trade." + o.args[6] + ".fmt"))) << o.args[6];
      }
    }
  }
  std::printf("8 writers, %zu commands: %d landed, %d refused as locked\n", outcomes.size(), landed, refused);
  EXPECT_GT(landed, 0);
  EXPECT_GT(refused, 0) << "the writers that do not wait never met a taken lock; the race was not exercised";

  // Exactly the versions whose commands succeeded, nothing lost, nothing extra; the files parse cleanly.
  ssmd::registry::Repository final_repo(repo.path());
  const auto *feed = final_repo.feed("acme");
  ASSERT_TRUE(feed && feed->model);
  std::set<std::string> got;
  for (const auto &v : feed->model->versions) got.insert(v.version);
  EXPECT_EQ(got, feed_versions);
  EXPECT_EQ(feed->model->versions.size(), feed_versions.size()) << "a version was written twice";
  const auto *schema = final_repo.schema("trade");
  ASSERT_TRUE(schema && schema->model);
  got.clear();
  for (const auto &v : schema->model->versions) got.insert(v.version);
  EXPECT_EQ(got, schema_versions);
  for (const auto &v : schema_versions)
    EXPECT_TRUE(fs::exists(repo.path() / "exchanges/schemas" / schema->model->file_of(*std::find_if(
                               schema->model->versions.begin(), schema->model->versions.end(),
                               [&](const auto &x) { return x.version == v; }))));
  const auto *env = final_repo.environment("dev");
  ASSERT_TRUE(env && env->model && env->model->feed);
  if (env_feeds.empty()) EXPECT_EQ(*env->model->feed, "acme");
  else EXPECT_TRUE(env_feeds.count(*env->model->feed)) << *env->model->feed;
  EXPECT_EQ(errors_of(repo.path()), "");
  EXPECT_EQ(temporaries(repo.path()), std::vector<std::string>{});
}

TEST(CrashSafety, TheNextWritingCommandRemovesStaleTemporariesUnderTheLock) {
  TempDir repo;
  write_repository(repo);
  fs::path stale = repo.write("exchanges/feeds/.acme.yaml.tmp-Ab3dE9", "name: ac");
  fs::path definition = repo.write("exchanges/schemas/.trade.v3.fmt.tmp-Zz9Yy8", "struct");
  // Even a refused command cleans up: the cleaning happens once the lock is held.
  RunResult refused = run_in(repo.path(), {"feed", "add-version", "acme", "--version", "v1", "--effective-from", "2030-01-01"});
  EXPECT_EQ(refused.exit_code, 1) << refused.err;
  EXPECT_FALSE(fs::exists(stale));
  EXPECT_FALSE(fs::exists(definition));
  // Readers take no lock and remove nothing.
  fs::path again = repo.write("exchanges/feeds/.acme.yaml.tmp-Ab3dE9", "name: ac");
  EXPECT_EQ(run_in(repo.path(), {"feed", "list"}).exit_code, 0);
  EXPECT_TRUE(fs::exists(again));
}

TEST(CrashSafety, ARegisterInterruptedBetweenItsTwoFilesCanBeRunAgain) {
  // `schema register` copies the definition before writing the YAML that names it; a writer killed in between
  // leaves the copy alone. Running the command again takes it over; a different file of that name is kept.
  TempDir repo, work;
  write_repository(repo);
  const std::string text = "struct Trade { price @0 :Int64; note @1 :Text; }\n";
  fs::path definition = work.write("trade.fmt", text);
  repo.write("exchanges/schemas/trade.v3.fmt", text);
  RunResult again = run_in(repo.path(), {"schema", "register", "trade", "--file", definition.string(), "--version", "v3",
                                         "--effective-from", "2031-01-01"});
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(read_file(repo.path() / "exchanges/schemas/trade.yaml").find("file: trade.v3.fmt"), std::string::npos);

  repo.write("exchanges/schemas/trade.v4.fmt", "someone else's file\n");
  RunResult other = run_in(repo.path(), {"schema", "register", "trade", "--file", definition.string(), "--version", "v4",
                                         "--effective-from", "2032-01-01"});
  EXPECT_EQ(other.exit_code, 1);
  EXPECT_NE(other.err.find("exchanges/schemas/trade.v4.fmt exists already"), std::string::npos) << other.err;
  EXPECT_EQ(read_file(repo.path() / "exchanges/schemas/trade.v4.fmt"), "someone else's file\n");
}
