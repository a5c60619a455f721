#include "oracle_messages.hpp"

#include <capnp/any.h>
#include <capnp/dynamic.h>
#include <capnp/message.h>
#include <capnp/schema.capnp.h>
#include <capnp/serialize.h>

#include <deque>
#include <functional>
#include <optional>
#include <set>
#include <vector>

namespace ssmd::test::oracle {

namespace {

namespace schema = capnp::schema;
using capnp::DynamicList;
using capnp::DynamicStruct;
using capnp::DynamicValue;
using capnp::StructSchema;
using capnp::Type;

constexpr size_t k_max_listed = 8;
constexpr unsigned k_max_depth = 3; // nested structs are filled this deep (recursive types stop there)
constexpr unsigned k_list_size = 2;

// ---- Leaves: fields with ordinals, through groups -----------------------------------------------------

struct Leaf {
  uint16_t ordinal = 0;
  std::string path;                        // "price", "address.city"
  std::vector<StructSchema::Field> chain;  // the groups leading to it, then the field itself
};

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

// The type at each ordinal of a struct, so a writer knows what the other version expects there.
using Counterparts = std::map<uint16_t, Type>;

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

bool is_parameter(Type t) { return t.getBrandParameter() != nullptr || t.getImplicitParameter() != nullptr; }

using AnyKind = schema::Type::AnyPointer::Unconstrained::Which;

AnyKind any_kind(Type t) { return is_parameter(t) ? AnyKind::ANY_KIND : t.whichAnyPointerKind(); }

bool is_pointer(Type t) {
  return t.isText() || t.isData() || t.isList() || t.isStruct() || t.isInterface() || t.isAnyPointer();
}

// Whether `t` may be stored where the AnyPointer type `any` is declared.
bool fits(Type t, Type any) {
  switch (any_kind(any)) {
  case AnyKind::ANY_KIND: return is_pointer(t);
  case AnyKind::STRUCT: return t.isStruct() || (t.isAnyPointer() && any_kind(t) == AnyKind::STRUCT);
  case AnyKind::LIST: return t.isText() || t.isData() || t.isList() || (t.isAnyPointer() && any_kind(t) == AnyKind::LIST);
  case AnyKind::CAPABILITY: return t.isInterface() || (t.isAnyPointer() && any_kind(t) == AnyKind::CAPABILITY);
  }
  return false;
}

// ---- Writing ------------------------------------------------------------------------------------------

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

// What a message holds besides its union choices.
enum class Fill {
  Known,   // every field set; enums to enumerants both versions may name
  Wide,    // every field set; enums to numbers no enumerant has, with the high byte set
  Defaults // only the union choices: each chosen member set to its default (null, zero)
};

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

// ---- Reading and comparing ---------------------------------------------------------------------------

struct Access {
  bool active = false;
  DynamicStruct::Reader parent;                // the struct or group holding the field, when active
  std::optional<StructSchema::Field> instead;  // when not active: the member that is set in its place
};

Access access(DynamicStruct::Reader root, const Leaf &leaf) {
  Access a;
  DynamicStruct::Reader cur = root;
  for (size_t k = 0; k < leaf.chain.size(); ++k) {
    auto f = leaf.chain[k];
    if (has_discriminant(f)) {
      KJ_IF_MAYBE(set, cur.which()) {
        if (set->getIndex() != f.getIndex()) {
          a.instead = *set;
          return a;
        }
      }
      else {
        return a; // a member this version does not know
      }
    }
    if (k + 1 < leaf.chain.size()) cur = cur.get(f).as<DynamicStruct>();
  }
  a.active = true;
  a.parent = cur;
  return a;
}

bool is_number(Type t) {
  switch (t.which()) {
  case schema::Type::INT8:
  case schema::Type::INT16:
  case schema::Type::INT32:
  case schema::Type::INT64:
  case schema::Type::UINT8:
  case schema::Type::UINT16:
  case schema::Type::UINT32:
  case schema::Type::UINT64:
  case schema::Type::ENUM: return true;
  default: return false;
  }
}

__int128 number_of(Type t, DynamicValue::Reader v) {
  switch (t.which()) {
  case schema::Type::ENUM: return v.as<capnp::DynamicEnum>().getRaw();
  case schema::Type::UINT8:
  case schema::Type::UINT16:
  case schema::Type::UINT32:
  case schema::Type::UINT64: return v.as<uint64_t>();
  default: return v.as<int64_t>();
  }
}

bool is_bytes(Type t) { return t.isData() || (t.isList() && t.asList().getElementType().isUInt8()); }

std::string bytes_of(Type t, DynamicValue::Reader v) {
  if (t.isData()) {
    auto d = v.as<capnp::Data>();
    return std::string(d.asChars().begin(), d.size());
  }
  std::string out;
  for (auto e : v.as<DynamicList>()) out += static_cast<char>(e.as<uint8_t>());
  return out;
}

DynamicValue::Reader reinterpret(capnp::AnyPointer::Reader p, Type t) {
  switch (t.which()) {
  case schema::Type::TEXT: return p.getAs<capnp::Text>();
  case schema::Type::DATA: return p.getAs<capnp::Data>();
  case schema::Type::LIST: return p.getAs<DynamicList>(t.asList());
  case schema::Type::STRUCT: return p.getAs<DynamicStruct>(t.asStruct());
  default: return p;
  }
}

bool same_calls(capnp::InterfaceSchema a, capnp::InterfaceSchema b) {
  std::set<std::pair<uint64_t, uint16_t>> x, y;
  for (const auto &[call, m] : calls_served(a)) x.insert(call);
  for (const auto &[call, m] : calls_served(b)) y.insert(call);
  return x == y;
}

bool same_interface(Type a, Type b) {
  return a.asInterface().getProto().getId() == b.asInterface().getProto().getId();
}

class Comparison {
public:
  // Differences by ordinal are the wire's, by name (a name at another ordinal, an enumerant read under
  // another name) they are names'.
  Comparison(std::function<void(const std::string &)> wire, std::function<void(const std::string &)> name)
      : wire_(std::move(wire)), name_(std::move(name)) {}

