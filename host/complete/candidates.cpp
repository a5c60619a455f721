#include "complete/candidates.hpp"

#include "core/errors.hpp"

#include "cli/command_tree.hpp"
#include "cli/global_options.hpp"
#include "complete/values.hpp"
#include "help/topics.hpp"
#include "plugins/plugin_manager.hpp"

#include <algorithm>
#include <memory>

namespace ssmd::complete {

namespace {

// What the words before the cursor say.
struct Line {
  std::vector<std::string> positionals;  // the words that are neither flags nor flag values
  const Command *command = nullptr;      // the built-in they select, if any
  size_t taken = 0;                      // how many positionals its path took
  std::optional<CommandSpec> help;       // its description
  bool plugin_command = false;           // the first positional is a command a plugin adds
  bool after_separator = false;          // a `--` came before the cursor: the rest belongs to another program
  const OptionSpec *pending = nullptr;   // the flag whose value is the word at the cursor
};

// The flag `word` ("--as-of", "-o") names among the command's flags and the global ones.
const OptionSpec *find_flag(const Line &line, std::string_view word) {
  std::string_view name = word.substr(word.starts_with("--") ? 2 : 1);
  if (line.help)
    if (const OptionSpec *option = line.help->find(name); option && !option->positional) return option;
  for (const auto &option : global_option_specs())
    if (option.long_name == name || (!option.short_name.empty() && option.short_name == name)) return &option;
  return nullptr;
}

std::vector<std::string> plugin_commands(Context &ctx) {
  std::vector<std::string> out;
  try {
    for (const auto &plugin : ctx.plugins().plugins())
      for (const auto &command : plugin.manifest.commands) out.push_back(command.name);
  } catch (const std::exception &) {
    // Completion offers what it can; the command itself reports a broken plugin setup.
  }
  return out;
}

// Takes note of the command the positionals select so far (a longer path wins: "feed" then "feed show").
void resolve(Context &ctx, Line &line) {
  size_t taken = 0;
  const Command *command = match_visible(line.positionals, taken);
  if (command && taken > line.taken) {
    line.command = command;
    line.taken = taken;
    line.help = describe(ctx, *command);
  } else if (!line.command && line.positionals.size() == 1) {
    auto names = plugin_commands(ctx);
    line.plugin_command = std::find(names.begin(), names.end(), line.positionals[0]) != names.end();
  }
}

Line analyse(Context &ctx, const std::vector<std::string> &words, size_t cword) {
  Line line;
  for (size_t i = 1; i < cword && i < words.size(); ++i) {
    const std::string &word = words[i];
    if (line.after_separator) continue;
    if (line.pending) {
      line.pending = nullptr;
      continue;
    }
    if (word == "--") {
      line.after_separator = true;
    } else if (word.size() > 1 && word[0] == '-') {
      const OptionSpec *option = word.find('=') == std::string::npos ? find_flag(line, word) : nullptr;
      if (option && option->takes_value()) line.pending = option;
    } else {
      line.positionals.push_back(word);
      if (!line.plugin_command) resolve(ctx, line);
    }
  }
  return line;
}

// The second words under `word` ("show" and "list" under "feed").
std::vector<std::string> subcommands(std::string_view word) {
  std::vector<std::string> out;
  for (const Command *command : commands_under(word)) {
    auto path = path_words(command->path);
    if (path.size() > 1) out.push_back(path[1]);
  }
  return out;
}

std::vector<std::string> first_words(Context &ctx) {
  auto out = top_words();
  for (auto &name : plugin_commands(ctx)) out.push_back(std::move(name));
  return out;
}

// `ssmd help WORDS`: a command path, as on the command line itself, or a topic.
std::vector<std::string> help_arguments(Context &ctx, const std::vector<std::string> &args) {
  if (args.size() == 1) return subcommands(args[0]);
  if (!args.empty()) return {};
  auto out = first_words(ctx);
  for (const auto &topic : help_topics()) out.push_back(topic.name);
  return out;
}

std::vector<std::string> flags(const Line &line) {
  std::vector<std::string> out;
  if (line.help)
    for (const OptionSpec *option : line.help->flags())
      if (!option->long_name.empty()) out.push_back("--" + option->long_name);
  bool first_word = line.positionals.empty();
  for (const auto &option : global_option_specs())
    if (!option.long_name.empty() && (first_word || option.long_name != "version")) out.push_back("--" + option.long_name);
  return out;
}

std::vector<std::string> at_cursor(Context &ctx, const Line &line, const std::string &cur) {
  std::optional<std::filesystem::path> root;
  try {
    root = ctx.find_repo_root();
  } catch (const CommandError &) {
    // --repo names no repository: complete without its names rather than print into the shell.
  }
  RepoNames repo(root);
  if (line.after_separator) return {};
  if (line.pending) return values_for(flag_value(*line.pending), ctx, repo, cur);
  if (cur.starts_with("-")) {
    size_t equals = cur.find('=');
    if (equals == std::string::npos) return flags(line);
    std::vector<std::string> out;
    std::string flag = cur.substr(0, equals);
    if (const OptionSpec *option = find_flag(line, flag); option && option->takes_value())
      for (const auto &value : values_for(flag_value(*option), ctx, repo, cur.substr(equals + 1)))
        out.push_back(flag + "=" + value);
    return out;
  }
  if (line.plugin_command) return {};
  std::vector<std::string> out;
  if (line.positionals.size() == 1) out = subcommands(line.positionals[0]);
  if (!line.command) {
    if (line.positionals.empty()) out = first_words(ctx);
    return out;
  }
  std::vector<std::string> args(line.positionals.begin() + static_cast<long>(line.taken), line.positionals.end());
  if (positional_value(*line.help, 0).kind == ValueKind::CommandOrTopic && args.size() <= 1) {
    for (auto &word : help_arguments(ctx, args)) out.push_back(std::move(word));
    return out;
  }
  for (auto &value : values_for(positional_value(*line.help, args.size()), ctx, repo, cur))
    out.push_back(std::move(value));
  return out;
}

} // namespace

std::vector<std::string> candidates(Context &ctx, const std::vector<std::string> &words, size_t cword) {
  // Global flags typed on the line being completed (`ssmd --repo X feed show <TAB>`) apply to it.
  std::unique_ptr<Context> scoped;
  try {
    std::vector<std::string> before;
    for (size_t i = 1; i < std::min(cword, words.size()); ++i) before.push_back(words[i]);
    ParsedCommandLine parsed = extract_global_options(before);
    if (parsed.words.size() != before.size()) {
      GlobalOptions options = ctx.options();
      if (parsed.global.repo) options.repo = parsed.global.repo;
      if (parsed.global.plugins) options.plugins = parsed.global.plugins;
      options.locked = options.locked || parsed.global.locked;
      options.plugin_path.insert(options.plugin_path.begin(), parsed.global.plugin_path.begin(),
                                 parsed.global.plugin_path.end());
      scoped = std::make_unique<Context>(std::move(options), ctx.executable(), ctx.commands());
    }
  } catch (const std::exception &) {
    // An unfinished global flag (`--repo` as the last word): keep the context ssmd was started with.
  }
  Context &use = scoped ? *scoped : ctx;
  std::string cur = cword < words.size() ? words[cword] : "";
  Line line = analyse(use, words, cword);
  std::vector<std::string> out;
  for (auto &candidate : at_cursor(use, line, cur))
    if (candidate.starts_with(cur)) out.push_back(std::move(candidate));
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

} // namespace ssmd::complete
