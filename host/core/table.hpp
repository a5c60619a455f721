// Plain-text tables for listings: left-aligned columns separated by two spaces, like kubectl get.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace ssmd {

class Table {
public:
  explicit Table(std::vector<std::string> headers) : headers_(std::move(headers)) {}
  // Adds a row; control characters in cells are escaped (core/printable.hpp).
  void add(std::vector<std::string> row);
  bool empty() const { return rows_.empty(); }
  void print(std::ostream &out) const;

private:
  std::vector<std::string> headers_;
  std::vector<std::vector<std::string>> rows_;
};

// Display width of UTF-8 text (code points; ssmd prints no wide characters in tables).
size_t display_width(const std::string &s);

} // namespace ssmd
