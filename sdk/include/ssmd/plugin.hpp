// Header-only C++ layer over the ssmd plugin ABI (ssmd/plugin.h).
//
// Derive from one of the interfaces below, implement it, and export with two macros:
//
//   #include <ssmd/plugin.hpp>
//   class AcmeFeed : public ssmd::FeedValidator {
//     void check_feed(const ssmd::Node &feed, ssmd::Diagnostics &out) override {
//       for (auto [i, v] : feed["versions"].items())
//         if (!v["endpoint"].str().starts_with("wss://"))
//           out.error("acme/endpoint-scheme", v["endpoint"].path(), "Acme serves WebSocket over wss:// only");
//     }
//   };
//   SSMD_PLUGIN_MANIFEST("feed-acme", "1.0.0", SSMD_PROVIDES_FEED("acme"))
//   SSMD_PLUGIN_EXPORT(ssmd::feed<AcmeFeed>("acme"))
//
// Nothing C++ crosses the boundary: every callback below catches exceptions and turns them into an
// "plugin/exception" diagnostic with SSMD_ENV_ERROR.
#ifndef SSMD_PLUGIN_HPP
#define SSMD_PLUGIN_HPP

#include <ssmd/plugin.h>

#include <cstddef>
#include <cstdio>
#include <cstring>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ssmd {

inline ssmd_str to_c(std::string_view s) { return ssmd_str{s.data(), s.size()}; }
inline std::string_view from_c(ssmd_str s) { return s.data ? std::string_view(s.data, s.size) : std::string_view(); }

// A read-only view of a YAML node lent by the host. Cheap to copy. Lookups that miss give an absent
// node, so `feed["versions"][3]["endpoint"].str()` is always safe. Each node knows its document path
// (`versions[3].endpoint`), which is what diagnostics refer to.
class Node {
public:
  Node() = default;
  Node(const ssmd_doc_api *api, const ssmd_node *node, std::string path)
      : api_(api), node_(node), path_(std::move(path)) {}

  ssmd_node_kind kind() const { return api_ && node_ ? api_->kind(node_) : SSMD_NODE_ABSENT; }
  bool present() const { return kind() != SSMD_NODE_ABSENT; }
  bool is_scalar() const { return kind() == SSMD_NODE_SCALAR; }
  bool is_map() const { return kind() == SSMD_NODE_MAP; }
  bool is_sequence() const { return kind() == SSMD_NODE_SEQUENCE; }
  // The scalar's text; empty for anything else.
  std::string_view str() const { return is_scalar() ? from_c(api_->scalar(node_)) : std::string_view(); }
  size_t size() const { return api_ && node_ ? api_->size(node_) : 0; }
  const std::string &path() const { return path_; }
  const ssmd_node *raw() const { return node_; }

  Node operator[](std::string_view key) const {
    const ssmd_node *child = api_ && node_ ? api_->get(node_, to_c(key)) : nullptr;
    return Node(api_, child, path_.empty() ? std::string(key) : path_ + "." + std::string(key));
  }
  Node operator[](size_t index) const {
    const ssmd_node *child = api_ && node_ && index < size() ? api_->at(node_, index) : nullptr;
    return Node(api_, child, path_ + "[" + std::to_string(index) + "]");
  }
  Node operator[](int index) const { return (*this)[static_cast<size_t>(index)]; }
  // The key of a map entry by position.
  std::string_view key_at(size_t index) const {
    return is_map() ? from_c(api_->key_at(node_, index)) : std::string_view();
  }
  // Sequence items with their index, or map values in document order with their index.
  std::vector<std::pair<size_t, Node>> items() const {
    std::vector<std::pair<size_t, Node>> out;
    if (is_sequence()) {
      for (size_t i = 0; i < size(); ++i) out.emplace_back(i, (*this)[i]);
    } else if (is_map()) {
      for (size_t i = 0; i < size(); ++i) {
        std::string key(key_at(i));
        out.emplace_back(i, Node(api_, api_->at(node_, i), path_.empty() ? key : path_ + "." + key));
      }
    }
    return out;
  }
  // Scalars of a sequence, or the single scalar as a one-element list.
  std::vector<std::string_view> strings() const {
    std::vector<std::string_view> out;
    if (is_scalar()) out.push_back(str());
    for (auto &[i, item] : (is_sequence() ? items() : std::vector<std::pair<size_t, Node>>{}))
      if (item.is_scalar()) out.push_back(item.str());
    return out;
  }

private:
  const ssmd_doc_api *api_ = nullptr;
  const ssmd_node *node_ = nullptr;
  std::string path_;
};

