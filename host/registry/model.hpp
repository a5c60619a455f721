// The registry's model: feeds, schemas and environments as read from exchanges/.
//
// Values are kept as written (strings stay strings, absent stays absent) so the integrity rules can say
// precisely what is wrong; a field that failed to parse is absent here and was already reported by the
// loader. Every model element remembers its document path (`versions[1]`), and the Document it came
// from stays alive beside it (see `Loaded<T>`), so any finding maps back to file:line:col and plugins
// can be handed the raw nodes.
#pragma once

#include "core/date.hpp"
#include "yaml/document.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ssmd::registry {

enum class Kind { Feed, Schema, Environment };

// "feeds", "schemas", "environments": the folder under exchanges/.
const char *folder_of(Kind kind);
// "feed", "schema", "environment": for messages.
const char *noun_of(Kind kind);

struct FeedVersion {
  size_t index = 0; // position in `versions:`
  std::string version;
  std::optional<Date> effective_from;
  std::optional<Date> effective_to; // exclusive
  std::string protocol;
  std::string endpoint;
  std::string auth_method;
  std::optional<int64_t> rate_limit_per_second;
  std::optional<int64_t> max_symbols_per_connection;
  std::optional<bool> supports_orderbook;
  std::optional<bool> supports_trades;
  std::optional<std::vector<std::string>> channels;
  std::vector<std::string> extra_fields; // keys the host does not know; the feed plugin reads them
  std::vector<std::string> extra_values; // their values as one-line (flow) YAML, parallel to extra_fields
};

struct Calendar {
  std::string timezone;         // IANA name
  std::string holiday_calendar; // optional
};

struct Feed {
  std::string name;
  std::string display_name;
  std::string exchange; // defaults to `name`
  std::string type;     // websocket | rest | multicast
  std::string status;   // active | deprecated | disabled
  std::vector<FeedVersion> versions;
  std::optional<Calendar> calendar;
};

struct SchemaVersion {
  size_t index = 0;
  std::string version;
  std::optional<Date> effective_from;
  std::string status;   // draft | active | deprecated
  std::string file;     // as written; empty means the schema's `schema_file`
  std::string root;
  std::string hash;     // "sha256:<64 hex>"
  std::vector<std::string> compatible_with;
  std::string breaking_changes;
};

struct Schema {
  std::string name;
  std::string format;
  std::string schema_file; // default file for versions that name none
  std::vector<SchemaVersion> versions;

  // The file a version's definition lives in, relative to exchanges/schemas/ (empty when none is named).
  const std::string &file_of(const SchemaVersion &v) const { return v.file.empty() ? schema_file : v.file; }
};

// `trade:v1`, as written in an environment's `schema:` or `schemas:`.
struct SchemaRef {
  std::string schema;
  std::string version;
  std::string path; // document path: "schema" or "schemas[2]"
  std::string text() const { return schema + ":" + version; }
};

struct KeySpec {
  std::string name;
  std::string type;
  std::optional<bool> required;
  std::vector<std::string> fields;
  std::string source; // e.g. "env" or "<backend>/<path>"; the secret plugin owning the prefix checks it
  std::optional<int64_t> rotation_days;
};

struct Environment {
  std::string name;
  std::optional<std::string> extends;
  std::optional<std::string> feed;
  std::optional<std::vector<SchemaRef>> schemas; // from `schema:` or `schemas:`; absent means inherited
  std::optional<std::vector<KeySpec>> keys;      // absent means inherited
  const yaml::Node *transport = nullptr;         // free-form maps, owned by the document
  const yaml::Node *storage = nullptr;
};

// One file of the repository and what it holds. `model` is empty when the file did not parse.
template <class T> struct Loaded {
  std::string file;  // repository-relative, e.g. "exchanges/feeds/acme.yaml"
  std::string stem;  // the file name without ".yaml"
  std::string text;  // the bytes read, for minimal edits
  std::unique_ptr<yaml::Document> doc;
  std::optional<T> model;
  Diagnostics diagnostics; // what the loader found
};

using LoadedFeed = Loaded<Feed>;
using LoadedSchema = Loaded<Schema>;
using LoadedEnvironment = Loaded<Environment>;

} // namespace ssmd::registry
