// ssmd help [COMMAND... | TOPIC]: `ssmd help feed show` is `ssmd feed show --help`; `ssmd help exit-codes`
// prints a help topic (an embedded docs/*.md page); `ssmd help` alone lists the commands and the topics.
#include "cli/dispatch.hpp"
#include "commands/commands.hpp"

#include "cli/command_tree.hpp"
#include "cli/suggest.hpp"
#include "core/errors.hpp"
#include "help/topics.hpp"
#include "plugins/plugin_manager.hpp"

#include <algorithm>
#include <iostream>

namespace ssmd {

namespace {

// Built-in groups and top-level commands, and the commands plugins declare in their manifests.
std::vector<std::string> command_words(Context &ctx) {
  auto words = top_words();
  try {
    for (const auto &plugin : ctx.plugins().plugins())
      for (const auto &command : plugin.manifest.commands) words.push_back(command.name);
  } catch (const std::exception &) {
    // The command's own --help reports a broken plugin setup.
  }
  return words;
}

void print_topics(std::ostream &out) {
  const auto &topics = help_topics();
  if (topics.empty()) return;
  size_t width = 0;
  for (const auto &topic : topics) width = std::max(width, topic.name.size());
  out << "\nHelp topics (ssmd help TOPIC):\n";
  for (const auto &topic : topics)
    out << "  " << topic.name << std::string(width - topic.name.size() + 2, ' ') << topic.title << "\n";
}

} // namespace

int run_help(Context &ctx, const Args &args) {
  CommandLine cl;
  cl.usage = "ssmd help [COMMAND... | TOPIC]";
  cl.options.add_options()("topic", po::value<std::vector<std::string>>()->value_name("TOPIC"),
                           "a command, a command group or a help topic");
  cl.positional.add("topic", -1);
  auto vm = parse_args("help", cl, args);
  if (!vm) return kExitOk;
  std::vector<std::string> words;
  if (vm->count("topic")) words = (*vm)["topic"].as<std::vector<std::string>>();
  if (words.empty()) {
    print_help(ctx, std::cout);
    print_topics(std::cout);
    return kExitOk;
  }
  // A command wins over a topic of the same name: `ssmd help feed` is the feed group's help.
  auto commands = command_words(ctx);
  if (std::find(commands.begin(), commands.end(), words[0]) == commands.end()) {
    if (const HelpTopic *topic = find_help_topic(words[0]); topic && words.size() == 1) {
      std::cout << topic->text;
      if (!topic->text.ends_with('\n')) std::cout << '\n';
      return kExitOk;
    }
    auto candidates = commands;
    for (const auto &topic : help_topics()) candidates.push_back(topic.name);
    std::string message = "no help topic or command '" + words[0] + "'";
    if (auto near = closest(words[0], candidates)) message += "; did you mean '" + *near + "'?";
    throw UsageError(message + " (run 'ssmd help' for the list)");
  }
  words.push_back("--help");
  return dispatch_words(ctx, words);
}

} // namespace ssmd
