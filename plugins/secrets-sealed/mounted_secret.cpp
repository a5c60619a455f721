#include "mounted_secret.hpp"

#include "key_spec.hpp"
#include "sealed_config.hpp"
#include "secret_text.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace ssmd::sealed {

namespace {
constexpr off_t kMaxValueBytes = 1 << 20; // a Secret holds at most 1 MiB in all

enum class ReadOutcome { Ok, Missing, Failed };

// Reads one mounted file into `value` (sized up front, so no reallocation leaves a copy behind).
ReadOutcome read_value(const fs::path &path, secrets::SecretText &value, std::string &why) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return ReadOutcome::Missing;
    why = std::strerror(errno);
    return ReadOutcome::Failed;
  }
  struct stat info {};
  if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode) || info.st_size > kMaxValueBytes) {
    why = S_ISREG(info.st_mode) ? "larger than 1 MiB" : "not a regular file";
    ::close(fd);
    return ReadOutcome::Failed;
  }
  value.str().resize(static_cast<size_t>(info.st_size));
  size_t done = 0;
  while (done < value.size()) {
    ssize_t n = ::read(fd, value.str().data() + done, value.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    done += static_cast<size_t>(n);
  }
  ::close(fd);
  if (done != value.size()) {
    why = "it changed size while being read";
    return ReadOutcome::Failed;
  }
  return ReadOutcome::Ok;
}
} // namespace

ssmd_status read_mounted_secret(const Host &host, const SecretRequest &req, const std::string &name,
                                const std::function<void(std::string_view, std::string_view)> &emit,
                                Diagnostics &out) {
  const std::string what = secrets::subject(req);
  std::string why;
  const auto configured = mount_dir(host, name, why);
  if (!configured) {
    out.error("sealed-secret/config", "source", what + ": " + why);
    return SSMD_ENV_ERROR;
  }
  const char *variable = std::getenv(kMountVariable);
  if (!(variable && *variable) && repository_sets_mount(host))
    out.warning("sealed-secret/config", "source",
                what + ": ignoring `" + kMountSetting + "` from the repository's files: where a Secret is mounted "
                "is read only from your own configuration or " + kMountVariable);
  const fs::path &dir = *configured;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    out.error("sealed-secret/mount", "source",
              what + ": the Secret `" + name + "` is not mounted at " + dir.string() +
                  "; mount it there, or point " + kMountVariable + " or `secrets.sealed_mount` at its directory");
    return SSMD_ENV_ERROR;
  }
  bool environment_error = false;
  for (const auto &field : secrets::fields(req.spec)) {
    secrets::SecretText value;
    std::string problem;
    switch (read_value(dir / field.name, value, problem)) {
    case ReadOutcome::Ok:
      // An empty value counts as missing, in every backend (docs/secrets.md).
      if (value.empty())
        secrets::report_missing(req, field, "is empty in the Secret mounted at " + dir.string() +
                                                "; an empty value counts as missing", out);
      else
        emit(field.name, value.view());
      break;
    case ReadOutcome::Missing:
      secrets::report_missing(req, field, "is not in the Secret mounted at " + dir.string(), out);
      break;
    case ReadOutcome::Failed:
      out.error("sealed-secret/mount", field.path(),
                what + ": cannot read field `" + field.name + "` from " + (dir / field.name).string() + ": " + problem);
      environment_error = true;
      break;
    }
  }
  if (environment_error) return SSMD_ENV_ERROR;
  return out.errors() ? SSMD_FAILED : SSMD_OK;
}

} // namespace ssmd::sealed
