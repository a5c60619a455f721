#include "model_builder.hpp"

#include <capnp/any.h>

#include <cstring>
#include <deque>

namespace ssmd::capnp_schema {

namespace {

namespace schema = capnp::schema;

template <class Reader> std::string canonical_bytes(Reader reader) {
  auto words = capnp::AnyStruct::Reader(reader).canonicalize();
  auto bytes = words.asBytes();
  return std::string(bytes.begin(), bytes.end());
}

std::vector<Annotation> annotations_of(capnp::List<schema::Annotation>::Reader list) {
  std::vector<Annotation> out;
  for (auto a : list) out.push_back({a.getId(), canonical_bytes(a.getValue())});
  return out;
}

TypeRef type_of(schema::Type::Reader raw);

std::vector<BrandScope> scopes_of(schema::Brand::Reader brand) {
  std::vector<BrandScope> out;
  for (auto scope : brand.getScopes()) {
    BrandScope s;
    s.scope = scope.getScopeId();
    if (scope.isInherit()) {
      s.inherit = true;
    } else {
      for (auto binding : scope.getBind()) {
        if (binding.isType()) {
          s.args.push_back(type_of(binding.getType()));
        } else {
          TypeRef unbound;
          unbound.kind = TypeRef::Kind::AnyPointer;
          unbound.any = "any";
          s.args.push_back(std::move(unbound));
        }
      }
    }
    out.push_back(std::move(s));
  }
  return out;
}

// The bits a data field's default XORs into the stored value.
uint64_t default_bits(schema::Value::Reader v) {
  auto bits = [](auto value) {
    uint64_t out = 0;
    std::memcpy(&out, &value, sizeof value);
    return out;
  };
  switch (v.which()) {
  case schema::Value::BOOL: return v.getBool();
  case schema::Value::INT8: return bits(v.getInt8());
  case schema::Value::INT16: return bits(v.getInt16());
  case schema::Value::INT32: return bits(v.getInt32());
  case schema::Value::INT64: return bits(v.getInt64());
  case schema::Value::UINT8: return v.getUint8();
  case schema::Value::UINT16: return v.getUint16();
  case schema::Value::UINT32: return v.getUint32();
  case schema::Value::UINT64: return v.getUint64();
  case schema::Value::FLOAT32: return bits(v.getFloat32());
  case schema::Value::FLOAT64: return bits(v.getFloat64());
  case schema::Value::ENUM: return v.getEnum();
  default: return 0;
  }
}

// A pointer field's default as a reader sees it: empty when it reads the same as a null pointer (no
// default, `""`, `[]`, `()`), else the canonical bytes of the value.
std::string default_pointer(schema::Value::Reader v) {
  capnp::AnyPointer::Reader p;
  switch (v.which()) {
  case schema::Value::TEXT:
    return v.hasText() && v.getText().size() ? "text:" + std::string(v.getText().cStr()) : std::string();
  case schema::Value::DATA: {
    auto data = v.getData();
    return v.hasData() && data.size() ? "data:" + std::string(data.asChars().begin(), data.size()) : std::string();
  }
  case schema::Value::LIST: p = v.getList(); break;
  case schema::Value::STRUCT: p = v.getStruct(); break;
  case schema::Value::ANY_POINTER: p = v.getAnyPointer(); break;
  default: return {};
  }
  if (p.isNull()) return {};
  if (p.isList() && p.getAs<capnp::AnyList>().size() == 0) return {};
  if (p.isStruct()) {
    auto words = p.getAs<capnp::AnyStruct>().canonicalize();
    // An all-default struct canonicalizes to its root pointer alone.
    if (words.size() <= 1) return {};
    auto bytes = words.asBytes();
    return "struct:" + std::string(bytes.begin(), bytes.end());
  }
  auto words = capnp::AnyStruct::Reader(v).canonicalize();
  auto bytes = words.asBytes();
  return "value:" + std::string(bytes.begin(), bytes.end());
}

TypeRef type_of(schema::Type::Reader raw) {
  using K = TypeRef::Kind;
  TypeRef t;
  switch (raw.which()) {
  case schema::Type::VOID: t.kind = K::Void; break;
  case schema::Type::BOOL: t.kind = K::Bool; break;
  case schema::Type::INT8: t.kind = K::Int8; break;
  case schema::Type::INT16: t.kind = K::Int16; break;
  case schema::Type::INT32: t.kind = K::Int32; break;
  case schema::Type::INT64: t.kind = K::Int64; break;
  case schema::Type::UINT8: t.kind = K::UInt8; break;
  case schema::Type::UINT16: t.kind = K::UInt16; break;
  case schema::Type::UINT32: t.kind = K::UInt32; break;
  case schema::Type::UINT64: t.kind = K::UInt64; break;
  case schema::Type::FLOAT32: t.kind = K::Float32; break;
  case schema::Type::FLOAT64: t.kind = K::Float64; break;
  case schema::Type::TEXT: t.kind = K::Text; break;
  case schema::Type::DATA: t.kind = K::Data; break;
  case schema::Type::LIST:
    t.kind = K::List;
    t.element.push_back(type_of(raw.getList().getElementType()));
    break;
  case schema::Type::ENUM:
    t.kind = K::Enum;
    t.id = raw.getEnum().getTypeId();
    if (raw.getEnum().getBrand().getScopes().size()) t.brand = canonical_bytes(raw.getEnum().getBrand());
    t.scopes = scopes_of(raw.getEnum().getBrand());
    break;
  case schema::Type::STRUCT:
    t.kind = K::Struct;
    t.id = raw.getStruct().getTypeId();
    if (raw.getStruct().getBrand().getScopes().size()) t.brand = canonical_bytes(raw.getStruct().getBrand());
    t.scopes = scopes_of(raw.getStruct().getBrand());
    break;
  case schema::Type::INTERFACE:
    t.kind = K::Interface;
    t.id = raw.getInterface().getTypeId();
    if (raw.getInterface().getBrand().getScopes().size()) t.brand = canonical_bytes(raw.getInterface().getBrand());
    t.scopes = scopes_of(raw.getInterface().getBrand());
    break;
  case schema::Type::ANY_POINTER: {
    t.kind = K::AnyPointer;
    auto any = raw.getAnyPointer();
    switch (any.which()) {
    case schema::Type::AnyPointer::UNCONSTRAINED:
      switch (any.getUnconstrained().which()) {
      case schema::Type::AnyPointer::Unconstrained::ANY_KIND: t.any = "any"; break;
      case schema::Type::AnyPointer::Unconstrained::STRUCT: t.any = "struct"; break;
      case schema::Type::AnyPointer::Unconstrained::LIST: t.any = "list"; break;
      case schema::Type::AnyPointer::Unconstrained::CAPABILITY: t.any = "capability"; break;
      }
      break;
    case schema::Type::AnyPointer::PARAMETER:
      t.any = "param " + std::to_string(any.getParameter().getScopeId()) + " " +
              std::to_string(any.getParameter().getParameterIndex());
      t.param_scope = any.getParameter().getScopeId();
      t.param_index = any.getParameter().getParameterIndex();
      break;
    case schema::Type::AnyPointer::IMPLICIT_METHOD_PARAMETER:
      t.any = "method-param " + std::to_string(any.getImplicitMethodParameter().getParameterIndex());
      break;
    }
    break;
  }
  }
  return t;
}

class Builder {
public:
  explicit Builder(std::string display) : prefix_(display + ":") { model_.file = std::move(display); }

