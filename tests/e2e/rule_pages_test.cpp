// docs/rules/: a page per host rule, each true to the catalogue, with an example that fires. Every example
// is run: its files are written to a fresh repository, its setup commands run, then the command its output
// block shows, which must print each finding the page shows. The index lists every rule.
#include "plugin_env.hpp"
#include "validate/host_rules.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

using namespace ssmd::test;
namespace fs = std::filesystem;

namespace {

const fs::path kPages = "docs/rules";

// Pages whose situation cannot be made from files alone (a file root may still read; a plugin that throws or
// crashes) show the finding without a command to run.
const std::set<std::string> kIllustrated = {"io/read", "plugin/exception", "plugin/failed"};

struct Example {
  std::map<std::string, std::string> files; // repository-relative path -> content
  std::string setup;                        // shell commands run in the repository first
  std::vector<std::string> command;         // ssmd's arguments, from "$ ssmd ..."
  std::vector<std::string> findings;        // lines the output must hold
};

std::vector<std::string> lines_of(const std::string &text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

std::vector<std::string> words(const std::string &text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string word; in >> word;) out.push_back(word);
  return out;
}

// Everything between "## Example" and the next section: "`path`:" followed by a fenced block is a file, a
// ```sh block is the setup, a ```text block is the command and its findings.
Example example_of(const std::string &page) {
  Example out;
  auto lines = lines_of(page);
  size_t i = 0;
  while (i < lines.size() && lines[i] != "## Example") ++i;
  std::string path;
  for (++i; i < lines.size() && !lines[i].starts_with("## "); ++i) {
    const std::string &line = lines[i];
    if (line.size() > 3 && line.front() == '`' && line.ends_with("`:")) {
      path = line.substr(1, line.size() - 3);
      continue;
    }
    if (!line.starts_with("```")) continue;
    const std::string fence = line.substr(3);
    std::vector<std::string> block;
    for (++i; i < lines.size() && lines[i] != "```"; ++i) block.push_back(lines[i]);
    std::string text;
    for (const auto &b : block) text += b + "\n";
    if (!path.empty()) {
      out.files[path] = text;
      path.clear();
    } else if (fence == "sh") {
      out.setup += text;
    } else if (fence == "text" && !block.empty()) {
      size_t first = 0;
      if (block[0].starts_with("$ ssmd ")) {
        auto args = words(block[0].substr(7));
        out.command.assign(args.begin(), args.end());
        first = 1;
      }
      out.findings.assign(block.begin() + static_cast<long>(first), block.end());
    }
  }
  return out;
}

std::string collapsed(const std::string &text) {
  std::string out;
  for (const auto &w : words(text)) out += (out.empty() ? "" : " ") + w;
  return out;
}

std::map<std::string, std::string> pages() {
  std::map<std::string, std::string> out;
  const fs::path root = source_dir() / kPages;
  for (const auto &entry : fs::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".md" || entry.path().filename() == "README.md")
      continue;
    std::string id = fs::relative(entry.path(), root).replace_extension().generic_string();
    out[id] = read_file(entry.path());
  }
  return out;
}

} // namespace

TEST(RulePages, EveryHostRuleHasAPageAndEveryPageNamesAHostRule) {
  std::set<std::string> rules, documented;
  for (const auto &rule : ssmd::validate::host_rules()) rules.insert(rule.id);
  for (const auto &[id, text] : pages()) documented.insert(id);
  for (const auto &id : rules) EXPECT_TRUE(documented.count(id)) << "host rule " << id << " has no page docs/rules/" << id << ".md";
  for (const auto &id : documented) EXPECT_TRUE(rules.count(id)) << "docs/rules/" << id << ".md names no host rule";
  EXPECT_GT(rules.size(), 70u);
}

TEST(RulePages, EachPageSaysWhatTheCatalogueSays) {
  auto all = pages();
  const std::string index = read_file(source_dir() / kPages / "README.md");
  for (const auto &rule : ssmd::validate::host_rules()) {
    SCOPED_TRACE(rule.id);
    auto it = all.find(rule.id);
    if (it == all.end()) continue; // reported above
    const std::string &page = it->second;
    EXPECT_TRUE(page.starts_with("# `" + rule.id + "`\n")) << page.substr(0, 80);
    const std::string severity(ssmd::severity_name(*rule.severity));
    EXPECT_TRUE(has(page, "\n| " + severity + " | " + rule.category + " | ")) << "severity and category";
    EXPECT_TRUE(has(collapsed(page), collapsed(rule.purpose))) << "the purpose, as the catalogue words it";
    for (const char *section : {"\n## Why\n", "\n## Example\n", "\n## How to fix\n"}) EXPECT_TRUE(has(page, section));
    EXPECT_TRUE(has(index, "| [`" + rule.id + "`](" + rule.id + ".md) | " + severity + " | " + rule.category + " | " +
                               rule.purpose + " |"))
        << "the index row";
  }
}

TEST(RulePages, EachExampleFiresAsThePageShows) {
  for (const auto &[id, page] : pages()) {
    SCOPED_TRACE(id);
    Example example = example_of(page);
    ASSERT_FALSE(example.findings.empty()) << "the example shows no finding";
    for (const auto &finding : example.findings)
      EXPECT_TRUE(finding.ends_with("[" + id + "]")) << "a finding of another rule: " << finding;
    if (kIllustrated.count(id)) {
      EXPECT_TRUE(example.command.empty()) << "an illustrated page runs nothing";
      continue;
    }
    ASSERT_FALSE(example.command.empty()) << "the example's output block starts with no `$ ssmd ...` line";

    TempDir dir;
    const fs::path repo = dir.path() / "repo";
    for (const char *kind : {"feeds", "schemas", "environments"}) fs::create_directories(repo / "exchanges" / kind);
    for (const auto &[path, text] : example.files) {
      fs::create_directories((repo / path).parent_path());
      std::ofstream(repo / path, std::ios::binary) << text;
    }
    if (!example.setup.empty()) {
      std::ofstream(dir.path() / "setup.sh") << example.setup;
      RunOptions options;
      options.cwd = repo;
      auto setup = run_shell("bash '" + (dir.path() / "setup.sh").string() + "'", options);
      ASSERT_EQ(setup.exit_code, 0) << setup.out << setup.err;
    }
    RunOptions options;
    options.cwd = repo;
    options.env["XDG_CONFIG_HOME"] = (dir.path() / "config").string();
    options.unset_env = {"SSMD_PLUGIN_PATH", "SSMD_PLUGINS", "SSMD_LOCKED", "SSMD_REPO", "SSMD_OUTPUT"};
    auto run = run_ssmd(example.command, options);
    std::set<std::string> printed;
    for (const auto &line : lines_of(run.out + run.err)) printed.insert(line);
    for (const auto &finding : example.findings)
      EXPECT_TRUE(printed.count(finding)) << "the page shows\n  " << finding << "\nbut ssmd printed\n" << run.out << run.err;
  }
}
