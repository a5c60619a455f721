// `capnp::SchemaFile` over a `FileSet`: the compiler reads files and resolves imports only through it, and
// every error it finds lands in the shared `CompileSession` (all of them, with 1-based line and column;
// the library's default reporting stops at the first and counts lines from 0).
#pragma once

#include "file_set.hpp"

#include <capnp/schema-parser.h>

#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace ssmd::capnp_schema {

struct CompilerMessage {
  FileKey file;
  Position where;
  std::string text;
  bool while_parsing; // reported while the file's text was being lexed and parsed, not compiled
};

// What one compilation shares between its files.
struct CompileSession {
  explicit CompileSession(FileSet &f) : files(f) {}
  FileSet &files;
  std::vector<CompilerMessage> messages;
  std::map<std::pair<FileKey, std::string>, std::string> import_failures; // (importer, path) -> why
  std::set<std::pair<FileKey, FileKey>> imports;                          // resolved edges
  std::set<FileKey> parsing; // files whose text the compiler is lexing and parsing right now
};

class SessionSchemaFile final : public capnp::SchemaFile {
public:
  SessionSchemaFile(CompileSession &session, FileKey key);

  kj::StringPtr getDisplayName() const override { return display_; }
  kj::Array<const char> readContent() const override;
  kj::Maybe<kj::Own<SchemaFile>> import(kj::StringPtr path) const override;
  bool operator==(const SchemaFile &other) const override;
  bool operator!=(const SchemaFile &other) const override { return !(*this == other); }
  size_t hashCode() const override { return std::hash<std::string>()(display_.cStr()); }
  void reportError(SourcePos start, SourcePos end, kj::StringPtr message) const override;

private:
  // The compiler drops the content array as soon as the file is parsed; disposing of it therefore marks
  // the end of parsing, which is how errors are told apart as syntax or compile errors.
  class EndOfParse final : public kj::ArrayDisposer {
  public:
    explicit EndOfParse(const SessionSchemaFile &file) : file_(file) {}

  protected:
    void disposeImpl(void *, size_t, size_t, size_t, void (*)(void *)) const override;

  private:
    const SessionSchemaFile &file_;
  };

  CompileSession &session_;
  FileKey key_;
  kj::String display_;
  EndOfParse end_of_parse_{*this};
};

} // namespace ssmd::capnp_schema
