/*
 * ssmd plugin ABI: the one stable boundary between the ssmd host and a plugin.
 *
 * Rules of this header (see docs/plugins.md):
 *  - Plain C only. No C++ type, no exception and no ownership crosses the boundary. Strings are
 *    pointer + length (`ssmd_str`) and are valid only for the duration of the call that passes them.
 *  - Every struct opens with `struct_size` (sizeof as its producer compiled it). A reader uses a field only
 *    if `offsetof(field) + sizeof(field) <= struct_size`, so new fields are appended and old readers keep
 *    working (the OBS rule). `reserved` slots must be NULL; a future minor version may give them meaning.
 *  - Results travel through callbacks the caller provides (`ssmd_sink`, `ssmd_bytes_sink`, ...), so the
 *    callee never allocates memory the caller must free.
 *
 * A plugin exports exactly one symbol, `ssmd_plugin_entry` (see the bottom of this file), and embeds a
 * manifest in the ELF section `.ssmd_manifest` so the host can list it without loading it.
 */
#ifndef SSMD_PLUGIN_H
#define SSMD_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Bump the major version only when a field moves, changes meaning or goes away: the host refuses plugins
 * of another major version. Bump the minor version when fields are appended or a reserved slot gains a
 * meaning: older plugins keep loading. */
#define SSMD_ABI_VERSION_MAJOR 1
#define SSMD_ABI_VERSION_MINOR 4

/* The name of the ELF section that holds a plugin's manifest text. */
#define SSMD_MANIFEST_SECTION ".ssmd_manifest"
/* The one symbol a plugin exports. */
#define SSMD_PLUGIN_ENTRY_SYMBOL "ssmd_plugin_entry"

/* A borrowed, not necessarily NUL-terminated string. */
typedef struct ssmd_str {
  const char *data; /* may be NULL when size is 0 */
  size_t size;      /* length in bytes */
} ssmd_str;

typedef enum ssmd_severity {
  SSMD_SEVERITY_ERROR = 0,   /* makes validation fail */
  SSMD_SEVERITY_WARNING = 1, /* reported; an error under --strict */
  SSMD_SEVERITY_INFO = 2     /* reported, never fails */
} ssmd_severity;

/* Return codes of plugin functions. */
typedef enum ssmd_status {
  SSMD_OK = 0,          /* the call ran; its findings went to the sink */
  SSMD_FAILED = 1,      /* a domain failure, explained through the sink */
  SSMD_ENV_ERROR = 3,   /* an environment failure (I/O, network), explained through the sink */
  SSMD_UNSUPPORTED = 4, /* this plugin does not implement the call */
  /* ABI 1.3: a guarded write found the store changed since it was read, so nothing was written. Only a
   * publisher's `apply` returns it; the host tells the user to run the command again. */
  SSMD_CONFLICT = 5
} ssmd_status;

/* One finding. Location is either a document path (`versions[1].endpoint`), which the host maps back to
 * the YAML source, or an explicit file, line and column (1-based) when the finding is in another file,
 * such as a schema definition. */
typedef struct ssmd_diagnostic {
  uint32_t struct_size;   /* sizeof(ssmd_diagnostic) as the reporter compiled it */
  ssmd_severity severity; /* error, warning or info */
  ssmd_str rule;          /* stable rule id, e.g. "kalshi/endpoint-host" */
  ssmd_str message;       /* one sentence that says what is allowed */
  ssmd_str path;          /* document path such as "versions[1].endpoint"; empty means the document */
  ssmd_str file;          /* repository-relative file when line is set; empty means the document's file */
  uint32_t line;          /* 1-based line in `file`, 0 when the location is `path` */
  uint32_t column;        /* 1-based column, 0 when unknown */
} ssmd_diagnostic;

/* Where diagnostics go. The host owns it; `report` may be called any number of times during a call. */
typedef struct ssmd_sink {
  void *ctx;                                                /* host data, passed back verbatim */
  void (*report)(void *ctx, const ssmd_diagnostic *diag);   /* copy what you need; `diag` is borrowed */
} ssmd_sink;