// Reports findings to the host. Messages say what is allowed, not only what is wrong.
class Diagnostics {
public:
  explicit Diagnostics(const ssmd_sink *sink) : sink_(sink) {}
  void error(std::string_view rule, std::string_view path, std::string_view message) {
    report(SSMD_SEVERITY_ERROR, rule, path, message);
  }
  void warning(std::string_view rule, std::string_view path, std::string_view message) {
    report(SSMD_SEVERITY_WARNING, rule, path, message);
  }
  void info(std::string_view rule, std::string_view path, std::string_view message) {
    report(SSMD_SEVERITY_INFO, rule, path, message);
  }
  // A finding at an explicit place in another file (1-based line and column).
  void at(ssmd_severity severity, std::string_view rule, std::string_view file, uint32_t line, uint32_t column,
          std::string_view message) {
    ssmd_diagnostic d{sizeof(ssmd_diagnostic), severity, to_c(rule), to_c(message), to_c(""), to_c(file), line, column};
    emit(d);
  }
  void report(ssmd_severity severity, std::string_view rule, std::string_view path, std::string_view message) {
    ssmd_diagnostic d{sizeof(ssmd_diagnostic), severity, to_c(rule), to_c(message), to_c(path), to_c(""), 0, 0};
    emit(d);
  }
  size_t errors() const { return errors_; }

private:
  void emit(const ssmd_diagnostic &d) {
    if (d.severity == SSMD_SEVERITY_ERROR) ++errors_;
    if (sink_ && sink_->report) sink_->report(sink_->ctx, &d);
  }
  const ssmd_sink *sink_;
  size_t errors_ = 0;
};

// One rule an extension point reports, for `ssmd rules list`, `ssmd plugin check` and SARIF output. `id` is
// `family/name` (lower case, never reused); `severity` the most severe level it reports while no team
// setting changes it; `category` one lower-case word grouping related rules, or empty. A constructor rather
// than an aggregate, so that rules written before ABI 1.3 as `{id, purpose, source}` still compile cleanly.
struct Rule {
  Rule() = default;
  Rule(std::string id_, std::string purpose_, std::string source_, ssmd_severity severity_ = SSMD_SEVERITY_ERROR,
       std::string category_ = {})
      : id(std::move(id_)), purpose(std::move(purpose_)), source(std::move(source_)), severity(severity_),
        category(std::move(category_)) {}
  std::string id;
  std::string purpose;
  std::string source;
  ssmd_severity severity = SSMD_SEVERITY_ERROR;
  std::string category;
};

// Host services, wrapped.
class Host {
public:
  explicit Host(const ssmd_host *host) : host_(host) {}
  std::string_view repo_root() const { return from_c(host_->repo_root); }
  Node config(std::string_view key) const {
    return Node(host_->doc, host_->config ? host_->config(to_c(key)) : nullptr, std::string(key));
  }
  // A configuration value set by a command-line flag for this run (ABI 1.2); absent from an older host.
  Node flag_config(std::string_view key) const {
    bool offered = host_->struct_size >= offsetof(ssmd_host, flag_config) + sizeof(host_->flag_config) &&
                   host_->abi_minor >= 2 && host_->flag_config;
    return Node(host_->doc, offered ? host_->flag_config(to_c(key)) : nullptr, std::string(key));
  }
  // A configuration value from a trusted layer only (flags, environment, the user's file; ABI 1.3). Read
  // endpoints, credentials and anything else a cloned repository must not choose here. An older host
  // offers no such lookup, so this answers absent rather than falling back to config().
  Node trusted_config(std::string_view key) const {
    bool offered = host_->struct_size >= offsetof(ssmd_host, trusted_config) + sizeof(host_->trusted_config) &&
                   host_->abi_minor >= 3 && host_->trusted_config;
    return Node(host_->doc, offered ? host_->trusted_config(to_c(key)) : nullptr, std::string(key));
  }
  const ssmd_host *raw() const { return host_; }

private:
  const ssmd_host *host_;
};

// Reads repository files through the host (working tree or a git commit).
class Files {
public:
  explicit Files(const ssmd_file_reader *reader) : reader_(reader) {}
  bool available() const { return reader_ != nullptr; }
  std::optional<std::string> read(std::string_view path) const {
    std::string out;
    if (read(path, out) != SSMD_OK) return std::nullopt;
    return out;
  }
  // The same with the host's answer, for a plugin that tells a missing file from one it cannot have:
  // SSMD_OK with the bytes in `out`; SSMD_FAILED when there is no such file (or it leaves the repository);
  // SSMD_ENV_ERROR when it exists but the host cannot or will not read it (over 16 MiB, its limit for a
  // repository file; an I/O error); SSMD_UNSUPPORTED without a reader.
  ssmd_status read(std::string_view path, std::string &out) const {
    out.clear();
    if (!reader_) return SSMD_UNSUPPORTED;
    ssmd_bytes_sink sink{&out, [](void *ctx, ssmd_str b) { static_cast<std::string *>(ctx)->append(b.data, b.size); }};
    ssmd_status status = reader_->read(reader_->ctx, to_c(path), &sink);
    if (status != SSMD_OK) out.clear();
    return status;
  }

private:
  const ssmd_file_reader *reader_;
};

struct SchemaInput {
  std::string_view schema, version, file, root;
  Files files;
  explicit SchemaInput(const ssmd_schema_input *in)
      : schema(from_c(in->schema)), version(from_c(in->version)), file(from_c(in->file)), root(from_c(in->root)),
        files(in->files) {}
};

// ---- Interfaces for plugin authors ----------------------------------------------------------------

class FeedValidator {
public:
  virtual ~FeedValidator() = default;
  virtual void check_feed(const Host &host, const Node &feed, Diagnostics &out) = 0;
  // Checks an environment (with `extends:` resolved) that uses a feed of this exchange.
  virtual void check_environment(const Host &, const Node & /*env*/, const Node & /*feed*/, Diagnostics &) {}
  virtual std::vector<Rule> rules() const { return {}; }
};

