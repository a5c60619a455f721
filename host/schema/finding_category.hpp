// What a schema-format plugin's comparison finding means, read from its rule id (docs/plugins.md, "The
// format-checker contract"): `<format>/breaking/<rule>` breaks the wire format, `<format>/source/<rule>`
// breaks only generated source code, `<format>/note/<rule>` is a safe change the format allows (a new
// field, say). Any other id is a finding about one version on its own (it does not compile, say), which
// stops the comparison.
#pragma once

#include <string_view>

namespace ssmd::schema {

enum class Category { WireBreaking, SourceBreaking, Note, Other };

Category category_of(std::string_view rule);

// "wire-breaking", "source-breaking", "safe", "other": the names JSON output uses.
std::string_view category_name(Category category);

} // namespace ssmd::schema
