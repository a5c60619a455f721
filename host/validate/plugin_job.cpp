#include "validate/plugin_job.hpp"

#include "core/parallel.hpp"

namespace ssmd::validate {

namespace {
std::string from(ssmd_str s) { return s.data ? std::string(s.data, s.size) : std::string(); }
} // namespace

PluginFinding copy_finding(const ssmd_diagnostic &d) {
  PluginFinding f;
  f.severity = d.severity;
  f.rule = from(d.rule);
  f.message = from(d.message);
  f.path = from(d.path);
  // Fields past what the plugin compiled are absent (struct_size rule of the ABI).
  if (d.struct_size >= offsetof(ssmd_diagnostic, column) + sizeof(d.column)) {
    f.file = from(d.file);
    f.line = d.line;
    f.column = d.column;
  }
  return f;
}

std::vector<JobResult> run_in_process(const std::vector<PluginJob> &jobs, const std::function<void()> &on_job_done) {
  std::vector<JobResult> results(jobs.size());
  parallel_for(jobs.size(), [&](size_t i) {
    ssmd_sink sink{&results[i], [](void *ctx, const ssmd_diagnostic *d) {
                     static_cast<JobResult *>(ctx)->findings.push_back(copy_finding(*d));
                   }};
    ssmd_bytes_sink out{&results[i], [](void *ctx, ssmd_str bytes) {
                          static_cast<JobResult *>(ctx)->records.emplace_back(
                              std::string_view(bytes.data ? bytes.data : "", bytes.size));
                        }};
    try {
      jobs[i].run(&sink, &out);
    } catch (const std::exception &e) {
      results[i].failure = std::string("failed: ") + e.what();
    }
    if (on_job_done) on_job_done();
  });
  return results;
}

} // namespace ssmd::validate
