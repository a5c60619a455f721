// A YAML tree as one line of text: everything a comparison by meaning can see (kinds, keys, scalars,
// whether a scalar was quoted, order), so two parsers' trees compare with EXPECT_EQ and print readably.
#pragma once

#include "yaml/document.hpp"

#include <string>

namespace ssmd::test {

inline void append_tree_text(const yaml::Node *node, std::string &out) {
  using Kind = yaml::Node::Kind;
  if (!node) {
    out += "<absent>";
    return;
  }
  switch (node->kind()) {
  case Kind::Null: out += "~"; return;
  case Kind::Scalar: out += (node->quoted() ? "q'" : "p'") + node->scalar() + "'"; return;
  case Kind::Sequence:
    out += "[";
    for (size_t i = 0; i < node->size(); ++i) append_tree_text(node->at(i), out += i ? ", " : "");
    out += "]";
    return;
  case Kind::Map:
    out += "{";
    for (size_t i = 0; i < node->size(); ++i)
      append_tree_text(node->at(i), out += (i ? ", '" : "'") + node->key_at(i) + "': ");
    out += "}";
    return;
  }
}

} // namespace ssmd::test