  Model run(const capnp::ParsedSchema &file) {
    model_.file_id = file.getProto().getId();
    add_named(file);
    while (!queue_.empty()) {
      capnp::Schema next = queue_.front();
      queue_.pop_front();
      add(next);
    }
    return std::move(model_);
  }

private:
  void add_named(const capnp::ParsedSchema &schema) {
    add(schema);
    for (auto nested : schema.getAllNested()) add_named(nested);
  }

  // Queues the node a type refers to, with its brand removed so fields keep their declared types, and
  // the types its brand binds (`Box(Point)` needs `Point`).
  void follow(capnp::Type type, schema::Type::Reader raw) {
    switch (type.which()) {
    case schema::Type::LIST: follow(type.asList().getElementType(), raw.getList().getElementType()); break;
    case schema::Type::STRUCT:
      queue_.push_back(type.asStruct().getGeneric());
      follow_brand(type.asStruct(), raw.getStruct().getBrand());
      break;
    case schema::Type::ENUM: queue_.push_back(type.asEnum().getGeneric()); break;
    case schema::Type::INTERFACE:
      queue_.push_back(type.asInterface().getGeneric());
      follow_brand(type.asInterface(), raw.getInterface().getBrand());
      break;
    default: break;
    }
  }

  void follow_brand(capnp::Schema branded, schema::Brand::Reader brand) {
    for (auto scope : brand.getScopes()) {
      if (!scope.isBind()) continue;
      auto args = branded.getBrandArgumentsAtScope(scope.getScopeId());
      auto bindings = scope.getBind();
      for (uint i = 0; i < args.size() && i < bindings.size(); ++i)
        if (bindings[i].isType()) follow(args[i], bindings[i].getType());
    }
  }

