#include "oracle_writer.hpp"

#include <capnp/any.h>

#include <deque>
#include <string>

namespace ssmd::test::oracle {

namespace {

namespace schema = capnp::schema;
using capnp::DynamicList;
using capnp::DynamicStruct;
using capnp::DynamicValue;
using capnp::StructSchema;
using capnp::Type;

constexpr unsigned k_list_size = 2;

// A value of `bits` width with its top bit set and every byte non-zero, different for every `salt` and
// from `avoid` (the default, which would be stored as zero).
uint64_t pattern(unsigned bits, uint64_t salt, uint64_t avoid) {
  uint64_t v = 0xA5C3E1F7B9D1836Bull ^ (salt * 0x9E3779B97F4A7C15ull);
  uint64_t mask = bits == 64 ? ~0ull : (1ull << bits) - 1;
  v = (v & mask) | (1ull << (bits - 1));
  for (unsigned b = 0; b < bits; b += 8)
    if (((v >> b) & 0xff) == 0) v |= 0x11ull << b;
  if ((v & mask) == (avoid & mask)) v ^= 2;
  return v & mask;
}

DynamicValue::Reader number(Type t, uint64_t salt, uint64_t avoid) {
  switch (t.which()) {
  case schema::Type::INT8: return static_cast<int8_t>(pattern(8, salt, avoid));
  case schema::Type::INT16: return static_cast<int16_t>(pattern(16, salt, avoid));
  case schema::Type::INT32: return static_cast<int32_t>(pattern(32, salt, avoid));
  case schema::Type::INT64: return static_cast<int64_t>(pattern(64, salt, avoid));
  case schema::Type::UINT8: return static_cast<uint8_t>(pattern(8, salt, avoid));
  case schema::Type::UINT16: return static_cast<uint16_t>(pattern(16, salt, avoid));
  case schema::Type::UINT32: return static_cast<uint32_t>(pattern(32, salt, avoid));
  case schema::Type::UINT64: return static_cast<uint64_t>(pattern(64, salt, avoid));
  case schema::Type::FLOAT32: return -1375.625f - static_cast<float>(salt);
  case schema::Type::FLOAT64: return -98765.4321 - static_cast<double>(salt);
  default: return capnp::VOID;
  }
}

uint64_t default_bits(schema::Value::Reader v) {
  switch (v.which()) {
  case schema::Value::INT8: return static_cast<uint8_t>(v.getInt8());
  case schema::Value::INT16: return static_cast<uint16_t>(v.getInt16());
  case schema::Value::INT32: return static_cast<uint32_t>(v.getInt32());
  case schema::Value::INT64: return static_cast<uint64_t>(v.getInt64());
  case schema::Value::UINT8: return v.getUint8();
  case schema::Value::UINT16: return v.getUint16();
  case schema::Value::UINT32: return v.getUint32();
  case schema::Value::UINT64: return v.getUint64();
  case schema::Value::ENUM: return v.getEnum();
  default: return 0;
  }
}

uint16_t enum_value(Type t, uint64_t salt, uint64_t avoid) {
  uint16_t count = static_cast<uint16_t>(t.asEnum().getEnumerants().size());
  if (count <= 1) return 0;
  uint16_t v = static_cast<uint16_t>(count - 1 - salt % count);
  return v == avoid ? static_cast<uint16_t>((v + 1) % count) : v;
}

class Writer {
public:
  Writer(unsigned variant, Fill mode) : variant_(variant), mode_(mode) {}

  void fill(DynamicStruct::Builder b, StructSchema s, const Counterparts &other, unsigned depth) {
    auto members = s.getUnionFields();
    std::optional<uint> chosen;
    if (members.size()) chosen = members[variant_ % members.size()].getIndex();
    for (auto f : s.getFields()) {
      if (has_discriminant(f) && f.getIndex() != chosen) continue;
      if (f.getProto().isGroup()) {
        fill(b.init(f).as<DynamicStruct>(), f.getType().asStruct(), other, depth);
        continue;
      }
      if (mode_ == Fill::Defaults) {
        if (has_discriminant(f)) b.clear(f); // chosen, with the member's own default
        continue;
      }
      uint16_t ordinal = f.getProto().getOrdinal().getExplicit();
      auto it = other.find(ordinal);
      set_field(b, f, it == other.end() ? std::nullopt : std::optional<Type>(it->second), ordinal, depth);
    }
  }

private:
  void set_field(DynamicStruct::Builder b, StructSchema::Field f, std::optional<Type> other, uint16_t ordinal,
                 unsigned depth) {
    Type t = f.getType();
    auto dflt = f.getProto().getSlot().getDefaultValue();
    uint64_t salt = ordinal * 7u + variant_;
    switch (t.which()) {
    case schema::Type::VOID: b.set(f, capnp::VOID); break;
    case schema::Type::BOOL: b.set(f, !dflt.getBool()); break;
    case schema::Type::TEXT: b.set(f, capnp::Text::Reader(text(salt))); break;
    case schema::Type::DATA: b.set(f, capnp::Data::Reader(bytes(salt))); break;
    case schema::Type::ENUM: b.set(f, capnp::DynamicEnum(t.asEnum(), enum_number(t, salt, dflt.getEnum()))); break;
    case schema::Type::LIST: fill_list(b.init(f, k_list_size).as<DynamicList>(), t.asList(), element_of(other), depth); break;
    case schema::Type::STRUCT:
      if (depth < k_max_depth) fill(b.init(f).as<DynamicStruct>(), t.asStruct(), counterparts_of(other), depth + 1);
      break;
    case schema::Type::INTERFACE: b.clear(f); break; // capabilities need an RPC system: left null
    case schema::Type::ANY_POINTER:
      b.clear(f); // a union member is set (and becomes readable) by clearing it
      shape(b.get(f).as<capnp::AnyPointer>(), t, other, depth);
      break;
    default: b.set(f, number(t, salt, default_bits(dflt))); break;
    }
  }

