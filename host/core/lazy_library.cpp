#include "core/lazy_library.hpp"

#include "core/errors.hpp"

#include <dlfcn.h>

#include <cstdio>
#include <string>

namespace ssmd {

void *LazyLibrary::open() {
  std::call_once(opened_, [this] {
    // RTLD_LOCAL: the library's symbols serve ssmd's calls only; plugins never see them.
    handle_ = ::dlopen(soname_, RTLD_NOW | RTLD_LOCAL);
    if (!handle_) {
      const char *why = ::dlerror();
      std::snprintf(open_error_, sizeof open_error_, "%s", why ? why : "not found");
    }
  });
  if (!handle_)
    throw EnvironmentError(std::string("cannot load ") + what_ + ": " + open_error_ +
                           "; install the package that provides " + soname_);
  return handle_;
}

void *LazyLibrary::symbol(const char *name) {
  void *handle = open();
  ::dlerror(); // clear a stale error so the one below is about this lookup
  void *address = ::dlsym(handle, name);
  if (!address)
    throw EnvironmentError(std::string(what_) + " (" + soname_ + ") has no function " + name +
                           "; it is older than the one ssmd was built against");
  return address;
}

} // namespace ssmd
