#include "oracle_messages.hpp"

#include "oracle_types.hpp"
#include "oracle_writer.hpp"

#include <capnp/any.h>
#include <capnp/dynamic.h>
#include <capnp/message.h>
#include <capnp/serialize.h>

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
                  if (m < 3 * variants) write_message(root, writer, counterparts_of(Type(reader)), v, mode);
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
