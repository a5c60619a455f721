#include "fingerprint.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <stdexcept>

namespace ssmd::capnp_schema {

namespace {

std::string hex(std::string_view bytes) {
  static const char k_digits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out += k_digits[c >> 4];
    out += k_digits[c & 15];
  }
  return out;
}

std::string type_text(const TypeRef &t) {
  // Appended piece by piece: `"literal" + std::string` trips GCC 12's -Wrestrict false positive at -O2.
  std::string out = std::to_string(static_cast<int>(t.kind));
  if (t.id) out.append(":").append(id_text(t.id));
  if (!t.brand.empty()) out.append(":brand=").append(hex(t.brand));
  if (!t.any.empty()) out.append(":").append(t.any);
  for (const auto &e : t.element) out.append("(").append(type_text(e)).append(")");
  return out;
}

void annotations_text(const std::vector<Annotation> &annotations, std::string &out) {
  auto sorted = annotations;
  std::sort(sorted.begin(), sorted.end(),
            [](const Annotation &a, const Annotation &b) { return std::tie(a.id, a.value) < std::tie(b.id, b.value); });
  for (const auto &a : sorted) out += "  annotation " + id_text(a.id) + " " + hex(a.value) + "\n";
}

void node_text(const Node &n, std::string &out) {
  out += "node " + id_text(n.id) + " " + kind_name(n.kind) + " " + n.path + (n.local ? " local" : "") +
         (n.is_group ? " group" : "") + "\n";
  for (const auto &p : n.generic_parameters) out += "  generic " + p + "\n";
  annotations_text(n.annotations, out);
  switch (n.kind) {
  case Node::Kind::Struct: {
    out += "  struct " + std::to_string(n.data_words) + " " + std::to_string(n.pointers) + " " +
           std::to_string(n.discriminant_count) + " " + std::to_string(n.discriminant_offset) + "\n";
    std::vector<const Field *> fields;
    for (const auto &f : n.fields) fields.push_back(&f);
    std::sort(fields.begin(), fields.end(), [](const Field *a, const Field *b) {
      return std::tuple(!a->ordinal, a->ordinal.value_or(0), a->name) <
             std::tuple(!b->ordinal, b->ordinal.value_or(0), b->name);
    });
    for (const Field *f : fields) {
      out += "  field " + f->name + " " + (f->ordinal ? std::to_string(*f->ordinal) : "-") + " " +
             std::to_string(f->discriminant);
      if (f->is_group)
        out += " group " + id_text(f->group_id) + "\n";
      else
        out += " slot " + std::to_string(f->offset) + " " + type_text(f->type) + " " + hex(f->default_value) + "\n";
      annotations_text(f->annotations, out);
    }
    break;
  }
  case Node::Kind::Enum:
    for (size_t i = 0; i < n.enumerants.size(); ++i)
      out += "  enumerant " + std::to_string(i) + " " + n.enumerants[i] + "\n";
    break;
  case Node::Kind::Interface:
    for (uint64_t s : n.superclasses) out += "  extends " + id_text(s) + "\n";
    for (const auto &m : n.methods) {
      out += "  method " + std::to_string(m.ordinal) + " " + m.name + " " + id_text(m.params) + " " +
             id_text(m.results) + "\n";
      annotations_text(m.annotations, out);
    }
    break;
  case Node::Kind::Const: out += "  const " + type_text(n.const_type) + " " + hex(n.const_value) + "\n"; break;
  case Node::Kind::Annotation: out += "  annotation-type " + type_text(n.annotation_type) + "\n"; break;
  case Node::Kind::File: break;
  }
}

} // namespace

std::string canonical_text(const Model &model) {
  std::string out = "capnp-schema 1\nfile " + id_text(model.file_id) + "\n";
  for (const auto &[id, node] : model.nodes) node_text(node, out); // std::map: sorted by ID
  return out;
}

std::string fingerprint(const Model &model) {
  std::string text = canonical_text(model);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(text.data(), text.size(), digest, &length, EVP_sha256(), nullptr) != 1)
    throw std::runtime_error("OpenSSL could not compute SHA-256");
  return std::string(k_fingerprint_prefix) + hex(std::string_view(reinterpret_cast<char *>(digest), length));
}

} // namespace ssmd::capnp_schema