class SchemaFormat {
public:
  virtual ~SchemaFormat() = default;
  virtual std::string_view extension() const = 0;
  virtual void check(const Host &host, const SchemaInput &input, Diagnostics &out) = 0;
  // Returns false when not supported.
  virtual bool breaking(const Host &, const SchemaInput & /*older*/, const SchemaInput & /*newer*/, Diagnostics &) {
    return false;
  }
  virtual std::optional<std::string> fingerprint(const Host &, const SchemaInput &, Diagnostics &) { return std::nullopt; }
  virtual std::vector<Rule> rules() const { return {}; }
};

// The git history of the repository's files through the host (ABI 1.3).
class FileHistory {
public:
  struct Version {
    int64_t time = 0;          // the commit's author time, seconds since the epoch
    std::string_view commit;   // the commit's full id
    bool present = false;      // false when the commit deleted the file
    std::string_view content;  // the file's bytes in that commit
  };
  explicit FileHistory(const ssmd_file_history *history) : history_(history) {}
  bool available() const { return history_ != nullptr; }
  // Calls `visit` for each commit that changed `path`, newest first, until it returns false. Returns the
  // host's status (SSMD_UNSUPPORTED when there is no history to walk). Nothing `visit` throws crosses the C
  // boundary: the walk stops and answers SSMD_ENV_ERROR.
  ssmd_status walk(std::string_view path, const std::function<bool(const Version &)> &visit) const {
    if (!history_) return SSMD_UNSUPPORTED;
    struct Walk {
      const std::function<bool(const Version &)> *visit;
      bool failed = false;
    } walk{&visit};
    ssmd_status status = history_->walk(
        history_->ctx, to_c(path),
        [](void *ctx, const ssmd_file_version *v) -> int {
          auto *w = static_cast<Walk *>(ctx);
          try {
            Version version{v->time, from_c(v->commit), v->present != 0, from_c(v->content)};
            return (*w->visit)(version) ? 0 : 1;
          } catch (...) {
            w->failed = true;
            return 1;
          }
        },
        &walk);
    return walk.failed ? SSMD_ENV_ERROR : status;
  }

private:
  const ssmd_file_history *history_;
};

struct SecretRequest {
  std::string_view environment, key, source, file;
  Node spec;
  // The host's view of the repository's files, when it offers one (ABI 1.1); read() answers nullopt for
  // every path otherwise, so check has_files() before treating nullopt as "missing".
  Files files;
  // The git history of the repository's files, when the host offers it (ABI 1.3).
  FileHistory history;
  SecretRequest(const ssmd_host *host, const ssmd_secret_request *r)
      : environment(from_c(r->environment)), key(from_c(r->key)), source(from_c(r->source)), file(from_c(r->file)),
        spec(host->doc, r->spec, ""),
        files(r->struct_size >= offsetof(ssmd_secret_request, files) + sizeof(r->files) ? r->files : nullptr),
        history(r->struct_size >= offsetof(ssmd_secret_request, history) + sizeof(r->history) ? r->history : nullptr),
        ages_(r->struct_size >= offsetof(ssmd_secret_request, ages) + sizeof(r->ages) ? r->ages : nullptr) {}
  bool has_files() const { return files.available(); }
  // True when the caller wants to know when each value was set (ABI 1.3; `ssmd env check-keys`).
  bool wants_ages() const { return ages_ != nullptr && ages_->last_set != nullptr; }
  // Says that `field` got its current value at `unix_seconds` (UTC); ignored unless wants_ages().
  void report_last_set(std::string_view field, int64_t unix_seconds) const {
    if (wants_ages()) ages_->last_set(ages_->ctx, to_c(field), unix_seconds);
  }

private:
  const ssmd_secret_age_sink *ages_;
};

class SecretBackend {
public:
  virtual ~SecretBackend() = default;
  virtual void check(const Host &host, const SecretRequest &req, Diagnostics &out) = 0;
  // Calls `emit(field, value)` for each resolved field; returns the status of the whole resolution.
  virtual ssmd_status resolve(const Host &host, const SecretRequest &req,
                              const std::function<void(std::string_view, std::string_view)> &emit,
                              Diagnostics &out) = 0;
  // The rules check() and resolve() report (ABI 1.3).
  virtual std::vector<Rule> rules() const { return {}; }
  // The environment variable that carries `field`; nullopt lets the host choose.
  virtual std::optional<std::string> variable_name(const Host &, const SecretRequest &, std::string_view) {
    return std::nullopt;
  }
  // The command's last resolve() has returned (ABI 1.3): wipe whatever was kept between calls of this run.
  virtual void end_run(const Host &) {}
};

struct FetchResult {
  ssmd_status status = SSMD_OK;
  std::string content;
  std::string error;
};

class StorageBackend {
public:
  virtual ~StorageBackend() = default;
  virtual ssmd_status list(const Host &host, std::string_view url,
                           const std::function<void(std::string_view key, uint64_t size)> &emit, Diagnostics &out) = 0;
  // Calls `done(index, result)` once per URL, possibly from several threads.
  virtual ssmd_status fetch(const Host &host, const std::vector<std::string_view> &urls, uint64_t max_bytes,
                            const std::function<void(size_t, const FetchResult &)> &done, Diagnostics &out) = 0;
  // The rules list() and fetch() report (ABI 1.3).
  virtual std::vector<Rule> rules() const { return {}; }
};

