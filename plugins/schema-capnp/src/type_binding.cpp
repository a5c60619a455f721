#include "type_binding.hpp"

namespace ssmd::capnp_schema {

TypeRef resolve(const TypeRef &type, const Bindings &bindings) {
  if (type.param_scope) {
    auto it = bindings.find(*type.param_scope);
    if (it != bindings.end() && type.param_index < it->second.size()) return it->second[type.param_index];
    return type;
  }
  TypeRef out = type;
  for (auto &e : out.element) e = resolve(e, bindings);
  std::vector<BrandScope> scopes;
  for (const auto &scope : type.scopes) {
    BrandScope s{scope.scope, false, {}};
    if (scope.inherit) {
      auto it = bindings.find(scope.scope);
      if (it == bindings.end()) continue; // nothing in force: the parameters stay unbound
      s.args = it->second;
    } else {
      for (const auto &arg : scope.args) s.args.push_back(resolve(arg, bindings));
    }
    scopes.push_back(std::move(s));
  }
  out.scopes = std::move(scopes);
  return out;
}

Bindings bindings_of(const TypeRef &resolved) {
  Bindings out;
  for (const auto &scope : resolved.scopes)
    if (!scope.inherit) out[scope.scope] = scope.args;
  return out;
}

std::string type_key(const TypeRef &type, const std::map<uint64_t, uint64_t> *map) {
  auto mapped = [map](uint64_t id) {
    if (!map) return id;
    auto it = map->find(id);
    return it == map->end() ? id : it->second;
  };
  std::string out = std::to_string(static_cast<int>(type.kind));
  if (type.id) out += ":" + std::to_string(mapped(type.id));
  if (type.param_scope)
    out += ":param " + std::to_string(mapped(*type.param_scope)) + " " + std::to_string(type.param_index);
  else if (!type.any.empty())
    out += ":" + type.any;
  for (const auto &e : type.element) out += "(" + type_key(e, map) + ")";
  for (const auto &scope : type.scopes) {
    out += "<" + std::to_string(mapped(scope.scope)) + (scope.inherit ? " inherit" : "");
    for (const auto &arg : scope.args) out += " " + type_key(arg, map);
    out += ">";
  }
  return out;
}

} // namespace ssmd::capnp_schema
