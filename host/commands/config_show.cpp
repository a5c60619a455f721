// ssmd config show: every effective configuration value and where it came from.
#include "commands/commands.hpp"

#include "config/config.hpp"
#include "core/json.hpp"
#include "core/table.hpp"

#include <iostream>

namespace ssmd {

namespace {
// A compact, single-line rendering of a YAML value.
std::string inline_text(const yaml::Node *n) {
  if (n->is_null()) return "~";
  if (n->is_scalar()) return n->scalar();
  std::string out = n->is_map() ? "{" : "[";
  for (size_t i = 0; i < n->size(); ++i) {
    if (i) out += ", ";
    if (n->is_map()) out += n->key_at(i) + ": ";
    out += inline_text(n->at(i));
  }
  return out + (n->is_map() ? "}" : "]");
}

json::Value json_of(const yaml::Node *n) {
  if (n->is_null()) return nullptr;
  if (n->is_scalar()) return n->scalar();
  json::Value out = n->is_map() ? json::Value(json::Object{}) : json::Value(json::Array{});
  for (size_t i = 0; i < n->size(); ++i) {
    if (n->is_map()) out.set(n->key_at(i), json_of(n->at(i)));
    else out.push(json_of(n->at(i)));
  }
  return out;
}
} // namespace

CommandSpec describe_config_show(Context &) {
  return synopsis("ssmd config show [--output json]",
                  {output_option()});
}

int run_config_show(Context &ctx, const Args &args) {
  auto vm = parse_args(ctx, "config show", args);
  if (!vm) return kExitOk;
  auto values = ctx.config().effective();
  if (output_format(*vm) == OutputFormat::Json) {
    json::Value out = json::Array{};
    for (const auto &[key, value] : values) {
      json::Value item;
      item.set("key", key).set("value", json_of(value.node)).set("origin", value.origin);
      out.push(std::move(item));
    }
    std::cout << out.dump();
    return kExitOk;
  }
  if (values.empty()) {
    std::cout << "no configuration set; files read: ";
    auto user = Config::user_file();
    std::cout << (user ? user->string() : std::string("(no user config dir)"));
    if (auto root = ctx.find_repo_root())
      std::cout << ", " << (*root / ".ssmd" / "config.yaml").string() << ", " << (*root / kTeamSettingsFileName).string();
    std::cout << "\n";
    return kExitOk;
  }
  Table table({"KEY", "VALUE", "ORIGIN"});
  for (const auto &[key, value] : values) table.add({key, inline_text(value.node), value.origin});
  table.print(std::cout);
  return kExitOk;
}

} // namespace ssmd
