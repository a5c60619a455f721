#include "schema/finding_category.hpp"

namespace ssmd::schema {

Category category_of(std::string_view rule) {
  // The second of at least three '/'-separated segments, so "x/breaking" alone is not a category.
  size_t first = rule.find('/');
  if (first == std::string_view::npos || first == 0) return Category::Other;
  size_t second = rule.find('/', first + 1);
  if (second == std::string_view::npos || second + 1 >= rule.size()) return Category::Other;
  std::string_view segment = rule.substr(first + 1, second - first - 1);
  if (segment == "breaking") return Category::Wire;
  if (segment == "removal") return Category::Removal;
  if (segment == "hygiene") return Category::Hygiene;
  if (segment == "source") return Category::Source;
  if (segment == "note") return Category::Safe;
  return Category::Other;
}

std::string_view category_name(Category category) {
  switch (category) {
  case Category::Wire: return "wire";
  case Category::Removal: return "removal";
  case Category::Hygiene: return "hygiene";
  case Category::Source: return "source";
  case Category::Safe: return "safe";
  case Category::Other: break;
  }
  return "other";
}

std::optional<Category> category_named(std::string_view name) {
  for (Category c : comparison_categories())
    if (category_name(c) == name) return c;
  return std::nullopt;
}

const std::vector<Category> &comparison_categories() {
  static const std::vector<Category> all = {Category::Wire, Category::Removal, Category::Hygiene, Category::Source,
                                            Category::Safe};
  return all;
}

const std::vector<Category> &default_fail_on() {
  static const std::vector<Category> defaults = {Category::Wire, Category::Removal};
  return defaults;
}

} // namespace ssmd::schema