class Subcommand {
public:
  virtual ~Subcommand() = default;
  virtual int run(const Host &host, const std::vector<std::string> &args) = 0;
};

// One operation of a publish batch (see ssmd_publish_op): `key` is relative to the URL's prefix, and the
// batch applies only if every key is still at `revision` (0: absent).
struct PublishOp {
  ssmd_publish_op_kind kind = SSMD_PUBLISH_PUT;
  std::string_view key;
  std::string_view value;
  uint64_t revision = 0;
};

struct PublishLimits {
  uint64_t max_ops = 0;   // 0: no limit
  uint64_t max_bytes = 0; // 0: no limit
};

// A store runtime configuration is published to (ABI 1.3). The host decides what to write; the publisher
// reads keys with their revisions and applies guarded batches atomically.
class Publisher {
public:
  virtual ~Publisher() = default;
  // Checks the URL and settings without touching the network. Report a malformed URL as an error and
  // return SSMD_FAILED (a usage error); an unusable setting with SSMD_ENV_ERROR.
  virtual ssmd_status prepare(const Host &host, std::string_view url, PublishLimits &limits, Diagnostics &out) = 0;
  // Calls `emit(key, value, revision)` for every key under the URL's prefix, from one snapshot.
  virtual ssmd_status read(const Host &host, std::string_view url,
                           const std::function<void(std::string_view, std::string_view, uint64_t)> &emit,
                           Diagnostics &out) = 0;
  // Applies `ops` all or nothing; on success calls `written(index, revision)` for each op. Returns SSMD_OK,
  // SSMD_CONFLICT (a guard failed; nothing written) or SSMD_ENV_ERROR.
  virtual ssmd_status apply(const Host &host, std::string_view url, const std::vector<PublishOp> &ops,
                            const std::function<void(size_t, uint64_t)> &written, Diagnostics &out) = 0;
  // The rules prepare(), read() and apply() report (ABI 1.4).
  virtual std::vector<Rule> rules() const { return {}; }
};

