// The plugin reads every repository file through the host's reader, so `--against GIT-REF` (a reader
// over a commit) works exactly like the working tree.
#include "schema_repo.hpp"

#include <gtest/gtest.h>

#include <map>

using namespace ssmd::test;

namespace {

// A repository that exists only in memory, as a git commit does for the host.
class MemoryReader {
public:
  explicit MemoryReader(std::map<std::string, std::string> files) : files_(std::move(files)) {
    reader_.ctx = this;
    reader_.read = [](void *ctx, ssmd_str path, const ssmd_bytes_sink *out) {
      auto *self = static_cast<MemoryReader *>(ctx);
      std::string key(path.data, path.size);
      self->requested.push_back(key);
      auto it = self->files_.find(key);
      if (it == self->files_.end()) return SSMD_FAILED;
      out->write(out->ctx, ssmd_str{it->second.data(), it->second.size()});
      return SSMD_OK;
    };
  }
  const ssmd_file_reader *reader() const { return &reader_; }
  std::vector<std::string> requested;

private:
  std::map<std::string, std::string> files_;
  ssmd_file_reader reader_;
};

} // namespace

TEST(CapnpReader, CompilesFilesAndImportsFromTheHostReaderOnly) {
  MemoryReader repo(std::map<std::string, std::string>{
      {"schemas/trade.capnp", "@0xdbb9ad1f14bf0b36;\nusing C = import \"common/money.capnp\";\n"
                              "struct Trade {\n  price @0 :C.Money;\n}\n"},
      {"schemas/common/money.capnp", "@0xdbb9ad1f14bf0b37;\nstruct Money {\n  units @0 :Int64;\n}\n"}});
  ssmd_schema_input in{};
  in.struct_size = sizeof in;
  in.schema = ssmd_str{"trade", 5};
  in.file = ssmd_str{"schemas/trade.capnp", 19};
  in.files = repo.reader();
  Collector c;
  EXPECT_EQ(capnp_format().check(capnp_plugin().host(), &in, c.sink()), SSMD_OK) << c.dump();
  EXPECT_TRUE(c.findings.empty()) << c.dump();
  EXPECT_EQ(repo.requested, (std::vector<std::string>{"schemas/trade.capnp", "schemas/common/money.capnp"}));
}

TEST(CapnpReader, BreakingComparesTwoReadersWithTheSameFileId) {
  using Files = std::map<std::string, std::string>;
  MemoryReader older(
      Files{{"t.capnp", "@0xdbb9ad1f14bf0b36;\nstruct Trade {\n  price @0 :Int64;\n  size @1 :UInt32;\n}\n"}});
  MemoryReader newer(Files{{"t.capnp", "@0xdbb9ad1f14bf0b36;\nstruct Trade {\n  price @0 :Int64;\n}\n"}});
  ssmd_schema_input a{}, b{};
  a.struct_size = b.struct_size = sizeof a;
  a.file = b.file = ssmd_str{"t.capnp", 7};
  a.files = older.reader();
  b.files = newer.reader();
  Collector c;
  EXPECT_EQ(capnp_format().breaking(capnp_plugin().host(), &a, &b, c.sink()), SSMD_FAILED);
  EXPECT_TRUE(c.has_rule("capnp/removal/field-removed")) << c.dump();
}