  using Record = std::function<void(const std::string &)>;

  // Differences by ordinal go to `record` (the wire's, unless this struct was reached by name).
  void structs(StructSchema ws, DynamicStruct::Reader w, StructSchema rs, DynamicStruct::Reader r,
               const std::string &where, const Record &record) {
    // Data is written only so deep; past it, unset pointers read as defaults of defaults, and a recursive
    // type would recurse forever.
    if (depth_ > k_max_depth + 2) return;
    struct Deeper {
      unsigned &depth;
      explicit Deeper(unsigned &d) : depth(++d) {}
      ~Deeper() { --depth; }
    } deeper(depth_);
    auto wl = leaves(ws), rl = leaves(rs);
    std::map<uint16_t, const Leaf *> by_ordinal;
    std::map<std::string, const Leaf *> by_path;
    std::set<uint16_t> known;
    for (const auto &leaf : rl) {
      by_ordinal.emplace(leaf.ordinal, &leaf);
      by_path.emplace(leaf.path, &leaf);
      known.insert(leaf.ordinal);
    }
    for (const auto &leaf : wl) {
      if (auto it = by_ordinal.find(leaf.ordinal); it != by_ordinal.end())
        field(w, leaf, r, *it->second, known, where + "@" + std::to_string(leaf.ordinal), record);
      if (auto it = by_path.find(leaf.path); it != by_path.end() && it->second->ordinal != leaf.ordinal)
        field(w, leaf, r, *it->second, known, where + "." + leaf.path, name_);
    }
  }

  const Record &wire() const { return wire_; }

private:
  void field(DynamicStruct::Reader w, const Leaf &wl, DynamicStruct::Reader r, const Leaf &rl,
             const std::set<uint16_t> &known, const std::string &where, const Record &record) {
    Access a = access(w, wl), b = access(r, rl);
    if (!a.active) {
      // A member the reader does not know is set instead: it cannot tell which of its own is meant.
      bool unknown = true;
      if (a.instead)
        for (uint16_t o : ordinals_in(*a.instead)) unknown = unknown && !known.contains(o);
      if (!unknown && b.active) record(where + ": read although the writer set another union member");
      return;
    }
    if (!b.active) {
      record(where + ": written, but the reader sees another union member");
      return;
    }
    StructSchema::Field wf = wl.chain.back(), rf = rl.chain.back();
    Type wt = wf.getType(), rt = rf.getType();
    if (wt.isInterface() || rt.isInterface()) { // capabilities are never read: no capability table here
      if (wt.isInterface() && rt.isInterface()) {
        // The same interface (by ID) is compared as a declaration, where newer methods are allowed;
        // another one must answer exactly the same calls.
        if (!same_interface(wt, rt) && !same_calls(wt.asInterface(), rt.asInterface()))
          record(where + ": an interface serving other calls");
      } else if (!(wt.isAnyPointer() && fits(rt, wt)) && !(rt.isAnyPointer() && fits(wt, rt))) {
        record(where + ": a capability on one side only");
      }
      return;
    }
    values(wt, a.parent.get(wf), rt, b.parent.get(rf), where, record);
  }