// ---- Adapters from the interfaces to the C tables --------------------------------------------------
namespace detail {

inline ssmd_status caught(const ssmd_sink *sink, std::string_view what) {
  Diagnostics(sink).error("plugin/exception", "", std::string("plugin threw an exception: ") + std::string(what));
  return SSMD_ENV_ERROR;
}

template <class F> ssmd_status guard(const ssmd_sink *sink, F &&f) {
  try {
    return f();
  } catch (const std::exception &e) {
    return caught(sink, e.what());
  } catch (...) {
    return caught(sink, "unknown exception");
  }
}

// Owns a component and the C table that points at it. Lives as long as the process.
struct Component {
  virtual ~Component() = default;
};

// Finds the component a call of its C table belongs to. A host of ABI 1.4 or later hands each table's
// `context` (the component) back as `host->context`, so two components of one class, registered under two
// names, each answer their own calls. An older host leaves that slot NULL: then the class's only component
// answers, or none when the plugin registered the class twice (it needs a 1.4 host, and the call says so).
template <class C> class Instances {
public:
  static void add(C *component) {
    if (state().only && state().only != component) state().ambiguous = true;
    state().only = component;
  }
  static C *find(const ssmd_host *host) {
    if (host && host->struct_size >= offsetof(ssmd_host, context) + sizeof(host->context) && host->context)
      return static_cast<C *>(host->context);
    return state().ambiguous ? nullptr : state().only;
  }

private:
  struct State {
    C *only = nullptr;
    bool ambiguous = false;
  };
  static State &state() {
    static State s;
    return s;
  }
};

inline ssmd_status no_instance(const ssmd_sink *sink) {
  Diagnostics(sink).error("plugin/needs-newer-host", "",
                          "this plugin registers one class under two names, which needs an ssmd host with plugin "
                          "ABI 1.4 or later to tell their calls apart");
  return SSMD_ENV_ERROR;
}

// Runs `body(component)` for the component the call belongs to, turning exceptions into diagnostics.
template <class C, class F> ssmd_status on_instance(const ssmd_host *host, const ssmd_sink *sink, F &&body) {
  return guard(sink, [&] {
    C *self = Instances<C>::find(host);
    return self ? body(*self) : no_instance(sink);
  });
}

// An extension point's rules as the C table of ABI 1.3 (`ssmd_rule_table`), pointing into the owned `Rule`s,
// and as the plain array of ABI 1.0 to 1.2 (`ssmd_rule_info`), still filled for readers of that array. Built
// once and never moved or copied, since the host keeps the pointers.
class RuleTable {
public:
  explicit RuleTable(std::vector<Rule> rules) : rules_(std::move(rules)) {
    entries_.reserve(rules_.size());
    for (const auto &r : rules_) {
      infos_.push_back(ssmd_rule_info{to_c(r.id), to_c(r.purpose), to_c(r.source)});
      ssmd_rule entry{};
      entry.struct_size = sizeof(ssmd_rule);
      entry.id = to_c(r.id);
      entry.severity = r.severity;
      entry.category = to_c(r.category);
      entry.purpose = to_c(r.purpose);
      entry.source = to_c(r.source);
      entries_.push_back(entry);
    }
    for (const auto &e : entries_) pointers_.push_back(&e);
    table_.struct_size = sizeof(ssmd_rule_table);
    table_.rules = pointers_.data();
    table_.rule_count = pointers_.size();
  }
  RuleTable(const RuleTable &) = delete;
  RuleTable &operator=(const RuleTable &) = delete;
  const ssmd_rule_table *get() const { return &table_; }
  const ssmd_rule_info *infos() const { return infos_.data(); }
  size_t size() const { return infos_.size(); }

private:
  std::vector<Rule> rules_;
  std::vector<ssmd_rule_info> infos_;
  std::vector<ssmd_rule> entries_;
  std::vector<const ssmd_rule *> pointers_;
  ssmd_rule_table table_{};
};

// Each component below constructs its implementation from the arguments given to its factory
// (`ssmd::feed<Generic>("acme", settings)`), so one class may serve several names.
template <class T> struct FeedComponent : Component {
  std::string name;
  T impl;
  RuleTable rules{impl.rules()};
  ssmd_feed_validator table{};
  template <class... Args>
  explicit FeedComponent(std::string n, Args &&...args) : name(std::move(n)), impl(std::forward<Args>(args)...) {
    table.struct_size = sizeof(table);
    table.exchange = to_c(name);
    table.rules = rules.infos();
    table.rule_count = rules.size();
    table.rule_table = rules.get();
    table.context = this;
    table.check_feed = [](const ssmd_feed_context *ctx, const ssmd_node *feed) {
      return on_instance<FeedComponent>(ctx->host, ctx->sink, [&](FeedComponent &self) {
        Diagnostics d(ctx->sink);
        self.impl.check_feed(Host(ctx->host), Node(ctx->host->doc, feed, ""), d);
        return d.errors() ? SSMD_FAILED : SSMD_OK;
      });
    };
    table.check_environment = [](const ssmd_feed_context *ctx, const ssmd_node *env, const ssmd_node *feed) {
      return on_instance<FeedComponent>(ctx->host, ctx->sink, [&](FeedComponent &self) {
        Diagnostics d(ctx->sink);
        self.impl.check_environment(Host(ctx->host), Node(ctx->host->doc, env, ""), Node(ctx->host->doc, feed, ""), d);
        return d.errors() ? SSMD_FAILED : SSMD_OK;
      });
    };
    Instances<FeedComponent>::add(this);
  }
};

template <class T> struct SchemaComponent : Component {
  std::string name, ext;
  T impl;
  RuleTable rules{impl.rules()};
  ssmd_schema_format table{};
  template <class... Args>
  explicit SchemaComponent(std::string n, Args &&...args) : name(std::move(n)), impl(std::forward<Args>(args)...) {
    ext = std::string(impl.extension());
    table.struct_size = sizeof(table);
    table.format = to_c(name);
    table.extension = to_c(ext);
    table.rules = rules.infos();
    table.rule_count = rules.size();
    table.rule_table = rules.get();
    table.context = this;
    table.check = [](const ssmd_host *h, const ssmd_schema_input *in, const ssmd_sink *sink) {
      return on_instance<SchemaComponent>(h, sink, [&](SchemaComponent &self) {
        Diagnostics d(sink);
        self.impl.check(Host(h), SchemaInput(in), d);
        return d.errors() ? SSMD_FAILED : SSMD_OK;
      });
    };
    table.breaking = [](const ssmd_host *h, const ssmd_schema_input *a, const ssmd_schema_input *b,
                        const ssmd_sink *sink) {
      return on_instance<SchemaComponent>(h, sink, [&](SchemaComponent &self) {
        Diagnostics d(sink);
        if (!self.impl.breaking(Host(h), SchemaInput(a), SchemaInput(b), d)) return SSMD_UNSUPPORTED;
        return d.errors() ? SSMD_FAILED : SSMD_OK;
      });
    };
    table.fingerprint = [](const ssmd_host *h, const ssmd_schema_input *in, const ssmd_bytes_sink *out,
                           const ssmd_sink *sink) {
      return on_instance<SchemaComponent>(h, sink, [&](SchemaComponent &self) {
        Diagnostics d(sink);
        auto fp = self.impl.fingerprint(Host(h), SchemaInput(in), d);
        if (!fp) return d.errors() ? SSMD_FAILED : SSMD_UNSUPPORTED;
        out->write(out->ctx, to_c(*fp));
        return SSMD_OK;
      });
    };
    Instances<SchemaComponent>::add(this);
  }
};

template <class T> struct SecretComponent : Component {
  std::string name;
  T impl;
  RuleTable rules{impl.rules()};
  ssmd_secret_backend table{};
  template <class... Args>
  explicit SecretComponent(std::string n, Args &&...args) : name(std::move(n)), impl(std::forward<Args>(args)...) {
    table.struct_size = sizeof(table);
    table.prefix = to_c(name);
    table.rule_table = rules.get();
    table.context = this;
    table.check = [](const ssmd_host *h, const ssmd_secret_request *r, const ssmd_sink *sink) {
      return on_instance<SecretComponent>(h, sink, [&](SecretComponent &self) {
        Diagnostics d(sink);
        self.impl.check(Host(h), SecretRequest(h, r), d);
        return d.errors() ? SSMD_FAILED : SSMD_OK;
      });
    };
    table.resolve = [](const ssmd_host *h, const ssmd_secret_request *r, const ssmd_secret_sink *out,
                       const ssmd_sink *sink) {
      return on_instance<SecretComponent>(h, sink, [&](SecretComponent &self) {
        Diagnostics d(sink);
        auto emit = [out](std::string_view field, std::string_view value) {
          out->field(out->ctx, to_c(field), to_c(value));
        };
        return self.impl.resolve(Host(h), SecretRequest(h, r), emit, d);
      });
    };
    table.variable_name = [](const ssmd_host *h, const ssmd_secret_request *r, ssmd_str field,
                             const ssmd_bytes_sink *out) {
      try {
        SecretComponent *self = Instances<SecretComponent>::find(h);
        if (!self) return SSMD_ENV_ERROR;
        auto name = self->impl.variable_name(Host(h), SecretRequest(h, r), from_c(field));
        if (!name) return SSMD_UNSUPPORTED;
        out->write(out->ctx, to_c(*name));
        return SSMD_OK;
      } catch (...) {
        return SSMD_ENV_ERROR;
      }
    };
    table.end_run = [](const ssmd_host *h) {
      try {
        if (SecretComponent *self = Instances<SecretComponent>::find(h)) self->impl.end_run(Host(h));
      } catch (...) {
        // Nothing can be reported from here; the next resolve() starts afresh either way.
      }
    };
    Instances<SecretComponent>::add(this);
  }
};

template <class T> struct StorageComponent : Component {
  std::string name;
  T impl;
  RuleTable rules{impl.rules()};
  ssmd_storage_backend table{};
  template <class... Args>
  explicit StorageComponent(std::string n, Args &&...args) : name(std::move(n)), impl(std::forward<Args>(args)...) {
    table.struct_size = sizeof(table);
    table.scheme = to_c(name);
    table.rule_table = rules.get();
    table.context = this;
    table.list = [](const ssmd_host *h, ssmd_str url, const ssmd_storage_entry_sink *out, const ssmd_sink *sink) {
      return on_instance<StorageComponent>(h, sink, [&](StorageComponent &self) {
        Diagnostics d(sink);
        return self.impl.list(
            Host(h), from_c(url), [out](std::string_view k, uint64_t size) { out->entry(out->ctx, to_c(k), size); }, d);
      });
    };
    table.fetch = [](const ssmd_host *h, const ssmd_str *urls, size_t count, uint64_t max_bytes,
                     const ssmd_storage_fetch_sink *out, const ssmd_sink *sink) {
      return on_instance<StorageComponent>(h, sink, [&](StorageComponent &self) {
        Diagnostics d(sink);
        std::vector<std::string_view> list;
        for (size_t i = 0; i < count; ++i) list.push_back(from_c(urls[i]));
        return self.impl.fetch(
            Host(h), list, max_bytes,
            [out](size_t i, const FetchResult &r) {
              out->done(out->ctx, i, r.status, to_c(r.content), to_c(r.error));
            },
            d);
      });
    };
    Instances<StorageComponent>::add(this);
  }
};

template <class T> struct PublisherComponent : Component {
  std::string name;
  T impl;
  RuleTable rules{impl.rules()};
  ssmd_publisher table{};
  template <class... Args>
  explicit PublisherComponent(std::string n, Args &&...args) : name(std::move(n)), impl(std::forward<Args>(args)...) {
    table.struct_size = sizeof(table);
    table.scheme = to_c(name);
    table.rule_table = rules.get();
    table.context = this;
    table.prepare = [](const ssmd_host *h, ssmd_str url, ssmd_publish_limits *limits, const ssmd_sink *sink) {
      return on_instance<PublisherComponent>(h, sink, [&](PublisherComponent &self) {
        Diagnostics d(sink);
        PublishLimits wanted;
        ssmd_status status = self.impl.prepare(Host(h), from_c(url), wanted, d);
        // Write only the fields the host's struct has room for.
        if (limits && limits->struct_size >= offsetof(ssmd_publish_limits, max_ops) + sizeof(limits->max_ops))
          limits->max_ops = wanted.max_ops;
        if (limits && limits->struct_size >= offsetof(ssmd_publish_limits, max_bytes) + sizeof(limits->max_bytes))
          limits->max_bytes = wanted.max_bytes;
        return status;
      });
    };
    table.read = [](const ssmd_host *h, ssmd_str url, const ssmd_publish_entry_sink *out, const ssmd_sink *sink) {
      return on_instance<PublisherComponent>(h, sink, [&](PublisherComponent &self) {
        Diagnostics d(sink);
        return self.impl.read(
            Host(h), from_c(url),
            [out](std::string_view k, std::string_view v, uint64_t revision) {
              out->entry(out->ctx, to_c(k), to_c(v), revision);
            },
            d);
      });
    };
    table.apply = [](const ssmd_host *h, ssmd_str url, const ssmd_publish_batch *batch,
                     const ssmd_publish_result_sink *out, const ssmd_sink *sink) {
      return on_instance<PublisherComponent>(h, sink, [&](PublisherComponent &self) {
        Diagnostics d(sink);
        std::vector<PublishOp> ops;
        for (size_t i = 0; batch && i < batch->op_count; ++i) {
          const ssmd_publish_op *op = batch->ops[i];
          ops.push_back(PublishOp{op->kind, from_c(op->key), from_c(op->value), op->revision});
        }
        return self.impl.apply(
            Host(h), from_c(url), ops,
            [out](size_t index, uint64_t revision) {
              if (out && out->written) out->written(out->ctx, index, revision);
            },
            d);
      });
    };
    Instances<PublisherComponent>::add(this);
  }
};

template <class T> struct CommandComponent : Component {
  std::string name, summary;
  T impl;
  ssmd_subcommand table{};
  template <class... Args>
  CommandComponent(std::string n, std::string s, Args &&...args)
      : name(std::move(n)), summary(std::move(s)), impl(std::forward<Args>(args)...) {
    table.struct_size = sizeof(table);
    table.name = to_c(name);
    table.summary = to_c(summary);
    table.context = this;
    table.run = [](const ssmd_host *h, int argc, const char *const *argv) {
      CommandComponent *self = Instances<CommandComponent>::find(h);
      if (!self) {
        std::fprintf(stderr, "ssmd: this plugin registers one command class under two names, which needs an ssmd "
                             "host with plugin ABI 1.4 or later\n");
        return 3;
      }
      try {
        return self->impl.run(Host(h), std::vector<std::string>(argv, argv + argc));
      } catch (const std::exception &e) {
        std::fprintf(stderr, "ssmd: %s: %s\n", self->name.c_str(), e.what());
        return 3;
      } catch (...) {
        return 3;
      }
    };
    Instances<CommandComponent>::add(this);
  }
};

// Gathers the components and fills the `ssmd_plugin` table the entry point returns.
class PluginBuilder {
public:
  PluginBuilder(const char *manifest, std::vector<std::unique_ptr<Component>> components)
      : components_(std::move(components)) {
    name_ = manifest_field(manifest, "name");
    version_ = manifest_field(manifest, "version");
    plugin_.struct_size = sizeof(plugin_);
    plugin_.abi_major = SSMD_ABI_VERSION_MAJOR;
    plugin_.abi_minor = SSMD_ABI_VERSION_MINOR;
    plugin_.name = to_c(name_);
    plugin_.version = to_c(version_);
    for (auto &c : components_) {
      if (auto *f = dynamic_cast<FeedTag *>(c.get())) feeds_.push_back(f->feed_table());
      if (auto *s = dynamic_cast<SchemaTag *>(c.get())) schemas_.push_back(s->schema_table());
      if (auto *s = dynamic_cast<SecretTag *>(c.get())) secrets_.push_back(s->secret_table());
      if (auto *s = dynamic_cast<StorageTag *>(c.get())) storages_.push_back(s->storage_table());
      if (auto *s = dynamic_cast<CommandTag *>(c.get())) commands_.push_back(s->command_table());
      if (auto *s = dynamic_cast<PublisherTag *>(c.get())) publishers_.push_back(s->publisher_table());
    }
    plugin_.feed_validators = feeds_.data();
    plugin_.feed_validator_count = feeds_.size();
    plugin_.schema_formats = schemas_.data();
    plugin_.schema_format_count = schemas_.size();
    plugin_.secret_backends = secrets_.data();
    plugin_.secret_backend_count = secrets_.size();
    plugin_.storage_backends = storages_.data();
    plugin_.storage_backend_count = storages_.size();
    plugin_.subcommands = commands_.data();
    plugin_.subcommand_count = commands_.size();
    plugin_.publishers = publishers_.data();
    plugin_.publisher_count = publishers_.size();
  }
  const ssmd_plugin *get() const { return &plugin_; }

