#include "auth_settings.hpp"

#include <cctype>
#include <cstdlib>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace ssmd::vault {

namespace {
constexpr off_t kMaxCredentialBytes = 65536;

std::string value_or_empty(const ConfigLookup &config, const char *variable, const std::string &key) {
  return setting(config, variable, key).value_or("");
}

bool read_file(const std::string &path, secrets::SecretText &out) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  struct stat info {};
  bool ok = ::fstat(fd, &info) == 0 && S_ISREG(info.st_mode) && info.st_size < kMaxCredentialBytes;
  if (ok) {
    out.str().resize(static_cast<size_t>(info.st_size)); // reserved by the caller: no reallocation
    ok = ::read(fd, out.str().data(), out.size()) == info.st_size;
  }
  ::close(fd);
  return ok;
}

// Drops surrounding whitespace (a file's trailing newline) in place: erasing shifts within the buffer.
void trim(std::string &t) {
  while (!t.empty() && std::isspace(static_cast<unsigned char>(t.back()))) t.pop_back();
  size_t lead = 0;
  while (lead < t.size() && std::isspace(static_cast<unsigned char>(t[lead]))) ++lead;
  t.erase(0, lead);
}
} // namespace

std::optional<AuthSettings> load_auth_settings(const ConfigLookup &config, std::string &why) {
  AuthSettings a;
  a.name = value_or_empty(config, "SSMD_VAULT_AUTH", "vault.auth");
  if (a.name.empty()) a.name = "token";
  if (a.name == "token") a.method = AuthMethod::Token;
  else if (a.name == "approle") a.method = AuthMethod::AppRole;
  else if (a.name == "kubernetes") a.method = AuthMethod::Kubernetes;
  else if (a.name == "jwt" || a.name == "oidc") a.method = AuthMethod::Jwt;
  else if (a.name == "agent") a.method = AuthMethod::Agent;
  else {
    why = "vault.auth (or SSMD_VAULT_AUTH) is `" + a.name + "`; it takes token, approle, kubernetes, jwt or agent";
    return std::nullopt;
  }
  if (a.name == "oidc") a.name = "jwt";
  a.mount = value_or_empty(config, "SSMD_VAULT_AUTH_MOUNT", "vault.auth_mount");
  if (a.mount.empty()) a.mount = a.name;
  a.role = value_or_empty(config, "SSMD_VAULT_ROLE", "vault.role");
  a.role_id_file = value_or_empty(config, "SSMD_VAULT_ROLE_ID_FILE", "vault.role_id_file");
  a.secret_id_file = value_or_empty(config, "SSMD_VAULT_SECRET_ID_FILE", "vault.secret_id_file");
  a.kubernetes_token_file = value_or_empty(config, "SSMD_VAULT_KUBERNETES_TOKEN_FILE", "vault.kubernetes_token_file");
  if (a.kubernetes_token_file.empty()) a.kubernetes_token_file = kKubernetesTokenFile;
  a.jwt_env = value_or_empty(config, "SSMD_VAULT_JWT_ENV", "vault.jwt_env");
  a.jwt_file = value_or_empty(config, "SSMD_VAULT_JWT_FILE", "vault.jwt_file");

  for (char c : a.mount)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' || c == '/')) {
      why = "vault.auth_mount `" + a.mount + "` may hold only letters, digits, `-`, `_`, `.` and `/`";
      return std::nullopt;
    }
  if (a.mount.empty() || a.mount.front() == '/' || a.mount.back() == '/' || a.mount.find("..") != std::string::npos) {
    why = "vault.auth_mount `" + a.mount + "` must be a path like approle or ci/jwt";
    return std::nullopt;
  }
  if (a.method == AuthMethod::Kubernetes && a.role.empty()) {
    why = "Kubernetes login needs a Vault role: set vault.role (or SSMD_VAULT_ROLE) to the role bound to this "
          "pod's service account";
    return std::nullopt;
  }
  if (a.method == AuthMethod::Jwt && a.jwt_env.empty() && a.jwt_file.empty()) {
    why = "JWT login needs the token: set vault.jwt_env to the variable that holds it (GitLab's id_tokens, say) "
          "or vault.jwt_file to the file (see docs/secrets.md for GitHub Actions)";
    return std::nullopt;
  }
  return a;
}

std::optional<Credential> read_credential(const char *variable, const std::string &file, const std::string &what,
                                          std::string &why) {
  Credential c;
  if (const char *value = variable ? std::getenv(variable) : nullptr; value && *value) {
    std::string_view view(value);
    c.value.str().reserve(view.size());
    c.value.str().assign(view);
    c.source = variable;
  } else if (!file.empty()) {
    c.source = file;
    c.value = secrets::SecretText(static_cast<size_t>(kMaxCredentialBytes));
    if (!read_file(file, c.value)) {
      why = what + " cannot be read from " + file + " (a readable regular file under 64 KiB)";
      return std::nullopt;
    }
  } else {
    why = "no " + what + " is given";
    return std::nullopt;
  }
  trim(c.value.str());
  if (c.value.empty()) {
    why = what + " in " + c.source + " is empty";
    return std::nullopt;
  }
  return c;
}

} // namespace ssmd::vault