/* Receives a byte string produced by the callee (a file's content, a fingerprint, a secret value). */
typedef struct ssmd_bytes_sink {
  void *ctx;
  void (*write)(void *ctx, ssmd_str bytes);
} ssmd_bytes_sink;

/* ----------------------------------------------------------------------------------------------------
 * Read-only documents. The host parses YAML once and lends plugins a view of the tree. Nodes are opaque
 * handles valid for the duration of the call; all functions are thread-safe and never fail: a lookup that
 * misses returns NULL, and every function accepts NULL and treats it as an absent node.
 * -------------------------------------------------------------------------------------------------- */
typedef struct ssmd_node ssmd_node;

typedef enum ssmd_node_kind {
  SSMD_NODE_ABSENT = 0, /* NULL handle: the key or index does not exist */
  SSMD_NODE_NULL = 1,   /* an explicit `~`, `null` or empty value */
  SSMD_NODE_SCALAR = 2,
  SSMD_NODE_SEQUENCE = 3,
  SSMD_NODE_MAP = 4
} ssmd_node_kind;

typedef struct ssmd_doc_api {
  uint32_t struct_size;                                          /* sizeof as the host compiled it */
  ssmd_node_kind (*kind)(const ssmd_node *node);                 /* what the node is */
  ssmd_str (*scalar)(const ssmd_node *node);                     /* text of a scalar; empty otherwise */
  size_t (*size)(const ssmd_node *node);                         /* items of a sequence or map; 0 otherwise */
  const ssmd_node *(*at)(const ssmd_node *node, size_t index);   /* sequence item or map value by index */
  ssmd_str (*key_at)(const ssmd_node *node, size_t index);       /* map key by index; empty otherwise */
  const ssmd_node *(*get)(const ssmd_node *node, ssmd_str key);  /* map value by key, NULL if missing */
  void *reserved[4];                                             /* must be NULL */
} ssmd_doc_api;

/* Reads a file on the host's behalf: from the working tree, or from a git commit for `--against REF`.
 * Paths are repository-relative with '/' separators. Returns SSMD_OK after writing the whole content to
 * `out`, SSMD_FAILED when the file does not exist or leaves the repository. */
typedef struct ssmd_file_reader {
  void *ctx;
  ssmd_status (*read)(void *ctx, ssmd_str path, const ssmd_bytes_sink *out);
} ssmd_file_reader;

/* Services the host offers to every plugin call. */
typedef struct ssmd_host {
  uint32_t struct_size;      /* sizeof as the host compiled it */
  uint16_t abi_major;        /* SSMD_ABI_VERSION_MAJOR of the host */
  uint16_t abi_minor;        /* SSMD_ABI_VERSION_MINOR of the host */
  const ssmd_doc_api *doc;   /* navigation over ssmd_node handles */
  ssmd_str repo_root;        /* absolute path of the repository root; empty outside a repository */
  ssmd_str ssmd_version;     /* the host's version string */
  /* Looks up a configuration value (dotted key, e.g. "capnp.import_paths") over every layer, the
   * repository's files included; NULL if unset. */
  const ssmd_node *(*config)(ssmd_str key);
  /* ABI 1.2: like `config`, but answers only values a command-line flag set for this run (`--acme-endpoint
   * URL` on `ssmd data` sets "acme.endpoint"); NULL otherwise. Flags outrank environment variables, so a
   * plugin that reads variables of its own asks this first. NULL (the function) from a 1.0 or 1.1 host. */
  const ssmd_node *(*flag_config)(ssmd_str key);
  /* ABI 1.3: like `config`, but answers only from trusted layers: flags, environment variables and the
   * user's own configuration file, never the repository's files. A plugin reads every value that chooses a
   * network destination, credentials or code to run (an endpoint, an auth method) here, so a cloned
   * repository cannot redirect them. NULL (the function) from an older host. */
  const ssmd_node *(*trusted_config)(ssmd_str key);
  /* ABI 1.4: the `context` of the extension table whose function this call runs (the plugin's own pointer,
   * handed back untouched), so one library can register two feeds or two backends of one class without a
   * global: each table's functions find their own instance here. NULL in the table the entry point receives,
   * for a table whose `context` is NULL, and from an older host (the slot was reserved). */
  void *context;
  /* ABI 1.4: the entry point calls it before it returns NULL, to say why the plugin refused to start ("the
   * license file ~/.acme/key is missing"); the host shows the reason where it would have said only that
   * the entry point returned NULL. Callable only during the entry point's call. NULL from an older host. */
  void (*refuse)(const struct ssmd_host *host, ssmd_str reason);
  void *reserved[4]; /* must be NULL */
} ssmd_host;

