// The host's dependencies point one way (docs/architecture.md): a file includes headers of its own layer and of
// the layers below it, never of a layer above. There is no exception: code that needs something above it
// moves up, or the thing it needs moves down (or is handed to it, as the dispatcher hands the command table
// to the commands through their Context).
#include "run_ssmd.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

namespace fs = std::filesystem;
using namespace ssmd::test;

namespace {

// Lowest first. Directories of one layer may include each other.
const std::map<std::string, int> &layer_of_directory() {
  static const std::map<std::string, int> k_layers = {
      {"core", 0},     {"help", 0},                                                    // utilities, embedded docs
      {"yaml", 1},     {"config", 1},   {"files", 1},                                  // reading files, settings
      {"plugins", 2},                                                                  // loading and running plugins
      {"registry", 3},                                                                 // the metadata model
      {"git", 4},      {"validate", 4}, {"schema", 4}, {"secrets", 4}, {"data", 4},    // what commands do
      {"publish", 4},  {"init", 4},     {"scaffold", 4},
      {"commands", 5},                                                                 // one file per command
      {"cli", 6},      {"complete", 6}, {"manpage", 6},                                // dispatch, help, completion
  };
  return k_layers;
}

// The interface every command is written against (its description, parse_args, the context) sits with the
// commands, below the dispatcher and the command table.
const std::set<std::string> &command_interface() {
  static const std::set<std::string> k_files = {"cli/command.hpp", "cli/command.cpp",      "cli/command_spec.hpp",
                                                "cli/command_spec.cpp", "cli/context.hpp", "cli/context.cpp"};
  return k_files;
}

// The layer of a host file or header ("validate/engine.cpp"), or -1 for one outside the map.
int layer_of(const std::string &file) {
  if (command_interface().count(file)) return layer_of_directory().at("commands");
  auto slash = file.find('/');
  if (slash == std::string::npos) return -1;
  auto it = layer_of_directory().find(file.substr(0, slash));
  return it == layer_of_directory().end() ? -1 : it->second;
}

struct Include {
  std::string file, header;
  int line;
};

// Every `#include "dir/name.hpp"` of the host's sources.
std::vector<Include> host_includes(std::set<std::string> &directories) {
  std::vector<Include> out;
  const fs::path host = source_dir() / "host";
  static const std::regex k_include("^#include \"([a-z_]+/[a-z_0-9]+\\.hpp)\"");
  for (const auto &entry : fs::recursive_directory_iterator(host)) {
    if (!entry.is_regular_file()) continue;
    const auto extension = entry.path().extension();
    if (extension != ".cpp" && extension != ".hpp") continue;
    const std::string file = entry.path().lexically_relative(host).generic_string();
    if (file.find('/') == std::string::npos) continue; // main.cpp: the top, above every layer
    directories.insert(file.substr(0, file.find('/')));
    std::ifstream in(entry.path());
    std::string text;
    for (int line = 1; std::getline(in, text); ++line) {
      std::smatch match;
      if (std::regex_search(text, match, k_include)) out.push_back({file, match[1], line});
    }
  }
  return out;
}

} // namespace

TEST(HostLayers, EveryDirectoryHasALayer) {
  std::set<std::string> directories;
  host_includes(directories);
  ASSERT_FALSE(directories.empty()) << "no host sources under " << source_dir();
  for (const auto &directory : directories)
    EXPECT_TRUE(layer_of_directory().count(directory)) << "host/" << directory << "/ has no layer in this test";
}

TEST(HostLayers, NoIncludePointsUp) {
  std::set<std::string> directories;
  const auto includes = host_includes(directories);
  ASSERT_FALSE(includes.empty()) << "no host sources under " << source_dir();
  for (const auto &include : includes) {
    const int from = layer_of(include.file), to = layer_of(include.header);
    if (from < 0 || to < 0 || to <= from) continue;
    ADD_FAILURE() << "host/" << include.file << ":" << include.line << " includes " << include.header
                  << ", a layer above it (docs/architecture.md)";
  }
}
