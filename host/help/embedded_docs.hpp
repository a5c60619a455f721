// The docs/*.md files, compiled into the binary by cmake/EmbedDocs.cmake (a generated .cpp), so that
// `ssmd help TOPIC` works wherever ssmd is installed. A new file in docs/ becomes a topic on the next build.
#pragma once

#include <cstddef>

namespace ssmd {

struct EmbeddedDoc {
  const char *name; // the file stem: "file-formats" for docs/file-formats.md
  const char *text; // the file's bytes, NUL-terminated
  size_t size;      // without the NUL
};

// Sorted by name; k_embedded_doc_count entries (the array ends with a null entry).
extern const EmbeddedDoc k_embedded_docs[];
extern const size_t k_embedded_doc_count;

} // namespace ssmd
