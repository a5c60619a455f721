// A cache of parsed feed files under <repo>/.ssmd/cache/feeds/, so read-only commands answer quickly on
// very large feeds: YAML parsing costs ~120 ms per MB, reading a cached model a few milliseconds.
//
// An entry is keyed by the sha256 of the file's bytes, not by time stamps, so an edit by any means (an
// editor, git checkout) is never missed. Entries hold the model and the loader's findings, never the
// document: commands that write or validate always parse the file itself.
#pragma once

#include "registry/model.hpp"

#include <functional>
#include <string>
#include <string_view>

namespace ssmd::registry {

// The cache entry for a feed parsed from bytes whose sha256 tag is `source_hash`.
std::string encode_feed_cache(const std::string &source_hash, const Feed &feed, const Diagnostics &diagnostics);

// Fills `feed` and `diagnostics` from an entry; false when it is malformed, of another format version,
// or for other bytes than `source_hash`.
bool decode_feed_cache(std::string_view entry, const std::string &source_hash, Feed &feed, Diagnostics &diagnostics);
// The same for a caller whose key holds more than the hash (registry/repository.cpp keys entries by the
// content hash and the file's identity): `accept` decides on the stored key.
bool decode_feed_cache(std::string_view entry, const std::function<bool(std::string_view key)> &accept, Feed &feed,
                       Diagnostics &diagnostics);

} // namespace ssmd::registry
