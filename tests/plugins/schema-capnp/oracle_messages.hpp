// The oracle's messages (wire_oracle.hpp): one struct written with every field set by one version and read
// back with the other, compared field by field by ordinal and by name.
#pragma once

#include "wire_oracle.hpp"

#include <capnp/schema.h>

#include <map>
#include <string>
#include <utility>

namespace ssmd::test::oracle {

class Messages {
public:
  explicit Messages(Verdict &verdict) : verdict_(verdict) {}

  // Writes messages of `writer` (one per union member, and an empty one), reads each with `reader` and
  // records every difference.
  void round_trip(capnp::StructSchema writer, capnp::StructSchema reader, const std::string &label);

  void wire(const std::string &difference);
  void name(const std::string &difference);

private:
  Verdict &verdict_;
};

// The calls a server of `iface` answers: (ID of the interface declaring the method, method number) ->
// the method, through every interface it extends.
std::map<std::pair<uint64_t, uint16_t>, capnp::InterfaceSchema::Method> calls_served(capnp::InterfaceSchema iface);

} // namespace ssmd::test::oracle