  struct FeedTag { virtual const ssmd_feed_validator *feed_table() = 0; virtual ~FeedTag() = default; };
  struct SchemaTag { virtual const ssmd_schema_format *schema_table() = 0; virtual ~SchemaTag() = default; };
  struct SecretTag { virtual const ssmd_secret_backend *secret_table() = 0; virtual ~SecretTag() = default; };
  struct StorageTag { virtual const ssmd_storage_backend *storage_table() = 0; virtual ~StorageTag() = default; };
  struct CommandTag { virtual const ssmd_subcommand *command_table() = 0; virtual ~CommandTag() = default; };
  struct PublisherTag { virtual const ssmd_publisher *publisher_table() = 0; virtual ~PublisherTag() = default; };

private:
  static std::string manifest_field(const char *manifest, const std::string &key) {
    std::string_view text(manifest);
    size_t pos = 0;
    while (pos < text.size()) {
      size_t end = text.find('\n', pos);
      if (end == std::string_view::npos) end = text.size();
      std::string_view line = text.substr(pos, end - pos);
      if (line.size() > key.size() && line.substr(0, key.size()) == key && line[key.size()] == ' ')
        return std::string(line.substr(key.size() + 1));
      pos = end + 1;
    }
    return {};
  }
  std::vector<std::unique_ptr<Component>> components_;
  std::string name_, version_;
  std::vector<const ssmd_feed_validator *> feeds_;
  std::vector<const ssmd_schema_format *> schemas_;
  std::vector<const ssmd_secret_backend *> secrets_;
  std::vector<const ssmd_storage_backend *> storages_;
  std::vector<const ssmd_subcommand *> commands_;
  std::vector<const ssmd_publisher *> publishers_;
  ssmd_plugin plugin_{};
};

template <class T> struct TaggedFeed : FeedComponent<T>, PluginBuilder::FeedTag {
  using FeedComponent<T>::FeedComponent;
  const ssmd_feed_validator *feed_table() override { return &this->table; }
};
template <class T> struct TaggedSchema : SchemaComponent<T>, PluginBuilder::SchemaTag {
  using SchemaComponent<T>::SchemaComponent;
  const ssmd_schema_format *schema_table() override { return &this->table; }
};
template <class T> struct TaggedSecret : SecretComponent<T>, PluginBuilder::SecretTag {
  using SecretComponent<T>::SecretComponent;
  const ssmd_secret_backend *secret_table() override { return &this->table; }
};
template <class T> struct TaggedStorage : StorageComponent<T>, PluginBuilder::StorageTag {
  using StorageComponent<T>::StorageComponent;
  const ssmd_storage_backend *storage_table() override { return &this->table; }
};
template <class T> struct TaggedPublisher : PublisherComponent<T>, PluginBuilder::PublisherTag {
  using PublisherComponent<T>::PublisherComponent;
  const ssmd_publisher *publisher_table() override { return &this->table; }
};
template <class T> struct TaggedCommand : CommandComponent<T>, PluginBuilder::CommandTag {
  using CommandComponent<T>::CommandComponent;
  const ssmd_subcommand *command_table() override { return &this->table; }
};

} // namespace detail