/* What a rule is, as ABI 1.0 to 1.2 listed it: a plain array with no `struct_size`, so it can never grow.
 * Superseded by `ssmd_rule_table` (ABI 1.3); the host still lists an older plugin's rules from it. */
typedef struct ssmd_rule_info {
  ssmd_str id;      /* "kalshi/endpoint-host"; never reused */
  ssmd_str purpose; /* one sentence: "Checks that ..." */
  ssmd_str source;  /* where the rule comes from: a documentation URL or a language guide section */
} ssmd_rule_info;

/* ABI 1.3: one rule, for `ssmd rules list`, `ssmd plugin check`, SARIF output and the docs. The host checks
 * every rule of a plugin when it loads it, and refuses the plugin when one is malformed: an id that is not
 * `family/name` (lower-case letters, digits, '-' and '_' in each '/'-separated segment, at most 128 bytes) or
 * that the table lists twice, a severity outside ssmd_severity, a category that is not one lower-case word,
 * a purpose that is empty or holds a control character. */
typedef struct ssmd_rule {
  uint32_t struct_size;   /* sizeof(ssmd_rule) as the plugin compiled it */
  ssmd_str id;            /* "kalshi/endpoint-host"; stable, never reused (teams name it in `rules:`) */
  ssmd_severity severity; /* the most severe level it reports while no team setting changes it */
  ssmd_str category;      /* one word grouping related rules ("endpoint", "wire"), `^[a-z][a-z0-9-]{0,31}$`; may be empty */
  ssmd_str purpose;       /* one sentence: "Checks that ..." */
  ssmd_str source;        /* where the rule comes from: a documentation URL or a language guide section; may be empty */
  void *reserved[4];      /* must be NULL */
} ssmd_rule;

/* ABI 1.3: the rules of one extension point. Rules are pointers, so each may grow on its own. */
typedef struct ssmd_rule_table {
  uint32_t struct_size;          /* sizeof(ssmd_rule_table) as the plugin compiled it */
  const ssmd_rule *const *rules; /* `rule_count` rules, none NULL */
  size_t rule_count;             /* at most 4096 */
  void *reserved[2];             /* must be NULL */
} ssmd_rule_table;

/* ---- Extension point: feed validator (by exchange name) ---------------------------------------- */
typedef struct ssmd_feed_context {
  uint32_t struct_size;
  const ssmd_host *host;
  ssmd_str file;          /* repository-relative path of the document being checked */
  const ssmd_sink *sink;  /* where findings go; paths are relative to the document being checked */
} ssmd_feed_context;

typedef struct ssmd_feed_validator {
  uint32_t struct_size;  /* sizeof as the plugin compiled it */
  ssmd_str exchange;     /* the `exchange:` value this validator owns, e.g. "kalshi" */
  /* Checks a feed document (exchanges/feeds/<name>.yaml). */
  ssmd_status (*check_feed)(const ssmd_feed_context *ctx, const ssmd_node *feed);
  /* Checks an environment that uses a feed of this exchange; paths refer to the environment document.
   * May be NULL. `env` is the environment with `extends:` already resolved. */
  ssmd_status (*check_environment)(const ssmd_feed_context *ctx, const ssmd_node *env,
                                   const ssmd_node *feed);
  const ssmd_rule_info *rules; /* before ABI 1.3: the rules this validator applies; read only without `rule_table` */
  size_t rule_count;
  /* ABI 1.3 (the first reserved slot): the rules this validator applies, with severity and category. NULL
   * from an older plugin, whose `rules` the host lists instead. */
  const ssmd_rule_table *rule_table;
  /* ABI 1.4: handed back as `host->context` (ctx->host->context) in every call of this table. May be NULL. */
  void *context;
  void *reserved[2]; /* must be NULL */
} ssmd_feed_validator;

