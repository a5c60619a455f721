// Reads one section of an ELF file straight from disk, without loading it: how the host reads a plugin's
// manifest (`.ssmd_manifest`) so that listing, help and completion never run plugin code.
//
// Everything in the file is untrusted: every offset and size is bounds-checked against the file's real
// size, arithmetic cannot overflow, and the section is refused when it is larger than `max_size`.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace ssmd {

enum class ElfReadStatus {
  Ok,        // `bytes` holds the section
  NotElf,    // not an ELF file at all (no magic number, or shorter than it): not a plugin
  NoSection, // a well-formed ELF file without the section: not a plugin
  Malformed, // an ELF file the host refuses: wrong class or byte order, truncated, bad offsets, too large
  IoError,   // the file cannot be opened or read
};

struct ElfSection {
  ElfReadStatus status = ElfReadStatus::IoError;
  std::string bytes;     // the section's contents when status is Ok
  uint16_t machine = 0;  // e_machine of the file (EM_X86_64, ...) once the header was read
  std::string error;     // why, when status is not Ok; one phrase without the file name
};

inline constexpr size_t kMaxManifestSectionBytes = 64 * 1024;

// Reads section `name` of the ELF64 file at `path` (native byte order only).
ElfSection read_elf_section(const std::filesystem::path &path, std::string_view name,
                            size_t max_size = kMaxManifestSectionBytes);
// The same, from a descriptor of a regular file of `file_size` bytes open for reading (as its caller's
// fstat found it; read with pread, so the descriptor's offset is left alone).
ElfSection read_elf_section(int fd, uint64_t file_size, std::string_view name,
                            size_t max_size = kMaxManifestSectionBytes);

// The e_machine value of the running host, to refuse plugins built for another architecture.
uint16_t host_elf_machine();

} // namespace ssmd
