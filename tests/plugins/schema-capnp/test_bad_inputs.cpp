// Hostile and broken inputs: each is a diagnostic with a place, never a crash or a hang.
#include "sanitizers.hpp"
#include "schema_repo.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <pthread.h>
#include <time.h>

using namespace ssmd::test;

namespace {

// CPU time used by this process, in milliseconds: unlike the wall clock it does not grow when the tests
// running beside this one (ctest -j) or another job on the machine take the cores.
long long cpu_ms() {
  timespec t {};
  ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<long long>(t.tv_sec) * 1000 + t.tv_nsec / 1'000'000;
}

// Runs `check` and fails the test if it takes more than `limit` of CPU time.
SchemaCall timed_check(const SchemaRepo &repo, const Version &v, std::chrono::milliseconds limit) {
  const long long start = cpu_ms();
  SchemaCall r = repo.check(v);
  const long long took = cpu_ms() - start;
  EXPECT_LT(took, limit.count()) << "check took " << took << " ms of CPU time";
  return r;
}

constexpr std::chrono::milliseconds k_fast{2000};

} // namespace

TEST(CapnpBadInput, BinaryGarbageIsRefusedWithThePlaceOfItsFirstNul) {
  SchemaRepo repo;
  std::string garbage = "@0xdbb9ad1f14bf0b36;\nstruct A {}\n\x7f"
                        "ELF";
  garbage += std::string("\x02\x01\x00\xff\xfe", 5);
  for (int i = 0; i < 20000; ++i) garbage += static_cast<char>((i * 7919) & 0xff);
  repo.write("g.capnp", garbage);
  auto r = timed_check(repo, {"g.capnp", "", ""}, k_fast);
  EXPECT_EQ(r.status, SSMD_FAILED);
  const Finding *f = r.findings.find("capnp/binary-file");
  ASSERT_NE(f, nullptr) << r.findings.dump();
  EXPECT_EQ(place(*f), "g.capnp:3:7");
  EXPECT_EQ(r.findings.findings.size(), 1u) << r.findings.dump();
}

TEST(CapnpBadInput, NonUtf8TextIsASyntaxErrorWhereTheCompilerReadsIt) {
  SchemaRepo repo;
  repo.write("u.capnp", "@0xdbb9ad1f14bf0b36;\nstruct Caf\xe9 {\n  x @0 :Int32;\n}\n");
  auto r = timed_check(repo, {"u.capnp", "", ""}, k_fast);
  EXPECT_EQ(r.status, SSMD_FAILED);
  const Finding *f = r.findings.find("capnp/syntax");
  ASSERT_NE(f, nullptr) << r.findings.dump();
  EXPECT_EQ(place(*f), "u.capnp:2:11");

  repo.write("v.capnp", "\xff\xfe@0xdbb9ad1f14bf0b36;\n");
  auto v = timed_check(repo, {"v.capnp", "", ""}, k_fast);
  ASSERT_TRUE(v.findings.has_rule("capnp/syntax")) << v.findings.dump();
  EXPECT_NE(v.findings.find("capnp/syntax")->message.find("Non-UTF-8"), std::string::npos) << v.findings.dump();

  // Like `capnp compile`, bytes inside comments are not examined.
  repo.write("w.capnp", "@0xdbb9ad1f14bf0b36;\nstruct A {\n  x @0 :Int32; # caf\xe9\n}\n");
  EXPECT_EQ(repo.check({"w.capnp", "", ""}).status, SSMD_OK);
}

TEST(CapnpBadInput, RandomPrintableGarbageListsAtMostFiftyErrors) {
  SchemaRepo repo;
  std::string text;
  for (int i = 0; i < 200000; ++i) text += static_cast<char>(' ' + (i * 7919 % 94)), text += (i % 60 ? "" : ";\n");
  repo.write("r.capnp", text);
  auto r = timed_check(repo, {"r.capnp", "", ""}, k_fast);
  EXPECT_EQ(r.status, SSMD_FAILED);
  EXPECT_LE(r.findings.findings.size(), 51u);
  EXPECT_GE(r.findings.errors(), 1u);
}