/* ---- Extension point: schema-format checker (by format name) ----------------------------------- */
typedef struct ssmd_schema_input {
  uint32_t struct_size;
  ssmd_str schema;               /* the schema's name, e.g. "market_status" */
  ssmd_str version;              /* e.g. "v2" */
  ssmd_str file;                 /* repository-relative path of the version's file */
  ssmd_str root;                 /* the declared root type; empty means the format's default */
  const ssmd_file_reader *files; /* reads `file` and everything it imports */
} ssmd_schema_input;

typedef struct ssmd_schema_format {
  uint32_t struct_size; /* sizeof as the plugin compiled it */
  ssmd_str format;      /* the `format:` value this checker owns, e.g. "capnp" */
  ssmd_str extension;   /* file extension without the dot, used by `schema register` */
  /* Parses and lints one version. Findings carry file/line/column in the schema file. */
  ssmd_status (*check)(const ssmd_host *host, const ssmd_schema_input *input, const ssmd_sink *sink);
  /* Compares two versions; each finding's rule id says its category (see docs/plugins.md). May be NULL. */
  ssmd_status (*breaking)(const ssmd_host *host, const ssmd_schema_input *older,
                          const ssmd_schema_input *newer, const ssmd_sink *sink);
  /* Writes a structural fingerprint (comments and layout ignored) to `out`. May be NULL. */
  ssmd_status (*fingerprint)(const ssmd_host *host, const ssmd_schema_input *input,
                             const ssmd_bytes_sink *out, const ssmd_sink *sink);
  const ssmd_rule_info *rules; /* before ABI 1.3: the rules this checker applies; read only without `rule_table` */
  size_t rule_count;
  /* ABI 1.3 (the first reserved slot): the rules of `check` and `breaking`, with severity and category. NULL
   * from an older plugin, whose `rules` the host lists instead. */
  const ssmd_rule_table *rule_table;
  /* ABI 1.4: handed back as `host->context` in every call of this table. May be NULL. */
  void *context;
  void *reserved[2]; /* must be NULL */
} ssmd_schema_format;

/* ---- Extension point: secret backend (by key-source prefix) ------------------------------------ */
/* ABI 1.3: one version of a repository file, as a commit of its git history left it. */
typedef struct ssmd_file_version {
  uint32_t struct_size; /* sizeof as the host compiled it */
  int64_t time;         /* the commit's author time, in seconds since the epoch (UTC), as `git log` shows it */
  ssmd_str commit;      /* the commit's full hexadecimal id */
  int present;          /* 1 when the file exists in that commit, 0 when the commit deleted it */
  ssmd_str content;     /* the file's bytes in that commit; empty when absent */
} ssmd_file_version;

/* ABI 1.3: the git history of the repository's files, for a backend that keeps files in the repository and
 * wants to know when they changed (sealed-secret manifests: when a field's ciphertext was last replaced). */
typedef struct ssmd_file_history {
  void *ctx;
  /* Calls `visit` once per commit reachable from HEAD that changed `path` (repository-relative, '/'), newest
   * first, as `git log -- <path>` lists them, with the file as that commit left it; stops early when `visit`
   * returns nonzero. SSMD_OK after the walk (also when no commit changed the file), SSMD_FAILED when `path`
   * leaves the repository, SSMD_ENV_ERROR when git's objects cannot be read or a version is over 16 MiB (the
   * host's limit for a repository file, checked from the object's header, so such a version is never
   * inflated); the versions visited until then stand. `version` is borrowed for the duration of the `visit`
   * call. */
  ssmd_status (*walk)(void *ctx, ssmd_str path, int (*visit)(void *visit_ctx, const ssmd_file_version *version),
                      void *visit_ctx);
} ssmd_file_history;

