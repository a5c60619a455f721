#include "plugin_harness.hpp"

#include "run_ssmd.hpp"

#include <dlfcn.h>
#include <fstream>
#include <stdexcept>

namespace fs = std::filesystem;

namespace ssmd::test {

namespace {
std::string from(ssmd_str s) { return s.data ? std::string(s.data, s.size) : std::string(); }

// Configuration documents set by tests, keyed by dotted name; shared by all LoadedPlugin objects.
std::map<std::string, std::unique_ptr<Doc>> &config_docs() {
  static std::map<std::string, std::unique_ptr<Doc>> docs;
  return docs;
}

// Values a test sets as a repository's files would (`.ssmd/config.yaml`, `ssmd.yaml`): seen by config() only.
std::map<std::string, std::unique_ptr<Doc>> &untrusted_docs() {
  static std::map<std::string, std::unique_ptr<Doc>> docs;
  return docs;
}

const ssmd_node *trusted_lookup(ssmd_str key) {
  auto it = config_docs().find(from(key));
  return it == config_docs().end() ? nullptr : it->second->root();
}

// The trusted layers win over the repository's, as in the host.
const ssmd_node *config_lookup(ssmd_str key) {
  if (const ssmd_node *trusted = trusted_lookup(key)) return trusted;
  auto it = untrusted_docs().find(from(key));
  return it == untrusted_docs().end() ? nullptr : it->second->root();
}

template <class T> const T *find_in(const T *const *items, size_t count, ssmd_str T::*field, const std::string &name) {
  for (size_t i = 0; i < count; ++i)
    if (from(items[i]->*field) == name) return items[i];
  return nullptr;
}
} // namespace

Collector::Collector() {
  sink_.ctx = this;
  sink_.report = [](void *ctx, const ssmd_diagnostic *d) {
    Finding f;
    f.severity = d->severity;
    f.rule = from(d->rule);
    f.message = from(d->message);
    f.path = from(d->path);
    f.file = from(d->file);
    f.line = d->line;
    f.column = d->column;
    static_cast<Collector *>(ctx)->findings.push_back(std::move(f));
  };
}

bool Collector::has_rule(const std::string &rule) const { return find(rule) != nullptr; }

const Finding *Collector::find(const std::string &rule) const {
  for (const auto &f : findings)
    if (f.rule == rule) return &f;
  return nullptr;
}

size_t Collector::errors() const {
  size_t n = 0;
  for (const auto &f : findings) n += f.severity == SSMD_SEVERITY_ERROR;
  return n;
}

std::string Collector::dump() const {
  std::string out;
  for (const auto &f : findings) {
    out += (f.severity == SSMD_SEVERITY_ERROR ? "error " : f.severity == SSMD_SEVERITY_WARNING ? "warning " : "info ");
    out += "[" + f.rule + "] " + (f.file.empty() ? f.path : f.file + ":" + std::to_string(f.line) + ":" +
                                                                   std::to_string(f.column)) +
           ": " + f.message + "\n";
  }
  return out;
}

Doc::Doc(const std::string &yaml, const std::string &file) : file_(file) {
  Diagnostics diags;
  doc_ = yaml::Document::parse(file, yaml, diags);
  if (!doc_) throw std::runtime_error("test YAML does not parse: " + format_diagnostic(diags.at(0)));
}

LoadedPlugin::LoadedPlugin(const std::string &name_or_path) {
  fs::path path = name_or_path.find('/') != std::string::npos ? fs::path(name_or_path)
                                                              : build_dir() / "plugins" / (name_or_path + ".so");
  void *handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle) throw std::runtime_error(std::string("dlopen failed: ") + dlerror());
  auto entry = reinterpret_cast<ssmd_plugin_entry_fn>(dlsym(handle, SSMD_PLUGIN_ENTRY_SYMBOL));
  if (!entry) throw std::runtime_error("no entry point in " + path.string());
  host_.struct_size = sizeof(host_);
  host_.abi_major = SSMD_ABI_VERSION_MAJOR;
  host_.abi_minor = SSMD_ABI_VERSION_MINOR;
  host_.doc = yaml::Document::api();
  host_.repo_root = ssmd_str{"", 0};
  host_.ssmd_version = ssmd_str{"test", 4};
  host_.config = config_lookup;
  host_.trusted_config = trusted_lookup; // set_config() stands for the user's own settings
  plugin_ = entry(&host_);
  if (!plugin_) throw std::runtime_error("entry point returned NULL");
}

void LoadedPlugin::set_repo_root(const fs::path &root) {
  repo_root_ = root.string();
  host_.repo_root = str(repo_root_);
}

void LoadedPlugin::set_config(const std::string &key, const std::string &yaml_value) {
  config_docs()[key] = std::make_unique<Doc>(yaml_value, "config");
}

void LoadedPlugin::set_repository_config(const std::string &key, const std::string &yaml_value) {
  untrusted_docs()[key] = std::make_unique<Doc>(yaml_value, "ssmd.yaml");
}

void LoadedPlugin::clear_config() {
  config_docs().clear();
  untrusted_docs().clear();
}

const ssmd_feed_validator *LoadedPlugin::feed(const std::string &name) const {
  return find_in(plugin_->feed_validators, plugin_->feed_validator_count, &ssmd_feed_validator::exchange, name);
}
const ssmd_schema_format *LoadedPlugin::schema_format(const std::string &name) const {
  return find_in(plugin_->schema_formats, plugin_->schema_format_count, &ssmd_schema_format::format, name);
}
const ssmd_secret_backend *LoadedPlugin::secret_backend(const std::string &name) const {
  return find_in(plugin_->secret_backends, plugin_->secret_backend_count, &ssmd_secret_backend::prefix, name);
}
const ssmd_storage_backend *LoadedPlugin::storage_backend(const std::string &name) const {
  return find_in(plugin_->storage_backends, plugin_->storage_backend_count, &ssmd_storage_backend::scheme, name);
}
const ssmd_subcommand *LoadedPlugin::subcommand(const std::string &name) const {
  return find_in(plugin_->subcommands, plugin_->subcommand_count, &ssmd_subcommand::name, name);
}

DirectoryReader::DirectoryReader(fs::path root) : root_(std::move(root)) {
  reader_.ctx = this;
  reader_.read = [](void *ctx, ssmd_str path, const ssmd_bytes_sink *out) {
    auto *self = static_cast<DirectoryReader *>(ctx);
    std::string relative = from(path);
    if (relative.empty() || relative[0] == '/' || relative.find("..") != std::string::npos) return SSMD_FAILED;
    std::ifstream in(self->root_ / relative, std::ios::binary);
    if (!in) return SSMD_FAILED;
    std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    out->write(out->ctx, ssmd_str{content.data(), content.size()});
    return SSMD_OK;
  };
}

} // namespace ssmd::test
