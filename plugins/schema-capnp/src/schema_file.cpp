#include "schema_file.hpp"

namespace ssmd::capnp_schema {

SessionSchemaFile::SessionSchemaFile(CompileSession &session, FileKey key)
    : session_(session), key_(std::move(key)), display_(kj::heapString(key_.display().c_str())) {}

kj::Array<const char> SessionSchemaFile::readContent() const {
  const std::string *content = session_.files.load(key_);
  if (!content) return nullptr; // unreachable: files are loaded and checked before they are handed out
  session_.parsing.insert(key_);
  // The array borrows the FileSet's copy, which outlives the parser.
  return kj::Array<const char>(content->data(), content->size(), end_of_parse_);
}

void SessionSchemaFile::EndOfParse::disposeImpl(void *, size_t, size_t, size_t, void (*)(void *)) const {
  file_.session_.parsing.erase(file_.key_);
}

kj::Maybe<kj::Own<capnp::SchemaFile>> SessionSchemaFile::import(kj::StringPtr path) const {
  try {
    std::string reason;
    auto target = session_.files.resolve(key_, path.cStr(), reason);
    if (!target) {
      session_.import_failures[{key_, path.cStr()}] = reason;
      return nullptr;
    }
    session_.imports.emplace(key_, *target);
    return kj::Own<capnp::SchemaFile>(kj::heap<SessionSchemaFile>(session_, std::move(*target)));
  } catch (const std::exception &e) {
    // Never let a C++ exception unwind through the compiler's frames from here.
    session_.import_failures[{key_, path.cStr()}] = e.what();
    return nullptr;
  }
}

bool SessionSchemaFile::operator==(const SchemaFile &other) const {
  auto *same = dynamic_cast<const SessionSchemaFile *>(&other);
  return same && same->key_ == key_;
}

void SessionSchemaFile::reportError(SourcePos start, SourcePos, kj::StringPtr message) const {
  try {
    session_.messages.push_back(
        {key_, Position{start.line + 1, start.column + 1}, message.cStr(), session_.parsing.contains(key_)});
  } catch (...) {
    // Out of memory while recording an error: the compilation still fails through hadErrors.
  }
}

} // namespace ssmd::capnp_schema