/* ABI 1.3: where a backend says when the value of a field was last set, for `ssmd env check-keys`'s rotation
 * check. A backend that cannot tell says nothing, and the field's age is unknown. */
typedef struct ssmd_secret_age_sink {
  void *ctx;
  /* `field` of the key got its current value at `unix_seconds` (UTC). */
  void (*last_set)(void *ctx, ssmd_str field, int64_t unix_seconds);
} ssmd_secret_age_sink;

typedef struct ssmd_secret_request {
  uint32_t struct_size;
  ssmd_str environment;  /* the environment's name */
  ssmd_str key;          /* the key's name under `keys:` */
  ssmd_str source;       /* the whole `source:` value, e.g. "vault/secret/ssmd/kalshi" */
  const ssmd_node *spec; /* the key's mapping (type, fields, required, ...) */
  ssmd_str file;         /* repository-relative environment file, for messages */
  /* ABI 1.1: reads repository files as this run sees them: the working tree, or a commit under
   * `ssmd validate --at REF`. A backend that keeps files in the repository (sealed-secret manifests) reads
   * them here rather than from repo_root, so a check at a commit never sees the working tree. NULL when the
   * host offers no reader; absent (check struct_size) from a 1.0 host. */
  const ssmd_file_reader *files;
  /* ABI 1.3: the git history of the repository's files (see ssmd_file_history); NULL when the repository is
   * not in a git work tree or the command has no use for it. Absent (check struct_size) from an older host. */
  const ssmd_file_history *history;
  /* ABI 1.3: set only when the caller wants to know how old each value is (`ssmd env check-keys`); NULL
   * otherwise, and then a backend need not find out. Absent (check struct_size) from an older host. */
  const ssmd_secret_age_sink *ages;
} ssmd_secret_request;

/* Receives resolved fields. `value` is borrowed and wiped by the plugin after the call returns. */
typedef struct ssmd_secret_sink {
  void *ctx;
  void (*field)(void *ctx, ssmd_str field, ssmd_str value);
} ssmd_secret_sink;

typedef struct ssmd_secret_backend {
  uint32_t struct_size; /* sizeof as the plugin compiled it */
  ssmd_str prefix;      /* the source prefix this backend owns: "env", "vault", ... */
  /* Offline syntax and presence check of a reference, during `ssmd validate`. Paths refer to the key. */
  ssmd_status (*check)(const ssmd_host *host, const ssmd_secret_request *req, const ssmd_sink *sink);
  /* Resolves the fields of a key at run time. A missing field is reported as a diagnostic with rule
   * "secrets/missing-field" and path "fields[i]"; it is never an error to stay silent about values. */
  ssmd_status (*resolve)(const ssmd_host *host, const ssmd_secret_request *req,
                         const ssmd_secret_sink *out, const ssmd_sink *sink);
  /* Writes the environment variable name that carries `field` of the key. May be NULL (the host then
   * uses SSMD_<KEY>_<FIELD>, upper-cased, non-alphanumerics as '_'). */
  ssmd_status (*variable_name)(const ssmd_host *host, const ssmd_secret_request *req, ssmd_str field,
                               const ssmd_bytes_sink *out);
  /* ABI 1.3 (the first reserved slot): the command's last resolve() has returned. A backend that kept
   * anything between resolve() calls of one run (a login token, answers it reads once per run) wipes it
   * now; the next resolve() starts a new run. The host calls it before it runs anything else, such as the
   * child of `ssmd env run`. May be NULL (NULL from an older plugin): nothing was kept. */
  void (*end_run)(const ssmd_host *host);
  /* ABI 1.3 (the next reserved slot): the rules `check` and `resolve` report. May be NULL (NULL from an
   * older plugin): the backend lists none. */
  const ssmd_rule_table *rule_table;
  /* ABI 1.4: handed back as `host->context` in every call of this table, `end_run` included. May be NULL. */
  void *context;
  void *reserved[1]; /* must be NULL */
} ssmd_secret_backend;