  void fill_list(DynamicList::Builder list, capnp::ListSchema schema, std::optional<Type> other, unsigned depth) {
    Type e = schema.getElementType();
    for (uint i = 0; i < list.size(); ++i) {
      uint64_t salt = i * 3u + variant_ + 1;
      switch (e.which()) {
      case schema::Type::VOID: list.set(i, capnp::VOID); break;
      case schema::Type::BOOL: list.set(i, i % 2 == 0); break;
      case schema::Type::TEXT: list.set(i, capnp::Text::Reader(text(salt))); break;
      case schema::Type::DATA: list.set(i, capnp::Data::Reader(bytes(salt))); break;
      case schema::Type::ENUM: list.set(i, capnp::DynamicEnum(e.asEnum(), enum_number(e, salt, 0))); break;
      case schema::Type::LIST:
        fill_list(list.init(i, k_list_size).as<DynamicList>(), e.asList(), element_of(other), depth + 1);
        break;
      case schema::Type::STRUCT:
        if (depth < k_max_depth) fill(list[i].as<DynamicStruct>(), e.asStruct(), counterparts_of(other), depth + 1);
        break;
      case schema::Type::INTERFACE: break;
      case schema::Type::ANY_POINTER: shape(list[i].as<capnp::AnyPointer>(), e, other, depth); break;
      default: list.set(i, number(e, salt, 0)); break;
      }
    }
  }

  // An AnyPointer takes the shape of the other version's type when the constraint allows it; otherwise
  // something its constraint allows.
  void shape(capnp::AnyPointer::Builder p, Type self, std::optional<Type> other, unsigned depth) {
    uint64_t salt = variant_ + 11;
    if (other && fits(*other, self)) {
      switch (other->which()) {
      case schema::Type::TEXT: p.setAs<capnp::Text>(text(salt)); return;
      case schema::Type::DATA: p.setAs<capnp::Data>(bytes(salt)); return;
      case schema::Type::LIST:
        fill_list(p.initAs<DynamicList>(other->asList(), k_list_size), other->asList(), std::nullopt, depth + 1);
        return;
      case schema::Type::STRUCT:
        if (depth < k_max_depth) fill(p.initAs<DynamicStruct>(other->asStruct()), other->asStruct(), {}, depth + 1);
        return;
      case schema::Type::INTERFACE: return;
      default: break; // another AnyPointer: shaped by this side's constraint below
      }
    }
    // Another AnyPointer that fits: something both constraints allow.
    AnyKind kind = other && other->isAnyPointer() && fits(*other, self) ? any_kind(*other) : any_kind(self);
    switch (kind) {
    case AnyKind::ANY_KIND: p.setAs<capnp::Text>("any"); break;
    case AnyKind::LIST: p.setAs<capnp::Text>("list"); break;
    case AnyKind::STRUCT: {
      auto s = p.initAs<DynamicStruct>(capnp::Schema::from<schema::Node::NestedNode>());
      s.set("name", capnp::Text::Reader("n"));
      s.set("id", static_cast<uint64_t>(7));
      break;
    }
    case AnyKind::CAPABILITY: break;
    }
  }

  uint16_t enum_number(Type t, uint64_t salt, uint16_t avoid) const {
    return mode_ == Fill::Wide ? static_cast<uint16_t>(pattern(16, salt, avoid)) : enum_value(t, salt, avoid);
  }

  kj::StringPtr text(uint64_t salt) {
    strings_.push_back("t" + std::to_string(salt) + "-\xc3\xa9");
    return kj::StringPtr(strings_.back().c_str());
  }
  kj::ArrayPtr<const kj::byte> bytes(uint64_t salt) {
    strings_.push_back(std::string("\xd0\x00\xff", 3) + static_cast<char>(salt & 0xff));
    return kj::arrayPtr(reinterpret_cast<const kj::byte *>(strings_.back().data()), strings_.back().size());
  }

  unsigned variant_;
  Fill mode_;
  std::deque<std::string> strings_; // text and data stay alive until the message copies them
};

} // namespace

void write_message(DynamicStruct::Builder root, StructSchema schema, const Counterparts &other, unsigned variant,
                   Fill mode) {
  Writer(variant, mode).fill(root, schema, other, 0);
}

} // namespace ssmd::test::oracle