  void values(Type wt, DynamicValue::Reader w, Type rt, DynamicValue::Reader r, const std::string &where,
              const Record &record) {
    if (wt.isAnyPointer() || rt.isAnyPointer()) {
      if (!is_pointer(wt) || !is_pointer(rt)) {
        record(where + ": a pointer on one side, a value of the data section on the other");
        return;
      }
      capnp::AnyPointer::Reader p = wt.isAnyPointer() ? w.as<capnp::AnyPointer>() : r.as<capnp::AnyPointer>();
      auto kind = p.getPointerType();
      for (Type t : {wt, rt}) {
        if (!t.isAnyPointer() || kind == capnp::PointerType::NULL_) continue;
        AnyKind k = any_kind(t);
        if ((k == AnyKind::STRUCT && kind != capnp::PointerType::STRUCT) ||
            (k == AnyKind::LIST && kind != capnp::PointerType::LIST) ||
            (k == AnyKind::CAPABILITY && kind != capnp::PointerType::CAPABILITY)) {
          record(where + ": a pointer its AnyPointer constraint does not allow");
          return;
        }
      }
      if (wt.isAnyPointer() && rt.isAnyPointer()) return; // the same bytes
      if (wt.isAnyPointer()) values(rt, reinterpret(p, rt), rt, r, where, record);
      else values(wt, w, wt, reinterpret(p, wt), where, record);
      return;
    }
    if (is_number(wt) && is_number(rt)) {
      if (number_of(wt, w) != number_of(rt, r)) {
        record(where + ": a number read as another");
        return;
      }
      if (wt.isEnum() && rt.isEnum()) {
        auto x = w.as<capnp::DynamicEnum>().getEnumerant(), y = r.as<capnp::DynamicEnum>().getEnumerant();
        KJ_IF_MAYBE(a, x) {
          KJ_IF_MAYBE(b, y) {
            if (a->getProto().getName() != b->getProto().getName()) name_(where + ": an enumerant read under another name");
          }
        }
      }
      return;
    }
    auto same_kind = [&](auto is) { return (wt.*is)() && (rt.*is)(); };
    if (same_kind(&Type::isFloat32) || same_kind(&Type::isFloat64) || (wt.isFloat32() && rt.isFloat64()) ||
        (wt.isFloat64() && rt.isFloat32())) {
      if (w.as<double>() != r.as<double>()) record(where + ": a float read as another");
      return;
    }
    if (same_kind(&Type::isBool)) {
      if (w.as<bool>() != r.as<bool>()) record(where + ": a Bool read as another");
      return;
    }
    if (same_kind(&Type::isVoid)) return;
    if (same_kind(&Type::isText)) {
      if (w.as<capnp::Text>() != r.as<capnp::Text>()) record(where + ": a Text read as another");
      return;
    }
    if (is_bytes(wt) && is_bytes(rt)) {
      if (bytes_of(wt, w) != bytes_of(rt, r)) record(where + ": bytes read as others");
      return;
    }
    if (same_kind(&Type::isList)) {
      auto a = w.as<DynamicList>(), b = r.as<DynamicList>();
      if (a.size() != b.size()) {
        record(where + ": a list read with another length");
        return;
      }
      Type ew = wt.asList().getElementType(), er = rt.asList().getElementType();
      for (uint i = 0; i < a.size(); ++i) element(ew, a[i], er, b[i], where + "[" + std::to_string(i) + "]", record);
      return;
    }
    if (same_kind(&Type::isStruct)) {
      structs(wt.asStruct(), w.as<DynamicStruct>(), rt.asStruct(), r.as<DynamicStruct>(), where, record);
      return;
    }
    record(where + ": written as one kind of value, read as another");
  }

