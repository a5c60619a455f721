// The files every plugin project has, whatever its kind.
#include "scaffold/templates.hpp"

namespace ssmd::scaffold {

const std::string_view kCMakeListsTemplate = R"tpl(# @NAME@: an ssmd @KIND_TEXT@ plugin (see README.md).
#   cmake -S . -B build -DCMAKE_PREFIX_PATH=<ssmd prefix> && cmake --build build
#   ctest --test-dir build --output-on-failure
cmake_minimum_required(VERSION 3.20)
project(@NAME@ VERSION 0.1.0 LANGUAGES CXX)

# The SDK is installed with ssmd: the C ABI header, the C++ layer and ssmd_add_plugin().
find_package(ssmd-sdk @SDK_VERSION@ REQUIRED)

# Builds @NAME@.so, exporting nothing but its entry point.
ssmd_add_plugin(@NAME@ SOURCES src/@STEM@.cpp)
target_compile_options(@NAME@ PRIVATE -Wall -Wextra)
# The manifest takes the project's version, so the two never disagree.
target_compile_definitions(@NAME@ PRIVATE PLUGIN_VERSION="${PROJECT_VERSION}")

# Installed beside ssmd's own plugins (<prefix>/lib/ssmd/plugins), ssmd finds it without --plugin-path.
install(TARGETS @NAME@ LIBRARY DESTINATION lib/ssmd/plugins)

option(BUILD_TESTING "Build the tests" ON)
if(BUILD_TESTING)
  enable_testing()
  find_package(GTest REQUIRED)
  find_package(yaml-cpp REQUIRED)
  # yaml-cpp 0.8 names its target yaml-cpp::yaml-cpp; earlier releases name it yaml-cpp.
  if(TARGET yaml-cpp::yaml-cpp)
    set(_yaml_cpp yaml-cpp::yaml-cpp)
  else()
    set(_yaml_cpp yaml-cpp)
  endif()
  add_executable(@NAME@-tests tests/test_@STEM@.cpp)
  target_compile_options(@NAME@-tests PRIVATE -Wall -Wextra)
  target_link_libraries(@NAME@-tests PRIVATE ssmd::sdk GTest::gtest_main ${_yaml_cpp} ${CMAKE_DL_LIBS})
  # The tests load the built library itself, through its C ABI, as ssmd does.
  target_compile_definitions(@NAME@-tests PRIVATE PLUGIN_FILE="$<TARGET_FILE:@NAME@>")
  add_dependencies(@NAME@-tests @NAME@)
  include(GoogleTest)
  gtest_discover_tests(@NAME@-tests)
  # The ssmd installed beside the SDK checks the built library as it would before using it: the manifest
  # against what the code registers, the ABI version and the rule table. A plugin ssmd would refuse fails here.
  if(SSMD_EXECUTABLE)
    add_test(NAME @NAME@-plugin-check COMMAND "${SSMD_EXECUTABLE}" plugin check "$<TARGET_FILE:@NAME@>")
  else()
    message(WARNING "no ssmd beside the ssmd SDK: the test that runs `ssmd plugin check` is left out")
  endif()
endif()
)tpl";

const std::string_view kGitignoreTemplate = R"tpl(build/
)tpl";

const std::string_view kHarnessTemplate = R"tpl(// Loads the plugin under test through its C ABI, exactly as ssmd does (dlopen, then the one exported entry
// point), and plays the host's part: documents are parsed with yaml-cpp into a small tree the plugin reads
// through `ssmd_doc_api`, and findings are collected from the sink. No ssmd and no repository needed.
#pragma once

#include <ssmd/plugin.h>

#include <dlfcn.h>
#include <yaml-cpp/yaml.h>

#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

// The ABI leaves `ssmd_node` opaque: each host decides what a node is. Here it is a plain tree.
struct ssmd_node {
  ssmd_node_kind kind = SSMD_NODE_NULL;
  std::string scalar;                               // the text of a scalar
  std::vector<std::string> keys;                    // a map's keys, in document order
  std::vector<std::unique_ptr<ssmd_node>> children; // sequence items, or the values of `keys`
};

