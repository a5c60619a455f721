// What a schema-format plugin's comparison finding means, read from its rule id (docs/plugins.md, "The
// format-checker contract"): the second segment of `<format>/<segment>/<rule>` names the category.
//   breaking -> wire     the versions read data or serve calls differently
//   removal  -> removal  something the older version has is gone (the format's rules forbid it)
//   hygiene  -> hygiene  legal today, dangerous later (an ID change, a narrowed type)
//   source   -> source   generated code changes; the wire holds
//   note     -> safe     a change the format allows (a new field, say)
// Any other id is a finding about one version on its own (it does not compile, say), which stops the
// comparison.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ssmd::schema {

enum class Category { Wire, Removal, Hygiene, Source, Safe, Other };

Category category_of(std::string_view rule);

// "wire", "removal", "hygiene", "source", "safe", "other": the names output and `--fail-on` use.
std::string_view category_name(Category category);
// The category `name` names (not "other"), or nullopt.
std::optional<Category> category_named(std::string_view name);
// The categories a comparison can find, in order: wire, removal, hygiene, source, safe.
const std::vector<Category> &comparison_categories();
// What fails `schema breaking` unless configured: wire changes and removals, which Cap'n Proto's (and most
// formats') evolution rules forbid.
const std::vector<Category> &default_fail_on();

} // namespace ssmd::schema
