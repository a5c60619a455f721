#include "oracle_types.hpp"

namespace ssmd::test::oracle {

namespace schema = capnp::schema;
using capnp::StructSchema;
using capnp::Type;

namespace {

void collect_leaves(StructSchema s, const std::string &prefix, std::vector<StructSchema::Field> chain,
                    std::vector<Leaf> &out) {
  for (auto f : s.getFields()) {
    auto here = chain;
    here.push_back(f);
    std::string path = prefix + f.getProto().getName().cStr();
    if (f.getProto().isGroup()) collect_leaves(f.getType().asStruct(), path + ".", here, out);
    else out.push_back({f.getProto().getOrdinal().getExplicit(), path, here});
  }
}

bool is_parameter(Type t) { return t.getBrandParameter() != nullptr || t.getImplicitParameter() != nullptr; }

} // namespace

std::vector<Leaf> leaves(StructSchema s) {
  std::vector<Leaf> out;
  collect_leaves(s, "", {}, out);
  return out;
}

std::set<uint16_t> ordinals_in(StructSchema::Field f) {
  std::set<uint16_t> out;
  if (!f.getProto().isGroup()) {
    out.insert(f.getProto().getOrdinal().getExplicit());
    return out;
  }
  for (const auto &leaf : leaves(f.getType().asStruct())) out.insert(leaf.ordinal);
  return out;
}

bool has_discriminant(StructSchema::Field f) {
  return f.getProto().getDiscriminantValue() != schema::Field::NO_DISCRIMINANT;
}

Counterparts counterparts_of(std::optional<Type> t) {
  Counterparts out;
  if (t && t->isStruct())
    for (const auto &leaf : leaves(t->asStruct())) out.emplace(leaf.ordinal, leaf.chain.back().getType());
  return out;
}

std::optional<Type> element_of(std::optional<Type> t) {
  if (t && t->isList()) return t->asList().getElementType();
  return std::nullopt;
}

AnyKind any_kind(Type t) { return is_parameter(t) ? AnyKind::ANY_KIND : t.whichAnyPointerKind(); }

bool is_pointer(Type t) {
  return t.isText() || t.isData() || t.isList() || t.isStruct() || t.isInterface() || t.isAnyPointer();
}

bool fits(Type t, Type any) {
  switch (any_kind(any)) {
  case AnyKind::ANY_KIND: return is_pointer(t);
  case AnyKind::STRUCT: return t.isStruct() || (t.isAnyPointer() && any_kind(t) == AnyKind::STRUCT);
  case AnyKind::LIST: return t.isText() || t.isData() || t.isList() || (t.isAnyPointer() && any_kind(t) == AnyKind::LIST);
  case AnyKind::CAPABILITY: return t.isInterface() || (t.isAnyPointer() && any_kind(t) == AnyKind::CAPABILITY);
  }
  return false;
}

} // namespace ssmd::test::oracle
