// A plain C++ picture of a compiled schema file, built once from Cap'n Proto's schema nodes
// (schema.capnp's `Node`), so lint, compatibility and fingerprint rules read simple structs instead of
// the capnp reader API. Values (defaults, constants, annotation values) are kept as canonical bytes, so
// two values are equal exactly when their canonical Cap'n Proto encodings are.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace ssmd::capnp_schema {

inline constexpr uint16_t k_no_discriminant = 0xffff;

struct TypeRef;

// The bindings a branded type gives the generic parameters of one scope (the generic declaration `scope`,
// the type itself or one that encloses it). `inherit` passes on the bindings in force where the type is
// written; otherwise `args` holds one type per parameter, an unbound one as `AnyPointer`.
struct BrandScope {
  uint64_t scope = 0;
  bool inherit = false;
  std::vector<TypeRef> args;
  bool operator==(const BrandScope &) const;
};

struct TypeRef {
  enum class Kind {
    Void, Bool, Int8, Int16, Int32, Int64, UInt8, UInt16, UInt32, UInt64, Float32, Float64,
    Text, Data, List, Enum, Struct, Interface, AnyPointer
  };
  Kind kind = Kind::Void;
  uint64_t id = 0;              // Enum, Struct, Interface: the node's ID
  std::string brand;            // canonical bytes of the brand (generic bindings), empty when unbranded
  std::vector<TypeRef> element; // List: exactly one element type
  std::string any;              // AnyPointer: "any", "struct", "list", "capability", "param S I", "method-param I"
  std::vector<BrandScope> scopes; // Enum, Struct, Interface: the brand, scope by scope (empty: unbranded)
  // AnyPointer that is a generic parameter: the declaration that declares it and its position.
  std::optional<uint64_t> param_scope;
  uint16_t param_index = 0;

  bool is_pointer() const;
  // A generic parameter of a declaration (`param S I`) or of a method (`method-param I`).
  bool is_parameter() const { return any.starts_with("param") || any.starts_with("method-param"); }
  // Written out in model.cpp rather than defaulted: clang 14 recurses without end instantiating a
  // defaulted comparison of two types that hold vectors of each other.
  bool operator==(const TypeRef &) const;
};

struct Annotation {
  uint64_t id = 0;
  std::string value; // canonical bytes
  bool operator==(const Annotation &) const = default;
};

struct Field {
  std::string name;
  std::optional<uint16_t> ordinal;           // explicit `@N`; groups and unions have none
  uint16_t discriminant = k_no_discriminant; // the value that selects it in its scope's union
  bool is_group = false;
  uint64_t group_id = 0;     // the group's node, when is_group
  TypeRef type;              // when not a group
  uint32_t offset = 0;       // in units of the type's size, from the start of its section
  std::string default_value; // canonical bytes
  // The default as the wire applies it: for a data field, its bits (a stored value is XORed with them);
  // for a pointer field, its canonical bytes, with an empty text, data, list or struct written the same as
  // no default at all (a reader sees the same value for a null pointer either way).
  uint64_t default_bits = 0;
  std::string default_pointer;
  std::vector<Annotation> annotations;
};

struct Method {
  std::string name;
  uint16_t ordinal = 0;
  uint64_t params = 0, results = 0; // struct node IDs
  std::vector<Annotation> annotations;
};

struct Node {
  enum class Kind { File, Struct, Enum, Interface, Const, Annotation };
  uint64_t id = 0;
  Kind kind = Kind::Struct;
  std::string path;         // scoped name within its file: "Trade.Side"; empty for the file
  std::string file;         // the file's display name, for nodes of other files
  bool local = true;        // declared in the compiled file (not an imported one)
  bool is_group = false;    // a group or named union inside a struct
  bool is_implicit = false; // a method's implicit parameter or result struct (`method$Params`)
  std::vector<std::string> generic_parameters;
  std::vector<Annotation> annotations;
  // Struct
  uint16_t data_words = 0, pointers = 0, discriminant_count = 0;
  uint32_t discriminant_offset = 0;
  std::vector<Field> fields; // as schema.capnp keeps them: by ordinal, groups where their first member is
  // Enum: names by number
  std::vector<std::string> enumerants;
  // Interface
  std::vector<Method> methods; // by number
  std::vector<uint64_t> superclasses;
  // Const
  TypeRef const_type;
  std::string const_value;
  // Annotation declarations
  TypeRef annotation_type;

  std::string name() const { return path.substr(path.rfind('.') + 1); }
};

struct Model {
  uint64_t file_id = 0;
  std::string file;               // display name of the compiled file
  std::map<uint64_t, Node> nodes; // the file's nodes (groups and parameter structs too) and referenced types
  std::unordered_map<std::string, uint64_t> local_paths; // scoped name -> ID of the file's named declarations

  const Node *find(uint64_t id) const;
  // The file's declaration (type, constant, annotation or group) with this scoped name.
  const Node *find_local(const std::string &path) const;
};

std::string kind_name(Node::Kind kind);
// "List(Float64)", "Trade.Side", "Box(Text)", "AnyPointer": a type as a schema author writes it.
std::string describe(const TypeRef &type, const Model &model);
// `@0x` and 16 hex digits, as Cap'n Proto writes IDs.
std::string id_text(uint64_t id);

} // namespace ssmd::capnp_schema
