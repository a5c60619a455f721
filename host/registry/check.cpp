// The rule catalogue and the whole-repository pass.
#include "registry/check.hpp"

#include "registry/names.hpp"
#include "registry/reporter.hpp"

#include <algorithm>
#include <map>

namespace ssmd::registry {

const std::vector<RuleInfo> &core_rules() {
  constexpr Severity E = Severity::Error;
  constexpr Severity W = Severity::Warning;
  // Categories: `file` (a file that cannot be read as one safe YAML document), `structure` (a field missing,
  // of the wrong type or unknown, a value outside its set), `reference` (a name that must exist or be
  // unique), `time` (effective dates), `lifecycle` (statuses), `integrity` (recorded facts the files
  // contradict), `settings` (the team settings file). A rule that reports more than one severity lists its
  // most severe; its page in docs/rules/ says when it reports the others.
  static const std::vector<RuleInfo> k_rules = {
      {"env/deprecated-schema", W, "lifecycle", "Warns when an environment uses a deprecated schema version."},
      {"env/disabled-feed", W, "lifecycle", "Warns when an environment uses a disabled feed."},
      {"env/draft-schema", E, "lifecycle", "Checks that an environment uses no draft schema version."},
      {"env/duplicate-schema", E, "reference", "Checks that an environment references each schema once."},
      {"env/extends-cycle", E, "reference", "Checks that extends: chains end, reporting a cycle as a path a → b → a."},
      {"env/key-incomplete", E, "structure", "Checks that every key has a type, a source and a non-empty list of distinct fields."},
      {"env/key-rotation", E, "structure", "Checks that rotation_days is a positive number of days."},
      {"env/missing-feed", E, "structure", "Checks that an environment, with its parents, names a feed."},
      {"env/missing-schema", E, "structure", "Checks that an environment, with its parents, names at least one schema version."},
      {"env/required", E, "structure", "Checks that an environment file has a name."},
      {"env/schema-and-schemas", E, "structure", "Checks that an environment gives schema: or schemas:, not both."},
      {"env/schema-ref", E, "structure", "Checks that a schema reference has the form NAME:VERSION."},
      {"env/unknown-feed", E, "reference", "Checks that the feed an environment names exists."},
      {"env/unknown-key", W, "structure", "Warns about keys an environment file does not define, suggesting the closest."},
      {"env/unknown-parent", E, "reference", "Checks that the environment named by extends: exists."},
      {"env/unknown-schema", E, "reference", "Checks that every schema an environment references exists."},
      {"env/unknown-schema-version", E, "reference", "Checks that every schema version an environment references exists."},
      {"env/wrong-type", E, "structure", "Checks that each environment field has the type its format defines."},
      {"feed/duplicate-version", E, "reference", "Checks that version names are unique within a feed."},
      {"feed/effective-to-before-from", E, "time", "Checks that a version's effective_to is after its effective_from."},
      {"feed/endpoint-scheme", E, "structure", "Checks that an endpoint is a URL whose scheme equals the version's protocol."},
      {"feed/no-versions", E, "structure", "Checks that a feed has at least one version."},
      {"feed/non-positive-limit", E, "structure", "Checks that rate and symbol limits are positive integers."},
      {"feed/overlapping-versions", E, "time", "Checks that no two versions of a feed are in force on the same day."},
      {"feed/protocol-type-mismatch", E, "structure", "Checks that a version's protocol fits the feed's type."},
      {"feed/required", E, "structure", "Checks that a feed and each of its versions have every required field."},
      {"feed/timezone", E, "structure", "Checks that the calendar's timezone is a real IANA time zone."},
      {"feed/unknown-key", W, "structure", "Warns about feed keys that look like misspelt known keys."},
      {"feed/unknown-protocol", E, "structure", "Checks that a version's protocol is one of wss, ws, https, http, udp."},
      {"feed/unknown-status", E, "structure", "Checks that a feed's status is active, deprecated or disabled."},
      {"feed/unknown-type", E, "structure", "Checks that a feed's type is websocket, rest or multicast."},
      {"feed/version-name", E, "structure", "Checks that version names are short and free of ':' and spaces."},
      {"feed/versions-out-of-order", W, "time", "Warns when versions are not listed oldest first."},
      {"feed/wrong-type", E, "structure", "Checks that each feed field has the type its format defines (dates, integers, booleans)."},
      {"io/file-name", E, "file", "Refuses files whose names hold a control character such as a newline."},
      {"io/hard-link", E, "file", "Refuses files with more than one hard link: another of their names may lie outside the repository."},
      {"io/not-regular", E, "file", "Refuses a FIFO, socket, device or directory where a file belongs, rather than blocking on it."},
      {"io/outside-repository", E, "file", "Refuses files that resolve through a symbolic link to a place outside the repository."},
      {"io/read", E, "file", "Reports a file that cannot be read."},
      {"io/too-large", E, "file", "Refuses definition files over 16 MiB unread."},
      {"repo/duplicate-name", E, "reference", "Checks that no two files of a kind declare the same name."},
      {"repo/invalid-name", E, "structure", "Checks that names match ^[a-z][a-z0-9_-]{0,63}$."},
      {"repo/name-mismatch", E, "reference", "Checks that a file's name: equals its file stem."},
      {"repo/orphan-schema-file", W, "reference", "Warns about files in exchanges/schemas/ that no schema version uses."},
      {"schema/compatible-with", E, "reference", "Checks that compatible_with names earlier versions of the same schema."},
      {"schema/duplicate-effective-from", E, "time", "Checks that no two schema versions take effect on the same day."},
      {"schema/duplicate-version", E, "reference", "Checks that version names are unique within a schema."},
      {"schema/file-not-found", E, "reference", "Checks that each version's definition file exists."},
      {"schema/file-outside", E, "file", "Checks that definition files stay inside exchanges/schemas/ (no .., no absolute path, no escaping symlink)."},
      {"schema/hash-format", E, "structure", "Checks that a hash is sha256: followed by 64 lower-case hex digits."},
      {"schema/hash-mismatch", E, "integrity", "Checks that the recorded sha256 matches the definition file's bytes."},
      {"schema/missing-file", E, "structure", "Checks that each version names a file or the schema has a schema_file."},
      {"schema/no-versions", E, "structure", "Checks that a schema has at least one version."},
      {"schema/required", E, "structure", "Checks that a schema and each of its versions have every required field."},
      {"schema/unknown-key", W, "structure", "Warns about keys a schema file does not define, suggesting the closest."},
      {"schema/unknown-status", E, "structure", "Checks that a version's status is draft, active or deprecated."},
      {"schema/version-name", E, "structure", "Checks that version names are short and free of ':' and spaces."},
      {"schema/wrong-type", E, "structure", "Checks that each schema field has the type its format defines."},
      {"settings/not-allowed", E, "settings", "Refuses keys in ssmd.yaml that would choose code (plugin_path): a repository may judge findings, never pick plugins."},
      {"settings/rule-level", E, "settings", "Checks that rules: maps rule ids or families to off, warning or error, and lowers no plugin/* or io/* rule."},
      {"settings/unknown-key", E, "settings", "Checks ssmd.yaml's keys: its own sections, configuration keys ssmd reads, and sections named by installed plugins."},
      {"settings/unknown-rule", W, "settings", "Warns about a rule id in rules: that looks like a core rule but is none, suggesting the closest."},
      {"settings/version", E, "settings", "Checks that ssmd.yaml says version: 1, the shape this ssmd reads."},
      {"settings/wrong-type", E, "settings", "Checks that each ssmd.yaml value has the type its section defines."},
      {"yaml/alias", E, "file", "Checks that every alias refers to an anchor defined before it."},
      {"yaml/alias-bomb", E, "file", "Refuses documents that expand beyond a bound through aliases."},
      {"yaml/complex-key", E, "file", "Checks that mapping keys are plain strings."},
      {"yaml/duplicate-key", E, "file", "Checks that no mapping repeats a key."},
      {"yaml/empty", E, "file", "Checks that a file holds a document."},
      {"yaml/encoding", E, "file", "Checks that a file is UTF-8 without NUL bytes."},
      {"yaml/multiple-documents", E, "file", "Checks that a file holds exactly one YAML document."},
      {"yaml/syntax", E, "file", "Checks that a file is well-formed YAML."},
      {"yaml/too-deep", E, "file", "Refuses documents nested too deeply."},
      {"yaml/too-large", E, "file", "Refuses files over 16 MiB unread."},
      {"yaml/too-many-nodes", E, "file", "Refuses documents of more than 524,288 keys, values and list items."},
  };
  return k_rules;
}

namespace {
// The name rules of one file on its own; true when it has a name to check for duplicates.
template <class T> bool check_name(const Loaded<T> &loaded, Kind kind, Diagnostics &out) {
  Reporter r(loaded.doc.get(), loaded.file, out);
  if (!loaded.model) {
    if (!valid_name(loaded.stem))
      out.push_back(Diagnostic{loaded.file, 1, 1, Severity::Error, "repo/invalid-name",
                               "file name '" + loaded.stem + "' must match ^[a-z][a-z0-9_-]{0,63}$"});
    return false;
  }
  const std::string &name = loaded.model->name;
  if (name.empty()) return false; // the kind's required rule reports it
  if (!valid_name(name))
    r.error("repo/invalid-name", "name", std::string(noun_of(kind)) + " name '" + name + "' must match ^[a-z][a-z0-9_-]{0,63}$");
  if (name != loaded.stem)
    r.error("repo/name-mismatch", "name",
            "name '" + name + "' must equal the file stem '" + loaded.stem + "' (rename the file or the name)");
  return true;
}

template <class T> void check_names(const Loaded<T> &loaded, Kind kind, std::map<std::string, std::string> &seen,
                                    Diagnostics &out) {
  if (!check_name(loaded, kind, out)) return;
  Reporter r(loaded.doc.get(), loaded.file, out);
  const std::string &name = loaded.model->name;
  auto [it, fresh] = seen.emplace(name, loaded.file);
  if (!fresh)
    r.error("repo/duplicate-name", "name", std::string(noun_of(kind)) + " '" + name + "' is also declared in " + it->second);
}
} // namespace

void check_own_name(const LoadedFeed &feed, Diagnostics &out) { check_name(feed, Kind::Feed, out); }
void check_own_name(const LoadedSchema &schema, Diagnostics &out) { check_name(schema, Kind::Schema, out); }
void check_own_name(const LoadedEnvironment &env, Diagnostics &out) { check_name(env, Kind::Environment, out); }

void check_layout(Repository &repo, Diagnostics &out) {
  std::map<std::string, std::string> feeds, schemas, environments;
  for (const auto &name : repo.names(Kind::Feed)) check_names(*repo.feed(name), Kind::Feed, feeds, out);
  for (const auto &name : repo.names(Kind::Schema)) check_names(*repo.schema(name), Kind::Schema, schemas, out);
  for (const auto &name : repo.names(Kind::Environment))
    check_names(*repo.environment(name), Kind::Environment, environments, out);

  std::map<std::string, bool> used;
  for (const auto &name : repo.names(Kind::Schema)) {
    const LoadedSchema *schema = repo.schema(name);
    if (!schema->model) continue;
    if (!schema->model->schema_file.empty()) used[schema->model->schema_file] = true;
    for (const auto &v : schema->model->versions)
      if (!v.file.empty()) used[v.file] = true;
  }
  // A finding about a whole file points at its start, as every location carries a line and a column.
  for (const auto &file : repo.schema_folder_files())
    if (!used.count(file))
      out.push_back(Diagnostic{"exchanges/schemas/" + file, 1, 1, Severity::Warning, "repo/orphan-schema-file",
                               "no schema version uses this file; register it or remove it"});
}

Diagnostics check_repository(Repository &repo) {
  repo.load_all();
  Diagnostics out = repo.load_diagnostics();
  check_layout(repo, out);
  for (const auto &name : repo.names(Kind::Feed)) check_feed(*repo.feed(name), out);
  for (const auto &name : repo.names(Kind::Schema)) check_schema(repo, *repo.schema(name), out);
  for (const auto &name : repo.names(Kind::Environment)) check_environment(repo, *repo.environment(name), out);
  std::stable_sort(out.begin(), out.end(), [](const Diagnostic &a, const Diagnostic &b) {
    return std::tie(a.file, a.line, a.column) < std::tie(b.file, b.line, b.column);
  });
  return out;
}

} // namespace ssmd::registry
