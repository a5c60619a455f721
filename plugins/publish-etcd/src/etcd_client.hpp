// etcd's v3 API through its JSON gateway (etcd 3.4 and later serve it at /v3/): a consistent read of a
// prefix, a guarded transaction and, with a user, authentication. Requests go to the URL's servers in
// turn: a server that cannot be reached, or answers "unavailable" (no leader, a leader change), hands the
// request to the next one.
//
// A transaction is all or nothing in etcd. When a request went out but no answer came back, it may or may
// not have been applied; the client then sends it again to the next server (it is guarded, so it cannot
// apply twice) and, if that one reports the guard failed, reads the keys back: if they hold exactly what
// the batch wrote, the first attempt was applied.
#pragma once

#include "etcd_answer.hpp"
#include "etcd_http.hpp"
#include "etcd_settings.hpp"
#include "etcd_url.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace ssmd::etcd {

// The store could not be reached, refused the request, or answered something that is not etcd's.
struct EtcdError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct KeyValue {
  std::string key; // the full key
  std::string value;
  uint64_t mod_revision = 0;
};

struct TxnOp {
  enum class Kind { Put, Delete, Check };
  Kind kind = Kind::Put;
  std::string key; // the full key
  std::string value;
  uint64_t mod_revision = 0; // the guard: the key's mod_revision must still be this (0: absent)
};

class Client {
public:
  Client(EtcdUrl url, EtcdSettings settings);
  ~Client();

  const EtcdUrl &url() const { return url_; }

  // Every key under the URL's prefix ("<prefix>/..."), read in pages at one revision.
  std::vector<KeyValue> read_prefix();
  // Applies `ops` in one transaction guarded by every op's mod_revision. The revision the transaction
  // wrote, or nullopt when a guard failed (nothing was written).
  std::optional<uint64_t> transact(const std::vector<TxnOp> &ops);

private:
  struct Reply {
    Json body;
    bool earlier_attempt_unanswered = false; // a previous attempt was sent and got no answer
  };
  // POSTs `body` to `path` on the servers in turn; `replayable` says whether a request that went out
  // unanswered may simply be sent again.
  Reply call(const std::string &path, const std::string &body, bool replayable);
  void authenticate(const std::string &endpoint);
  std::optional<uint64_t> applied_revision(const std::vector<TxnOp> &ops);

  EtcdUrl url_;
  EtcdSettings settings_;
  std::unique_ptr<HttpClient> http_;
  std::string token_;         // from authenticate(); wiped when the client goes away
  bool authenticated_ = false; // a token was obtained, or the server has authentication off
  size_t current_ = 0;         // the server that answered last
};

} // namespace ssmd::etcd
