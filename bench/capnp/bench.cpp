// Checks generated schemas through the capnp plugin (one process, the plugin loaded once, one `check`
// call per file, exactly as the host calls it) and with `capnp compile -o-` (one invocation for all
// files), and prints both wall and CPU times and their ratios. Every round of each must succeed.
//
//   capnp_bench [files=300] [rounds=3]
//   capnp_bench --write DIR FILES     (writes the schemas only; bench/capnp/run.sh uses them)
#include "generate.hpp"

#include <ssmd/plugin.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <dlfcn.h>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <pthread.h>
#include <sys/resource.h>
#include <unistd.h>
#include <vector>

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

struct Reader {
  fs::path root;
  static ssmd_status read(void *ctx, ssmd_str path, const ssmd_bytes_sink *out) {
    auto *self = static_cast<Reader *>(ctx);
    std::ifstream in(self->root / std::string(path.data, path.size), std::ios::binary);
    if (!in) return SSMD_FAILED;
    std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    out->write(out->ctx, ssmd_str{content.data(), content.size()});
    return SSMD_OK;
  }
};

struct Counts {
  size_t errors = 0, warnings = 0;
};

void count(void *ctx, const ssmd_diagnostic *d) {
  auto *c = static_cast<Counts *>(ctx);
  if (d->severity == SSMD_SEVERITY_ERROR) {
    if (c->errors++ < 5)
      std::fprintf(stderr, "  %.*s:%u:%u: %.*s\n", int(d->file.size), d->file.data, d->line, d->column,
                   int(d->message.size), d->message.data);
  }
  c->warnings += d->severity == SSMD_SEVERITY_WARNING;
}

// CPU time (user + system) of this process's threads, or of its waited-for children, in ms.
double cpu_ms(int who) {
  rusage usage{};
  getrusage(who, &usage);
  auto ms = [](const timeval &t) { return t.tv_sec * 1000.0 + t.tv_usec / 1000.0; };
  return ms(usage.ru_utime) + ms(usage.ru_stime);
}

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

} // namespace

int bench_main(int argc, char **argv) {
  // `--write DIR N`: only writes the schemas under DIR/schemas, for bench/capnp/run.sh's repository.
  if (argc == 4 && std::string(argv[1]) == "--write") {
    int count = std::atoi(argv[3]);
    if (count <= 0) return 2;
    ssmd::bench::generate_schemas(argv[2], count);
    return 0;
  }
  int files = argc > 1 ? std::atoi(argv[1]) : 300;
  int rounds = argc > 2 ? std::atoi(argv[2]) : 3;
  if (files <= 0 || rounds <= 0) {
    std::fprintf(stderr, "usage: capnp_bench [files] [rounds]\n");
    return 2;
  }
  fs::path root = fs::temp_directory_path() / ("ssmd-capnp-bench-" + std::to_string(::getpid()));
  auto paths = ssmd::bench::generate_schemas(root, files);

  void *lib = dlopen(SCHEMA_CAPNP_PLUGIN_PATH, RTLD_NOW | RTLD_LOCAL);
  auto entry = lib ? reinterpret_cast<ssmd_plugin_entry_fn>(dlsym(lib, SSMD_PLUGIN_ENTRY_SYMBOL)) : nullptr;
  if (!entry) {
    std::fprintf(stderr, "capnp_bench: cannot load %s: %s\n", SCHEMA_CAPNP_PLUGIN_PATH, dlerror());
    return 3;
  }
  ssmd_host host{};
  host.struct_size = sizeof host;
  host.abi_major = SSMD_ABI_VERSION_MAJOR;
  host.abi_minor = SSMD_ABI_VERSION_MINOR;
  const ssmd_plugin *plugin = entry(&host);
  const ssmd_schema_format *format = plugin && plugin->schema_format_count ? plugin->schema_formats[0] : nullptr;
  if (!format) return 3;

  Reader reader{root};
  ssmd_file_reader files_reader{&reader, Reader::read};
  std::vector<double> plugin_ms, tool_ms, plugin_cpu, tool_cpu;
  int status = 0;
  for (int round = 0; round < rounds; ++round) {
    Counts counts;
    ssmd_sink sink{&counts, count};
    auto start = Clock::now();
    double cpu_start = cpu_ms(RUSAGE_SELF);
    for (const auto &path : paths) {
      ssmd_schema_input in{};
      in.struct_size = sizeof in;
      in.file = ssmd_str{path.data(), path.size()};
      in.files = &files_reader;
      format->check(&host, &in, &sink);
    }
    plugin_ms.push_back(ms_since(start));
    plugin_cpu.push_back(cpu_ms(RUSAGE_SELF) - cpu_start);
    if (counts.errors || counts.warnings) {
      std::fprintf(stderr, "capnp_bench: the plugin reported %zu errors and %zu warnings\n", counts.errors,
                   counts.warnings);
      status = 1;
    }

    std::string command = "cd '" + root.string() + "' && capnp compile -o- schemas/common.capnp";
    for (const auto &path : paths) command += " " + path;
    command += " > /dev/null";
    start = Clock::now();
    cpu_start = cpu_ms(RUSAGE_CHILDREN);
    int rc = std::system(command.c_str());
    tool_ms.push_back(ms_since(start));
    tool_cpu.push_back(cpu_ms(RUSAGE_CHILDREN) - cpu_start);
    if (rc != 0) {
      std::fprintf(stderr, "capnp_bench: capnp compile failed (%d)\n", rc);
      status = 1;
    }
  }
  fs::remove_all(root);

  auto best = [](const std::vector<double> &v) { return *std::min_element(v.begin(), v.end()); };
  double plugin_best = best(plugin_ms), tool_best = best(tool_ms);
  double plugin_cpu_best = best(plugin_cpu), tool_cpu_best = best(tool_cpu);
  std::printf("capnp schemas: %d files (+ common.capnp), best of %d rounds\n", files, rounds);
  std::printf("                                    wall              CPU (user + system)\n");
  std::printf("  plugin check, one process:      %8.1f ms   %8.1f ms  (%.2f ms per file)\n", plugin_best,
              plugin_cpu_best, plugin_cpu_best / files);
  std::printf("  capnp compile -o-, one process: %8.1f ms   %8.1f ms  (%.2f ms per file)\n", tool_best, tool_cpu_best,
              tool_cpu_best / files);
  std::printf("  ratio plugin / capnp compile:   %8.2f      %8.2f\n", plugin_best / tool_best,
              plugin_cpu_best / tool_cpu_best);
  return status;
}

// The checks run on a thread with a 96 MiB stack, as ssmd's plugin workers run every plugin call
// (host/validate/worker_process.cpp), so that the plugin compiles on the calling thread as it does there.
int main(int argc, char **argv) {
  struct Call {
    int argc;
    char **argv;
    int status;
  } call{argc, argv, 3};
  pthread_attr_t attributes;
  pthread_t thread;
  if (pthread_attr_init(&attributes) != 0 || pthread_attr_setstacksize(&attributes, size_t(96) << 20) != 0 ||
      pthread_create(&thread, &attributes, [](void *arg) -> void * {
        auto *c = static_cast<Call *>(arg);
        c->status = bench_main(c->argc, c->argv);
        return nullptr;
      }, &call) != 0) {
    std::fprintf(stderr, "capnp_bench: cannot start a thread\n");
    return 3;
  }
  pthread_join(thread, nullptr);
  pthread_attr_destroy(&attributes);
  return call.status;
}
