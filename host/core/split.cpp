#include "core/split.hpp"

namespace ssmd {

std::vector<std::string> split_all(std::string_view text, char separator, bool trim_spaces) {
  std::vector<std::string> out;
  size_t start = 0;
  for (;;) {
    size_t end = text.find(separator, start);
    std::string &piece =
        out.emplace_back(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (trim_spaces) {
      piece.erase(0, piece.find_first_not_of(' '));
      piece.erase(piece.find_last_not_of(' ') + 1);
    }
    if (end == std::string_view::npos) return out;
    start = end + 1;
  }
}

std::vector<std::string> split_skipping_empty(std::string_view text, char separator) {
  std::vector<std::string> out;
  for (auto &piece : split_all(text, separator))
    if (!piece.empty()) out.push_back(std::move(piece));
  return out;
}

} // namespace ssmd
