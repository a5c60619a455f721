// LazyLibrary / LazyFunction: a library is opened at the first call, not before, and a missing library or
// function is an EnvironmentError (exit 3) that names it.
#include "core/errors.hpp"
#include "core/lazy_library.hpp"

#include <dlfcn.h>
#include <gtest/gtest.h>

#include <string>

using namespace ssmd;

namespace {

// zlib: on every Debian system, and linked into nothing the unit tests load.
constexpr const char *kZlib = "libz.so.1";

bool loaded(const char *soname) {
  void *handle = ::dlopen(soname, RTLD_NOW | RTLD_NOLOAD);
  if (handle) ::dlclose(handle);
  return handle != nullptr;
}

std::string error_of(auto &&call) {
  try {
    call();
  } catch (const EnvironmentError &e) {
    EXPECT_EQ(e.code(), kExitEnvironment);
    return e.what();
  }
  return "no error";
}

} // namespace

TEST(LazyLibrary, OpensTheLibraryAtTheFirstCallAndNotBefore) {
  if (loaded(kZlib)) GTEST_SKIP() << kZlib << " is already loaded into this test binary";
  static LazyLibrary zlib{"zlib", kZlib};
  static LazyFunction<const char *()> zlibVersion{zlib, "zlibVersion"};
  EXPECT_FALSE(loaded(kZlib)) << "declaring a function opens nothing";
  std::string version = zlibVersion();
  EXPECT_TRUE(loaded(kZlib));
  EXPECT_FALSE(version.empty());
  EXPECT_EQ(zlibVersion.get(), zlibVersion.get()) << "the address is resolved once";
}

TEST(LazyLibrary, CallsAFunctionThatTakesVariableArguments) {
  static LazyLibrary libc{"libc", "libc.so.6"};
  static LazyFunction<int(char *, size_t, const char *, ...)> format{libc, "snprintf"};
  char text[32] = {};
  EXPECT_EQ(format(text, sizeof text, "%s-%d-%.1f", "abc", 42, 0.5), 10);
  EXPECT_STREQ(text, "abc-42-0.5");
}

TEST(LazyLibrary, AMissingLibraryIsAnEnvironmentErrorNamingIt) {
  static LazyLibrary missing{"libnothing", "libssmd-no-such-library.so.9"};
  static LazyFunction<int()> anything{missing, "anything"};
  const std::string first = error_of([] { anything(); });
  EXPECT_NE(first.find("cannot load libnothing"), std::string::npos) << first;
  EXPECT_NE(first.find("libssmd-no-such-library.so.9"), std::string::npos) << first;
  EXPECT_EQ(error_of([] { anything(); }), first) << "the second call reports the same failure";
}

TEST(LazyLibrary, AMissingFunctionIsAnEnvironmentErrorNamingIt) {
  static LazyLibrary zlib{"zlib", kZlib};
  static LazyFunction<int()> absent{zlib, "ssmd_no_such_function"};
  const std::string error = error_of([] { absent(); });
  EXPECT_NE(error.find("has no function ssmd_no_such_function"), std::string::npos) << error;
  EXPECT_NE(error.find(kZlib), std::string::npos) << error;
}
