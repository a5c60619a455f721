#include "seal_options.hpp"

#include "key_spec.hpp"
#include "sealed_reference.hpp"

#include <cstdlib>
#include <set>

namespace ssmd::sealed {

const char *const kSealUsage =
    "Usage: ssmd sealed-secret seal <name> --namespace <ns> --field <field>[=<VAR>]... [options]\n"
    "       ssmd sealed-secret seal <name> --namespace <ns> --from-stdin [--field <field>] [options]\n"
    "\n"
    "Seals values for the sealed-secrets controller, exactly as kubeseal does, and writes a SealedSecret\n"
    "manifest (default: <repository>/<secrets.sealed_dir>/<name>.yaml). Values are never printed.\n"
    "\n"
    "Options:\n"
    "  -n, --namespace <ns>   the namespace the Secret lives in (required unless --scope cluster-wide)\n"
    "  --scope <scope>        strict (default: bound to namespace and name), namespace-wide, cluster-wide\n"
    "  --cert <file>          the controller's PEM certificate (kubeseal --fetch-cert); default $SEALED_SECRETS_CERT\n"
    "  --field <field>[=VAR]  seal <field> with the value of variable VAR (default SSMD_<NAME>_<FIELD>); repeatable\n"
    "  --from-stdin           read FIELD=VALUE lines from standard input; with one --field <field>, standard\n"
    "                         input is that field's value, byte for byte\n"
    "  -o, --output <file>    where to write the manifest\n"
    "  --force                replace an existing manifest\n"
    "  -h, --help             show this help\n";

namespace {
std::optional<Scope> parse_scope(const std::string &text) {
  if (text == "strict") return Scope::Strict;
  if (text == "namespace-wide") return Scope::NamespaceWide;
  if (text == "cluster-wide") return Scope::ClusterWide;
  return std::nullopt;
}

bool parse_field(const std::string &text, SealOptions &options, std::string &why) {
  size_t eq = text.find('=');
  FieldSource source{text.substr(0, eq), eq == std::string::npos ? "" : text.substr(eq + 1)};
  if (!secrets::valid_field_name(source.field)) {
    why = "--field `" + source.field + "`: a field name is made of letters, digits, `-`, `_` and `.`";
    return false;
  }
  if (eq != std::string::npos && !env::valid_variable_name(source.variable)) {
    why = "--field " + source.field + "=<VAR>: the variable must match [A-Za-z_][A-Za-z0-9_]*";
    return false;
  }
  for (const auto &seen : options.fields)
    if (seen.field == source.field) {
      why = "--field `" + source.field + "` is given twice";
      return false;
    }
  options.fields.push_back(std::move(source));
  return true;
}

// Checks what only the whole command line can tell.
bool finish(SealOptions &o, std::string &why) {
  if (o.name.empty()) why = "name the secret to seal: ssmd sealed-secret seal <name> ...";
  else if (!valid_object_name(o.name))
    why = "`" + o.name + "` is not a Kubernetes object name (lower-case letters, digits, '-' and '.')";
  else if (o.ns.empty() && o.scope != Scope::ClusterWide)
    why = "--namespace is required: a " + std::string(scope_name(o.scope)) + " secret is bound to its namespace";
  else if (!o.ns.empty() && !valid_namespace(o.ns))
    why = "--namespace `" + o.ns + "` is not a Kubernetes namespace (lower-case letters, digits and '-')";
  else if (!o.from_stdin && o.fields.empty())
    why = "name the fields to seal with --field <field>[=<VAR>], or pass --from-stdin";
  else if (o.from_stdin && (o.fields.size() > 1 || (o.fields.size() == 1 && !o.fields[0].variable.empty())))
    why = "with --from-stdin, give at most one --field, without =<VAR>: standard input is then its value";
  else if (o.cert_path.empty())
    why = std::string("pass the controller's certificate with --cert <file> or set ") + kCertVariable;
  if (!why.empty()) return false;
  if (!o.from_stdin)
    for (auto &f : o.fields)
      if (f.variable.empty()) f.variable = env::secret_variable_name(o.name, f.field);
  return true;
}
} // namespace

std::optional<SealOptions> parse_seal_options(const std::vector<std::string> &args, std::string &why) {
  SealOptions o;
  if (const char *cert = std::getenv(kCertVariable)) o.cert_path = cert;
  for (size_t i = 0; i < args.size(); ++i) {
    std::string arg = args[i], value;
    bool inline_value = false;
    if (arg.starts_with("--") && arg.find('=') != std::string::npos) {
      value = arg.substr(arg.find('=') + 1);
      arg = arg.substr(0, arg.find('='));
      inline_value = true;
    }
    auto take = [&]() -> bool {
      if (inline_value) return true;
      if (i + 1 >= args.size()) {
        why = arg + " needs a value";
        return false;
      }
      value = args[++i];
      return true;
    };
    if (arg == "-h" || arg == "--help") {
      o.help = true;
      return o;
    } else if (arg == "-n" || arg == "--namespace") {
      if (!take()) return std::nullopt;
      o.ns = value;
    } else if (arg == "--scope") {
      if (!take()) return std::nullopt;
      auto scope = parse_scope(value);
      if (!scope) {
        why = "--scope must be one of: strict, namespace-wide, cluster-wide";
        return std::nullopt;
      }
      o.scope = *scope;
    } else if (arg == "--cert") {
      if (!take()) return std::nullopt;
      o.cert_path = value;
    } else if (arg == "--field") {
      if (!take() || !parse_field(value, o, why)) return std::nullopt;
    } else if (arg == "-o" || arg == "--output") {
      if (!take()) return std::nullopt;
      o.output = value;
    } else if (arg == "--from-stdin" && !inline_value) {
      o.from_stdin = true;
    } else if (arg == "--force" && !inline_value) {
      o.force = true;
    } else if (arg.starts_with("-")) {
      why = "unknown option " + arg;
      return std::nullopt;
    } else if (o.name.empty()) {
      o.name = arg;
    } else {
      // Not echoed: a stray argument may be a value typed where it does not belong.
      why = "seal takes one secret name; values come from variables or standard input, never from arguments";
      return std::nullopt;
    }
  }
  if (!finish(o, why)) return std::nullopt;
  return o;
}

} // namespace ssmd::sealed
