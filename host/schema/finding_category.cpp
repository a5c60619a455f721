#include "schema/finding_category.hpp"

namespace ssmd::schema {

Category category_of(std::string_view rule) {
  // The second of at least three '/'-separated segments, so "x/breaking" alone is not a category.
  size_t first = rule.find('/');
  if (first == std::string_view::npos || first == 0) return Category::Other;
  size_t second = rule.find('/', first + 1);
  if (second == std::string_view::npos || second + 1 >= rule.size()) return Category::Other;
  std::string_view segment = rule.substr(first + 1, second - first - 1);
  if (segment == "breaking") return Category::WireBreaking;
  if (segment == "source") return Category::SourceBreaking;
  if (segment == "note") return Category::Note;
  return Category::Other;
}

std::string_view category_name(Category category) {
  switch (category) {
  case Category::WireBreaking: return "wire-breaking";
  case Category::SourceBreaking: return "source-breaking";
  case Category::Note: return "safe";
  case Category::Other: break;
  }
  return "other";
}

} // namespace ssmd::schema