/* ---- Extension point: storage backend (by URL scheme) ------------------------------------------ */
typedef struct ssmd_storage_entry_sink {
  void *ctx;
  void (*entry)(void *ctx, ssmd_str key, uint64_t size); /* one object under the listed prefix */
} ssmd_storage_entry_sink;

typedef struct ssmd_storage_fetch_sink {
  void *ctx;
  /* One call per requested key, in any order and possibly from several threads at once. On failure
   * `status` is not SSMD_OK, `content` is empty and `error` says why. */
  void (*done)(void *ctx, size_t index, ssmd_status status, ssmd_str content, ssmd_str error);
} ssmd_storage_fetch_sink;

typedef struct ssmd_storage_backend {
  uint32_t struct_size; /* sizeof as the plugin compiled it */
  ssmd_str scheme;      /* the URL scheme this backend owns, e.g. "s3" */
  /* Lists the objects under `url` (scheme://bucket/prefix). */
  ssmd_status (*list)(const ssmd_host *host, ssmd_str url, const ssmd_storage_entry_sink *out,
                      const ssmd_sink *sink);
  /* Fetches `count` objects (full URLs), at most `max_bytes` each, possibly in parallel. */
  ssmd_status (*fetch)(const ssmd_host *host, const ssmd_str *urls, size_t count, uint64_t max_bytes,
                       const ssmd_storage_fetch_sink *out, const ssmd_sink *sink);
  /* ABI 1.3 (the first reserved slot): the rules `list` and `fetch` report. May be NULL (NULL from an older
   * plugin): the backend lists none. */
  const ssmd_rule_table *rule_table;
  /* ABI 1.4: handed back as `host->context` in every call of this table. May be NULL. */
  void *context;
  void *reserved[2]; /* must be NULL */
} ssmd_storage_backend;

/* ---- Extension point: publisher (by URL scheme; ABI 1.3) ------------------------------------------
 * A key-value store that runtime configuration is published to (`ssmd publish --to etcd://...`). The host
 * decides what to write: it reads every key under the URL's prefix with its revision, compares, and hands
 * the plugin batches of writes, each guarded by the revisions it read. The plugin knows the store: how the
 * URL names servers and a prefix, how to authenticate, and how to apply one batch atomically. Keys crossing
 * this boundary are relative to the URL's prefix ("index", "environments/kalshi-dev"). */

/* What one `apply` may carry. The host fills `struct_size`; the plugin writes only fields that fit. */
typedef struct ssmd_publish_limits {
  uint32_t struct_size; /* sizeof as the host compiled it */
  uint64_t max_ops;     /* most operations in one batch, SSMD_PUBLISH_CHECK included; 0: no limit */
  uint64_t max_bytes;   /* most bytes of keys and values in one batch; 0: no limit */
} ssmd_publish_limits;

/* Receives the keys under the prefix, in any order. */
typedef struct ssmd_publish_entry_sink {
  void *ctx;
  /* One key (relative to the prefix), its value and the store's revision of it (etcd's mod_revision,
   * Consul's ModifyIndex), never 0. All entries of one `read` come from one consistent snapshot. */
  void (*entry)(void *ctx, ssmd_str key, ssmd_str value, uint64_t revision);
} ssmd_publish_entry_sink;

typedef enum ssmd_publish_op_kind {
  SSMD_PUBLISH_PUT = 0,    /* write `value` at `key` */
  SSMD_PUBLISH_DELETE = 1, /* remove `key` */
  SSMD_PUBLISH_CHECK = 2   /* write nothing: only require `key` to still be at `revision` */
} ssmd_publish_op_kind;

/* One operation of a batch. Every operation is guarded: the batch applies only if each key's revision is
 * still the one given (0: the key must not exist). */
typedef struct ssmd_publish_op {
  uint32_t struct_size;      /* sizeof as the host compiled it */
  ssmd_publish_op_kind kind; /* put, delete or check */
  ssmd_str key;              /* relative to the URL's prefix */
  ssmd_str value;            /* the bytes to write (SSMD_PUBLISH_PUT only) */
  uint64_t revision;         /* the revision `read` reported for `key`; 0 when it reported none */
} ssmd_publish_op;

