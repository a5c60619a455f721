// Compiles one schema version with Cap'n Proto's own compiler (capnp::SchemaParser from libcapnpc) and
// reports every error it finds. Each call owns its parser: two versions of one file share a file ID,
// and a parser refuses to hold two different files with the same ID.
#pragma once

#include "file_set.hpp"
#include "report.hpp"
#include "schema_file.hpp"
#include "settings.hpp"
#include "source_index.hpp"

#include <ssmd/plugin.hpp>

#include <capnp/schema-parser.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ssmd::capnp_schema {

class CompiledSchema {
public:
  // The compiled file; valid while this object lives. Only meaningful when `ok()`.
  capnp::ParsedSchema file() const { return file_; }
  bool ok() const { return ok_; }
  const FileKey &key() const { return key_; }
  // What diagnostics call the main file.
  std::string display() const { return key_.display(); }
  const std::string &text() const { return *text_; }
  // Where declarations are in the main file. Scanned on first use: only a finding needs a position, and a
  // clean check (the common case) reports none, so most checks never pay for the scan.
  const SourceIndex &index() const {
    if (!index_) index_ = SourceIndex::scan(text_ ? std::string_view(*text_) : std::string_view());
    return *index_;
  }
  // The text and index of another file the compilation read (for findings located there).
  const std::string *text_of(const FileKey &key) const { return files_->load(key); }
  // Import edges the compiler followed.
  const std::set<std::pair<FileKey, FileKey>> &imports() const { return session_->imports; }
  // Resolves an import written in `importer` again (files are cached, so this reads nothing new).
  std::optional<FileKey> resolve(const FileKey &importer, std::string_view path) const {
    std::string reason;
    return files_->resolve(importer, path, reason);
  }

private:
  friend std::unique_ptr<CompiledSchema> compile_schema(const ssmd::SchemaInput &, const Settings &, Report &);
  std::unique_ptr<FileSet> files_;
  std::unique_ptr<CompileSession> session_;
  std::unique_ptr<capnp::SchemaParser> parser_; // declared after the session: destroyed before it
  capnp::ParsedSchema file_;
  FileKey key_;
  const std::string *text_ = nullptr;
  mutable std::optional<SourceIndex> index_;
  bool ok_ = false;
};

// Reads, guards and compiles `input.file`. Errors go to `report`; the result is nullptr when the file
// could not be read at all, and not `ok()` when it did not compile.
std::unique_ptr<CompiledSchema> compile_schema(const ssmd::SchemaInput &input, const Settings &settings,
                                               Report &report);

} // namespace ssmd::capnp_schema
