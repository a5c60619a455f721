#include "cli/global_options.hpp"

#include "core/errors.hpp"
#include "core/split.hpp"
#include "registry/change.hpp"

#include <ssmd/env.hpp>

#include <cstdlib>
#include <sstream>

namespace ssmd {

namespace {
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
      for (auto &dir : split_skipping_empty(*v, ':')) out.global.plugin_path.push_back(dir);
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
    for (auto &dir : split_skipping_empty(env, ':')) out.global.plugin_path.push_back(dir);
  if (!out.global.plugin_path.empty()) {
    std::string list = "[";
    for (const auto &dir : out.global.plugin_path) list += (list.size() > 1 ? ", \"" : "\"") + dir + "\"";
    out.global.overrides.push_back({"plugin_path", list + "]", "flag --plugin-path / env SSMD_PLUGIN_PATH"});
  }
  if (const char *env = std::getenv("SSMD_OUTPUT"); env && *env)
    out.global.overrides.push_back({"output", env, "env SSMD_OUTPUT"});
  if (!plugins_flag)
    if (const char *env = std::getenv("SSMD_PLUGINS")) plugins_flag = env;
  if (plugins_flag) out.global.plugins = split_skipping_empty(*plugins_flag, ',');
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

const std::vector<OptionSpec> &global_option_specs() {
  static const std::vector<OptionSpec> k_options = {
      option("repo", "DIR", "the metadata repository (default: SSMD_REPO, else the nearest parent directory holding exchanges/)"),
      option("plugin-path", "DIRS", "extra plugin directories, colon-separated (also SSMD_PLUGIN_PATH)"),
      option("plugins", "A,B", "allow only these plugins to load (also SSMD_PLUGINS)"),
      flag("locked", "load only plugins pinned in ssmd-plugins.lock, hash-checked before opening (also SSMD_LOCKED=1, "
                     "true, yes or on)"),
      option("color", "WHEN", "auto, always or never (NO_COLOR is honoured)").with_choices({"auto", "always", "never"}),
      flag("help", "help for ssmd or for a command").with_short("h"),
      flag("version", "print the version"),
  };
  return k_options;
}

namespace {
// Help rows as git prints them: the flag in a 24-column head, the description wrapped at 95 columns beneath
// its own start.
constexpr size_t kHeadWidth = 24;
constexpr size_t kLineWidth = 95;

std::string head_of(const OptionSpec &option) {
  std::string head = option.short_name.empty() ? "" : "-" + option.short_name + ", ";
  head += "--" + option.long_name;
  if (option.takes_value()) head += " " + option.value_name;
  return head;
}

void append_wrapped(std::string &out, const std::string &text) {
  size_t column = kHeadWidth;
  std::stringstream words(text);
  std::string word;
  bool first = true;
  while (words >> word) {
    if (!first && column + 1 + word.size() > kLineWidth) {
      out += "\n" + std::string(kHeadWidth, ' ');
      column = kHeadWidth;
      first = true;
    }
    if (!first) {
      out += ' ';
      ++column;
    }
    out += word;
    column += word.size();
    first = false;
  }
  out += '\n';
}
} // namespace

std::string global_options_help() {
  std::string out = "Global options (anywhere before --):\n";
  for (const auto &option : global_option_specs()) {
    std::string head = "  " + head_of(option);
    out += head + std::string(head.size() + 2 > kHeadWidth ? 2 : kHeadWidth - head.size(), ' ');
    append_wrapped(out, option.description);
  }
  return out;
}

} // namespace ssmd