TEST(CapnpBadInput, TenMegabyteFileIsRefusedBeforeCompiling) {
  SchemaRepo repo;
  std::string big = "@0xdbb9ad1f14bf0b36;\n";
  while (big.size() < 10 * 1024 * 1024) big += "struct S" + std::to_string(big.size()) + " { x @0 :Int32; }\n";
  repo.write("big.capnp", big);
  auto r = timed_check(repo, {"big.capnp", "", ""}, k_fast);
  EXPECT_EQ(r.status, SSMD_FAILED);
  const Finding *f = r.findings.find("capnp/file-too-large");
  ASSERT_NE(f, nullptr) << r.findings.dump();
  EXPECT_EQ(place(*f), "big.capnp:1:1");
  EXPECT_NE(f->message.find("4194304"), std::string::npos) << f->message;
}

TEST(CapnpBadInput, DeepBracketsAreRefusedInsteadOfOverflowingTheParser) {
  // `capnp compile` dies with SIGSEGV on this file.
  SchemaRepo repo;
  repo.write("deep.capnp", "@0xdbb9ad1f14bf0b36;\nconst x :List(Int32) = " + std::string(200000, '[') +
                               std::string(200000, ']') + ";\n");
  auto r = timed_check(repo, {"deep.capnp", "", ""}, k_fast);
  EXPECT_EQ(r.status, SSMD_FAILED);
  const Finding *f = r.findings.find("capnp/too-deeply-nested");
  ASSERT_NE(f, nullptr) << r.findings.dump();
  EXPECT_EQ(place(*f), "deep.capnp:2:152"); // the 129th bracket
}

TEST(CapnpBadInput, LongMemberChainsAreRefusedInsteadOfOverflowingTheCompiler) {
  SchemaRepo repo;
  std::string chain;
  for (int i = 0; i < 100000; ++i) chain += ".a";
  repo.write("dots.capnp", "@0xdbb9ad1f14bf0b36;\nconst x :Int32 = " + chain + ";\n");
  auto r = timed_check(repo, {"dots.capnp", "", ""}, k_fast);
  EXPECT_TRUE(r.findings.has_rule("capnp/too-deeply-nested")) << r.findings.dump();
}

namespace {
// `declarations` lines declaring a chain: each names the next, the last a built-in type or value.
std::string chain(const std::string &kind, int declarations) {
  std::string out;
  for (int i = 0; i + 1 < declarations; ++i) {
    const std::string me = std::to_string(i), next = std::to_string(i + 1);
    if (kind == "using") out += "using A" + me + " = A" + next + ";\n";
    if (kind == "const") out += "const c" + me + " :UInt32 = .c" + next + ";\n";
  }
  const std::string last = std::to_string(declarations - 1);
  return out + (kind == "using" ? "using A" + last + " = UInt32;\n" : "const c" + last + " :UInt32 = 7;\n");
}
} // namespace

