#include "model.hpp"

#include <cstdio>

namespace ssmd::capnp_schema {

bool BrandScope::operator==(const BrandScope &other) const {
  return scope == other.scope && inherit == other.inherit && args == other.args;
}

bool TypeRef::operator==(const TypeRef &other) const {
  return kind == other.kind && id == other.id && brand == other.brand && element == other.element &&
         any == other.any && scopes == other.scopes && param_scope == other.param_scope &&
         param_index == other.param_index;
}

bool TypeRef::is_pointer() const {
  switch (kind) {
  case Kind::Text:
  case Kind::Data:
  case Kind::List:
  case Kind::Struct:
  case Kind::Interface:
  case Kind::AnyPointer: return true;
  default: return false;
  }
}

const Node *Model::find(uint64_t id) const {
  auto it = nodes.find(id);
  return it == nodes.end() ? nullptr : &it->second;
}

const Node *Model::find_local(const std::string &path) const {
  auto it = local_paths.find(path);
  return it == local_paths.end() ? nullptr : find(it->second);
}

std::string kind_name(Node::Kind kind) {
  switch (kind) {
  case Node::Kind::File: return "file";
  case Node::Kind::Struct: return "struct";
  case Node::Kind::Enum: return "enum";
  case Node::Kind::Interface: return "interface";
  case Node::Kind::Const: return "const";
  case Node::Kind::Annotation: return "annotation";
  }
  return "declaration";
}

std::string describe(const TypeRef &type, const Model &model) {
  using K = TypeRef::Kind;
  static const char *const k_names[] = {"Void",   "Bool",   "Int8",   "Int16",   "Int32",   "Int64", "UInt8",
                                        "UInt16", "UInt32", "UInt64", "Float32", "Float64", "Text",  "Data"};
  switch (type.kind) {
  case K::List: return "List(" + (type.element.empty() ? std::string("?") : describe(type.element[0], model)) + ")";
  case K::Enum:
  case K::Struct:
  case K::Interface: {
    const Node *node = model.find(type.id);
    std::string out = node ? node->path : id_text(type.id);
    // The bound arguments, scope after scope: `Box(Text)`, `Map.Entry(Text, Data)`.
    std::string args;
    for (const auto &scope : type.scopes)
      for (const auto &arg : scope.args) args += (args.empty() ? "" : ", ") + describe(arg, model);
    return args.empty() ? out : out + "(" + args + ")";
  }
  case K::AnyPointer:
    if (type.param_scope) {
      const Node *owner = model.find(*type.param_scope);
      if (owner && type.param_index < owner->generic_parameters.size()) return owner->generic_parameters[type.param_index];
    }
    if (type.is_parameter()) return "a generic parameter";
    if (type.any == "struct") return "AnyStruct";
    if (type.any == "list") return "AnyList";
    if (type.any == "capability") return "Capability";
    return "AnyPointer";
  default: return k_names[static_cast<int>(type.kind)];
  }
}

std::string id_text(uint64_t id) {
  char text[32];
  std::snprintf(text, sizeof text, "@0x%016llx", static_cast<unsigned long long>(id));
  return text;
}

} // namespace ssmd::capnp_schema
