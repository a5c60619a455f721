// The plugin's verdict (valid or not) equals `capnp compile -o-`'s exit status on the same files, over
// the bundled schemas, every schema installed under /usr/include/capnp, broken variants of both and
// hand-written variants. The expected verdict is computed by running the capnp tool, never written down
// here.
#include "schema_repo.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

using namespace ssmd::test;
namespace fs = std::filesystem;

namespace {

struct Verdicts {
  bool tool_accepts = false;
  bool plugin_accepts = false;
};

// Compiles `file` (repository-relative) with the capnp tool, system imports from /usr/include as the
// plugin has them, and checks it with the plugin. Fails the test when they disagree.
Verdicts compare_verdicts(const SchemaRepo &repo, const std::string &file, const std::string &label) {
  RunOptions options;
  options.cwd = repo.root();
  auto tool = run_shell("capnp compile -o- -I/usr/include --src-prefix=. '" + file + "' > /dev/null 2>&1", options);
  EXPECT_GE(tool.exit_code, 0) << label;
  Verdicts v;
  v.tool_accepts = tool.exit_code == 0;
  auto r = repo.check({file, "", ""});
  v.plugin_accepts = r.findings.errors() == 0;
  EXPECT_EQ(v.plugin_accepts, v.tool_accepts) << label << ": capnp compile exit " << tool.exit_code << "\n"
                                              << r.findings.dump();
  EXPECT_EQ(r.status, v.plugin_accepts ? SSMD_OK : SSMD_FAILED) << label;
  return v;
}

// Every .capnp file under `dir`, recursively, sorted.
std::vector<fs::path> schemas_under(const fs::path &dir) {
  std::vector<fs::path> out;
  for (const auto &entry : fs::recursive_directory_iterator(dir))
    if (entry.is_regular_file() && entry.path().extension() == ".capnp") out.push_back(entry.path());
  std::sort(out.begin(), out.end());
  return out;
}

// Broken copies of a real file: cut just after a `{` past its middle (so a brace stays open), and
// without its file ID.
std::vector<std::pair<std::string, std::string>> broken_copies(const std::string &text) {
  std::vector<std::pair<std::string, std::string>> out;
  size_t brace = text.find('{', text.size() / 2);
  if (brace == std::string::npos) brace = text.find('{');
  if (brace != std::string::npos) out.emplace_back("truncated", text.substr(0, brace + 1));
  size_t id = text.find("@0x");
  size_t end = id == std::string::npos ? id : text.find(';', id);
  if (end != std::string::npos) out.emplace_back("without file id", text.substr(0, id) + text.substr(end + 1));
  return out;
}

// Checks every file of `files` (copied into a repository under `prefix` with the paths they have under
// `base`), then the broken copies of each; returns how many of the originals both accept.
size_t compare_corpus(const std::vector<fs::path> &files, const fs::path &base, const std::string &prefix) {
  size_t accepted = 0;
  for (const auto &path : files) {
    SchemaRepo repo;
    std::string relative = prefix + fs::relative(path, base).string();
    std::string text = read_file(path);
    repo.write(relative, text);
    auto v = compare_verdicts(repo, relative, relative);
    accepted += v.tool_accepts && v.plugin_accepts;
    for (const auto &[name, broken] : broken_copies(text)) {
      repo.write(relative, broken);
      auto b = compare_verdicts(repo, relative, relative + " (" + name + ")");
      EXPECT_FALSE(b.tool_accepts) << relative << " (" << name << ") should be broken";
    }
  }
  return accepted;
}

const std::string k_id = "@0xdbb9ad1f14bf0b36;\n";

struct Variant {
  const char *name;
  std::string text;
};

std::string repeated(const std::string &part, size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += part;
  return out;
}

const std::vector<Variant> &variants() {
  static const std::vector<Variant> v = {
      // Valid.
      {"plain struct", k_id + "struct Trade {\n  price @0 :Int64;\n  size @1 :UInt32;\n}\n"},
      {"enum and interface", k_id + "enum Side { buy @0; sell @1; }\ninterface Feed {\n"
                                    "  subscribe @0 (symbol :Text) -> (side :Side);\n}\n"},
      {"unions and groups", k_id + "struct Shape {\n  area @0 :Float64;\n  union {\n    circle :group {\n"
                                   "      radius @1 :Float64;\n    }\n    square @2 :Float64;\n  }\n}\n"},
      {"generics", k_id + "struct Map(K, V) {\n  entries @0 :List(Entry);\n  struct Entry {\n    key @0 :K;\n"
                          "    value @1 :V;\n  }\n}\nstruct Use {\n  m @0 :Map(Text, Data);\n}\n"},
      {"constants and defaults", k_id + "const lot :UInt32 = 100;\nstruct T {\n  size @0 :UInt32 = .lot;\n"
                                        "  tags @1 :List(Text) = [\"a\", \"b\"];\n}\n"},
      {"annotations", k_id + "annotation unit(field) :Text;\nstruct T {\n  px @0 :Int64 $unit(\"1e-8\");\n}\n"},
      {"system import", k_id + "using Cxx = import \"/capnp/c++.capnp\";\n$Cxx.namespace(\"md\");\nstruct T {}\n"},
      {"relative import", k_id + "using L = import \"lib.capnp\";\nstruct T {\n  l @0 :L.Lib;\n}\n"},
      {"import cycle", k_id + "using C = import \"cycle.capnp\";\nstruct T {\n  c @0 :C.C;\n}\n"},
      {"explicit ids", k_id + "struct T @0xa1b2c3d4e5f60718 {\n  x @0 :Int8;\n}\n"},
      {"bytes in a comment", k_id + "struct T {\n  x @0 :Int8; # caf\xe9\n}\n"},
      {"empty struct", k_id + "struct T {}\n"},
      // Broken.
      {"duplicate ordinal", k_id + "struct T {\n  a @0 :Int8;\n  b @0 :Int8;\n}\n"},
      {"skipped ordinal", k_id + "struct T {\n  a @0 :Int8;\n  b @2 :Int8;\n}\n"},
      {"undefined type", k_id + "struct T {\n  a @0 :Venue;\n}\n"},
      {"default type mismatch", k_id + "struct T {\n  a @0 :UInt8 = \"x\";\n}\n"},
      {"default out of range", k_id + "struct T {\n  a @0 :UInt8 = 300;\n}\n"},
      {"missing semicolon", k_id + "struct T {\n  a @0 :Int8\n}\n"},
      {"missing file id", "struct T {\n  a @0 :Int8;\n}\n"},
      {"file id without high bit", "@0x1234;\nstruct T {}\n"},
      {"duplicate name", k_id + "struct T {}\nstruct T {}\n"},
      {"union with one member", k_id + "struct T {\n  union {\n    a @0 :Int8;\n  }\n}\n"},
      {"two unnamed unions", k_id + "struct T {\n  union {\n    a @0 :Int8;\n    b @1 :Int8;\n  }\n"
                                    "  union {\n    c @2 :Int8;\n    d @3 :Int8;\n  }\n}\n"},
      {"missing import", k_id + "using X = import \"nope.capnp\";\nstruct T {\n  x @0 :X.Y;\n}\n"},
      {"unused missing import", k_id + "using X = import \"nope.capnp\";\nstruct T {}\n"},
      {"escaping import", k_id + "using P = import \"../../etc/passwd\";\nstruct T {}\n"},
      {"primitive generic argument", k_id + "struct Box(T) {\n  v @0 :T;\n}\nstruct U {\n  b @0 :Box(Int32);\n}\n"},
      {"annotation on wrong target",
       k_id + "annotation unit(enum) :Text;\nstruct T {\n  px @0 :Int64 $unit(\"x\");\n}\n"},
      {"duplicate enumerant number", k_id + "enum Side { buy @0; sell @0; }\n"},
      {"underscore in name", k_id + "struct T {\n  bid_px @0 :Int64;\n}\n"},
      {"lower-case type", k_id + "struct trade {}\n"},
      {"unknown keyword", k_id + "record T {}\n"},
      {"unterminated string", k_id + "const x :Text = \"abc;\n"},
      {"non-utf8 identifier", k_id + "struct Caf\xe9 {}\n"},
      {"List nested 100 deep", k_id + "struct T {\n  a @0 :" + repeated("List(", 100) + "Int8" +
                                   std::string(100, ')') + ";\n}\n"},
      {"deep nesting", k_id + "const x :List(Int32) = " + std::string(5000, '[') + std::string(5000, ']') + ";\n"},
      {"binary", std::string("\x7f"
                             "ELF\x02\x01\x01\x00\x00\x00",
                             10) +
                     "\xff\xfe"},
  };
  return v;
}

} // namespace