TEST(CapnpBadInput, AFiveThousandDeepAliasChainIsRefusedWhereItStarts) {
  // `capnp compile` dies with SIGSEGV on this file (from about 2,210 links), and so did this plugin.
  SchemaRepo repo;
  repo.write("alias.capnp", "@0xdbb9ad1f14bf0b36;\n" + chain("using", 5001));
  auto r = timed_check(repo, {"alias.capnp", "", ""}, k_fast);
  EXPECT_EQ(r.status, SSMD_FAILED);
  const Finding *f = r.findings.find("capnp/declaration-chain-too-long");
  ASSERT_NE(f, nullptr) << r.findings.dump();
  EXPECT_EQ(place(*f), "alias.capnp:2:1");
  EXPECT_NE(f->message.find("`A0` starts a chain of 5001 declarations"), std::string::npos) << f->message;
  // Structs whose fields chain, constants and annotations are chains too.
  std::string structs;
  for (int i = 0; i < 3000; ++i) structs += "struct S" + std::to_string(i) + " {\n  f @0 :S" + std::to_string(i + 1) + ";\n}\n";
  repo.write("structs.capnp", "@0xdbb9ad1f14bf0b36;\n" + structs + "struct S3000 {}\n");
  EXPECT_TRUE(timed_check(repo, {"structs.capnp", "", ""}, k_fast).findings.has_rule("capnp/declaration-chain-too-long"));
  repo.write("consts.capnp", "@0xdbb9ad1f14bf0b36;\n" + chain("const", 1000));
  EXPECT_TRUE(timed_check(repo, {"consts.capnp", "", ""}, k_fast).findings.has_rule("capnp/declaration-chain-too-long"));
}

TEST(CapnpBadInput, AChainPassedBackAndForthBetweenFilesIsMeasuredWhole) {
  // Each file's own chains are one link long; together they are 1,201.
  SchemaRepo repo;
  std::string a = "@0xdbb9ad1f14bf0b36;\nusing B = import \"b.capnp\";\n";
  std::string b = "@0xdbb9ad1f14bf0b37;\nusing A = import \"a.capnp\";\n";
  for (int i = 0; i < 600; ++i) {
    a += "using A" + std::to_string(i) + " = B.B" + std::to_string(i) + ";\n";
    b += "using B" + std::to_string(i) + " = A.A" + std::to_string(i + 1) + ";\n";
  }
  repo.write("a.capnp", a + "using A600 = UInt32;\n");
  repo.write("b.capnp", b);
  auto r = timed_check(repo, {"a.capnp", "", ""}, k_fast);
  EXPECT_EQ(r.status, SSMD_FAILED);
  const Finding *f = r.findings.find("capnp/declaration-chain-too-long");
  ASSERT_NE(f, nullptr) << r.findings.dump();
  EXPECT_EQ(place(*f), "a.capnp:3:1");
  EXPECT_NE(f->message.find("`A0` starts a chain of 1201 declarations"), std::string::npos) << f->message;
}

namespace {
// `repo.check(file)` on a thread with `stack_bytes` of stack.
SchemaCall check_on_stack(SchemaRepo &repo, const std::string &file, size_t stack_bytes) {
  SchemaCall r;
  pthread_attr_t attributes;
  EXPECT_EQ(pthread_attr_init(&attributes), 0);
  EXPECT_EQ(pthread_attr_setstacksize(&attributes, stack_bytes), 0);
  struct Job {
    SchemaRepo *repo;
    const std::string *file;
    SchemaCall *result;
  } job{&repo, &file, &r};
  pthread_t thread;
  EXPECT_EQ(pthread_create(&thread, &attributes,
                           [](void *arg) -> void * {
                             auto *j = static_cast<Job *>(arg);
                             *j->result = j->repo->check({*j->file, "", ""});
                             return nullptr;
                           },
                           &job),
            0);
  pthread_join(thread, nullptr);
  pthread_attr_destroy(&attributes);
  return r;
}
} // namespace

TEST(CapnpBadInput, AChainUnderTheLimitCompilesOnTheCompilersOwnStackWhateverTheCallersStack) {
  // 490 constants, each naming the next, need about 4.8 MiB of stack. With 2 MiB the compiler would
  // overflow the caller's stack (killing this test) if it did not move to a stack of its own; with 72 MiB,
  // as in ssmd's plugin workers, it runs on the caller's.
  SchemaRepo repo;
  repo.write("consts.capnp", "@0xdbb9ad1f14bf0b36;\n" + chain("const", 490) + "struct S {\n  f @0 :UInt32 = .c0;\n}\n");
  for (size_t stack : {size_t(2) << 20, size_t(72) << 20}) {
    SchemaCall r = check_on_stack(repo, "consts.capnp", stack);
    EXPECT_EQ(r.status, SSMD_OK) << (stack >> 20) << " MiB: " << r.findings.dump();
    EXPECT_FALSE(r.findings.has_rule("capnp/declaration-chain-too-long")) << r.findings.dump();
  }
}

