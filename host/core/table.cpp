#include "core/table.hpp"

#include "core/printable.hpp"

#include <algorithm>

namespace ssmd {

size_t display_width(const std::string &s) {
  return static_cast<size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

void Table::add(std::vector<std::string> row) {
  // A cell is one line of plain text whatever the repository holds.
  for (auto &cell : row) cell = printable(cell);
  rows_.push_back(std::move(row));
}

void Table::print(std::ostream &out) const {
  std::vector<size_t> width(headers_.size(), 0);
  auto measure = [&](const std::vector<std::string> &row) {
    for (size_t i = 0; i < row.size() && i < width.size(); ++i) width[i] = std::max(width[i], display_width(row[i]));
  };
  measure(headers_);
  for (const auto &row : rows_) measure(row);
  auto emit = [&](const std::vector<std::string> &row) {
    std::string line;
    for (size_t i = 0; i < width.size(); ++i) {
      std::string cell = i < row.size() ? row[i] : "";
      line += cell;
      if (i + 1 < width.size()) line.append(width[i] - display_width(cell) + 2, ' ');
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << '\n';
  };
  emit(headers_);
  for (const auto &row : rows_) emit(row);
}

} // namespace ssmd
