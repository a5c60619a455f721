// Writing environments: a new file, and in-place changes of the feed and the schema references.
#pragma once

#include "registry/repository.hpp"
#include "registry/text_edit.hpp"

namespace ssmd::registry {

// A new environment file. `key`, when given, is written as the one entry of a `keys:` block (name, type,
// fields and source; nothing else), after the schema references.
std::string render_environment_file(const std::string &name, const std::optional<std::string> &extends,
                                    const std::optional<std::string> &feed, const std::vector<SchemaRef> &schemas,
                                    const std::optional<KeySpec> &key = std::nullopt);

// The edit that sets `feed:` (replacing its value, or adding the line after `extends:`/`name:`).
TextEdit env_feed_edit(const LoadedEnvironment &env, const std::string &feed);

// The edits that make the environment use `updates`: a reference to the same schema is replaced, a new
// schema is added; an environment that inherited its schemas gets its own list (the parent's, updated).
std::vector<TextEdit> env_schema_edits(Repository &repo, const LoadedEnvironment &env,
                                       const std::vector<SchemaRef> &updates);

// Parses `edited` (the environment's text with the edits applied) and throws DomainError unless it keeps the
// name and parent, names `feed` when given, and references every one of `schemas`: the edits' rules about
// lines can misjudge an unusual layout, and a misjudged edit is refused rather than written.
void verify_environment_edit(const LoadedEnvironment &env, const std::string &edited,
                             const std::optional<std::string> &feed, const std::vector<SchemaRef> &schemas);

} // namespace ssmd::registry