TEST(CapnpBadInput, ModestNestingStillCompiles) {
  SchemaRepo repo;
  repo.write("ok.capnp", "@0xdbb9ad1f14bf0b36;\nconst x :List(List(List(Int32))) = [[[1, 2]], [[3]]];\n"
                         "struct A {\n  struct B {\n    struct C {\n      v @0 :Int32;\n    }\n  }\n}\n"
                         "const y :Int32 = .A.B.C.z;\nconst z :Int32 = 1;\n");
  auto r = repo.check({"ok.capnp", "", ""});
  EXPECT_FALSE(r.findings.has_rule("capnp/too-deeply-nested")) << r.findings.dump();
}

TEST(CapnpBadInput, ImportCycleIsAWarningAndTerminates) {
  SchemaRepo repo;
  repo.write("a.capnp", "@0xdbb9ad1f14bf0b36;\nusing B = import \"b.capnp\";\nstruct A {\n  b @0 :B.B;\n}\n");
  repo.write("b.capnp", "@0xdbb9ad1f14bf0b37;\nusing A = import \"a.capnp\";\nstruct B {\n  a @0 :A.A;\n}\n");
  auto r = timed_check(repo, {"a.capnp", "a", ""}, k_fast);
  EXPECT_EQ(r.status, SSMD_OK) << r.findings.dump(); // Cap'n Proto accepts cycles
  auto cycles = of_rule(r.findings, "capnp/import-cycle");
  ASSERT_EQ(cycles.size(), 1u) << r.findings.dump();
  EXPECT_EQ(place(cycles[0]), "b.capnp:2:18");
  EXPECT_NE(cycles[0].message.find("a.capnp -> b.capnp -> a.capnp"), std::string::npos) << cycles[0].message;
  EXPECT_EQ(cycles[0].severity, SSMD_SEVERITY_WARNING);
}

TEST(CapnpBadInput, ImportCycleClosedOnlyByAnUnreachableDeclarationIsACycleToo) {
  // The compiler reads b.capnp for `B` alone and never follows b's import back to a.capnp, which only
  // `Back` (used by nothing) needs; the files still cannot change apart.
  SchemaRepo repo;
  repo.write("a.capnp", "@0xdbb9ad1f14bf0b36;\nusing B = import \"b.capnp\";\nstruct A {\n  b @0 :B.B;\n}\n");
  repo.write("b.capnp", "@0xdbb9ad1f14bf0b37;\nstruct B {\n  x @0 :Int32;\n}\n"
                        "struct Back {\n  a @0 :import \"a.capnp\".A;\n}\n");
  auto r = timed_check(repo, {"a.capnp", "a", ""}, k_fast);
  EXPECT_EQ(r.status, SSMD_OK) << r.findings.dump();
  auto cycles = of_rule(r.findings, "capnp/import-cycle");
  ASSERT_EQ(cycles.size(), 1u) << r.findings.dump();
  EXPECT_EQ(place(cycles[0]), "b.capnp:6:16"); // the import in `Back`
  EXPECT_NE(cycles[0].message.find("a.capnp -> b.capnp -> a.capnp"), std::string::npos) << cycles[0].message;

  // An import of a missing file in an unreachable declaration is no cycle and no error.
  repo.write("b.capnp", "@0xdbb9ad1f14bf0b37;\nstruct B {\n  x @0 :Int32;\n}\n"
                        "struct Back {\n  a @0 :import \"missing.capnp\".A;\n}\n");
  auto missing = timed_check(repo, {"a.capnp", "a", ""}, k_fast);
  EXPECT_FALSE(missing.findings.has_rule("capnp/import-cycle")) << missing.findings.dump();
}

