#include "vault_login.hpp"

#include "vault_http.hpp"

#include <cstdio>
#include <cstdlib>
#include <unistd.h>

namespace ssmd::vault {

namespace {
const char *method_title(AuthMethod m) {
  switch (m) {
  case AuthMethod::AppRole: return "AppRole";
  case AuthMethod::Kubernetes: return "Kubernetes";
  case AuthMethod::Jwt: return "JWT";
  case AuthMethod::Agent: return "Vault Agent";
  case AuthMethod::Token: break;
  }
  return "token";
}

Finding config_problem(const std::string &why) { return Finding{SSMD_ENV_ERROR, "vault/config", why}; }

// The token the Vault CLI would use: VAULT_TOKEN, else the file its default token helper writes.
std::variant<Token, Finding> static_token(Scrubber &scrubber) {
  std::string why;
  const char *home = std::getenv("HOME");
  const char *variable = std::getenv("VAULT_TOKEN");
  const std::string file = home && *home ? std::string(home) + "/.vault-token" : "";
  if ((!variable || !*variable) && (file.empty() || ::access(file.c_str(), F_OK) != 0))
    return config_problem("no Vault token: set VAULT_TOKEN, or log in with `vault login`, which writes "
                          "~/.vault-token; or choose another login in your configuration (vault.auth: approle, "
                          "kubernetes, jwt, or agent for a Vault Agent that adds its own token)");
  auto credential = read_credential("VAULT_TOKEN", file, "the Vault token", why);
  if (!credential) return config_problem(why);
  scrubber.add(credential->value.view());
  if (!header_safe(credential->value.view()) || credential->value.view().find(' ') != std::string_view::npos)
    return config_problem("the Vault token in " + credential->source + " holds characters an HTTP header cannot carry");
  return Token{std::move(credential->value), credential->source};
}

void add_json_string(std::string &out, std::string_view value) {
  out += '"';
  for (char c : value) {
    auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u < 0x20) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\u%04x", u);
      out += escaped;
    } else {
      out += c;
    }
  }
  out += '"';
}

// Sends the login and reads auth.client_token out of the answer.
std::variant<Token, Finding> login(const VaultSettings &s, const AuthSettings &auth, const secrets::SecretText &body,
                                   Scrubber &scrubber) {
  const std::string endpoint = "auth/" + auth.mount + "/login";
  const std::string doing = "logging in with " + std::string(method_title(auth.method)) + " at " + endpoint;
  HttpRequest request;
  request.method = "POST";
  request.path = "/v1/" + endpoint;
  request.body = &body;
  HttpResult http = vault_request(s, request);
  Body answer = parse_body(http);
  if (auto common = common_finding(http, answer, s, scrubber, doing)) return *common;
  const std::string said = vault_said(vault_errors(answer, scrubber));
  if (http.status != 200)
    return Finding{SSMD_ENV_ERROR, "vault/login",
                   std::string(method_title(auth.method)) + " login to Vault at " + s.address + " (" + endpoint +
                       ") failed with " + std::to_string(http.status) + said +
                       (http.status == 404 || http.status == 405
                            ? "; is the " + auth.name + " auth method mounted at auth/" + auth.mount +
                                  "? (vault.auth_mount)"
                            : "")};
  const SecretJson *auth_data = answer.root ? member(*answer.root, "auth") : nullptr;
  const SecretJson *client_token = auth_data ? member(*auth_data, "client_token") : nullptr;
  if (!client_token || text_of(*client_token).empty())
    return Finding{SSMD_ENV_ERROR, "vault/login",
                   std::string(method_title(auth.method)) + " login to Vault at " + s.address + " (" + endpoint +
                       ") answered 200 without auth.client_token" + said};
  std::string_view text = text_of(*client_token);
  scrubber.add(text);
  if (!header_safe(text) || text.find(' ') != std::string_view::npos)
    return Finding{SSMD_ENV_ERROR, "vault/login",
                   std::string(method_title(auth.method)) + " login to Vault at " + s.address + " (" + endpoint +
                       ") answered a token with characters an HTTP header cannot carry; it was not used"};
  Token token{secrets::SecretText(text.size()), "the " + std::string(method_title(auth.method)) + " login at " + endpoint};
  token.value.str().assign(text);
  return token;
}
} // namespace

secrets::SecretText login_body(const std::vector<std::pair<const char *, std::string_view>> &pairs) {
  size_t size = 2;
  for (const auto &[name, value] : pairs) size += std::char_traits<char>::length(name) + 6 * value.size() + 6;
  secrets::SecretText body(size);
  std::string &out = body.str();
  out += '{';
  for (const auto &[name, value] : pairs) {
    if (value.empty()) continue;
    if (out.size() > 1) out += ',';
    add_json_string(out, name);
    out += ':';
    add_json_string(out, value);
  }
  out += '}';
  return body;
}

std::variant<Token, Finding> obtain_token(const VaultSettings &s, const AuthSettings &auth, Scrubber &scrubber) {
  std::string why;
  switch (auth.method) {
  case AuthMethod::Token:
    return static_token(scrubber);
  case AuthMethod::Agent:
    return Token{secrets::SecretText(), "the Vault Agent at " + s.address};
  case AuthMethod::AppRole: {
    auto role_id = read_credential("VAULT_ROLE_ID", auth.role_id_file, "AppRole role id", why);
    if (!role_id)
      return config_problem("AppRole login needs a role id: " + why +
                            " (set VAULT_ROLE_ID, or vault.role_id_file to a file that holds it)");
    scrubber.add(role_id->value.view());
    auto secret_id = read_credential("VAULT_SECRET_ID", auth.secret_id_file, "AppRole secret id", why);
    if (!secret_id)
      return config_problem("AppRole login needs a secret id: " + why +
                            " (set VAULT_SECRET_ID, or vault.secret_id_file to a file that holds it)");
    scrubber.add(secret_id->value.view());
    return login(s, auth, login_body({{"role_id", role_id->value.view()}, {"secret_id", secret_id->value.view()}}),
                 scrubber);
  }
  case AuthMethod::Kubernetes: {
    auto jwt = read_credential(nullptr, auth.kubernetes_token_file, "the Kubernetes service-account token", why);
    if (!jwt)
      return config_problem("Kubernetes login needs the pod's service-account token: " + why +
                            " (is the service account token mounted? vault.kubernetes_token_file names another file)");
    scrubber.add(jwt->value.view());
    return login(s, auth, login_body({{"role", auth.role}, {"jwt", jwt->value.view()}}), scrubber);
  }
  case AuthMethod::Jwt: {
    auto jwt = read_credential(auth.jwt_env.empty() ? nullptr : auth.jwt_env.c_str(), auth.jwt_file, "JWT", why);
    if (!jwt)
      return config_problem("JWT login needs the token: " + why + " (vault.jwt_env names the variable, " +
                            "vault.jwt_file the file)");
    scrubber.add(jwt->value.view());
    return login(s, auth, login_body({{"role", auth.role}, {"jwt", jwt->value.view()}}), scrubber);
  }
  }
  return config_problem("unknown login method");
}

} // namespace ssmd::vault
