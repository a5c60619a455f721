#include "schema/fail_on.hpp"

#include "core/errors.hpp"
#include "core/split.hpp"

#include <algorithm>

namespace ssmd::schema {

namespace {

std::string known() {
  std::string out;
  for (Category c : comparison_categories()) out += std::string(category_name(c)) + ", ";
  return out + "or none";
}

std::vector<Category> parse(const std::vector<std::string> &names, const std::string &where) {
  std::vector<Category> out;
  if (names.size() == 1 && names[0] == "none") return out;
  for (const auto &name : names) {
    auto c = category_named(name);
    if (!c) throw UsageError(where + ": unknown category '" + name + "'; use " + known());
    if (std::find(out.begin(), out.end(), *c) == out.end()) out.push_back(*c);
  }
  return out;
}

} // namespace

std::vector<Category> fail_on_categories(const Config &config, const std::optional<std::string> &flag) {
  if (flag) return parse(split_all(*flag, ',', true), "--fail-on");
  auto value = config.get(kFailOnKey);
  if (!value) return default_fail_on();
  std::string where = value->origin + ": " + kFailOnKey;
  const yaml::Node &node = *value->node;
  std::vector<std::string> names;
  if (node.is_sequence()) {
    for (size_t i = 0; i < node.size(); ++i) {
      if (!node.at(i)->is_scalar()) throw UsageError(where + " must be a list of categories; use " + known());
      names.push_back(node.at(i)->scalar());
    }
  } else {
    throw UsageError(where + " must be a list of categories; use " + known());
  }
  return parse(names, where);
}

} // namespace ssmd::schema