TEST(CapnpBadInput, SelfImportIsACycle) {
  SchemaRepo repo;
  repo.write("s.capnp", "@0xdbb9ad1f14bf0b36;\nusing S = import \"./s.capnp\";\nstruct A {\n  me @0 :S.A;\n}\n");
  auto r = timed_check(repo, {"s.capnp", "", ""}, k_fast);
  EXPECT_TRUE(r.findings.has_rule("capnp/import-cycle")) << r.findings.dump();
}

TEST(CapnpBadInput, ImportClimbingOutOfTheRepositoryIsRefused) {
  SchemaRepo repo;
  repo.write("schemas/e.capnp", "@0xdbb9ad1f14bf0b36;\nusing P = import \"../../etc/passwd\";\nstruct E {}\n");
  auto r = timed_check(repo, {"schemas/e.capnp", "", ""}, k_fast);
  EXPECT_EQ(r.status, SSMD_FAILED);
  const Finding *f = r.findings.find("capnp/import");
  ASSERT_NE(f, nullptr) << r.findings.dump();
  EXPECT_EQ(place(*f), "schemas/e.capnp:2:18");
  EXPECT_NE(f->message.find("climbs out of the repository"), std::string::npos) << f->message;
}

TEST(CapnpBadInput, ImportClimbingOutOfTheSchemaDirectoryIsRefusedUnread) {
  // Both targets exist inside the repository and would compile, so only the path rule can refuse them.
  SchemaRepo repo;
  const std::string lib = "@0xdbb9ad1f14bf0b37;\nstruct X {}\n";
  repo.write("etc/x.capnp", lib);
  repo.write("exchanges/feeds/kalshi.capnp", lib);
  for (const std::string import : {"../../etc/x.capnp", "../feeds/kalshi.capnp", "./../schemas/../feeds/kalshi.capnp"}) {
    repo.write("exchanges/schemas/e.capnp",
               "@0xdbb9ad1f14bf0b36;\nusing P = import \"" + import + "\";\nstruct E {\n  x @0 :P.X;\n}\n");
    auto r = timed_check(repo, {"exchanges/schemas/e.capnp", "e", ""}, k_fast);
    EXPECT_EQ(r.status, SSMD_FAILED) << import;
    const Finding *f = r.findings.find("capnp/import");
    ASSERT_NE(f, nullptr) << import << "\n" << r.findings.dump();
    EXPECT_EQ(place(*f), "exchanges/schemas/e.capnp:2:18") << import;
    EXPECT_NE(f->message.find("cannot import \"" + import + "\""), std::string::npos) << f->message;
    EXPECT_NE(f->message.find("climbs out of exchanges/schemas"), std::string::npos) << f->message;
  }
}

TEST(CapnpBadInput, RelativeImportsMayMoveWithinTheSchemaDirectory) {
  SchemaRepo repo;
  repo.write("exchanges/schemas/common.capnp", "@0xdbb9ad1f14bf0b37;\nstruct Money {\n  units @0 :Int64;\n}\n");
  repo.write("exchanges/schemas/kalshi/t.capnp", "@0xdbb9ad1f14bf0b36;\nusing C = import \"../common.capnp\";\n"
                                                 "struct T {\n  m @0 :C.Money;\n}\n");
  auto r = repo.check({"exchanges/schemas/kalshi/t.capnp", "t", ""});
  EXPECT_EQ(r.status, SSMD_OK) << r.findings.dump();
}

TEST(CapnpBadInput, AbsoluteImportCannotClimbOutOfTheImportDirectories) {
  SchemaRepo repo;
  repo.write("e.capnp", "@0xdbb9ad1f14bf0b36;\nusing P = import \"/../etc/passwd\";\nstruct E {}\n");
  auto r = timed_check(repo, {"e.capnp", "", ""}, k_fast);
  const Finding *f = r.findings.find("capnp/import");
  ASSERT_NE(f, nullptr) << r.findings.dump();
  EXPECT_NE(f->message.find("climbs out of every import directory"), std::string::npos) << f->message;
}

