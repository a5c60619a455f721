// Sends findings to the host with the severity the rule table gives them, leaving out lint rules the
// repository disabled. Every component reports through one `Report`.
#pragma once

#include <ssmd/plugin.hpp>

#include <cstdint>
#include <set>
#include <string>
#include <string_view>

namespace ssmd::capnp_schema {

// A 1-based place in a file.
struct Position {
  uint32_t line = 1;
  uint32_t column = 1;
};

class Report {
public:
  explicit Report(ssmd::Diagnostics &out, std::set<std::string, std::less<>> disabled = {})
      : out_(out), disabled_(std::move(disabled)) {}

  // A finding at `file:line:col` (file is repository-relative, or absolute for system schemas).
  void at(std::string_view rule, std::string_view file, Position where, std::string_view message);
  // A finding about the schema document as a whole (no place in a schema file).
  void about_document(std::string_view rule, std::string_view message);

  size_t errors() const { return errors_; }
  // How many findings of this rule were reported (after filtering).
  size_t count(std::string_view rule) const;

private:
  bool enabled(std::string_view rule) const;
  ssmd_severity severity(std::string_view rule) const;

  ssmd::Diagnostics &out_;
  std::set<std::string, std::less<>> disabled_;
  std::multiset<std::string, std::less<>> reported_;
  size_t errors_ = 0;
};

} // namespace ssmd::capnp_schema
