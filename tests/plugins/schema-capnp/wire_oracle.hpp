// An oracle for schema compatibility that shares nothing with the plugin's checker: it parses both
// versions at run time with Cap'n Proto's own compiler (one `capnp::SchemaParser` per version, as two
// versions of a file share its ID), writes a message of every struct with every field set (one per union
// member, plus an empty one) through `DynamicStruct`, serializes it, reads the bytes back with the other
// version's schema in both directions, and compares field by field: by ordinal (what the wire carries)
// and by name (what code sees).
//
// Which structs: every struct and interface the compiled file declares or reaches (through fields, list
// elements, generic arguments, methods and superclasses, in imported files too), matched between the
// versions by ID, else by file and scoped name. Types a field holds are compared through the field, with
// its generic arguments bound, whatever their names or IDs. Interfaces are compared by the calls a
// server serves: a call names the interface that declares the method by ID and the method by number,
// and every call a client of the older version can make must reach a method of the newer one whose
// parameters and results read the same (calls new in the newer version are allowed to be unimplemented
// by older servers, as the language guide says).
//
// A value written into an AnyPointer (or AnyStruct, AnyList, generic parameter) takes the shape of the
// other version's type at that place when the constraint allows it, as a writer that widened a field
// would keep writing what it wrote before; capabilities are never written (no RPC system here), so
// interface fields stay null and are compared by their interfaces' calls.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace ssmd::test::oracle {

// One version's files: path (relative, '/'-separated) -> content. `root.capnp` is the compiled file.
using VersionFiles = std::map<std::string, std::string>;

struct Verdict {
  std::string error;                       // a version did not compile: nothing was compared
  bool wire_compatible = true;             // every common field (by ordinal) read back as written
  bool names_kept = true;                  // every common field name (and enumerant) read back as written
  std::vector<std::string> wire_differences; // the first few, for messages
  std::vector<std::string> name_differences;
  size_t messages = 0; // messages written and read back
};

Verdict compare(const VersionFiles &older, const VersionFiles &newer);

} // namespace ssmd::test::oracle
