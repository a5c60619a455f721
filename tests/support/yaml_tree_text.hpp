// A YAML tree as one line of text: everything a comparison by meaning can see (kinds, keys, scalars,
// whether a scalar was quoted, order), so two parsers' trees compare with EXPECT_EQ and print readably.
#pragma once

#include "yaml/document.hpp"

#include <string>

namespace ssmd::test {

// With `marks`, each node and key also shows its source position ("@3:7"), for parsers that must agree on
// where things are, not only on what they are.
inline void append_tree_text(const yaml::Node *node, std::string &out, bool marks = false) {
  using Kind = yaml::Node::Kind;
  if (!node) {
    out += "<absent>";
    return;
  }
  auto at = [&](yaml::Mark m) {
    if (marks) out += "@" + std::to_string(m.line) + ":" + std::to_string(m.column);
  };
  switch (node->kind()) {
  case Kind::Null: out += "~"; at(node->mark()); return;
  case Kind::Scalar: out += (node->quoted() ? "q'" : "p'") + node->scalar() + "'"; at(node->mark()); return;
  case Kind::Sequence:
    out += "[";
    at(node->mark());
    for (size_t i = 0; i < node->size(); ++i) append_tree_text(node->at(i), out += i ? ", " : " ", marks);
    out += "]";
    return;
  case Kind::Map:
    out += "{";
    at(node->mark());
    for (size_t i = 0; i < node->size(); ++i) {
      out += (i ? ", '" : " '") + node->key_at(i) + "'";
      at(node->key_mark(i));
      append_tree_text(node->at(i), out += ": ", marks);
    }
    out += "}";
    return;
  }
}

} // namespace ssmd::test
