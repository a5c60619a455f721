#include "generate.hpp"

#include <cstdint>
#include <cstdio>
#include <fstream>

namespace ssmd::bench {

namespace {

// A file ID: 64 bits with the high bit set, as `capnp id` makes them, derived from `n`.
std::string file_id(uint64_t n) {
  uint64_t x = n * 0x9e3779b97f4a7c15ull + 0x632be59bd9b4e019ull;
  x ^= x >> 31;
  x *= 0xbf58476d1ce4e5b9ull;
  x ^= x >> 29;
  char text[32];
  std::snprintf(text, sizeof text, "@0x%016llx", static_cast<unsigned long long>(x | (1ull << 63)));
  return text;
}

void write(const std::filesystem::path &path, const std::string &text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

std::string common() {
  return file_id(0) + R"(;
# Types every generated schema shares.
using Cxx = import "/capnp/c++.capnp";
$Cxx.namespace("bench::common");

struct Decimal {
  mantissa @0 :Int64;
  exponent @1 :Int8 = -8;
}

struct Timestamp {
  nanos @0 :UInt64;
}

enum Venue {
  xnys @0;
  xnas @1;
  arcx @2;
  bats @3;
}
)";
}

std::string schema(int n) {
  std::string s = std::to_string(n);
  std::string out = file_id(static_cast<uint64_t>(n) + 1) + ";\n# Generated market-data schema " + s + ".\n";
  out += "using Cxx = import \"/capnp/c++.capnp\";\nusing Common = import \"common.capnp\";\n";
  out += "$Cxx.namespace(\"bench::s" + s + "\");\n\n";
  out += "const lotSize" + s + " :UInt32 = " + std::to_string(100 + n) + ";\n\n";
  for (int k = 0; k < 6; ++k) {
    std::string name = "Record" + s + "x" + std::to_string(k);
    out += "struct " + name + " {\n";
    out += "  instrumentId @0 :UInt64;\n  venue @1 :Common.Venue;\n  time @2 :Common.Timestamp;\n";
    out += "  price @3 :Common.Decimal;\n  quantity @4 :Int64;\n  side @5 :Side;\n";
    out += "  conditions @6 :List(Text);\n  sequence @7 :UInt64;\n";
    out += "  union {\n    trade @8 :Void;\n    quote :group {\n      bid @9 :Common.Decimal;\n"
           "      ask @10 :Common.Decimal;\n    }\n    status @11 :Text;\n  }\n";
    out += "  source :group {\n    feed @12 :Text;\n    channel @13 :UInt16 = 1;\n  }\n";
    out += "  flags @14 :UInt32;\n  lot @15 :UInt32 = .lotSize" + s + ";\n";
    out += "  struct Leg {\n    ratio @0 :Int32 = 1;\n    instrumentId @1 :UInt64;\n  }\n";
    out += "  legs @16 :List(Leg);\n}\n\n";
  }
  out += "enum Side {\n  buy @0;\n  sell @1;\n  sellShort @2;\n}\n\n";
  out += "interface Feed" + s + " {\n  subscribe @0 (instrumentId :UInt64, depth :UInt8 = 10) -> (record :Record" + s +
         "x0);\n  unsubscribe @1 (instrumentId :UInt64);\n}\n";
  return out;
}

} // namespace

std::vector<std::string> generate_schemas(const std::filesystem::path &root, int count) {
  write(root / "schemas/common.capnp", common());
  std::vector<std::string> files;
  for (int n = 1; n <= count; ++n) {
    char name[64];
    std::snprintf(name, sizeof name, "schemas/s%03d.capnp", n);
    write(root / name, schema(n));
    files.push_back(name);
  }
  return files;
}

} // namespace ssmd::bench
