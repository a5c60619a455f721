// The ELF reader against real built plugins and against copies corrupted in every header field it reads.
#include "../../test-plugins/test_plugins.hpp"
#include "plugins/elf_section.hpp"
#include "plugins/manifest.hpp"
#include "run_ssmd.hpp"

#include <elf.h>
#include <gtest/gtest.h>

#include <cstring>
#include <fstream>

using namespace ssmd;
using namespace ssmd::test;
namespace fs = std::filesystem;

namespace {

// A copy of the good test plugin that a test can patch, with helpers that find what the reader reads.
class ElfCopy {
public:
  ElfCopy() : bytes_(read_file(test_plugin("good", "test-good"))) {}
  std::string &bytes() { return bytes_; }
  Elf64_Ehdr header() const { return at<Elf64_Ehdr>(0); }
  void set_header(const Elf64_Ehdr &h) { std::memcpy(bytes_.data(), &h, sizeof h); }
  size_t section_header_offset(size_t index) const { return header().e_shoff + index * sizeof(Elf64_Shdr); }
  Elf64_Shdr section(size_t index) const { return at<Elf64_Shdr>(section_header_offset(index)); }
  void set_section(size_t index, const Elf64_Shdr &s) { std::memcpy(&bytes_[section_header_offset(index)], &s, sizeof s); }
  // The index of the manifest section, found independently of the code under test.
  size_t manifest_index() const {
    Elf64_Shdr names = section(header().e_shstrndx);
    for (size_t i = 0; i < header().e_shnum; ++i)
      if (std::strcmp(&bytes_[names.sh_offset + section(i).sh_name], ".ssmd_manifest") == 0) return i;
    throw std::runtime_error("no manifest section in the test plugin");
  }
  fs::path write(const TempDir &dir, const std::string &name = "copy.so") const { return dir.write(name, bytes_); }

private:
  template <class T> T at(size_t offset) const {
    if (offset + sizeof(T) > bytes_.size()) throw std::runtime_error("test read outside the copy");
    T value;
    std::memcpy(&value, bytes_.data() + offset, sizeof value);
    return value;
  }
  std::string bytes_;
};

ElfSection read_manifest(const fs::path &path) { return read_elf_section(path, ".ssmd_manifest"); }

void expect_malformed(const ElfSection &s, const std::string &why) {
  EXPECT_EQ(s.status, ElfReadStatus::Malformed) << s.error;
  EXPECT_NE(s.error.find(why), std::string::npos) << "got: " << s.error;
  EXPECT_TRUE(s.bytes.empty());
}

} // namespace

TEST(ElfSection, ReadsTheManifestOfEveryBuiltTestPlugin) {
  for (auto [variant, name] : std::vector<std::pair<std::string, std::string>>{
           {"good", "test-good"}, {"abi", "test-abi99"}, {"command", "test-command"}, {"liar", "test-liar"}}) {
    auto s = read_manifest(test_plugin(variant, name));
    ASSERT_EQ(s.status, ElfReadStatus::Ok) << name << ": " << s.error;
    EXPECT_EQ(s.machine, host_elf_machine());
    std::string error;
    auto m = parse_manifest(s.bytes, error);
    ASSERT_TRUE(m) << error;
    EXPECT_EQ(m->name, name);
  }
}

TEST(ElfSection, AFileWithoutTheSectionOrWithoutMagicIsNoPlugin) {
  TempDir dir;
  EXPECT_EQ(read_manifest(std::getenv("SSMD_BINARY")).status, ElfReadStatus::NoSection);
  EXPECT_EQ(read_manifest(dir.write("text.so", "INPUT(-lfoo)\n")).status, ElfReadStatus::NotElf);
  EXPECT_EQ(read_manifest(dir.write("empty.so", "")).status, ElfReadStatus::NotElf);
  EXPECT_EQ(read_manifest(dir.write("short.so", "\x7f" "EL")).status, ElfReadStatus::NotElf);
  EXPECT_EQ(read_manifest(dir.path()).status, ElfReadStatus::NotElf);
  EXPECT_EQ(read_manifest(dir.path() / "absent.so").status, ElfReadStatus::IoError);
}

TEST(ElfSection, EveryTruncationIsRefusedWithoutCrashing) {
  ElfCopy copy;
  TempDir dir;
  const std::string full = copy.bytes();
  // Section headers sit at the end of a linked file, so any shorter copy lacks something the reader needs.
  // Every cut inside the ELF header, then about 150 cuts spread over the rest of the file.
  std::vector<size_t> cuts;
  for (size_t size = 4; size < sizeof(Elf64_Ehdr) + 8; ++size) cuts.push_back(size);
  for (size_t size = sizeof(Elf64_Ehdr) + 8; size < full.size(); size += full.size() / 150 + 1) cuts.push_back(size);
  for (size_t size : cuts) {
    auto s = read_manifest(dir.write("cut.so", full.substr(0, size)));
    EXPECT_EQ(s.status, ElfReadStatus::Malformed) << "cut at " << size << ": " << s.error;
  }
  expect_malformed(read_manifest(dir.write("cut.so", full.substr(0, 40))), "truncated ELF header");
  expect_malformed(read_manifest(dir.write("cut.so", full.substr(0, full.size() - 1))), "outside the file");
}

