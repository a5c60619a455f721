// Time travel: which version of a feed or schema is in force on a date.
//
// The version in force is the one with the latest effective_from <= date, provided the date is before its
// effective_to (exclusive) when it has one. Schema drafts are never in force: a draft is not released.
#pragma once

#include "registry/model.hpp"

#include <string>

namespace ssmd::registry {

struct AsOf {
  std::optional<size_t> index; // into `versions`, when a version is in force
  std::string why_none;        // otherwise, one sentence for the user
  explicit operator bool() const { return index.has_value(); }
};

AsOf feed_version_as_of(const Feed &feed, Date date);
AsOf schema_version_as_of(const Schema &schema, Date date);

} // namespace ssmd::registry