TEST(CapnpBadInput, MissingImportNamesTheFile) {
  SchemaRepo repo;
  repo.write("m.capnp", "@0xdbb9ad1f14bf0b36;\nusing X = import \"lib/nope.capnp\";\nstruct M {\n  x @0 :X.Y;\n}\n");
  auto r = timed_check(repo, {"m.capnp", "", ""}, k_fast);
  EXPECT_EQ(r.status, SSMD_FAILED);
  const Finding *f = r.findings.find("capnp/import");
  ASSERT_NE(f, nullptr) << r.findings.dump();
  EXPECT_EQ(place(*f), "m.capnp:2:18");
  EXPECT_NE(f->message.find("lib/nope.capnp does not exist"), std::string::npos) << f->message;
}

TEST(CapnpBadInput, ImportedBinaryOrHugeFilesAreImportErrors) {
  SchemaRepo repo;
  repo.write("bin.capnp", std::string("\x00\x01\x02", 3));
  repo.write("huge.capnp", std::string(5 * 1024 * 1024, '#'));
  repo.write("m.capnp", "@0xdbb9ad1f14bf0b36;\nusing B = import \"bin.capnp\";\nusing H = import \"huge.capnp\";\n"
                        "struct M {}\n");
  auto r = timed_check(repo, {"m.capnp", "", ""}, k_fast);
  auto imports = of_rule(r.findings, "capnp/import");
  ASSERT_EQ(imports.size(), 2u) << r.findings.dump();
  EXPECT_NE(imports[0].message.find("contains a NUL byte"), std::string::npos) << imports[0].message;
  EXPECT_NE(imports[1].message.find("more than the 4194304"), std::string::npos) << imports[1].message;
}

TEST(CapnpBadInput, ErrorsInAnImportedFileNameThatFile) {
  SchemaRepo repo;
  repo.write("lib/common.capnp", "@0xdbb9ad1f14bf0b37;\nstruct Money {\n  units @0 :Int63;\n}\n");
  repo.write("m.capnp", "@0xdbb9ad1f14bf0b36;\nusing C = import \"lib/common.capnp\";\nstruct M {\n"
                        "  m @0 :C.Money;\n}\n");
  auto r = repo.check({"m.capnp", "", ""});
  EXPECT_EQ(r.status, SSMD_FAILED);
  const Finding *f = r.findings.find("capnp/compile");
  ASSERT_NE(f, nullptr) << r.findings.dump();
  EXPECT_EQ(place(*f), "lib/common.capnp:3:13"); // where `capnp compile` puts it too
}

TEST(CapnpBadInput, MissingSchemaFileIsADocumentError) {
  SchemaRepo repo;
  auto r = repo.check({"schemas/none.capnp", "none", ""});
  EXPECT_EQ(r.status, SSMD_FAILED);
  const Finding *f = r.findings.find("capnp/file-unreadable");
  ASSERT_NE(f, nullptr) << r.findings.dump();
  EXPECT_EQ(f->line, 0u);
  EXPECT_NE(f->message.find("schemas/none.capnp"), std::string::npos);
}

TEST(CapnpBadInput, SchemaFileOutsideTheRepositoryIsRefused) {
  SchemaRepo repo;
  for (const char *path : {"../x.capnp", "/etc/passwd", ""}) {
    auto r = repo.check({path, "", ""});
    EXPECT_EQ(r.status, SSMD_FAILED) << path;
    EXPECT_TRUE(r.findings.has_rule("capnp/file-unreadable")) << path << "\n" << r.findings.dump();
  }
}

TEST(CapnpBadInput, EmptyFileNeedsAFileId) {
  SchemaRepo repo;
  repo.write("empty.capnp", "");
  auto r = repo.check({"empty.capnp", "", ""});
  EXPECT_TRUE(r.findings.has_rule("capnp/missing-file-id")) << r.findings.dump();
}

