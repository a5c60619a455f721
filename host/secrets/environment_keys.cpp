#include "secrets/environment_keys.hpp"

#include "core/errors.hpp"
#include "registry/command_support.hpp"
#include "registry/resolve.hpp"

namespace ssmd::secrets {

std::string EnvironmentKey::subject() const { return "key `" + name + "` of environment `" + environment + "`"; }

Diagnostic EnvironmentKey::finding(Severity severity, std::string rule, std::string message,
                                   std::string_view path) const {
  std::string document_path = "keys." + name;
  if (!path.empty()) document_path += (path.front() == '[' ? "" : ".") + std::string(path);
  yaml::Mark mark = doc ? doc->locate(document_path) : yaml::Mark{};
  return Diagnostic{file, mark.line, mark.column, severity, std::move(rule), std::move(message)};
}

std::vector<EnvironmentKey> environment_keys(registry::Repository &repo, const std::string &environment) {
  const registry::LoadedEnvironment &loaded = registry::require_environment(repo, environment);
  registry::Resolution resolution = registry::resolve_environment(repo, environment);
  if (!resolution.env) throw DomainError(loaded.file + ": " + resolution.problem);

  std::vector<EnvironmentKey> keys;
  for (const auto &resolved : resolution.env->keys) {
    // resolve_environment() only names environments whose files loaded, so `from` is there.
    const registry::LoadedEnvironment *definer = repo.environment(resolved.from);
    EnvironmentKey key;
    key.environment = environment;
    key.name = resolved.spec.name;
    key.source = resolved.spec.source;
    key.required = resolved.spec.required.value_or(true);
    key.rotation_days = resolved.spec.rotation_days;
    key.from = resolved.from;
    key.file = definer ? definer->file : loaded.file;
    key.doc = definer ? definer->doc.get() : nullptr;
    if (key.doc && key.doc->root())
      if (const yaml::Node *all = key.doc->root()->get("keys")) key.spec = all->get(key.name);
    // Positions come from the document, so they match the `fields[i]` paths backends report.
    const yaml::Node *list = key.spec && key.spec->is_map() ? key.spec->get("fields") : nullptr;
    for (size_t i = 0; list && list->is_sequence() && i < list->size(); ++i)
      if (list->at(i)->is_scalar()) key.fields.push_back(KeyField{i, list->at(i)->scalar()});
    keys.push_back(std::move(key));
  }
  return keys;
}

ssmd_secret_request secret_request(const EnvironmentKey &key) {
  ssmd_secret_request request{};
  request.struct_size = sizeof(request);
  request.environment = ssmd_str{key.environment.data(), key.environment.size()};
  request.key = ssmd_str{key.name.data(), key.name.size()};
  request.source = ssmd_str{key.source.data(), key.source.size()};
  request.spec = yaml::Document::handle(key.spec);
  request.file = ssmd_str{key.file.data(), key.file.size()};
  return request;
}

} // namespace ssmd::secrets
