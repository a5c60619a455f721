// What a plugin call's worker sends back to ssmd (isolated_runner.hpp): records of bytes, each a tag and
// fixed-size numbers or sized strings. Writer and reader are one binary on one machine (the worker is a fork),
// so numbers travel in the machine's own layout, and a reader checks every size before it trusts it: a
// worker that died mid-record leaves a short one, never a read past the end.
#pragma once

#include "ssmd/plugin.h"

#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>

namespace ssmd::validate {

// Sends `bytes` to ssmd as one record.
inline void write_record(const ssmd_bytes_sink *out, std::string_view bytes) {
  out->write(out->ctx, ssmd_str{bytes.data(), bytes.size()});
}

// Appends `value`'s bytes to a record being built.
template <class T> void put(std::string &out, T value) {
  static_assert(std::is_arithmetic_v<T>, "records carry numbers and sized strings only");
  out.append(reinterpret_cast<const char *>(&value), sizeof value);
}

// Reads a number at `pos` and moves past it; false, with `pos` unchanged, when the record is too short.
template <class T> bool get(std::string_view in, size_t &pos, T &value) {
  static_assert(std::is_arithmetic_v<T>, "records carry numbers and sized strings only");
  if (pos > in.size() || in.size() - pos < sizeof value) return false;
  std::memcpy(&value, in.data() + pos, sizeof value);
  pos += sizeof value;
  return true;
}

} // namespace ssmd::validate