typedef struct ssmd_publish_batch {
  uint32_t struct_size;                /* sizeof as the host compiled it */
  const ssmd_publish_op *const *ops;   /* pointers, so each op may grow */
  size_t op_count;                     /* within the limits `prepare` gave */
  void *reserved[4];                   /* NULL */
} ssmd_publish_batch;

/* Receives the outcome of an applied batch. */
typedef struct ssmd_publish_result_sink {
  void *ctx;
  /* The revision op `index` now carries (0 for a deleted key), for guards of later batches. */
  void (*written)(void *ctx, size_t index, uint64_t revision);
} ssmd_publish_result_sink;

typedef struct ssmd_publisher {
  uint32_t struct_size; /* sizeof as the plugin compiled it */
  ssmd_str scheme;      /* the URL scheme this publisher owns, e.g. "etcd"; it owns "etcd+<anything>" too */
  /* Checks `url` and the plugin's settings without contacting the store, and fills `limits`. SSMD_FAILED:
   * the URL is malformed (a usage error); SSMD_ENV_ERROR: a setting cannot be used (a missing CA file). */
  ssmd_status (*prepare)(const ssmd_host *host, ssmd_str url, ssmd_publish_limits *limits,
                         const ssmd_sink *sink);
  /* Reads every key under the URL's prefix, with its value and revision, from one snapshot. */
  ssmd_status (*read)(const ssmd_host *host, ssmd_str url, const ssmd_publish_entry_sink *out,
                      const ssmd_sink *sink);
  /* Applies `batch` all or nothing: SSMD_OK after every operation took effect (and `out` heard of each),
   * SSMD_CONFLICT when a guard failed and nothing was written, SSMD_ENV_ERROR when the store could not be
   * reached or refused (the batch then took effect wholly or not at all; a plugin that cannot tell which
   * says so through `sink`). */
  ssmd_status (*apply)(const ssmd_host *host, ssmd_str url, const ssmd_publish_batch *batch,
                       const ssmd_publish_result_sink *out, const ssmd_sink *sink);
  /* ABI 1.4: handed back as `host->context` in every call of this table. May be NULL. */
  void *context;
  /* ABI 1.4: the rules `prepare`, `read` and `apply` report. May be NULL (NULL from an older plugin). */
  const ssmd_rule_table *rule_table;
  void *reserved[2]; /* must be NULL */
} ssmd_publisher;

/* ---- Extension point: subcommand ---------------------------------------------------------------- */
typedef struct ssmd_subcommand {
  uint32_t struct_size; /* sizeof as the plugin compiled it */
  ssmd_str name;        /* `ssmd <name> ...`; must match the manifest */
  ssmd_str summary;     /* one line for `ssmd --help` */
  /* Runs the command. argv[0] is the command name; returns the process exit code (0, 1, 2 or 3). */
  int (*run)(const ssmd_host *host, int argc, const char *const *argv);
  /* ABI 1.4: handed back as `host->context` when `run` is called. May be NULL. */
  void *context;
  void *reserved[3]; /* must be NULL */
} ssmd_subcommand;

/* ---- The plugin ---------------------------------------------------------------------------------- */
typedef struct ssmd_plugin {
  uint32_t struct_size; /* sizeof(ssmd_plugin) as the plugin compiled it */
  uint16_t abi_major;   /* SSMD_ABI_VERSION_MAJOR the plugin was built against */
  uint16_t abi_minor;   /* SSMD_ABI_VERSION_MINOR the plugin was built against */
  ssmd_str name;        /* must equal the manifest's name */
  ssmd_str version;     /* must equal the manifest's version */
  const ssmd_feed_validator *const *feed_validators; /* arrays of pointers, so each struct may grow */
  size_t feed_validator_count;
  const ssmd_schema_format *const *schema_formats;
  size_t schema_format_count;
  const ssmd_secret_backend *const *secret_backends;
  size_t secret_backend_count;
  const ssmd_storage_backend *const *storage_backends;
  size_t storage_backend_count;
  const ssmd_subcommand *const *subcommands;
  size_t subcommand_count;
  /* ABI 1.3: publishers, in the first two reserved slots (so the struct keeps its size). NULL and 0 from
   * an older plugin; the host reads them only from a plugin built against 1.3 or later. */
  const ssmd_publisher *const *publishers;
  size_t publisher_count;
  void *reserved[6]; /* must be NULL */
} ssmd_plugin;

