// What the comparison of two versions shares: both models, the mapping from older type IDs to newer ones,
// the wire comparison, where things are in the newer version's files, and the findings.
#pragma once

#include "file_indexes.hpp"
#include "model.hpp"
#include "report.hpp"
#include "rules.hpp"
#include "wire_compare.hpp"

#include <algorithm>
#include <map>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace ssmd::capnp_schema {

// Findings are collected and handed to the report by `flush()`: the compiled file's first, then those of
// imported files, each in source order.
class CompareContext {
public:
  CompareContext(const Model &o, const Model &n, const FileIndexes &files, Report &r)
      : older(o), newer(n), wire(o, n, id_map), files_(files), report_(r) {}

  const Model &older;
  const Model &newer;
  std::map<uint64_t, uint64_t> id_map; // older type ID -> the newer type it became
  WireComparer wire;

  uint64_t mapped(uint64_t older_id) const { return wire.mapped(older_id); }

  // Where a declaration or member of the newer version is: `path` is the scoped name in `file`.
  const SourceIndex &index(const std::string &file) const { return files_.of(file); }
  Position locate(const std::string &file, const std::string &path) const { return files_.of(file).locate(path); }
  const std::string main_file() const { return files_.main(); }

  void at(std::string_view rule, const std::string &file, Position where, std::string message) {
    const RuleSpec *spec = find_rule(rule);
    wire_ += spec && spec->category == RuleCategory::Wire;
    findings_.push_back({file, where, rule, std::move(message)});
  }
  // Wire-breaking findings so far.
  size_t wire_findings() const { return wire_; }
  void flush() {
    std::string first = files_.main();
    std::stable_sort(findings_.begin(), findings_.end(), [&](const Finding &a, const Finding &b) {
      return std::tuple(a.file != first, a.file, a.where.line, a.where.column) <
             std::tuple(b.file != first, b.file, b.where.line, b.where.column);
    });
    for (const auto &f : findings_) report_.at(f.rule, f.file, f.where, f.message);
    findings_.clear();
  }

private:
  struct Finding {
    std::string file;
    Position where;
    std::string_view rule;
    std::string message;
  };
  const FileIndexes &files_;
  Report &report_;
  std::vector<Finding> findings_;
  size_t wire_ = 0;
};

// Compares the fields of two versions of a struct (or of a method's parameter or result list) declared
// in the newer file `file`. `what` names a member in messages ("field", "parameter", "result") and `owner`
// the struct or method it belongs to.
void compare_struct(const Node &older, const Node &newer, std::string_view what, const std::string &owner,
                    CompareContext &ctx);

} // namespace ssmd::capnp_schema