namespace harness {

inline ssmd_str str(const std::string &s) { return ssmd_str{s.data(), s.size()}; }
inline std::string text(ssmd_str s) { return s.data ? std::string(s.data, s.size) : std::string(); }

// A YAML document as a tree of ssmd_node.
inline std::unique_ptr<ssmd_node> tree(const YAML::Node &yaml) {
  auto node = std::make_unique<ssmd_node>();
  if (yaml.IsScalar()) {
    node->kind = SSMD_NODE_SCALAR;
    node->scalar = yaml.Scalar();
  } else if (yaml.IsSequence()) {
    node->kind = SSMD_NODE_SEQUENCE;
    for (const auto &item : yaml) node->children.push_back(tree(item));
  } else if (yaml.IsMap()) {
    node->kind = SSMD_NODE_MAP;
    for (const auto &entry : yaml) {
      node->keys.push_back(entry.first.Scalar());
      node->children.push_back(tree(entry.second));
    }
  }
  return node;
}
inline std::unique_ptr<ssmd_node> parse(const std::string &yaml) { return tree(YAML::Load(yaml)); }

// Navigation over the tree. As the ABI requires, every function accepts NULL and treats it as absent.
inline const ssmd_doc_api *doc_api() {
  static const ssmd_doc_api api = {
      sizeof(ssmd_doc_api),
      [](const ssmd_node *n) { return n ? n->kind : SSMD_NODE_ABSENT; },
      [](const ssmd_node *n) { return n && n->kind == SSMD_NODE_SCALAR ? str(n->scalar) : ssmd_str{nullptr, 0}; },
      [](const ssmd_node *n) { return n ? n->children.size() : size_t{0}; },
      [](const ssmd_node *n, size_t i) -> const ssmd_node * {
        return n && i < n->children.size() ? n->children[i].get() : nullptr;
      },
      [](const ssmd_node *n, size_t i) { return n && i < n->keys.size() ? str(n->keys[i]) : ssmd_str{nullptr, 0}; },
      [](const ssmd_node *n, ssmd_str key) -> const ssmd_node * {
        for (size_t i = 0; n && i < n->keys.size(); ++i)
          if (n->keys[i] == text(key)) return n->children[i].get();
        return nullptr;
      },
      {nullptr, nullptr, nullptr, nullptr}};
  return &api;
}

// One diagnostic the plugin reported.
struct Finding {
  ssmd_severity severity = SSMD_SEVERITY_ERROR;
  std::string rule, message, path, file;
  uint32_t line = 0, column = 0;
};
using Findings = std::vector<Finding>;

// One finding a line, for assertion messages.
inline std::string dump(const Findings &findings) {
  std::string out;
  for (const auto &f : findings)
    out += f.file + ":" + std::to_string(f.line) + ":" + std::to_string(f.column) + " " + f.path + ": " + f.message +
           " [" + f.rule + "]\n";
  return out;
}

// The sink a plugin reports to. It must not move while the plugin holds `sink()`.
class Collector {
public:
  Collector() = default;
  Collector(const Collector &) = delete;
  Collector &operator=(const Collector &) = delete;
  const ssmd_sink *sink() const { return &sink_; }
  Findings findings;

private:
  ssmd_sink sink_{this, [](void *ctx, const ssmd_diagnostic *d) {
                    static_cast<Collector *>(ctx)->findings.push_back(Finding{d->severity, text(d->rule),
                                                                             text(d->message), text(d->path),
                                                                             text(d->file), d->line, d->column});
                  }};
};

// The table among `tables` whose name (`field`) is `wanted`, or an exception saying there is none.
template <class T>
const T *provided(const T *const *tables, size_t count, ssmd_str T::*field, const std::string &wanted) {
  for (size_t i = 0; i < count; ++i)
    if (tables[i] && text(tables[i]->*field) == wanted) return tables[i];
  throw std::runtime_error("the plugin does not provide '" + wanted + "'");
}

class Plugin {
public:
  // Loads `file` with RTLD_NOW | RTLD_LOCAL and calls its entry point. Like ssmd, it never unloads it.
  explicit Plugin(const std::string &file) {
    void *handle = dlopen(file.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) throw std::runtime_error(std::string("cannot load the plugin: ") + dlerror());
    auto entry = reinterpret_cast<ssmd_plugin_entry_fn>(dlsym(handle, SSMD_PLUGIN_ENTRY_SYMBOL));
    if (!entry) throw std::runtime_error(file + " does not export " SSMD_PLUGIN_ENTRY_SYMBOL);
    host_.struct_size = sizeof(host_);
    host_.abi_major = SSMD_ABI_VERSION_MAJOR;
    host_.abi_minor = SSMD_ABI_VERSION_MINOR;
    host_.doc = doc_api();
    host_.ssmd_version = str(version_);
    host_.refuse = [](const ssmd_host *, ssmd_str reason) { refusal() = text(reason); };
    refusal().clear();
    plugin_ = entry(&host_);
    if (!plugin_)
      throw std::runtime_error(file + ": the plugin refused to start: " +
                               (refusal().empty() ? std::string("its entry point returned NULL") : refusal()));
  }
  const ssmd_plugin &plugin() const { return *plugin_; }
  const ssmd_host *host() const { return &host_; }
  // What the calls of a table receive, as ssmd passes them: the services with the table's own `context`.
  ssmd_host host_for(void *context) const {
    ssmd_host host = host_;
    host.context = context;
    return host;
  }
@HARNESS_CALLS@
private:
  // What the entry point gave as its reason when it refused to start.
  static std::string &refusal() {
    static std::string reason;
    return reason;
  }
  std::string version_ = "test";
  ssmd_host host_{};
  const ssmd_plugin *plugin_ = nullptr;
};

} // namespace harness
)tpl";