/* The entry point. The host calls it once, after loading, with its own services; the returned struct
 * must stay valid until the process exits (plugins are never unloaded). Returns NULL on failure, after
 * saying why through `host->refuse` when the host offers it (ABI 1.4). */
typedef const ssmd_plugin *(*ssmd_plugin_entry_fn)(const ssmd_host *host);

/* ---- The manifest -----------------------------------------------------------------------------------
 * Text in the ELF section `.ssmd_manifest`, read by the host without loading the library:
 *
 *   ssmd-manifest 2
 *   name feed-acme
 *   version 1.0.0
 *   abi 1.4
 *   url https://acme.example/ssmd-plugin
 *   provides feed acme
 *   command acme-login Log in to the Acme exchange
 *
 * Kinds after `provides`: feed, schema-format, secret, storage, publisher (ABI 1.3). The host checks after
 * loading that the entry point registers exactly what the manifest says, and refuses the plugin otherwise.
 * Use the macros:
 *
 *   SSMD_PLUGIN_MANIFEST("feed-acme", "1.0.0", SSMD_PROVIDES_FEED("acme"))
 *   SSMD_PLUGIN_MANIFEST_URL("feed-acme", "1.0.0", "https://acme.example/ssmd-plugin", SSMD_PROVIDES_FEED("acme"))
 *
 * Format 1 has no `url` line. Format 2 (ABI 1.3) adds it: the http(s) address of the plugin's documentation,
 * which `ssmd rules list` shows and SARIF output gives as the help link of the plugin's rules. A host older
 * than ABI 1.3 reads format 1 only, so SSMD_PLUGIN_MANIFEST keeps writing it; bump the format only when a
 * key is added, since a reader refuses keys it does not know.
 */
#define SSMD_STRINGIFY_(x) #x
#define SSMD_STRINGIFY(x) SSMD_STRINGIFY_(x)
#define SSMD_PROVIDES_FEED(exchange) "provides feed " exchange "\n"
#define SSMD_PROVIDES_SCHEMA_FORMAT(format) "provides schema-format " format "\n"
#define SSMD_PROVIDES_SECRET(prefix) "provides secret " prefix "\n"
#define SSMD_PROVIDES_STORAGE(scheme) "provides storage " scheme "\n"
#define SSMD_PROVIDES_PUBLISHER(scheme) "provides publisher " scheme "\n" /* ABI 1.3 */
#define SSMD_PROVIDES_COMMAND(name, summary) "command " name " " summary "\n"
/* The manifest's lines up to `abi`, in the given format. */
#define SSMD_MANIFEST_HEAD_(format, name, version)                                                          \
  "ssmd-manifest " format "\nname " name "\nversion " version "\nabi " SSMD_STRINGIFY(SSMD_ABI_VERSION_MAJOR) "." \
      SSMD_STRINGIFY(SSMD_ABI_VERSION_MINOR) "\n"
#define SSMD_PLUGIN_MANIFEST(name, version, provides)                                                 \
  __attribute__((section(SSMD_MANIFEST_SECTION), used, aligned(1))) const char ssmd_plugin_manifest_[] = \
      SSMD_MANIFEST_HEAD_("1", name, version) provides;
/* ABI 1.3: the same, in format 2, with the plugin's documentation address. */
#define SSMD_PLUGIN_MANIFEST_URL(name, version, url, provides)                                        \
  __attribute__((section(SSMD_MANIFEST_SECTION), used, aligned(1))) const char ssmd_plugin_manifest_[] = \
      SSMD_MANIFEST_HEAD_("2", name, version) "url " url "\n" provides;

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* SSMD_PLUGIN_H */
