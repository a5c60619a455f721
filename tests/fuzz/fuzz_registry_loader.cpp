// Fuzzes the repository loader and the core rules. The first byte picks the kind of file (feed, schema or
// environment); the rest becomes exchanges/<kind>/fuzz.yaml in an Overlay over a small fixed repository,
// which is loaded and checked the way `validate` and every writing command do. Any bytes must give a model
// or diagnostics that name the file, never a crash, a hang or an unbounded allocation.
#include "registry_fuzz_repo.hpp"

#include "registry/check.hpp"

#include <cstddef>
#include <cstdint>

using namespace ssmd;
using namespace ssmd::registry;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size == 0) return 0;
  Kind kind = fuzz::kind_of(data[0]);
  const std::string file = Repository::file_of(kind, "fuzz");
  Repository repo(fuzz::repository_root(), Overlay{{file, std::string(reinterpret_cast<const char *>(data + 1), size - 1)}});

  Diagnostics loaded;
  bool has_model = false;
  if (kind == Kind::Feed) {
    const LoadedFeed *f = repo.feed("fuzz");
    has_model = f->model.has_value();
    loaded = f->diagnostics;
  } else if (kind == Kind::Schema) {
    const LoadedSchema *s = repo.schema("fuzz");
    has_model = s->model.has_value();
    loaded = s->diagnostics;
  } else {
    const LoadedEnvironment *e = repo.environment("fuzz");
    has_model = e->model.has_value();
    loaded = e->diagnostics;
  }
  // A file without a model must say why, at a place in that file.
  if (!has_model && !has_errors(loaded)) __builtin_trap();
  for (const auto &d : loaded)
    if (d.file != file) __builtin_trap();

  // The whole repository as it would be: extends chains, schema references and hashes reach the fixture.
  Diagnostics all = check_repository(repo);
  for (const auto &d : all)
    if (d.file.empty() || d.rule.empty() || d.message.empty()) __builtin_trap();
  return 0;
}
