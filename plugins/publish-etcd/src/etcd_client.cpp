#include "etcd_client.hpp"

#include <openssl/crypto.h>
#include <ssmd_base64/base64.hpp>

#include <chrono>
#include <thread>

namespace ssmd::etcd {

namespace {

// Keys come back in pages of this many, all read at the revision of the first page.
constexpr int kPageSize = 500;

// gRPC status codes etcd's gateway reports in `code`.
constexpr uint64_t kDeadlineExceeded = 4;
constexpr uint64_t kFailedPrecondition = 9;
constexpr uint64_t kUnavailable = 14;
constexpr uint64_t kUnauthenticated = 16;

// No server answered: a transport failure, so the caller tries the next server.
struct Unreachable {
  std::string why;
};

std::string b64(std::string_view bytes) { return "\"" + base64::encode(bytes) + "\""; }

std::string decoded(const Json &object, std::string_view member) {
  std::string_view text = string_member(object, member);
  auto bytes = base64::decode(text);
  if (!bytes) throw EtcdError("etcd answered a " + std::string(member) + " that is not base64");
  return *bytes;
}

std::string error_message(const Json &body, long status) {
  std::string_view message = string_member(body, "message");
  if (message.empty()) message = string_member(body, "error");
  return message.empty() ? "HTTP status " + std::to_string(status) : std::string(message);
}

// One sentence that helps, for the errors an operator meets first.
std::string hint(const std::string &message) {
  if (message.find("user name is empty") != std::string::npos)
    return "; this etcd requires authentication: set ETCDCTL_USER and ETCDCTL_PASSWORD (or etcd.user and etcd.password)";
  if (message.find("permission denied") != std::string::npos)
    return "; the user needs read and write permission on the prefix";
  if (message.find("too many operations") != std::string::npos)
    return "; set etcd.max_txn_ops to the server's --max-txn-ops";
  if (message.find("request is too large") != std::string::npos)
    return "; set etcd.max_request_bytes to the server's --max-request-bytes";
  return "";
}

std::string txn_body(const std::vector<TxnOp> &ops) {
  std::string compare, success;
  for (const auto &op : ops) {
    const std::string key = b64(op.key);
    if (!compare.empty()) compare += ',';
    compare += "{\"target\":\"MOD\",\"result\":\"EQUAL\",\"key\":" + key + ",\"mod_revision\":\"" +
               std::to_string(op.mod_revision) + "\"}";
    if (op.kind == TxnOp::Kind::Check) continue;
    if (!success.empty()) success += ',';
    if (op.kind == TxnOp::Kind::Put) success += "{\"request_put\":{\"key\":" + key + ",\"value\":" + b64(op.value) + "}}";
    else success += "{\"request_delete_range\":{\"key\":" + key + "}}";
  }
  return "{\"compare\":[" + compare + "],\"success\":[" + success + "]}";
}

std::optional<uint64_t> header_revision(const Json &body) {
  const Json *header = strict_json::member(body, "header");
  return header ? integer_member(*header, "revision") : std::nullopt;
}

// A reply, or nullopt when it is not JSON.
std::optional<Json> parse_reply(std::string_view text) {
  Json reply;
  strict_json::Limits limits;
  limits.max_bytes = text.size(); // the HTTP layer bounds answers
  if (strict_json::parse(text, reply, limits)) return std::nullopt;
  return reply;
}

} // namespace

Client::Client(EtcdUrl url, EtcdSettings settings)
    : url_(std::move(url)), settings_(std::move(settings)), http_(std::make_unique<HttpClient>(settings_)) {}

Client::~Client() {
  if (!token_.empty()) OPENSSL_cleanse(token_.data(), token_.size());
}

void Client::authenticate(const std::string &endpoint) {
  // One copy of the password in the document, wiped once it is written out. Bytes that are not UTF-8
  // become U+FFFD, as etcd's gateway (Go's encoding/json) would read them.
  Json credentials = Json::object();
  credentials["name"] = settings_.user;
  credentials["password"] = settings_.password;
  std::string &password = credentials["password"].get_ref<std::string &>();
  std::string body = credentials.dump(-1, ' ', false, Json::error_handler_t::replace);
  OPENSSL_cleanse(password.data(), password.size());
  net::Response answer = http_->post(endpoint + "/v3/auth/authenticate", body, "");
  OPENSSL_cleanse(body.data(), body.size());
  if (answer.status == 0) throw Unreachable{endpoint + ": " + answer.error};
  auto reply = parse_reply(answer.body);
  OPENSSL_cleanse(answer.body.data(), answer.body.size());
  if (!reply) throw EtcdError(endpoint + " answered authentication with something that is not JSON");
  if (strict_json::member(*reply, "error") || answer.status != 200) {
    // Like etcdctl: a user against an etcd without authentication enabled is no error.
    if (integer_member(*reply, "code") == kFailedPrecondition) {
      authenticated_ = true;
      return;
    }
    throw EtcdError("etcd refused user '" + settings_.user + "': " + error_message(*reply, answer.status));
  }
  std::string_view token = string_member(*reply, "token");
  if (token.empty()) throw EtcdError("etcd answered authentication without a token");
  token_ = token;
  OPENSSL_cleanse(const_cast<char *>(token.data()), token.size());
  authenticated_ = true;
}

Client::Reply Client::call(const std::string &path, const std::string &body, bool replayable) {
  const size_t n = url_.endpoints.size();
  std::string last;
  bool unanswered = false;
  for (int round = 0; round < 2; ++round) {
    if (round > 0) std::this_thread::sleep_for(std::chrono::milliseconds(200));
    for (size_t k = 0; k < n; ++k) {
      const size_t i = (current_ + k) % n;
      const std::string &endpoint = url_.endpoints[i];
      for (int auth_attempt = 0; auth_attempt < 2; ++auth_attempt) {
        try {
          if (!settings_.user.empty() && !authenticated_) authenticate(endpoint);
        } catch (const Unreachable &u) {
          last = u.why;
          break;
        }
        net::Response answer = http_->post(endpoint + path, body, token_);
        if (answer.status == 0) {
          last = endpoint + ": " + answer.error;
          unanswered |= answer.sent && !replayable;
          break;
        }
        auto reply = parse_reply(answer.body);
        if (!reply)
          throw EtcdError(endpoint + " answered HTTP " + std::to_string(answer.status) +
                          " with something that is not JSON; is it an etcd client URL?");
        if (strict_json::member(*reply, "error") || answer.status != 200) {
          auto code = integer_member(*reply, "code");
          std::string message = error_message(*reply, answer.status);
          if (code == kUnauthenticated && !settings_.user.empty() && auth_attempt == 0) {
            // The token expired (etcd's simple tokens live five minutes by default): log in again.
            token_.clear();
            authenticated_ = false;
            continue;
          }
          if (code == kUnavailable || code == kDeadlineExceeded) {
            last = endpoint + ": " + message;
            unanswered |= !replayable;
            break;
          }
          throw EtcdError(endpoint + ": " + message + hint(message));
        }
        current_ = i;
        return Reply{std::move(*reply), unanswered};
      }
    }
  }
  throw EtcdError("no etcd server answered (" + last + ")" +
                  (unanswered ? "; a write that went out unanswered took effect wholly or not at all" : ""));
}

std::vector<KeyValue> Client::read_prefix() {
  const std::string end = url_.prefix + "0"; // '0' follows '/': the range is every key under "<prefix>/"
  std::string start = url_.prefix + "/";
  std::optional<uint64_t> revision;
  std::vector<KeyValue> out;
  for (;;) {
    std::string body = "{\"key\":" + b64(start) + ",\"range_end\":" + b64(end) + ",\"limit\":\"" +
                       std::to_string(kPageSize) + "\"" +
                       (revision ? ",\"revision\":\"" + std::to_string(*revision) + "\"" : std::string()) + "}";
    Reply reply = call("/v3/kv/range", body, true);
    if (!revision) revision = header_revision(reply.body);
    if (!revision) throw EtcdError("etcd answered a read without a revision");
    const Json *kvs = strict_json::member(reply.body, "kvs");
    if (!kvs || !kvs->is_array() || kvs->empty()) break;
    for (const auto &kv : *kvs) {
      auto mod = integer_member(kv, "mod_revision");
      if (!mod) throw EtcdError("etcd answered a key without its mod_revision");
      out.push_back(KeyValue{decoded(kv, "key"), decoded(kv, "value"), *mod});
    }
    if (!flag(reply.body, "more")) break;
    start = out.back().key + std::string(1, '\0');
  }
  return out;
}

std::optional<uint64_t> Client::transact(const std::vector<TxnOp> &ops) {
  Reply reply = call("/v3/kv/txn", txn_body(ops), false);
  if (flag(reply.body, "succeeded")) {
    auto revision = header_revision(reply.body);
    if (!revision) throw EtcdError("etcd answered a transaction without a revision");
    return revision;
  }
  // Sent again after an unanswered attempt, a batch that was applied then fails its own guards now.
  if (reply.earlier_attempt_unanswered) return applied_revision(ops);
  return std::nullopt;
}

// Whether the keys of `ops` hold exactly what the batch writes; the revision it was written at if so.
std::optional<uint64_t> Client::applied_revision(const std::vector<TxnOp> &ops) {
  std::string ranges;
  for (const auto &op : ops)
    ranges += std::string(ranges.empty() ? "" : ",") + "{\"request_range\":{\"key\":" + b64(op.key) + "}}";
  Reply reply = call("/v3/kv/txn", "{\"success\":[" + ranges + "]}", true);
  const Json *responses = strict_json::member(reply.body, "responses");
  if (!responses || !responses->is_array() || responses->size() != ops.size())
    throw EtcdError("etcd answered a read of the batch's keys wrongly");
  std::optional<uint64_t> written = header_revision(reply.body);
  for (size_t i = 0; i < ops.size(); ++i) {
    const Json *range = strict_json::member((*responses)[i], "response_range");
    const Json *kvs = range ? strict_json::member(*range, "kvs") : nullptr;
    const Json *kv = kvs && kvs->is_array() && !kvs->empty() ? &kvs->front() : nullptr;
    switch (ops[i].kind) {
    case TxnOp::Kind::Put:
      if (!kv || decoded(*kv, "value") != ops[i].value) return std::nullopt;
      written = integer_member(*kv, "mod_revision");
      break;
    case TxnOp::Kind::Delete:
      if (kv) return std::nullopt;
      break;
    case TxnOp::Kind::Check:
      if ((kv ? integer_member(*kv, "mod_revision").value_or(0) : 0) != ops[i].mod_revision) return std::nullopt;
      break;
    }
  }
  return written;
}

} // namespace ssmd::etcd
