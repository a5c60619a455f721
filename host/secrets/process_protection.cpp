#include "secrets/process_protection.hpp"

#include <mutex>
#include <sys/prctl.h>

namespace ssmd::secrets {

namespace {
std::once_flag protected_once;
rlimit saved_core_limit{};
bool saved = false;
} // namespace

void protect_secret_holder() {
  std::call_once(protected_once, [] {
    if (::getrlimit(RLIMIT_CORE, &saved_core_limit) == 0) {
      saved = true;
      // Only the soft limit: the hard one stays, so that a child may raise its own back.
      rlimit none = saved_core_limit;
      none.rlim_cur = 0;
      ::setrlimit(RLIMIT_CORE, &none);
    }
    ::prctl(PR_SET_DUMPABLE, 0);
  });
}

rlimit original_core_limit() {
  if (saved) return saved_core_limit;
  rlimit now{};
  ::getrlimit(RLIMIT_CORE, &now);
  return now;
}

} // namespace ssmd::secrets
