#include "plugins/elf_section.hpp"

#include <elf.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <vector>

namespace ssmd {

namespace {

// The section-name table is read whole; real ones are a few hundred bytes.
constexpr uint64_t kMaxNameTableBytes = 1 << 20;
// How much of the file before the section headers is read with them, hoping to find the section-name table.
constexpr uint64_t kNameTableLead = 4096;

// Owns a file descriptor for the duration of one read.
class File {
public:
  explicit File(const std::filesystem::path &path) : fd_(::open(path.c_str(), O_RDONLY | O_CLOEXEC)) {}
  ~File() {
    if (fd_ >= 0) ::close(fd_);
  }
  File(const File &) = delete;
  File &operator=(const File &) = delete;
  bool open() const { return fd_ >= 0; }
  int fd() const { return fd_; }

private:
  int fd_;
};

// True when [offset, offset + size) lies inside a file of `file_size` bytes, without overflow.
bool in_file(uint64_t offset, uint64_t size, uint64_t file_size) {
  return offset <= file_size && size <= file_size - offset;
}

bool read_at(int fd, void *out, size_t size, uint64_t offset) {
  auto *p = static_cast<char *>(out);
  while (size > 0) {
    ssize_t n = ::pread(fd, p, size, static_cast<off_t>(offset));
    if (n <= 0) return false;
    p += n;
    size -= static_cast<size_t>(n);
    offset += static_cast<uint64_t>(n);
  }
  return true;
}

ElfSection fail(ElfReadStatus status, std::string why, uint16_t machine = 0) {
  ElfSection out;
  out.status = status;
  out.error = std::move(why);
  out.machine = machine;
  return out;
}

unsigned char native_data_encoding() {
  const uint16_t probe = 1;
  unsigned char first;
  std::memcpy(&first, &probe, 1);
  return first == 1 ? ELFDATA2LSB : ELFDATA2MSB;
}

} // namespace

uint16_t host_elf_machine() {
#if defined(__x86_64__)
  return EM_X86_64;
#elif defined(__aarch64__)
  return EM_AARCH64;
#elif defined(__riscv)
  return EM_RISCV;
#elif defined(__powerpc64__)
  return EM_PPC64;
#else
  return EM_NONE; // unknown: the machine check is skipped
#endif
}

ElfSection read_elf_section(const std::filesystem::path &path, std::string_view name, size_t max_size) {
  File file(path);
  if (!file.open()) return fail(ElfReadStatus::IoError, std::string("cannot open: ") + std::strerror(errno));
  struct stat st {};
  if (::fstat(file.fd(), &st) != 0) return fail(ElfReadStatus::IoError, std::string("cannot stat: ") + std::strerror(errno));
  if (!S_ISREG(st.st_mode)) return fail(ElfReadStatus::NotElf, "not a regular file");
  return read_elf_section(file.fd(), static_cast<uint64_t>(st.st_size), name, max_size);
}

ElfSection read_elf_section(int fd, uint64_t file_size, std::string_view name, size_t max_size) {

  // The ELF header in one read (plus the section headers, the section-name table and the section: four
  // reads a plugin, since `ssmd plugin list` reads every plugin on the path). Anything without the magic
  // number is simply not a plugin.
  Elf64_Ehdr eh{};
  const size_t header_bytes = static_cast<size_t>(std::min<uint64_t>(file_size, sizeof eh));
  if (header_bytes < SELFMAG || !read_at(fd, &eh, header_bytes, 0) || std::memcmp(eh.e_ident, ELFMAG, SELFMAG) != 0)
    return fail(ElfReadStatus::NotElf, "not an ELF file");
  if (header_bytes < sizeof eh) return fail(ElfReadStatus::Malformed, "truncated ELF header");
  if (eh.e_ident[EI_CLASS] != ELFCLASS64) return fail(ElfReadStatus::Malformed, "not a 64-bit ELF file");
  if (eh.e_ident[EI_DATA] != native_data_encoding())
    return fail(ElfReadStatus::Malformed, "ELF byte order differs from this machine's");
  if (eh.e_ident[EI_VERSION] != EV_CURRENT) return fail(ElfReadStatus::Malformed, "unknown ELF version");
  const uint16_t machine = eh.e_machine;
  auto bad = [machine](std::string why) { return fail(ElfReadStatus::Malformed, std::move(why), machine); };

  if (eh.e_shoff == 0) return fail(ElfReadStatus::NoSection, "no section headers", machine);
  if (eh.e_shentsize != sizeof(Elf64_Shdr)) return bad("unexpected section header size");
  if (!in_file(eh.e_shoff, sizeof(Elf64_Shdr), file_size)) return bad("section headers lie outside the file");

  // Extended numbering: with 0xff00 or more sections the real count and string-table index live in
  // section header 0, which then has to be read on its own first.
  uint64_t count = eh.e_shnum;
  uint64_t names_index = eh.e_shstrndx;
  if (count == 0 || names_index == SHN_XINDEX) {
    Elf64_Shdr first;
    if (!read_at(fd, &first, sizeof first, eh.e_shoff)) return bad("cannot read section headers");
    if (count == 0) count = first.sh_size;
    if (names_index == SHN_XINDEX) names_index = first.sh_link;
  }
  if (count == 0 || count > (file_size - eh.e_shoff) / sizeof(Elf64_Shdr)) return bad("section headers lie outside the file");
  if (names_index == SHN_UNDEF || names_index >= count) return bad("bad section-name table index");

  // Linkers put the section-name table just before the section headers, at the end of the file, so one
  // read of the headers and the few KiB before them usually brings both.
  const uint64_t headers_size = count * sizeof(Elf64_Shdr);
  const uint64_t lead = std::min<uint64_t>(eh.e_shoff, kNameTableLead);
  std::string tail(lead + headers_size, '\0');
  if (!read_at(fd, tail.data(), tail.size(), eh.e_shoff - lead)) return bad("cannot read section headers");
  std::vector<Elf64_Shdr> headers(count);
  std::memcpy(headers.data(), tail.data() + lead, headers_size);

  const Elf64_Shdr &names_header = headers[names_index];
  if (names_header.sh_type != SHT_STRTAB) return bad("section-name table is not a string table");
  if (names_header.sh_size > kMaxNameTableBytes) return bad("section-name table is too large");
  if (!in_file(names_header.sh_offset, names_header.sh_size, file_size)) return bad("section-name table lies outside the file");
  std::string names;
  const uint64_t tail_start = eh.e_shoff - lead;
  if (names_header.sh_offset >= tail_start && in_file(names_header.sh_offset - tail_start, names_header.sh_size, lead)) {
    names = tail.substr(names_header.sh_offset - tail_start, names_header.sh_size);
  } else {
    names.assign(names_header.sh_size, '\0');
    if (!read_at(fd, names.data(), names.size(), names_header.sh_offset)) return bad("cannot read section names");
  }

  const Elf64_Shdr *found = nullptr;
  for (const auto &header : headers) {
    if (header.sh_name >= names.size()) return bad("a section name lies outside the section-name table");
    size_t end = names.find('\0', header.sh_name);
    if (end == std::string::npos) return bad("a section name is not terminated");
    if (std::string_view(names).substr(header.sh_name, end - header.sh_name) != name) continue;
    if (found) return bad("two sections are named " + std::string(name));
    found = &header;
  }
  if (!found) return fail(ElfReadStatus::NoSection, "no " + std::string(name) + " section", machine);
  if (found->sh_type == SHT_NOBITS) return bad("section " + std::string(name) + " has no contents in the file");
  if (found->sh_size > max_size)
    return bad("section " + std::string(name) + " is " + std::to_string(found->sh_size) + " bytes; the limit is " +
               std::to_string(max_size));
  if (!in_file(found->sh_offset, found->sh_size, file_size))
    return bad("section " + std::string(name) + " lies outside the file (truncated?)");

  ElfSection out;
  out.machine = machine;
  out.bytes.resize(found->sh_size);
  if (!read_at(fd, out.bytes.data(), out.bytes.size(), found->sh_offset)) return bad("cannot read section " + std::string(name));
  out.status = ElfReadStatus::Ok;
  return out;
}

} // namespace ssmd