// Factories used inside SSMD_PLUGIN_EXPORT(...). Arguments after the name construct the implementation, so
// one class may be registered under several names (`feed<Generic>("a", a_settings), feed<Generic>("b", ...)`);
// each registration is its own instance (with a host of ABI 1.4 or later; see Instances).
template <class T, class... Args> std::unique_ptr<detail::Component> feed(std::string exchange, Args &&...args) {
  return std::make_unique<detail::TaggedFeed<T>>(std::move(exchange), std::forward<Args>(args)...);
}
template <class T, class... Args> std::unique_ptr<detail::Component> schema_format(std::string format, Args &&...args) {
  return std::make_unique<detail::TaggedSchema<T>>(std::move(format), std::forward<Args>(args)...);
}
template <class T, class... Args> std::unique_ptr<detail::Component> secret_backend(std::string prefix, Args &&...args) {
  return std::make_unique<detail::TaggedSecret<T>>(std::move(prefix), std::forward<Args>(args)...);
}
template <class T, class... Args> std::unique_ptr<detail::Component> storage_backend(std::string scheme, Args &&...args) {
  return std::make_unique<detail::TaggedStorage<T>>(std::move(scheme), std::forward<Args>(args)...);
}
// ABI 1.3: a publisher for URLs of `scheme` (and `scheme+<anything>`).
template <class T, class... Args> std::unique_ptr<detail::Component> publisher(std::string scheme, Args &&...args) {
  return std::make_unique<detail::TaggedPublisher<T>>(std::move(scheme), std::forward<Args>(args)...);
}
template <class T, class... Args>
std::unique_ptr<detail::Component> subcommand(std::string name, std::string summary, Args &&...args) {
  return std::make_unique<detail::TaggedCommand<T>>(std::move(name), std::move(summary), std::forward<Args>(args)...);
}

