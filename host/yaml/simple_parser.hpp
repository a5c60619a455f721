// A parser for the plain subset of YAML that metadata is written in, some fifty times faster than yaml-cpp
// (which spends about a quarter of a microsecond on each byte): block mappings and block lists laid out
// by indentation, `key: value` with a plain or a simply quoted scalar, and one-line flow lists of such
// scalars. Within the subset it yields the tree `Document::parse` would (kinds, keys, scalars, quoting,
// order); it declines, returning null, as soon as a line falls outside it, and also for anything
// `Document::parse` would refuse (a duplicate key, the limits), so the caller then parses with yaml-cpp and
// gets yaml-cpp's verdict. Printable ASCII only; no comments after a value, no anchors, tags, block
// scalars, multi-line scalars or escapes. Every node and key is placed where yaml-cpp places it (an empty
// value at the next token, as yaml-cpp does), so Document::parse returns this tree when there is one.
#pragma once

#include "yaml/document.hpp"

#include <memory>
#include <string_view>

namespace ssmd::yaml {

class SimpleParser {
public:
  // The tree of `text`, or null when `text` is outside the subset (or would fail to parse).
  static std::unique_ptr<Document> parse(std::string_view text, const ParseLimits &limits = {});

private:
  class Reader;
};

} // namespace ssmd::yaml
