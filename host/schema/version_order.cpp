#include "schema/version_order.hpp"

#include "core/errors.hpp"

#include <algorithm>

namespace ssmd::schema {

using registry::Schema;
using registry::SchemaVersion;

std::vector<const SchemaVersion *> versions_oldest_first(const Schema &schema) {
  std::vector<const SchemaVersion *> out;
  for (const auto &v : schema.versions) out.push_back(&v);
  std::stable_sort(out.begin(), out.end(), [](const SchemaVersion *a, const SchemaVersion *b) {
    if (a->effective_from && b->effective_from) return *a->effective_from < *b->effective_from;
    return a->effective_from.has_value() && !b->effective_from.has_value();
  });
  return out;
}

const SchemaVersion &require_version(const Schema &schema, const std::string &version, const std::string &where) {
  for (const auto &v : schema.versions)
    if (v.version == version) return v;
  std::string known;
  for (const auto *v : versions_oldest_first(schema)) known += (known.empty() ? "" : ", ") + v->version;
  throw DomainError("schema '" + schema.name + "' has no version '" + version + "' in " + where + " (it has " +
                    (known.empty() ? "none" : known) + ")");
}

const SchemaVersion *version_before(const Schema &schema, const SchemaVersion &version) {
  auto order = versions_oldest_first(schema);
  auto it = std::find(order.begin(), order.end(), &version);
  return it == order.begin() || it == order.end() ? nullptr : *(it - 1);
}

} // namespace ssmd::schema