namespace detail {
// Tells the host why the plugin refuses to start, when it can listen (ABI 1.4).
inline void refuse(const ssmd_host *host, std::string_view reason) {
  if (host && host->struct_size >= offsetof(ssmd_host, refuse) + sizeof(host->refuse) && host->refuse)
    host->refuse(host, to_c(reason));
}
// Builds the plugin's table; an exception from a component's constructor becomes the refusal's reason.
template <class Build> const ssmd_plugin *start_plugin(const ssmd_host *host, Build &&build) {
  try {
    return build();
  } catch (const std::exception &e) {
    refuse(host, e.what());
  } catch (...) {
    refuse(host, "its entry point threw an exception that is not a std::exception");
  }
  return nullptr;
}
} // namespace detail

template <class... C> std::vector<std::unique_ptr<detail::Component>> components(C &&...c) {
  std::vector<std::unique_ptr<detail::Component>> out;
  (out.push_back(std::forward<C>(c)), ...);
  return out;
}

} // namespace ssmd

// Exports the entry point. Name and version are read from the manifest in the same translation unit, so
// SSMD_PLUGIN_MANIFEST must come first.
// A component whose constructor throws refuses the plugin: the entry point returns NULL and hands the
// exception's message to the host as the reason (ABI 1.4), which the host shows ("refused plugin 'feed-acme'
// (...): no license file at ~/.acme/key").
#define SSMD_PLUGIN_EXPORT(...)                                                                                  \
  extern "C" __attribute__((visibility("default"))) const ssmd_plugin *ssmd_plugin_entry(const ssmd_host *host) {   \
    return ssmd::detail::start_plugin(host, [] {                                                                 \
      static const ssmd::detail::PluginBuilder builder(ssmd_plugin_manifest_, ssmd::components(__VA_ARGS__));    \
      return builder.get();                                                                                      \
    });                                                                                                          \
  }

#endif // SSMD_PLUGIN_HPP
