#include "manifest_writer.hpp"

#include <cctype>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace ssmd::sealed {

namespace {
// Field names are [-._a-zA-Z0-9]+; quote the ones YAML would read as something other than a string.
std::string yaml_key(const std::string &field) {
  static const char *const special[] = {"true", "false", "yes", "no", "on", "off", "y", "n", "null", "~"};
  bool quote = field.front() == '-' || field.front() == '.' || std::isdigit(static_cast<unsigned char>(field.front()));
  for (const char *word : special)
    quote = quote || strcasecmp(field.c_str(), word) == 0;
  return quote ? "\"" + field + "\"" : field;
}

void render_metadata(std::string &out, const SealedManifest &m, const std::string &indent) {
  out += indent + "name: " + m.name + "\n";
  if (!m.ns.empty()) out += indent + "namespace: " + m.ns + "\n";
  if (m.scope != Scope::Strict)
    out += indent + "annotations:\n" + indent + "  sealedsecrets.bitnami.com/" + std::string(scope_name(m.scope)) +
           ": \"true\"\n";
}

bool write_all(int fd, const std::string &content) {
  size_t done = 0;
  while (done < content.size()) {
    ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

bool fail(std::string &why, const std::string &what) {
  why = what + ": " + std::strerror(errno);
  return false;
}
} // namespace

std::string render_manifest(const SealedManifest &m) {
  std::string out = "# Written by `ssmd sealed-secret seal`. Only the sealed-secrets controller holding the private\n"
                    "# key can unseal these values; the file is safe to commit.\n"
                    "apiVersion: bitnami.com/v1alpha1\n"
                    "kind: SealedSecret\n"
                    "metadata:\n";
  render_metadata(out, m, "  ");
  out += "spec:\n  encryptedData:\n";
  for (const auto &[field, value] : m.encrypted) out += "    " + yaml_key(field) + ": " + value + "\n";
  out += "  template:\n    metadata:\n";
  render_metadata(out, m, "      ");
  out += "    type: Opaque\n";
  return out;
}

bool write_atomically(const fs::path &target, const std::string &content, bool replace, std::string &why) {
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) {
    why = "cannot create " + dir.string() + ": " + ec.message();
    return false;
  }
  std::string temp = (dir / ("." + target.filename().string() + ".XXXXXX")).string();
  int fd = ::mkstemp(temp.data());
  if (fd < 0) return fail(why, "cannot create a temporary file in " + dir.string());
  bool ok = ::fchmod(fd, 0644) == 0 && write_all(fd, content) && ::fsync(fd) == 0;
  if (!ok) fail(why, "cannot write " + temp);
  if (::close(fd) != 0 && ok) ok = fail(why, "cannot write " + temp);
  if (ok) {
    // rename replaces; link refuses an existing target, so a file that appeared meanwhile is never clobbered.
    ok = replace ? ::rename(temp.c_str(), target.c_str()) == 0 : ::link(temp.c_str(), target.c_str()) == 0;
    if (!ok && errno == EEXIST) why = target.string() + " already exists; pass --force to replace it";
    else if (!ok) fail(why, "cannot write " + target.string());
  }
  if (!ok || !replace) ::unlink(temp.c_str());
  if (ok) {
    // Make the rename itself durable.
    int dir_fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir_fd >= 0) {
      ::fsync(dir_fd);
      ::close(dir_fd);
    }
  }
  return ok;
}

} // namespace ssmd::sealed
