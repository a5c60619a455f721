#include "schema_repo.hpp"

namespace ssmd::test {

LoadedPlugin &capnp_plugin() {
  static LoadedPlugin plugin(SCHEMA_CAPNP_PLUGIN_PATH);
  return plugin;
}

const ssmd_schema_format &capnp_format() {
  const ssmd_schema_format *format = capnp_plugin().schema_format("capnp");
  if (!format) throw std::runtime_error("schema-capnp provides no `capnp` schema format");
  return *format;
}

namespace {
ssmd_schema_input input_of(const Version &v, const ssmd_file_reader *files) {
  ssmd_schema_input in{};
  in.struct_size = sizeof in;
  in.schema = str(v.schema);
  in.version = ssmd_str{"v1", 2};
  in.file = str(v.file);
  in.root = str(v.root);
  in.files = files;
  return in;
}

ssmd_schema_input input_of(const Version &v, const DirectoryReader &reader) {
  ssmd_schema_input in{};
  in.struct_size = sizeof in;
  in.schema = str(v.schema);
  in.version = ssmd_str{"v1", 2};
  in.file = str(v.file);
  in.root = str(v.root);
  in.files = reader.reader();
  return in;
}
} // namespace

SchemaCall SchemaRepo::check(const Version &version) const {
  DirectoryReader reader(root());
  auto in = input_of(version, reader);
  SchemaCall call;
  call.status = capnp_format().check(capnp_plugin().host(), &in, call.findings.sink());
  return call;
}

SchemaCall SchemaRepo::breaking(const Version &older, const Version &newer) const {
  DirectoryReader reader(root());
  auto a = input_of(older, reader);
  auto b = input_of(newer, reader);
  SchemaCall call;
  call.status = capnp_format().breaking(capnp_plugin().host(), &a, &b, call.findings.sink());
  return call;
}

std::optional<std::string> SchemaRepo::fingerprint(const Version &version, SchemaCall *call) const {
  DirectoryReader reader(root());
  auto in = input_of(version, reader);
  SchemaCall local;
  SchemaCall &out = call ? *call : local;
  std::string fp;
  ssmd_bytes_sink sink{&fp, [](void *ctx, ssmd_str b) { static_cast<std::string *>(ctx)->append(b.data, b.size); }};
  out.status = capnp_format().fingerprint(capnp_plugin().host(), &in, &sink, out.findings.sink());
  if (out.status != SSMD_OK) return std::nullopt;
  return fp;
}

SchemaCall breaking_between(const FileTree &older_tree, const Version &older, const FileTree &newer_tree,
                            const Version &newer) {
  auto read = [](void *ctx, ssmd_str path, const ssmd_bytes_sink *out) {
    const auto &tree = *static_cast<const FileTree *>(ctx);
    auto it = tree.find(std::string(path.data, path.size));
    if (it == tree.end()) return SSMD_FAILED;
    out->write(out->ctx, ssmd_str{it->second.data(), it->second.size()});
    return SSMD_OK;
  };
  ssmd_file_reader old_reader{const_cast<FileTree *>(&older_tree), read};
  ssmd_file_reader new_reader{const_cast<FileTree *>(&newer_tree), read};
  auto a = input_of(older, &old_reader);
  auto b = input_of(newer, &new_reader);
  SchemaCall call;
  call.status = capnp_format().breaking(capnp_plugin().host(), &a, &b, call.findings.sink());
  return call;
}

ScopedConfig::ScopedConfig(std::string key, const std::string &yaml) : key_(std::move(key)) {
  capnp_plugin().set_config(key_, yaml);
}

ScopedConfig::~ScopedConfig() { capnp_plugin().set_config(key_, "[]"); }

std::string place(const Finding &f) { return f.file + ":" + std::to_string(f.line) + ":" + std::to_string(f.column); }

std::vector<Finding> of_rule(const Collector &c, const std::string &rule) {
  std::vector<Finding> out;
  for (const auto &f : c.findings)
    if (f.rule == rule) out.push_back(f);
  return out;
}

} // namespace ssmd::test
