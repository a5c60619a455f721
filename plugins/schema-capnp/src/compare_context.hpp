// What the comparison of two versions shares: both models, where things are in the newer file, the
// mapping from older type IDs to newer ones, and the report.
#pragma once

#include "model.hpp"
#include "report.hpp"
#include "rules.hpp"
#include "source_index.hpp"

#include <algorithm>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace ssmd::capnp_schema {

// Findings are collected and handed to the report in the newer file's order by `flush()`.
struct CompareContext {
  CompareContext(const Model &o, const Model &n, const SourceIndex &i, const std::string &f, Report &r)
      : older(o), newer(n), index(i), file(f), report(r) {}

  const Model &older;
  const Model &newer;
  const SourceIndex &index;
  const std::string &file;
  Report &report;
  std::map<uint64_t, uint64_t> id_map; // older type ID -> the newer type it became

  uint64_t mapped(uint64_t older_id) const {
    auto it = id_map.find(older_id);
    return it == id_map.end() ? older_id : it->second;
  }
  void at(std::string_view rule, Position where, std::string message) {
    const RuleSpec *spec = find_rule(rule);
    errors_ += spec && spec->severity == SSMD_SEVERITY_ERROR;
    findings_.push_back({where, rule, std::move(message)});
  }
  // Wire-breaking findings so far.
  size_t errors() const { return errors_; }
  void flush() {
    std::stable_sort(findings_.begin(), findings_.end(), [](const Finding &a, const Finding &b) {
      return std::tie(a.where.line, a.where.column) < std::tie(b.where.line, b.where.column);
    });
    for (const auto &f : findings_) report.at(f.rule, file, f.where, f.message);
    findings_.clear();
  }

private:
  struct Finding {
    Position where;
    std::string_view rule;
    std::string message;
  };
  std::vector<Finding> findings_;
  size_t errors_ = 0;
};

enum class TypeChange {
  Same,
  ListUpgraded, // List(T) became List(S) where S's @0 field is T: allowed
  MadeGeneric,  // a pointer type became a generic parameter: allowed when users bind it
  Changed
};

TypeChange compare_types(const TypeRef &older, const TypeRef &newer, const CompareContext &ctx);

// Compares the fields of two structs (or two method parameter lists). `what` names a member in messages
// ("field", "parameter", "result") and `owner` the struct or method it belongs to.
void compare_struct(const Node &older, const Node &newer, std::string_view what, const std::string &owner,
                    CompareContext &ctx);

} // namespace ssmd::capnp_schema
