// A shared library the host opens on first use instead of at startup, and functions called through it.
//
// Why: every library linked into ssmd is mapped and relocated before main() runs, whatever the command.
// libgit2 alone brings krb5, mbedtls, libssh2, http-parser and pcre2, and libcrypto is 4 MB of relocations;
// together they cost `ssmd --help` several milliseconds on a small VM, for commands that never touch git or a
// hash. So those libraries are not linked: the few functions ssmd uses are reached through LazyFunction
// objects, which open the library (by its soname, found at configure time) the first time one is called.
//
// A missing or too-old library becomes an EnvironmentError (exit 3) naming it, at the first call. Code that
// must not throw later (a deleter) resolves its functions up front with LazyFunction::get().
#pragma once

#include <atomic>
#include <mutex>

namespace ssmd {

class LazyLibrary {
public:
  // `what` names the library in errors ("libgit2"); `soname` is what dlopen opens ("libgit2.so.1.5").
  constexpr LazyLibrary(const char *what, const char *soname) : what_(what), soname_(soname) {}
  LazyLibrary(const LazyLibrary &) = delete;
  LazyLibrary &operator=(const LazyLibrary &) = delete;

  // The address of `name`, opening the library on first use. Throws EnvironmentError when the library
  // cannot be opened or lacks the symbol.
  void *symbol(const char *name);

private:
  void *open();

  const char *what_;
  const char *soname_;
  std::once_flag opened_;
  void *handle_ = nullptr;
  // dlerror() of the one attempt to open it. A buffer, not a std::string, so that a LazyLibrary is
  // constant-initialized (constinit) under clang 14 too, before any constructor of another file runs.
  char open_error_[512] = {};
};

// The address of one function of a library, resolved at the first use and cached.
template <class Pointer> class LazySymbol {
public:
  constexpr LazySymbol(LazyLibrary &library, const char *name) : library_(library), name_(name) {}
  LazySymbol(const LazySymbol &) = delete;
  LazySymbol &operator=(const LazySymbol &) = delete;

  Pointer get() const {
    Pointer resolved = pointer_.load(std::memory_order_acquire);
    if (!resolved) {
      resolved = reinterpret_cast<Pointer>(library_.symbol(name_));
      pointer_.store(resolved, std::memory_order_release);
    }
    return resolved;
  }

private:
  LazyLibrary &library_;
  const char *name_;
  mutable std::atomic<Pointer> pointer_{nullptr};
};

template <class Signature> class LazyFunction;

// Callable like the C function it stands for; resolves it on the first call and caches the address.
template <class Result, class... Args> class LazyFunction<Result(Args...)> : public LazySymbol<Result (*)(Args...)> {
public:
  using LazySymbol<Result (*)(Args...)>::LazySymbol;
  Result operator()(Args... args) const { return this->get()(args...); }
};

// The same for a C function that takes variable arguments, such as `git_libgit2_opts(int option, ...)`.
template <class Result, class... Args>
class LazyFunction<Result(Args..., ...)> : public LazySymbol<Result (*)(Args..., ...)> {
public:
  using LazySymbol<Result (*)(Args..., ...)>::LazySymbol;
  template <class... More> Result operator()(Args... args, More... more) const { return this->get()(args..., more...); }
};

} // namespace ssmd
