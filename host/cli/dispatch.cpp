#include "cli/dispatch.hpp"

#include "cli/command_table.hpp"
#include "cli/command_tree.hpp"
#include "cli/global_options.hpp"
#include "cli/plugin_commands.hpp"
#include "config/config.hpp"
#include "core/errors.hpp"
#include "core/printable.hpp"
#include "core/suggest.hpp"
#include "plugins/plugin_manager.hpp"
#include "version.hpp"

#include <iostream>
#include <set>

namespace fs = std::filesystem;

namespace ssmd {

namespace {


// The built-in whose path matches the most leading words, and how many words it took.
const Command *match(const std::vector<std::string> &words, size_t &taken) {
  const Command *best = nullptr;
  taken = 0;
  for (const auto &command : builtin_commands()) {
    auto path = path_words(command.path);
    if (path.size() > words.size() || path.size() <= taken) continue;
    if (std::equal(path.begin(), path.end(), words.begin())) {
      best = &command;
      taken = path.size();
    }
  }
  return best;
}

// Command groups ("feed", "schema", ...) and top-level commands, for suggestions.
std::vector<std::string> first_words() {
  std::set<std::string> out;
  for (const auto &command : builtin_commands())
    if (!is_hidden(command)) out.insert(path_words(command.path)[0]);
  return {out.begin(), out.end()};
}

std::vector<std::string> second_words(const std::string &group) {
  std::vector<std::string> out;
  for (const auto &command : builtin_commands()) {
    auto path = path_words(command.path);
    if (path.size() > 1 && path[0] == group && !is_hidden(command)) out.push_back(path[1]);
  }
  return out;
}

fs::path executable_path(const std::string &argv0) {
  std::error_code ec;
  fs::path self = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) return self;
  return fs::absolute(argv0, ec);
}

// Host settings that choose code or where data goes, read from trusted layers only (see config.hpp). A
// repository file that sets one is named in a warning, so a user who put it there learns where it belongs.
constexpr const char *k_trusted_only_keys[] = {"plugin_path"};

// Applies configured defaults that every command shares, and reports a broken configuration file once.
void apply_configuration(Context &ctx) {
  Config &config = ctx.config();
  for (const auto &d : config.diagnostics()) std::cerr << "ssmd: warning: ignoring configuration: " << format_diagnostic(d) << "\n";
  for (const char *key : k_trusted_only_keys) {
    if (auto origin = config.untrusted_origin(key)) {
      auto user = Config::user_file();
      std::cerr << "ssmd: warning: ignoring '" << key << "' at " << *origin
                << ": a repository's files cannot choose which plugins run; set it in "
                << (user ? user->string() : std::string("your user configuration")) << ", with --plugin-path or SSMD_PLUGIN_PATH\n";
    }
  }
  if (auto output = config.scalar("output")) {
    if (*output == "json") set_default_output(OutputFormat::Json);
    else if (*output == "text") set_default_output(OutputFormat::Text);
    else std::cerr << "ssmd: warning: configuration 'output' must be text or json, not '" << *output << "'\n";
  }
}

// The "Plugin commands" section of `ssmd --help`, from manifests: no plugin is loaded to print it.
void print_plugin_commands(Context &ctx, std::ostream &out) {
  size_t unavailable = 0;
  std::string error;
  auto commands = plugin_commands(ctx, unavailable, error);
  if (!commands.empty()) {
    out << "\nPlugin commands:\n";
    size_t width = 0;
    for (const auto &c : commands) width = std::max(width, c.name.size());
    for (const auto &c : commands)
      out << "  " << c.name << std::string(width - c.name.size() + 2, ' ') << c.summary << "  [" << c.plugin << "]\n";
  }
  if (!error.empty()) out << "\nPlugin commands are unavailable: " << error << "\n";
  if (unavailable > 0)
    out << "\n" << unavailable << (unavailable == 1 ? " plugin" : " plugins")
        << " cannot be used; run 'ssmd plugin list' to see why.\n";
}

} // namespace

