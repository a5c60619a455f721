// The JSON document `ssmd publish` writes for one environment (docs/publish.md has its JSON Schema): the
// environment resolved at a commit, with `extends:` applied, its feed and the feed's whole version timeline,
// its schema versions with their declared and actual file hashes, its key references (never a value),
// transport and storage.
//
// A document has two parts. `content` is everything the commit decides; publishing compares only this
// part, so republishing an unchanged environment writes nothing. `published` says who published it, from
// which commit and when (and which feed version was in force that day); it is written with the content but
// never compared.
#pragma once

#include "core/json.hpp"
#include "registry/repository.hpp"

#include <string>

namespace ssmd::publish {

// The value of every document's `format` member; bumped only when a member changes meaning or goes away.
inline constexpr const char *kEnvironmentFormat = "ssmd.environment/1";

struct Publication {
  std::string commit;       // the full id of the commit published
  std::string ref;          // what named it: "refs/heads/main", "HEAD" when detached, or --at as given
  std::string at;           // UTC, "2025-07-01T09:30:00Z"
  std::string by;           // "Name <email>" from git's identity, else the login name
  std::string ssmd_version; // the publishing ssmd's version
  Date today = Date::from_days(0); // the day `at` falls on (UTC), for the version in force
};

struct EnvironmentDocument {
  std::string name;
  std::string content;               // the document without `published`, as compact JSON
  std::string feed_version_in_force; // on the day given; empty when no version is in force then
};

// Builds the content of environment `name`. Throws DomainError when the commit cannot give a sound
// document: the environment does not resolve, names no feed, or names a schema version or file that does
// not exist, or a schema file's bytes do not match its declared hash.
EnvironmentDocument environment_document(registry::Repository &repo, const std::string &name, Date today);

// The whole document as written: the content with `published` appended.
std::string document_text(const EnvironmentDocument &doc, const Publication &publication);

} // namespace ssmd::publish