const std::string_view kReadmeTemplate = R"tpl(# @NAME@

An ssmd plugin: the @KIND_TEXT@ for `@ID@`. @README_ABOUT@

Generated by `ssmd plugin new @NAME@` with ssmd @SSMD_VERSION@. The example rule, `@RULE@`, shows the shape
of every rule: a stable id, a finding at the place it is about, and a message that says what is allowed.
Replace it with your own rules.

| file | what it is |
| --- | --- |
| `CMakeLists.txt` | builds `@NAME@.so` with the ssmd SDK, and the tests |
| `src/@STEM@.cpp` | the plugin: its manifest, its rules and its checks |
| `tests/test_@STEM@.cpp` | GoogleTest tests: each rule fires on bad input and stays quiet on good input |
| `tests/plugin_harness.hpp` | loads the built library through its C ABI, as ssmd does, and collects findings |

## Build

Needs a C++20 compiler, CMake 3.20 or later and the ssmd SDK, which is installed with ssmd (headers in
`include/ssmd/`, CMake package in `lib/cmake/ssmd-sdk/`). The tests also need GoogleTest and yaml-cpp
(`apt install libgtest-dev libyaml-cpp-dev` on Debian; `-DBUILD_TESTING=OFF` skips them).

```sh
cmake -S . -B build -DCMAKE_PREFIX_PATH=/opt/ssmd      # where ssmd is installed
cmake --build build
```

## Test

```sh
ctest --test-dir build --output-on-failure
```

The tests load `build/@NAME@.so` with `dlopen` and call it through the same C tables ssmd uses, so what
passes here behaves the same inside ssmd. Every rule deserves a failing and a passing case. One more test runs
`ssmd plugin check build/@NAME@.so`, which loads the plugin as ssmd would and fails when ssmd would refuse it:
a manifest that declares something the code does not register (or the reverse), another ABI version, or a
malformed rule table.

## Try it

Put the build directory on ssmd's plugin path, here for the whole shell (or pass `--plugin-path DIR` to
each command):

```sh
export SSMD_PLUGIN_PATH="$PWD/build"
ssmd plugin list      # @NAME@  0.1.0  @KIND@  ok  .../build/@NAME@.so
```

@README_TRY@

## Install

```sh
cmake --install build --prefix /opt/ssmd     # /opt/ssmd/lib/ssmd/plugins/@NAME@.so
```

ssmd finds plugins in `lib/ssmd/plugins/` beside its own `bin/` without any flag. Alternatively ship the
`.so` and put its directory on `SSMD_PLUGIN_PATH` (or `--plugin-path`). Either way the file and every
directory above it must be owned by root or the user running ssmd and not writable by group or others (so not
under `/tmp`), or ssmd refuses it as `unsafe` without opening it.

## Pin it

Teams that run CI with `--locked` load only plugins pinned by SHA-256. After installing (or rebuilding),
run in the metadata repository:

```sh
ssmd plugin lock          # rewrites ssmd-plugins.lock with the new file's hash
git add ssmd-plugins.lock && git commit -m "Pin @NAME@ 0.1.0"
```

## Add a rule

1. Check something in `src/@STEM@.cpp` and report it with a new id, `@ID@/<what-it-checks>`. Ids are never
   reused; the message says what is allowed, not only what is wrong.
2. Add the rule to `rules()`: its id, a one-sentence purpose, where the requirement comes from, the most
   severe level it reports and a one-word category. `ssmd rules list` shows it, and SARIF output describes it
   and links it to the `url` of the manifest (`SSMD_PLUGIN_MANIFEST_URL`), so point that at your
   documentation.
3. Add a test with a case where it fires and one where it stays quiet.
4. Bump `VERSION` in `CMakeLists.txt` when you ship.

The plugin API is described in `include/ssmd/plugin.hpp` (the C++ layer) and `include/ssmd/plugin.h`
(the C ABI) under the SDK's prefix, and in ssmd's `docs/plugins.md` (`ssmd help plugins`).
)tpl";

} // namespace ssmd::scaffold