void print_help(Context &ctx, std::ostream &out, const std::string &group) {
  if (group.empty()) {
    out << "ssmd " << kVersion << " - git-native metadata for market-data platforms\n\n"
        << "Usage: ssmd [global options] <command> [<args>]\n\nCommands:\n";
  } else {
    out << "Usage: ssmd " << group << " <command> [<args>]\n\nCommands:\n";
  }
  size_t width = 0;
  for (const auto &command : builtin_commands())
    if (!is_hidden(command) && (group.empty() || path_words(command.path)[0] == group))
      width = std::max(width, std::string(command.path).size());
  for (const auto &command : builtin_commands()) {
    if (is_hidden(command) || (!group.empty() && path_words(command.path)[0] != group)) continue;
    std::string path = command.path;
    out << "  " << path << std::string(width - path.size() + 2, ' ') << command.summary << "\n";
  }
  if (group.empty()) print_plugin_commands(ctx, out);
  out << "\n" << global_options_help() << "\nRun 'ssmd <command> --help' for a command's flags. Exit codes: 0 ok, "
      << "1 validation or domain failure, 2 usage error, 3 environment error.\n";
}

int dispatch_words(Context &ctx, const std::vector<std::string> &words) {
  if (words.empty() || words[0] == "-h" || words[0] == "--help") {
    print_help(ctx, std::cout);
    return words.empty() ? kExitUsage : kExitOk;
  }
  if (words[0] == "--version") {
    std::cout << "ssmd " << kVersion << " (plugin ABI " << kAbiVersion << ")\n";
    return kExitOk;
  }
  if (words[0].starts_with("-")) {
    throw UsageError("unknown global flag '" + words[0] + "'; run 'ssmd --help'");
  }

  size_t taken = 0;
  if (const Command *command = match(words, taken)) {
    // A folder named by --repo or SSMD_REPO must be a repository, whatever the command: `init` alone creates
    // one, and the hidden commands run by completion scripts and the build must not fail over it.
    std::string origin;
    if (command->repo == RepoFlag::MustName && ctx.explicit_repo(origin)) ctx.find_repo_root();
    Args rest(words.begin() + static_cast<long>(taken), words.end());
    return command->run(ctx, rest);
  }

  // A group without a (known) subcommand.
  auto subs = second_words(words[0]);
  if (!subs.empty()) {
    if (words.size() == 1 || words[1] == "--help" || words[1] == "-h") {
      print_help(ctx, std::cout, words[0]);
      return words.size() == 1 ? kExitUsage : kExitOk;
    }
    std::string message = "unknown command 'ssmd " + words[0] + " " + words[1] + "'";
    if (auto near = closest(words[1], subs)) message += "; did you mean 'ssmd " + words[0] + " " + *near + "'?";
    throw UsageError(message);
  }

  // A command a plugin adds; its arguments, --help included, are the plugin's to parse.
  if (auto code = run_plugin_command(ctx, words)) return *code;

  std::string message = "unknown command '" + words[0] + "'";
  auto candidates = first_words();
  for (auto &name : plugin_command_names(ctx)) candidates.push_back(name);
  if (auto near = closest(words[0], candidates)) message += "; did you mean '" + *near + "'?";
  message += " (run 'ssmd --help' for the list)";
  // A plugin refused as unsafe was never read, so the command may be one of its own: say so.
  try {
    if (std::string note = unread_plugins_note(ctx.plugins().plugins()); !note.empty())
      message += "; a refused plugin may provide it" + note;
  } catch (const CommandError &) {
  }
  throw UsageError(message);
}

int dispatch(const std::string &argv0, const std::vector<std::string> &argv) {
  try {
    ParsedCommandLine parsed = extract_global_options(argv);
    Context ctx(parsed.global, executable_path(argv0), builtin_commands());
    apply_configuration(ctx);
    return dispatch_words(ctx, parsed.words);
  } catch (const CommandError &e) {
    // Messages quote arguments and file contents: bytes that are not UTF-8 and control characters are escaped.
    std::cerr << "ssmd: " << printable_lines(e.what()) << "\n";
    return e.code();
  } catch (const std::exception &e) {
    std::cerr << "ssmd: " << printable_lines(e.what()) << "\n";
    return kExitEnvironment;
  }
}

} // namespace ssmd
