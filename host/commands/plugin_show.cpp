#include "commands/commands.hpp"
#include "commands/plugin_common.hpp"
#include "core/errors.hpp"
#include "core/suggest.hpp"
#include "plugins/file_hash.hpp"

#include <iostream>

namespace ssmd {

// `ssmd plugin show NAME`: one plugin's manifest, file hash and status. Loads nothing.
CommandSpec describe_plugin_show(Context &) {
  return synopsis("ssmd plugin show NAME [--output json]",
                  {argument("name", "NAME", "the plugin's name").naming(Names::Plugin), output_option()});
}

int run_plugin_show(Context &ctx, const Args &args) {
  auto vm = parse_args(ctx, "plugin show", args);
  if (!vm) return kExitOk;
  OutputFormat format = output_format(*vm);
  const std::string name = (*vm)["name"].as<std::string>();

  PluginManager &manager = ctx.plugins();
  const PluginInfo *info = manager.find(name);
  if (!info) {
    std::vector<std::string> names;
    for (const auto &p : manager.plugins()) names.push_back(p.manifest.name);
    std::string message = "no plugin named '" + name + "' on the search path";
    if (auto near = closest(name, names)) message += "; did you mean '" + *near + "'?";
    throw DomainError(message + " (see 'ssmd plugin list')");
  }
  // An unsafe file is never opened, not even to hash it; a usable one is hashed through the descriptor it
  // would be loaded from.
  std::optional<std::string> sha256;
  if (info->status != PluginStatus::Unsafe) {
    std::string hash_error;
    sha256 = info->file ? sha256_fd(info->file->fd(), hash_error) : sha256_file(info->path, hash_error);
    if (!sha256) throw EnvironmentError(info->path.string() + ": " + hash_error);
  }
  std::vector<std::string> shadowed;
  for (const auto &p : manager.plugins())
    if (p.manifest.name == name && p.status == PluginStatus::Shadowed) shadowed.push_back(p.path.string());

  const Manifest &m = info->manifest;
  if (format == OutputFormat::Json) {
    json::Value out = plugin_json(*info);
    if (sha256) out.set("sha256", *sha256);
    json::Array copies;
    for (const auto &path : shadowed) copies.emplace_back(path);
    out.set("shadowed", copies);
    std::cout << out.dump();
    return kExitOk;
  }
  bool valid = info->status != PluginStatus::Invalid && info->status != PluginStatus::Unsafe; // manifest read
  std::cout << "name:     " << m.name << "\n";
  if (valid) {
    std::cout << "version:  " << m.version << "\n"
              << "abi:      " << m.abi_major << "." << m.abi_minor << "\n";
    if (!m.url.empty()) std::cout << "url:      " << m.url << "\n";
  }
  std::cout << "path:     " << info->path.string() << "\n"
            << "sha256:   " << sha256.value_or("(not read: the file is unsafe)") << "\n"
            << "status:   " << plugin_status_name(info->status) << "\n";
  if (!info->problem.empty()) std::cout << "problem:  " << info->problem << "\n";
  if (valid) {
    std::cout << "provides:" << (m.provides.empty() ? " (nothing)\n" : "\n");
    for (const auto &p : m.provides) std::cout << "  " << p.kind << " " << p.name << "\n";
    std::cout << "commands:" << (m.commands.empty() ? " (none)\n" : "\n");
    for (const auto &c : m.commands) std::cout << "  " << c.name << "  " << c.summary << "\n";
  }
  for (const auto &path : shadowed) std::cout << "shadows:  " << path << "\n";
  return kExitOk;
}

} // namespace ssmd
