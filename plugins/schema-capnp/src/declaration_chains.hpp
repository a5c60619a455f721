// How long a chain of declarations a compilation holds, so that one the Cap'n Proto compiler cannot survive
// is refused before it starts.
//
// The compiler compiles a declaration's dependencies before the declaration itself, recursively: in
// `using A0 = A1; using A1 = A2; ...` compiling A0 compiles A1 first, and so on down the chain, a group of
// stack frames per link. Constants whose values name the next constant, structs whose field is the next
// struct, annotations annotated with the next one and `extends` lists chain the same way. Measured with
// libcapnpc 0.9.2 under the default 8 MiB stack (`capnp compile` and this plugin alike), the process dies at
// about 855 links of constants (9.8 KiB each), 1,200 of annotations, 2,210 of aliases, 4,450 of structs or
// interfaces and 5,400 of `extends`. AddressSanitizer leaves these numbers alone: the frames are the
// uninstrumented library's. A chain of at most k_max_chain links takes at most about 5 MiB, and the compiler
// runs on a stack of k_compiler_stack_bytes (compiler.cpp), whatever stack its caller has.
//
// The length is an upper bound, found without resolving names: every declaration depends on every
// declaration anywhere in the compilation whose name appears in it (its type, value, target, annotations,
// `extends`, and for a scope, its fields and methods). That graph holds every real dependency, so its longest
// path, where a set of declarations that reach one another counts with all its members (the compiler stops a
// cycle where it meets a declaration in progress, but may pass each member first), is at least the real
// depth. Real schemas stay far below the limit: their chains are a few links long.
#pragma once

#include "report.hpp"

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace ssmd::capnp_schema {

inline constexpr size_t k_max_chain = 500;
inline constexpr size_t k_compiler_stack_bytes = 64u << 20;

class DeclarationChains {
public:
  // Adds the declarations of one file of the compilation; `file` is what diagnostics call it.
  void add_file(const std::string &file, std::string_view text);
  // Takes the file added last out again (it was refused after all).
  void remove_last_file();

  struct Chain {
    size_t length = 0; // declarations on the longest chain (an upper bound, see above)
    std::string file;  // where its first declaration is
    Position where;    // the first declaration's keyword (or name, for a group)
    std::string first; // its name
  };
  // The longest chain over every file added. Linear in the declarations and names added.
  Chain longest() const;

private:
  struct Node {
    uint32_t name;   // index into names_
    uint32_t file;   // index into files_
    Position where;
  };
  struct File {
    std::string name;
    size_t nodes = 0, edges = 0; // where its nodes and edges start
  };
  uint32_t name_id(std::string_view name);
  uint32_t add_node(std::string_view name, uint32_t file, Position where);
  // Adds an edge from `node` to every name among `tokens[from, to)`.
  template <class Tokens> void add_references(uint32_t node, const Tokens &tokens, size_t from);

  std::deque<std::string> names_; // a deque, so the views in name_ids_ stay valid as it grows
  std::unordered_map<std::string_view, uint32_t> name_ids_;
  std::vector<Node> nodes_;
  std::vector<std::pair<uint32_t, uint32_t>> edges_; // node -> name it mentions
  std::vector<File> files_;
};

} // namespace ssmd::capnp_schema
