#include "git/libgit2.hpp"

namespace ssmd::git {

// SSMD_LIBGIT2_SONAME comes from the build: the soname of the libgit2 whose headers gave the functions of
// git/libgit2.hpp their signatures.
constinit LazyLibrary libgit2_library{"libgit2", SSMD_LIBGIT2_SONAME};

void resolve_libgit2() {
#define SSMD_LIBGIT2_RESOLVE(name) name.get();
  SSMD_LIBGIT2_FUNCTIONS(SSMD_LIBGIT2_RESOLVE)
#undef SSMD_LIBGIT2_RESOLVE
}

} // namespace ssmd::git
