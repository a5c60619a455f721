// Object ids as keys of unordered containers.
#pragma once

#include <git2/oid.h>

#include <cstddef>
#include <cstring>

namespace ssmd::git {

struct OidHash {
  size_t operator()(const git_oid &id) const noexcept {
    size_t h;
    std::memcpy(&h, id.id, sizeof h); // object ids are already uniformly spread
    return h;
  }
};

struct OidEqual {
  bool operator()(const git_oid &a, const git_oid &b) const noexcept { return std::memcmp(a.id, b.id, sizeof a.id) == 0; }
};

} // namespace ssmd::git