TEST(ElfSection, RefusesTheWrongClassOrByteOrder) {
  TempDir dir;
  ElfCopy copy;
  copy.bytes()[EI_CLASS] = ELFCLASS32;
  expect_malformed(read_manifest(copy.write(dir)), "not a 64-bit ELF file");
  ElfCopy other;
  other.bytes()[EI_DATA] = ELFDATA2MSB;
  expect_malformed(read_manifest(other.write(dir)), "byte order");
}

TEST(ElfSection, RefusesSectionHeadersOutsideTheFile) {
  TempDir dir;
  for (uint64_t shoff : {uint64_t{0xffffffffffffff00u}, uint64_t{1} << 40}) {
    ElfCopy copy;
    auto h = copy.header();
    h.e_shoff = shoff;
    copy.set_header(h);
    expect_malformed(read_manifest(copy.write(dir)), "outside the file");
  }
  ElfCopy many;
  auto h = many.header();
  h.e_shnum = 0xfeff;
  many.set_header(h);
  expect_malformed(read_manifest(many.write(dir)), "outside the file");
  ElfCopy entsize;
  h = entsize.header();
  h.e_shentsize = 32;
  entsize.set_header(h);
  expect_malformed(read_manifest(entsize.write(dir)), "section header size");
  ElfCopy names;
  h = names.header();
  h.e_shstrndx = h.e_shnum;
  names.set_header(h);
  expect_malformed(read_manifest(names.write(dir)), "section-name table index");
}

TEST(ElfSection, RefusesBadSectionEntries) {
  TempDir dir;
  {
    ElfCopy copy;
    size_t i = copy.manifest_index();
    auto s = copy.section(i);
    s.sh_offset = copy.bytes().size() - 2;
    copy.set_section(i, s);
    expect_malformed(read_manifest(copy.write(dir)), "lies outside the file");
  }
  {
    ElfCopy copy;
    size_t i = copy.manifest_index();
    auto s = copy.section(i);
    s.sh_offset = 0xffffffffffffffffu;
    s.sh_size = 2;
    copy.set_section(i, s);
    expect_malformed(read_manifest(copy.write(dir)), "lies outside the file");
  }
  {
    ElfCopy copy;
    size_t i = copy.manifest_index();
    auto s = copy.section(i);
    s.sh_size = kMaxManifestSectionBytes + 1;
    copy.set_section(i, s);
    expect_malformed(read_manifest(copy.write(dir)), "the limit is 65536");
  }
  {
    ElfCopy copy;
    size_t i = copy.manifest_index();
    auto s = copy.section(i);
    s.sh_type = SHT_NOBITS;
    copy.set_section(i, s);
    expect_malformed(read_manifest(copy.write(dir)), "no contents");
  }
  {
    ElfCopy copy;
    auto s = copy.section(1);
    s.sh_name = 0x7fffffff;
    copy.set_section(1, s);
    expect_malformed(read_manifest(copy.write(dir)), "outside the section-name table");
  }
  {
    ElfCopy copy;
    size_t names = copy.header().e_shstrndx;
    auto s = copy.section(names);
    s.sh_type = SHT_PROGBITS;
    copy.set_section(names, s);
    expect_malformed(read_manifest(copy.write(dir)), "not a string table");
  }
}

TEST(ElfSection, ObjcopyEditsAreSeen) {
  TempDir dir;
  fs::path plugin = copy_test_plugin(dir.path() / "p", "good", "test-good");
  std::string big(70000, 'x');
  dir.write("big.txt", big);
  auto r = run_shell("objcopy --update-section .ssmd_manifest=" + (dir.path() / "big.txt").string() + " " +
                     plugin.string() + " " + (dir.path() / "big.so").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  expect_malformed(read_manifest(dir.path() / "big.so"), "the limit is 65536");

  r = run_shell("objcopy --remove-section .ssmd_manifest " + plugin.string() + " " + (dir.path() / "none.so").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(read_manifest(dir.path() / "none.so").status, ElfReadStatus::NoSection);

  // A different manifest of the same size or not: the reader returns exactly the section's bytes.
  dir.write("other.txt", "ssmd-manifest 1\nname other\n");
  r = run_shell("objcopy --update-section .ssmd_manifest=" + (dir.path() / "other.txt").string() + " " +
                plugin.string() + " " + (dir.path() / "other.so").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto s = read_manifest(dir.path() / "other.so");
  ASSERT_EQ(s.status, ElfReadStatus::Ok) << s.error;
  EXPECT_EQ(s.bytes, "ssmd-manifest 1\nname other\n");
}
