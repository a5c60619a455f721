#include "cli/global_options.hpp"

#include "core/errors.hpp"
#include "registry/change.hpp"

#include <ssmd/env.hpp>

#include <cstdlib>
#include <sstream>

namespace ssmd {

namespace {
std::vector<std::string> split(const std::string &text, char sep) {
  std::vector<std::string> out;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, sep))
    if (!item.empty()) out.push_back(item);
  return out;
}

ColorMode parse_color(const std::string &value) {
  if (value == "auto") return ColorMode::Auto;
  if (value == "always") return ColorMode::Always;
  if (value == "never") return ColorMode::Never;
  throw UsageError("--color must be auto, always or never, not '" + value + "'");
}
} // namespace

ParsedCommandLine extract_global_options(const std::vector<std::string> &argv) {
  ParsedCommandLine out;
  std::optional<std::string> plugins_flag;
  bool after_separator = false;
  for (size_t i = 0; i < argv.size(); ++i) {
    const std::string &arg = argv[i];
    if (after_separator) {
      out.words.push_back(arg);
      continue;
    }
    if (arg == "--") {
      after_separator = true;
      out.words.push_back(arg);
      continue;
    }
    // Flags that take a value: `--flag VALUE` or `--flag=VALUE`.
    auto value_of = [&](const std::string &flag) -> std::optional<std::string> {
      if (arg == flag) {
        if (i + 1 >= argv.size()) throw UsageError(flag + " needs a value");
        return argv[++i];
      }
      if (arg.rfind(flag + "=", 0) == 0) return arg.substr(flag.size() + 1);
      return std::nullopt;
    };
    if (auto v = value_of("--repo")) {
      out.global.repo = *v;
    } else if (auto v = value_of("--plugin-path")) {
      for (auto &dir : split(*v, ':')) out.global.plugin_path.push_back(dir);
    } else if (auto v = value_of("--plugins")) {
      plugins_flag = *v;
    } else if (auto v = value_of("--color")) {
      out.global.color = parse_color(*v);
      out.global.overrides.push_back({"color", *v, "flag --color"});
    } else if (arg == "--locked") {
      out.global.locked = true;
    } else {
      out.words.push_back(arg);
    }
  }
  if (const char *env = std::getenv("SSMD_PLUGIN_PATH"))
    for (auto &dir : split(env, ':')) out.global.plugin_path.push_back(dir);
  if (!out.global.plugin_path.empty()) {
    std::string list = "[";
    for (const auto &dir : out.global.plugin_path) list += (list.size() > 1 ? ", \"" : "\"") + dir + "\"";
    out.global.overrides.push_back({"plugin_path", list + "]", "flag --plugin-path / env SSMD_PLUGIN_PATH"});
  }
  if (const char *env = std::getenv("SSMD_OUTPUT"); env && *env)
    out.global.overrides.push_back({"output", env, "env SSMD_OUTPUT"});
  if (!plugins_flag)
    if (const char *env = std::getenv("SSMD_PLUGINS")) plugins_flag = env;
  if (plugins_flag) out.global.plugins = split(*plugins_flag, ',');
  // SSMD_LOCKED=true is what a CI file writes: read as every boolean variable is (ssmd/env.hpp), and a value
  // that is neither on nor off is a usage error rather than a silently unlocked run.
  std::string error;
  auto locked = env::boolean_variable("SSMD_LOCKED", false, error);
  if (!locked) throw UsageError(error);
  if (*locked) out.global.locked = true;
  // Numeric variables are checked up front too, so a malformed one fails every command alike, not only
  // the command that happens to read it.
  registry::lock_wait();
  return out;
}

std::string global_options_help() {
  return "Global options (anywhere before --):\n"
         "  --repo DIR            the metadata repository (default: SSMD_REPO, else the nearest parent\n"
         "                        directory holding exchanges/)\n"
         "  --plugin-path DIRS    extra plugin directories, colon-separated (also SSMD_PLUGIN_PATH)\n"
         "  --plugins A,B         allow only these plugins to load (also SSMD_PLUGINS)\n"
         "  --locked              load only plugins pinned in ssmd-plugins.lock, hash-checked before\n"
         "                        opening (also SSMD_LOCKED=1, true, yes or on)\n"
         "  --color WHEN          auto, always or never (NO_COLOR is honoured)\n"
         "  -h, --help            help for ssmd or for a command\n"
         "  --version             print the version\n";
}

} // namespace ssmd
