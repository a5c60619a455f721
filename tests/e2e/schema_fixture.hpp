// Schema repositories for the `schema breaking` / `schema show` / `--at` end-to-end tests: a real git
// repository (git_fixture.hpp) holding a `trade` schema whose versions are variants of the bundled
// exchanges/schemas/trade.v1.capnp.
#pragma once

#include "git_fixture.hpp"

#include <string>
#include <utility>
#include <vector>

namespace ssmd::test {

// The bundled definition, byte for byte.
inline std::string bundled_trade() { return read_file(source_dir() / "exchanges/schemas/trade.v1.capnp"); }

// `text` with the first occurrence of `from` replaced by `to`; fails the test when `from` is absent.
inline std::string replaced(std::string text, const std::string &from, const std::string &to) {
  size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << "'" << from << "' not in the schema";
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

// A field added after the last one: allowed by the wire format.
inline std::string trade_with_added_field() {
  return replaced(bundled_trade(), "  outcome @7 :Outcome;",
                  "  outcome @7 :Outcome;\n  venue @8 :Text;              # where the trade printed");
}

// The last field removed and a field's type changed: both break the wire format.
inline std::string trade_wire_breaking() {
  std::string text = replaced(bundled_trade(), "  quantityMicros @6 :Int64;", "  quantityMicros @6 :Text;");
  return replaced(text, "  outcome @7 :Outcome;         # which side of the binary contract the price refers to\n", "");
}

// A field renamed under the same ordinal: generated code breaks, the wire format does not.
inline std::string trade_source_breaking() { return replaced(bundled_trade(), "tradeId @2", "executionId @2"); }

// The same structure with the comments dropped and the layout changed.
inline std::string trade_reformatted() {
  std::string out;
  std::string text = bundled_trade();
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(pos, end - pos);
    pos = end + 1;
    if (size_t hash = line.find('#'); hash != std::string::npos) line = line.substr(0, hash);
    while (!line.empty() && line.back() == ' ') line.pop_back();
    if (line.empty()) continue;
    out += line + (line.back() == '{' || line.back() == '}' ? "\n" : "  ");
  }
  return out + "\n";
}

// exchanges/schemas/trade.yaml with one version per (version, file), effective a month apart.
inline std::string trade_yaml(const std::vector<std::pair<std::string, std::string>> &versions) {
  std::string out = "name: trade\nformat: capnp\nschema_file: " + versions.front().second + "\nversions:\n";
  int month = 1;
  for (const auto &[version, file] : versions) {
    out += "  - version: " + version + "\n    effective_from: 2025-" + (month < 10 ? "0" : "") +
           std::to_string(month) + "-01\n    status: active\n    file: " + file +
           "\n    root: Trade\n    hash: sha256:" + std::string(64, '0') + "\n";
    ++month;
  }
  return out;
}

// Writes trade.yaml and one definition per version: {version, file, content}.
struct TradeVersion {
  std::string version, file, content;
};
inline void write_trade(const GitRepo &repo, const std::vector<TradeVersion> &versions) {
  std::vector<std::pair<std::string, std::string>> entries;
  for (const auto &v : versions) {
    entries.emplace_back(v.version, v.file);
    repo.write("exchanges/schemas/" + v.file, v.content);
  }
  repo.write("exchanges/schemas/trade.yaml", trade_yaml(entries));
}

} // namespace ssmd::test
