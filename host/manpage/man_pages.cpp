#include "manpage/man_pages.hpp"

#include "cli/command_tree.hpp"
#include "cli/global_options.hpp"
#include "help/topics.hpp"
#include "manpage/roff.hpp"
#include "version.hpp"

#include <algorithm>
#include <cctype>

namespace ssmd {

namespace {

std::string upper(std::string s) {
  for (auto &c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// ".TH SSMD-FEED 1 ..." with no date, so that the same sources always give the same pages. No hyphenation
// and a ragged right margin: flags and command names must come out whole, as they are typed.
std::string header(const std::string &name) {
  return ".TH " + upper(roff::escape(name)) + " 1 \"\" \"ssmd " + std::string(kVersion) + "\" \"ssmd Manual\"\n.nh\n.ad l\n";
}

// "\fB\-o\fR, \fB\-\-output\fR \fIFORMAT\fR": how an option is written at the head of its entry.
std::string option_head(const OptionSpec &option) {
  if (option.positional) return "\\fI" + roff::escape(option.value_name) + "\\fR";
  std::string head;
  if (!option.short_name.empty()) head += "\\fB\\-" + roff::escape(option.short_name) + "\\fR";
  if (!option.long_name.empty()) head += std::string(head.empty() ? "" : ", ") + "\\fB\\-\\-" + roff::escape(option.long_name) + "\\fR";
  if (option.takes_value()) head += " \\fI" + roff::escape(option.value_name) + "\\fR";
  return head;
}

std::string option_entry(const OptionSpec &option) {
  std::string body = option.description;
  if (!option.default_value.empty() && !option.positional) body += " (default: " + option.default_value + ")";
  return ".TP\n" + option_head(option) + "\n" + roff::escape(body) + "\n";
}

// Text whose paragraphs are separated by blank lines, as .PP paragraphs.
std::string paragraphs(const std::string &text) {
  std::string out = ".PP\n";
  for (size_t pos = 0; pos < text.size();) {
    size_t end = text.find("\n\n", pos);
    if (end == std::string::npos) end = text.size();
    out += (pos ? ".PP\n" : "") + roff::escape(text.substr(pos, end - pos)) + "\n";
    pos = end + 2;
  }
  return out;
}

// One command: its summary, its arguments and its options.
std::string command_body(const CommandSpec &help) {
  std::string out = paragraphs(help.summary);
  out += ".PP\nUsage: \\fB" + roff::escape(help.usage) + "\\fR\n";
  if (auto args = help.positionals(); !args.empty()) {
    out += ".PP\nArguments:\n.RS 4\n";
    for (const OptionSpec *arg : args) out += option_entry(*arg);
    out += ".RE\n";
  }
  if (auto flags = help.flags(); !flags.empty()) {
    out += ".PP\nOptions:\n.RS 4\n";
    for (const OptionSpec *flag : flags) out += option_entry(*flag);
    out += ".RE\n";
  }
  return out;
}

std::string page_name(const std::string &word) { return "ssmd-" + word; }

ManPage group_page(Context &ctx, const std::string &word) {
  auto commands = commands_under(word);
  std::vector<CommandSpec> helps;
  for (const Command *command : commands) helps.push_back(describe(ctx, *command));
  bool single = commands.size() == 1 && path_words(commands[0]->path).size() == 1;
  std::string name = page_name(word);
  std::string out = header(name) + ".SH NAME\n" + roff::escape(name) + " \\- ";
  if (single) {
    out += roff::escape(commands[0]->summary) + "\n";
  } else {
    std::string list;
    for (const Command *command : commands) list += (list.empty() ? "" : ", ") + path_words(command->path).back();
    out += roff::escape("the 'ssmd " + word + "' commands: " + list) + "\n";
  }
  out += ".SH SYNOPSIS\n.nf\n";
  for (size_t i = 0; i < commands.size(); ++i)
    out += roff::escape(helps[i].usage) + "\n";
  out += ".fi\n";
  if (single) {
    out += ".SH DESCRIPTION\n" + command_body(helps[0]);
  } else {
    out += ".SH COMMANDS\n";
    for (size_t i = 0; i < commands.size(); ++i)
      out += ".SS " + roff::escape("ssmd " + std::string(commands[i]->path)) + "\n" + command_body(helps[i]);
  }
  out += ".SH GLOBAL OPTIONS\nThe global options of \\fBssmd\\fR(1) apply to every command.\n"
         ".SH SEE ALSO\n\\fBssmd\\fR(1)\n";
  return {name + ".1", out};
}

// A help topic as a section of ssmd(1), when the topic exists.
std::string topic_section(const char *section, const char *topic_name) {
  const HelpTopic *topic = find_help_topic(topic_name);
  if (!topic) return "";
  return std::string(".SH ") + section + "\n" + roff::from_markdown(topic->text) +
         ".PP\nAlso: \\fBssmd help " + roff::escape(topic_name) + "\\fR.\n";
}

ManPage main_page() {
  std::string out = header("ssmd");
  out += ".SH NAME\nssmd \\- git\\-native metadata for market\\-data platforms\n"
         ".SH SYNOPSIS\n.B ssmd\n[\\fIglobal options\\fR] \\fIcommand\\fR [\\fIarguments\\fR]\n"
         ".br\n.B ssmd help\n[\\fIcommand\\fR | \\fItopic\\fR]\n"
         ".SH DESCRIPTION\n\\fBssmd\\fR creates, queries, validates and commits the metadata of market\\-data "
         "platforms: feeds, schemas and environments, kept as YAML files in a git repository. Everything "
         "specific to an exchange, a schema format, a secret backend or a storage service comes from plugins, "
         "which may add commands of their own (\\fBssmd plugin list\\fR shows them).\n"
         ".PP\nEvery command prints its flags with \\fB\\-\\-help\\fR; \\fBssmd help\\fR lists the commands "
         "and the help topics.\n.SH COMMANDS\n";
  for (const Command *command : visible_commands()) {
    std::string word = path_words(command->path).at(0);
    out += ".TP\n\\fBssmd " + roff::escape(command->path) + "\\fR (\\fB" + roff::escape(page_name(word)) + "\\fR(1))\n" +
           roff::escape(command->summary) + "\n";
  }
  out += ".SH GLOBAL OPTIONS\nGlobal options may stand anywhere before \\fB\\-\\-\\fR.\n";
  for (const auto &option : global_option_specs()) out += option_entry(option);
  out += topic_section("EXIT STATUS", "exit-codes");
  out += topic_section("ENVIRONMENT", "environment");
  out += topic_section("FILES", "files");
  out += ".SH SEE ALSO\n";
  std::string see_also;
  for (const auto &word : top_words()) see_also += (see_also.empty() ? "" : ",\n") + ("\\fB" + roff::escape(page_name(word)) + "\\fR(1)");
  out += see_also + "\n.PP\nHelp topics (\\fBssmd help\\fR \\fItopic\\fR):";
  for (const auto &topic : help_topics()) out += " " + roff::escape(topic.name);
  out += ".\n";
  return {"ssmd.1", out};
}

} // namespace

std::vector<ManPage> render_man_pages(Context &ctx) {
  std::vector<ManPage> pages{main_page()};
  for (const auto &word : top_words()) pages.push_back(group_page(ctx, word));
  return pages;
}

} // namespace ssmd
