#include "seal_command.hpp"

#include "hybrid_encrypt.hpp"
#include "manifest_writer.hpp"
#include "seal_options.hpp"
#include "seal_values.hpp"
#include "sealed_config.hpp"

#include <ssmd/escape.hpp>
#include <ssmd/repo_write.hpp>
#include <ssmd_base64/base64.hpp>

#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace ssmd::sealed {

namespace {
enum Exit { kOk = 0, kFailure = 1, kUsage = 2, kEnvironment = 3 };

const char *const kCommandUsage = "Usage: ssmd sealed-secret seal <name> [options]   (see `ssmd sealed-secret seal --help`)\n";

int report(int code, const std::string &message) {
  // Messages quote arguments: bytes that are not UTF-8 and control characters are escaped.
  std::fprintf(stderr, "ssmd sealed-secret seal: %s\n", ssmd::text::escape(message, true).c_str());
  if (code == kUsage) std::fputs(kCommandUsage, stderr);
  std::fflush(stderr);
  return code;
}

// Where the manifest goes: --output (the user's own path), or <secrets.sealed_dir>/<name>.yaml inside the
// repository, which is written without following a symbolic link (ssmd/repo_write.hpp): a clone may hold a
// linked exchanges/sealed-secrets.
struct Target {
  fs::path path;        // for messages and --output
  std::string relative; // inside the repository; empty for --output
};

std::optional<Target> output_path(const Host &host, const SealOptions &options, int &code, std::string &why) {
  if (!options.output.empty()) return Target{fs::path(options.output), {}};
  if (host.repo_root().empty()) {
    code = kUsage;
    why = "not inside an ssmd repository; pass --output <file>";
    return std::nullopt;
  }
  auto dir = manifest_dir(host, why);
  if (!dir) {
    code = kFailure;
    return std::nullopt;
  }
  std::string relative = (*dir == "." ? std::string() : *dir + "/") + options.name + ".yaml";
  return Target{fs::path(host.repo_root()) / relative, relative};
}

// Writes the manifest, refusing to replace an existing one unless `replace`.
bool write_manifest(const Host &host, const Target &target, const std::string &text, bool replace, std::string &why) {
  if (target.relative.empty()) return write_atomically(target.path, text, replace, why);
  repo_write::WriteOptions options;
  options.replace = replace;
  if (repo_write::write_file(std::string(host.repo_root()), target.relative, text, options, why)) return true;
  if (errno == EEXIST) why = target.relative + " already exists; pass --force to replace it";
  return false;
}

std::optional<std::string> read_text(const fs::path &path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// A path for messages: repository-relative when the file is inside the repository.
std::string display(const Host &host, const fs::path &path) {
  if (host.repo_root().empty()) return path.string();
  fs::path relative = path.lexically_relative(fs::path(host.repo_root()));
  return relative.empty() || *relative.begin() == ".." ? path.string() : relative.generic_string();
}

int seal(const Host &host, const SealOptions &options) {
  // Every failure names the secret being sealed.
  auto fail = [&](int code, const std::string &message) { return report(code, options.name + ": " + message); };
  int code = kOk;
  std::string why;
  auto target = output_path(host, options, code, why);
  if (!target) return fail(code, why);
  std::error_code ec;
  if (!options.force && fs::exists(fs::symlink_status(target->path, ec)))
    return fail(kFailure, display(host, target->path) + " already exists; pass --force to replace it");
  if (!target->relative.empty() && !repo_write::can_write(std::string(host.repo_root()), target->relative, why))
    return fail(kEnvironment, "cannot write " + target->relative + ": " + why + "; nothing was written");

  auto pem = read_text(options.cert_path);
  if (!pem) return fail(kEnvironment, "cannot read the certificate " + options.cert_path);
  PublicKey key = load_certificate_key(*pem, why);
  if (!key) return fail(kFailure, "the certificate " + options.cert_path + " " + why);

  SealValues values;
  if (!values.gather(options, why)) return fail(kFailure, why);

  SealedManifest manifest{options.name, options.ns, options.scope, {}};
  const std::string label = encryption_label(options.ns, options.name, options.scope);
  std::string sealed, field_list;
  for (const auto &[field, value] : values.values()) {
    if (!hybrid_encrypt(key.get(), value, label, sealed, why)) return fail(kEnvironment, why);
    manifest.encrypted.emplace_back(field, ssmd::base64::encode(sealed));
    field_list += (field_list.empty() ? "" : ", ") + field;
  }
  if (!write_manifest(host, *target, render_manifest(manifest), options.force, why)) return fail(kEnvironment, why);

  const std::string where = options.ns.empty() ? "any namespace" : "namespace `" + options.ns + "`";
  std::printf("sealed %zu field%s (%s) of `%s` for %s (scope %s) into %s\n", manifest.encrypted.size(),
              manifest.encrypted.size() == 1 ? "" : "s", field_list.c_str(), options.name.c_str(), where.c_str(),
              std::string(scope_name(options.scope)).c_str(), display(host, target->path).c_str());
  std::fflush(stdout);
  return kOk;
}
} // namespace

int SealedSecretCommand::run(const Host &host, const std::vector<std::string> &args) {
  if (args.size() < 2) return report(kUsage, "name a verb: seal");
  if (args[1] == "-h" || args[1] == "--help") {
    std::fputs(kSealUsage, stdout);
    std::fflush(stdout);
    return kOk;
  }
  if (args[1] != "seal") return report(kUsage, "unknown verb `" + args[1] + "`; the verb is seal");
  std::string why;
  auto options = parse_seal_options(std::vector<std::string>(args.begin() + 2, args.end()), why);
  if (!options) return report(kUsage, why);
  if (options->help) {
    std::fputs(kSealUsage, stdout);
    std::fflush(stdout);
    return kOk;
  }
  return seal(host, *options);
}

} // namespace ssmd::sealed
