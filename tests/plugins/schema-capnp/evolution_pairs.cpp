#include "evolution_pairs.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace ssmd::test {

namespace {

EvolutionPair parse(const std::filesystem::path &file) {
  std::ifstream in(file);
  EvolutionPair pair;
  pair.name = file.stem().string();
  std::vector<oracle::VersionFiles *> targets;
  std::string path, line;
  size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.starts_with("=== ")) {
      std::string header = line.substr(4);
      size_t slash = header.find('/');
      std::string side = header.substr(0, slash);
      path = slash == std::string::npos ? "root.capnp" : header.substr(slash + 1);
      if (side == "old") targets = {&pair.older};
      else if (side == "new") targets = {&pair.newer};
      else if (side == "both") targets = {&pair.older, &pair.newer};
      else throw std::runtime_error(file.string() + ":" + std::to_string(number) + ": unknown side '" + side + "'");
      for (auto *t : targets) (*t)[path];
      continue;
    }
    if (targets.empty()) {
      pair.description += (line.starts_with("# ") ? line.substr(2) : line) + "\n";
      continue;
    }
    for (auto *t : targets) (*t)[path] += line + "\n";
  }
  if (!pair.older.contains("root.capnp") || !pair.newer.contains("root.capnp"))
    throw std::runtime_error(file.string() + ": a pair needs both an `=== old` and an `=== new` section");
  return pair;
}

} // namespace

std::vector<EvolutionPair> load_evolution_pairs(const std::filesystem::path &dir) {
  std::vector<std::filesystem::path> files;
  for (const auto &entry : std::filesystem::directory_iterator(dir))
    if (entry.path().extension() == ".pair") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  std::vector<EvolutionPair> out;
  for (const auto &f : files) out.push_back(parse(f));
  return out;
}

} // namespace ssmd::test
