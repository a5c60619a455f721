// The files a writing command is about to produce, as a files::TreeReader: the overlay's files over another
// reader's. Plugins read schema definitions and secret-backend files through a TreeReader, so a schema
// file being registered is checked from memory, before a byte of it is on disk.
#pragma once

#include "files/tree_reader.hpp"
#include "registry/repository.hpp"

#include <memory>

namespace ssmd::registry {

// Reads a copy of `overlay` first (a path mapped to nullopt is missing), then `base`, which must outlive
// the reader.
std::unique_ptr<files::TreeReader> overlay_reader(const files::TreeReader &base, const Overlay &overlay);

} // namespace ssmd::registry