  // List elements; a struct element facing a plain one reads as the struct's @0 field (the upgrade the
  // language guide allows).
  void element(Type wt, DynamicValue::Reader w, Type rt, DynamicValue::Reader r, const std::string &where,
               const Record &record) {
    if (wt.isInterface() || rt.isInterface()) {
      if (!(wt.isInterface() && rt.isInterface() &&
            (same_interface(wt, rt) || same_calls(wt.asInterface(), rt.asInterface()))))
        record(where + ": capabilities of other interfaces");
      return;
    }
    bool ws = wt.isStruct(), rs = rt.isStruct();
    if (ws != rs && !wt.isAnyPointer() && !rt.isAnyPointer()) {
      StructSchema s = ws ? wt.asStruct() : rt.asStruct();
      DynamicStruct::Reader v = (ws ? w : r).as<DynamicStruct>();
      KJ_IF_MAYBE(first, s.findFieldByName(first_field_name(s))) {
        if (!has_discriminant(*first) && !first->getProto().isGroup() && first->getProto().getOrdinal().getExplicit() == 0) {
          if (ws) values(first->getType(), v.get(*first), rt, r, where + "@0", record);
          else values(wt, w, first->getType(), v.get(*first), where + "@0", record);
          return;
        }
      }
      record(where + ": a struct element facing a plain one without a plain @0 field");
      return;
    }
    values(wt, w, rt, r, where, record);
  }

  static kj::StringPtr first_field_name(StructSchema s) {
    for (auto f : s.getFields())
      if (!f.getProto().isGroup() && f.getProto().getOrdinal().getExplicit() == 0) return f.getProto().getName();
    return "";
  }

  Record wire_, name_;
  unsigned depth_ = 0;
};

unsigned union_variants(StructSchema s) {
  unsigned n = s.getUnionFields().size();
  for (auto f : s.getFields())
    if (f.getProto().isGroup()) n = std::max(n, union_variants(f.getType().asStruct()));
  return std::max(n, 1u);
}

} // namespace

void Messages::wire(const std::string &difference) {
  verdict_.wire_compatible = false;
  if (verdict_.wire_differences.size() < k_max_listed) verdict_.wire_differences.push_back(difference);
}

void Messages::name(const std::string &difference) {
  verdict_.names_kept = false;
  if (verdict_.name_differences.size() < k_max_listed) verdict_.name_differences.push_back(difference);
}

void Messages::round_trip(StructSchema writer, StructSchema reader, const std::string &label) {
  unsigned variants = union_variants(writer);
  Comparison compare([this](const std::string &d) { wire(d); }, [this](const std::string &d) { name(d); });
  // Per union choice: every field set (enumerants, then wide numbers), and the choice alone at its
  // defaults; then the empty message.
  for (unsigned m = 0; m <= 3 * variants; ++m) {
    unsigned v = m / 3;
    Fill mode = m % 3 == 0 ? Fill::Known : m % 3 == 1 ? Fill::Wide : Fill::Defaults;
    std::string where = label + (m == 3 * variants ? std::string(" (empty)")
                                                   : " (#" + std::to_string(v) + (mode == Fill::Known ? "" : mode == Fill::Wide ? " wide" : " defaults") + ")");
    KJ_IF_MAYBE(e, kj::runCatchingExceptions([&]() {
                  capnp::MallocMessageBuilder builder;
                  auto root = builder.initRoot<DynamicStruct>(writer);
                  if (m < 3 * variants) Writer(v, mode).fill(root, writer, counterparts_of(Type(reader)), 0);
                  auto words = capnp::messageToFlatArray(builder);
                  capnp::FlatArrayMessageReader message(words);
                  compare.structs(writer, message.getRoot<DynamicStruct>(writer), reader,
                                  message.getRoot<DynamicStruct>(reader), where, compare.wire());
                  ++verdict_.messages;
                })) {
      wire(where + ": reading threw: " + std::string(e->getDescription().cStr()));
    }
  }
}

std::map<std::pair<uint64_t, uint16_t>, capnp::InterfaceSchema::Method> calls_served(capnp::InterfaceSchema iface) {
  std::map<std::pair<uint64_t, uint16_t>, capnp::InterfaceSchema::Method> out;
  std::set<uint64_t> seen;
  std::function<void(capnp::InterfaceSchema)> visit = [&](capnp::InterfaceSchema i) {
    uint64_t id = i.getProto().getId();
    if (!seen.insert(id).second) return;
    for (auto m : i.getMethods()) out.emplace(std::make_pair(id, m.getOrdinal()), m);
    for (auto super : i.getSuperclasses()) visit(super);
  };
  visit(iface);
  return out;
}

} // namespace ssmd::test::oracle