  void add(capnp::Schema schema) {
    schema = schema.getGeneric();
    auto proto = schema.getProto();
    if (model_.nodes.contains(proto.getId())) return;
    Node &node = model_.nodes[proto.getId()];
    node.id = proto.getId();
    std::string display = proto.getDisplayName().cStr();
    node.local = display == model_.file || display.starts_with(prefix_);
    if (size_t colon = display.find(':'); colon != std::string::npos) {
      node.file = display.substr(0, colon);
      node.path = display.substr(colon + 1);
    } else {
      node.file = display;
    }
    node.is_implicit = node.path.find('$') != std::string::npos;
    if (node.local && !node.is_implicit && !node.path.empty()) model_.local_paths.emplace(node.path, node.id);
    for (auto p : proto.getParameters()) node.generic_parameters.push_back(p.getName().cStr());
    node.annotations = annotations_of(proto.getAnnotations());

    switch (proto.which()) {
    case schema::Node::FILE: node.kind = Node::Kind::File; break;
    case schema::Node::STRUCT: add_struct(node, schema.asStruct()); break;
    case schema::Node::ENUM:
      node.kind = Node::Kind::Enum;
      for (auto e : proto.getEnum().getEnumerants()) node.enumerants.push_back(e.getName().cStr());
      break;
    case schema::Node::INTERFACE: add_interface(node, schema.asInterface()); break;
    case schema::Node::CONST:
      node.kind = Node::Kind::Const;
      node.const_type = type_of(proto.getConst().getType());
      node.const_value = canonical_bytes(proto.getConst().getValue());
      follow(schema.asConst().getType(), proto.getConst().getType());
      break;
    case schema::Node::ANNOTATION:
      node.kind = Node::Kind::Annotation;
      node.annotation_type = type_of(proto.getAnnotation().getType());
      break;
    }
  }

  void add_struct(Node &node, capnp::StructSchema schema) {
    auto s = schema.getProto().getStruct();
    node.kind = Node::Kind::Struct;
    node.is_group = s.getIsGroup();
    node.data_words = s.getDataWordCount();
    node.pointers = s.getPointerCount();
    node.discriminant_count = s.getDiscriminantCount();
    node.discriminant_offset = s.getDiscriminantOffset();
    for (auto field : schema.getFields()) {
      auto proto = field.getProto();
      Field f;
      f.name = proto.getName().cStr();
      if (proto.getOrdinal().isExplicit()) f.ordinal = proto.getOrdinal().getExplicit();
      f.discriminant = proto.getDiscriminantValue();
      f.annotations = annotations_of(proto.getAnnotations());
      if (proto.isGroup()) {
        f.is_group = true;
        f.group_id = proto.getGroup().getTypeId();
        queue_.push_back(field.getType().asStruct());
      } else {
        auto slot = proto.getSlot();
        f.type = type_of(slot.getType());
        f.offset = slot.getOffset();
        f.default_value = canonical_bytes(slot.getDefaultValue());
        f.default_bits = default_bits(slot.getDefaultValue());
        f.default_pointer = default_pointer(slot.getDefaultValue());
        follow(field.getType(), slot.getType());
      }
      node.fields.push_back(std::move(f));
    }
  }

  void add_interface(Node &node, capnp::InterfaceSchema schema) {
    node.kind = Node::Kind::Interface;
    for (auto super : schema.getSuperclasses()) {
      node.superclasses.push_back(super.getProto().getId());
      queue_.push_back(super);
    }
    uint16_t ordinal = 0;
    for (auto method : schema.getMethods()) {
      auto proto = method.getProto();
      node.methods.push_back({proto.getName().cStr(), ordinal++, proto.getParamStructType(),
                              proto.getResultStructType(), annotations_of(proto.getAnnotations())});
      queue_.push_back(method.getParamType());
      queue_.push_back(method.getResultType());
    }
  }

  std::string prefix_;
  Model model_;
  std::deque<capnp::Schema> queue_;
};

} // namespace

Model build_model(const capnp::ParsedSchema &file, const std::string &display_name) {
  return Builder(display_name).run(file);
}

} // namespace ssmd::capnp_schema