TEST(CapnpDifferential, HandWrittenVariantsMatchCapnpCompile) {
  size_t valid = 0, invalid = 0;
  for (const auto &variant : variants()) {
    SchemaRepo repo;
    repo.write("lib.capnp", "@0xdbb9ad1f14bf0b37;\nstruct Lib {\n  x @0 :Int8;\n}\n");
    repo.write("cycle.capnp", "@0xdbb9ad1f14bf0b38;\nusing T = import \"t.capnp\";\nstruct C {\n  t @0 :T.T;\n}\n");
    repo.write("t.capnp", variant.text);
    (compare_verdicts(repo, "t.capnp", variant.name).tool_accepts ? valid : invalid)++;
  }
  // The set must exercise both verdicts, or the comparison proves nothing.
  EXPECT_GE(valid, 10u);
  EXPECT_GE(invalid, 20u);
}

TEST(CapnpDifferential, BundledSchemasAndTheirBrokenCopiesMatchCapnpCompile) {
  auto files = schemas_under(source_dir() / "exchanges/schemas");
  ASSERT_GE(files.size(), 3u);
  EXPECT_EQ(compare_corpus(files, source_dir() / "exchanges/schemas", "exchanges/schemas/"), files.size());
}

TEST(CapnpDifferential, SystemSchemasAndTheirBrokenCopiesMatchCapnpCompile) {
  auto files = schemas_under("/usr/include/capnp");
  ASSERT_GE(files.size(), 7u) << "expected schema.capnp, c++.capnp, compat/json.capnp, ...";
  ASSERT_TRUE(std::any_of(files.begin(), files.end(), [](const fs::path &p) { return p.parent_path().filename() == "compat"; }));
  EXPECT_EQ(compare_corpus(files, "/usr/include/capnp", "schemas/"), files.size());
}
