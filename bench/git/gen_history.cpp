// Writes a `git fast-import` stream of a metadata repository with a long history, for bench/git/run.sh.
//
//   ssmd_bench_git_history [COMMITS] | git fast-import --quiet
//
// The repository has 20 feeds, 10 schemas with a definition file per version, and 10 environments. Each
// commit edits one definition, round robin, so that one commit in ten touches the feed `kalshi` (adding a
// version or moving an endpoint), the rest spread over everything else: `ssmd log feed kalshi` has to
// skip nine commits for each one it reports. Dates advance an hour per commit, so the stream is the same
// on every run.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

const std::vector<std::string> kFeeds = {"kalshi", "polymarket", "feed02", "feed03", "feed04", "feed05", "feed06",
                                         "feed07", "feed08", "feed09", "feed10", "feed11", "feed12", "feed13",
                                         "feed14", "feed15", "feed16", "feed17", "feed18", "feed19"};
constexpr int kSchemas = 10;
constexpr int kEnvironments = 10;

std::string date_of(int day) {
  int year = 2020 + day / 360, month = 1 + (day / 30) % 12, dom = 1 + day % 28;
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02d-%02d", year, month, dom);
  return text;
}

// A feed that has gone through `revision` edits: up to four recent versions, endpoints that move.
std::string feed_yaml(const std::string &name, int revision) {
  std::string out = "name: " + name + "\ndisplay_name: " + name + " exchange\ntype: websocket\nstatus: active\nversions:\n";
  int newest = 1 + revision / 2;
  for (int v = std::max(1, newest - 3); v <= newest; ++v) {
    out += "  - version: v" + std::to_string(v) + "\n    effective_from: " + date_of(v * 20) +
           "\n    protocol: wss\n    endpoint: wss://" + name + ".example.com/ws/v" + std::to_string(v);
    if (v == newest && revision % 2 == 1) out += "/r" + std::to_string(revision);
    out += "\n    auth_method: api_key\n    rate_limit_per_second: 10\n    supports_trades: true\n";
  }
  out += "calendar:\n  timezone: America/New_York\n";
  return out;
}

std::string schema_yaml(int schema, int revision) {
  std::string name = "schema" + std::to_string(schema);
  std::string out = "name: " + name + "\nformat: bench\nversions:\n";
  for (int v = 1; v <= 1 + revision; ++v)
    out += "  - version: v" + std::to_string(v) + "\n    effective_from: " + date_of(v * 10) + "\n    status: " +
           (v == 1 + revision ? "draft" : "active") + "\n    file: " + name + ".v" + std::to_string(v) + ".bench\n";
  return out;
}

std::string env_yaml(int env, int revision) {
  return "name: env" + std::to_string(env) + "\nfeed: " + kFeeds[(env + revision) % kFeeds.size()] + "\nschema: schema" +
         std::to_string(env % kSchemas) + ":v" + std::to_string(1 + revision % 3) +
         "\nkeys:\n  main:\n    type: api_key\n    fields: [api_key]\n    source: env\n";
}

void data(const std::string &text) {
  std::printf("data %zu\n", text.size());
  std::fwrite(text.data(), 1, text.size(), stdout);
  std::printf("\n");
}

void file(const std::string &path, const std::string &content) {
  std::printf("M 100644 inline %s\n", path.c_str());
  data(content);
}

// The commit message, then the parent: fast-import wants them in this order, before the file changes.
void header(int index, const std::string &message) {
  data(message);
  std::printf("from :%d\n", index);
}

} // namespace

int main(int argc, char **argv) {
  const int commits = argc > 1 ? std::atoi(argv[1]) : 5000;
  if (commits < 1) {
    std::fprintf(stderr, "usage: %s [COMMITS]\n", argv[0]);
    return 2;
  }
  std::vector<int> feed_rev(kFeeds.size(), 0), schema_rev(kSchemas, 0), env_rev(kEnvironments, 0);
  const long start = 1577836800; // 2020-01-01T00:00:00Z
  for (int i = 0; i < commits; ++i) {
    std::string message;
    std::string when = std::to_string(start + 3600L * i) + " +0000";
    std::printf("commit refs/heads/main\nmark :%d\n", i + 1);
    std::printf("author Bench Author <bench@example.com> %s\ncommitter Bench Author <bench@example.com> %s\n",
                when.c_str(), when.c_str());
    if (i == 0) {
      data("Initial metadata\n");
      for (size_t f = 0; f < kFeeds.size(); ++f) file("exchanges/feeds/" + kFeeds[f] + ".yaml", feed_yaml(kFeeds[f], 0));
      for (int s = 0; s < kSchemas; ++s) {
        file("exchanges/schemas/schema" + std::to_string(s) + ".yaml", schema_yaml(s, 0));
        file("exchanges/schemas/schema" + std::to_string(s) + ".v1.bench", "struct v1\n");
      }
      for (int e = 0; e < kEnvironments; ++e) file("exchanges/environments/env" + std::to_string(e) + ".yaml", env_yaml(e, 0));
      file("README.md", "bench repository\n");
      continue;
    }
    int slot = i % 10;
    if (slot == 0) {
      int rev = ++feed_rev[0];
      header(i, "kalshi: revision " + std::to_string(rev) + "\n");
      file("exchanges/feeds/kalshi.yaml", feed_yaml("kalshi", rev));
    } else if (slot <= 5) {
      size_t f = 1 + (i / 10 + slot) % (kFeeds.size() - 1);
      int rev = ++feed_rev[f];
      header(i, kFeeds[f] + ": revision " + std::to_string(rev) + "\n");
      file("exchanges/feeds/" + kFeeds[f] + ".yaml", feed_yaml(kFeeds[f], rev));
    } else if (slot <= 7) {
      int s = (i / 10 + slot) % kSchemas;
      int rev = ++schema_rev[s];
      std::string name = "schema" + std::to_string(s);
      header(i, name + ": version v" + std::to_string(rev + 1) + "\n");
      file("exchanges/schemas/" + name + ".yaml", schema_yaml(s, rev));
      file("exchanges/schemas/" + name + ".v" + std::to_string(rev + 1) + ".bench", "struct v" + std::to_string(rev + 1) + "\n");
    } else if (slot == 8) {
      int e = (i / 10) % kEnvironments;
      int rev = ++env_rev[e];
      header(i, "env" + std::to_string(e) + ": revision " + std::to_string(rev) + "\n");
      file("exchanges/environments/env" + std::to_string(e) + ".yaml", env_yaml(e, rev));
    } else {
      header(i, "docs: revision " + std::to_string(i) + "\n");
      file("README.md", "bench repository, revision " + std::to_string(i) + "\n");
    }
  }
  std::printf("done\n");
  return 0;
}
