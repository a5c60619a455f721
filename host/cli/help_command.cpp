// ssmd help [COMMAND... | TOPIC]: `ssmd help feed show` is `ssmd feed show --help`; `ssmd help exit-codes`
// prints a help topic (an embedded docs/*.md page); `ssmd help` alone lists the commands and the topics.
// A command wins over a topic of the same name (`ssmd help data` is the data group); `--topic NAME` reaches
// the topic, and the command's help points to it.
#include "cli/help_commands.hpp"

#include "cli/command_tree.hpp"
#include "cli/dispatch.hpp"
#include "core/errors.hpp"
#include "core/suggest.hpp"
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

void print_topic(const HelpTopic &topic) {
  std::cout << topic.text;
  if (!topic.text.ends_with('\n')) std::cout << '\n';
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

CommandSpec describe_help(Context &) {
  return synopsis("ssmd help [COMMAND... | TOPIC] [--topic TOPIC]",
                  {remaining_arguments("command", "COMMAND", "a command, a command group or a help topic (the words after help)").naming(Names::CommandOrTopic),
                   option("topic", "TOPIC", "the help topic of that name, also where a command has the same name")});
}

int run_help(Context &ctx, const Args &args) {
  auto vm = parse_args(ctx, "help", args);
  if (!vm) return kExitOk;
  std::vector<std::string> words;
  if (vm->count("command")) words = (*vm)["command"].as<std::vector<std::string>>();
  std::vector<std::string> topic_names;
  for (const auto &topic : help_topics()) topic_names.push_back(topic.name);
  if (vm->count("topic")) {
    if (!words.empty()) throw UsageError("help takes a command or --topic TOPIC, not both");
    const std::string name = (*vm)["topic"].as<std::string>();
    const HelpTopic *topic = find_help_topic(name);
    if (!topic) {
      std::string message = "no help topic '" + name + "'";
      if (auto near = closest(name, topic_names)) message += "; did you mean '" + *near + "'?";
      throw UsageError(message + " (run 'ssmd help' for the list)");
    }
    print_topic(*topic);
    return kExitOk;
  }
  if (words.empty()) {
    print_help(ctx, std::cout);
    print_topics(std::cout);
    return kExitOk;
  }
  auto commands = command_words(ctx);
  const HelpTopic *topic = words.size() == 1 ? find_help_topic(words[0]) : nullptr;
  if (std::find(commands.begin(), commands.end(), words[0]) == commands.end()) {
    if (topic) {
      print_topic(*topic);
      return kExitOk;
    }
    auto candidates = commands;
    candidates.insert(candidates.end(), topic_names.begin(), topic_names.end());
    std::string message = "no help topic or command '" + words[0] + "'";
    if (auto near = closest(words[0], candidates)) message += "; did you mean '" + *near + "'?";
    throw UsageError(message + " (run 'ssmd help' for the list)");
  }
  words.push_back("--help");
  int status = dispatch_words(ctx, words);
  if (topic && status == kExitOk)
    std::cout << "\nThere is also a help topic '" << topic->name << "' (" << topic->title << "): ssmd help --topic "
              << topic->name << "\n";
  return status;
}

} // namespace ssmd