TEST(CapnpBadInput, MoreThanFiftyErrorsAreCountedNotListed) {
  SchemaRepo repo;
  std::string text = "@0xdbb9ad1f14bf0b36;\nstruct T {\n";
  for (int i = 0; i < 60; ++i)
    text += "  f" + std::to_string(i) + " @" + std::to_string(i) + " :Missing" + std::to_string(i) + ";\n";
  repo.write("t.capnp", text + "}\n");
  auto r = repo.check({"t.capnp", "", ""});
  EXPECT_EQ(of_rule(r.findings, "capnp/compile").size(), 50u) << r.findings.dump();
  const Finding *more = r.findings.find("capnp/error-limit");
  ASSERT_NE(more, nullptr) << r.findings.dump();
  EXPECT_EQ(more->severity, SSMD_SEVERITY_INFO);
  EXPECT_NE(more->message.find("10 more compiler errors"), std::string::npos) << more->message;

  text = "@0xdbb9ad1f14bf0b36;\nstruct T {\n";
  for (int i = 0; i < 50; ++i)
    text += "  f" + std::to_string(i) + " @" + std::to_string(i) + " :Missing" + std::to_string(i) + ";\n";
  repo.write("t.capnp", text + "}\n");
  auto fifty = repo.check({"t.capnp", "", ""});
  EXPECT_EQ(of_rule(fifty.findings, "capnp/compile").size(), 50u);
  EXPECT_FALSE(fifty.findings.has_rule("capnp/error-limit")) << fifty.findings.dump();
}

TEST(CapnpBadInput, LargestAllowedFilesCheckCompareAndHashInLinearTime) {
  // Just under 4 MiB: about 90,000 structs, and one struct with 5,000 groups that each hold a union.
  // Changing the file ID changes every type ID, the worst case for matching declarations. The Debug suite proves
  // the time at full size; under sanitizers, where that took 100 to 200 s, a quarter of it checks the same
  // paths for memory errors.
  const size_t scale = under_sanitizers ? 4 : 1;
  std::string body;
  size_t structs = 0;
  for (; body.size() < 3'000'000 / scale; ++structs) body += "struct S" + std::to_string(structs) + " {\n  x @0 :Int32;\n}\n";
  body += "struct Wide {\n";
  for (size_t i = 0; i < 5000 / scale; ++i)
    body += "  g" + std::to_string(i) + " :group {\n    union {\n      a @" + std::to_string(2 * i) + " :Int32;\n" +
            "      b @" + std::to_string(2 * i + 1) + " :Int32;\n    }\n  }\n";
  body += "}\n";
  ASSERT_LT(body.size(), 4u * 1024 * 1024);
  SchemaRepo repo;
  repo.write("v1.capnp", "@0xdbb9ad1f14bf0b36;\n" + body);
  repo.write("v2.capnp", "@0xdbb9ad1f14bf0b37;\n" + body);

  const long long start = cpu_ms();
  auto check = repo.check({"v2.capnp", "", ""});
  EXPECT_EQ(check.status, SSMD_OK) << check.findings.dump();
  auto compared = repo.breaking({"v1.capnp", "", ""}, {"v2.capnp", "", ""});
  EXPECT_EQ(of_rule(compared.findings, "capnp/hygiene/type-id-changed").size(), structs + 2); // + file, Wide
  EXPECT_TRUE(repo.fingerprint({"v2.capnp", "", ""}).has_value());
  const long long took = (cpu_ms() - start) / 1000;
  // Quadratic matching would take hours here; linear work takes seconds of CPU time (the measure, so that a
  // busy machine cannot fail the test).
  EXPECT_LT(took, 120) << "took " << took << " s of CPU time";
  std::printf("[ info     ] largest-file check + breaking + fingerprint: %lld s of CPU time\n", took);
}
