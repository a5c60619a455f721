#include "commands/plugin_common.hpp"

namespace ssmd {

std::string plugin_kinds(const PluginInfo &info) {
  std::string out;
  for (const auto &kind : manifest_kinds(info.manifest)) out += (out.empty() ? "" : ",") + kind;
  return out.empty() ? "-" : out;
}

json::Value plugin_json(const PluginInfo &info) {
  const Manifest &m = info.manifest;
  json::Value out;
  out.set("name", m.name);
  bool valid = info.status != PluginStatus::Invalid && info.status != PluginStatus::Unsafe; // manifest read
  out.set("version", valid ? json::Value(m.version) : json::Value());
  out.set("abi", valid ? json::Value(std::to_string(m.abi_major) + "." + std::to_string(m.abi_minor)) : json::Value());
  out.set("url", valid && !m.url.empty() ? json::Value(m.url) : json::Value());
  json::Array kinds, provides, commands;
  for (const auto &kind : manifest_kinds(m)) kinds.emplace_back(kind);
  for (const auto &p : m.provides) provides.push_back(json::Value().set("kind", p.kind).set("name", p.name));
  for (const auto &c : m.commands) commands.push_back(json::Value().set("name", c.name).set("summary", c.summary));
  out.set("kinds", kinds);
  out.set("provides", provides);
  out.set("commands", commands);
  out.set("status", plugin_status_name(info.status));
  out.set("problem", info.problem.empty() ? json::Value() : json::Value(info.problem));
  out.set("path", info.path.string());
  return out;
}

} // namespace ssmd
