#include "vault_session.hpp"

#include "kv_version.hpp"

namespace ssmd::vault {

const Finding *Session::start(const Host &host) {
  if (!started_) {
    started_ = true;
    config_ = trusted_lookup(host);
    std::string why;
    settings_ = load_settings(config_, why);
    std::optional<AuthSettings> auth = settings_ ? load_auth_settings(config_, why) : std::nullopt;
    if (!settings_ || !auth) {
      problem_ = Finding{SSMD_ENV_ERROR, "vault/config", why};
    } else {
      auto token = obtain_token(*settings_, *auth, scrubber_);
      if (auto *finding = std::get_if<Finding>(&token)) problem_ = std::move(*finding);
      else token_ = std::move(std::get<Token>(token));
    }
  }
  return problem_ ? &*problem_ : nullptr;
}

std::variant<int, Finding> Session::kv_version(const VaultReference &ref) {
  if (auto it = versions_.find(ref.mount); it != versions_.end()) return it->second;
  std::string why;
  std::variant<int, Finding> version = 2;
  if (auto configured = configured_kv_version(config_, ref.mount, why)) {
    version = *configured;
  } else if (!why.empty()) {
    version = Finding{SSMD_ENV_ERROR, "vault/config", why};
  } else {
    HttpRequest request;
    request.path = kv_preflight_path(ref);
    request.token = token_.value.view();
    version = interpret_preflight(vault_request(*settings_, request), ref, *settings_, token_.source, scrubber_);
  }
  versions_.emplace(ref.mount, version);
  return version;
}

const KvAnswer &Session::read(const VaultReference &ref, int kv_version) {
  const std::string path = kv_read_path(ref, kv_version);
  if (auto it = reads_.find(path); it != reads_.end()) return it->second;
  HttpRequest request;
  request.path = path;
  request.token = token_.value.view();
  KvAnswer answer = interpret_read(vault_request(*settings_, request), ref, kv_version, *settings_, token_.source,
                                   scrubber_);
  return reads_.emplace(path, std::move(answer)).first->second;
}

void Session::end() {
  reads_.clear(); // a SecretJson wipes all it held (secret_json.hpp)
  versions_.clear();
  token_ = Token{};
  scrubber_.wipe();
  settings_.reset();
  problem_.reset();
  config_ = nullptr;
  started_ = false;
}

} // namespace ssmd::vault
