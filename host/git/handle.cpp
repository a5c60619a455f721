#include "git/handle.hpp"

#include "core/errors.hpp"

#include <mutex>

namespace ssmd::git {

void ensure_libgit2() {
  static std::once_flag once;
  // A throw leaves the flag unset, so a later call reports the missing library again.
  std::call_once(once, [] {
    resolve_libgit2();
    git_libgit2_init();
  });
}

std::string last_error() {
  const git_error *e = git_error_last();
  return e && e->message ? std::string(e->message) : std::string("unknown error");
}

int check(int rc, std::string_view what) {
  if (rc < 0) throw EnvironmentError(std::string(what) + ": " + last_error());
  return rc;
}

std::string hex(const git_oid &id) {
  char text[GIT_OID_HEXSZ + 1];
  git_oid_tostr(text, sizeof text, &id);
  return text;
}

} // namespace ssmd::git
