#include "cli/command.hpp"

#include "cli/command_table.hpp"
#include "cli/suggest.hpp"
#include "core/date.hpp"
#include "core/errors.hpp"

#include <algorithm>
#include <cctype>
#include <iostream>

namespace ssmd {

void add_output_option(CommandLine &cl) {
  cl.options.add_options()("output,o", po::value<std::string>()->default_value("text")->value_name("FORMAT"),
                           "output format: text or json");
}

namespace {
OutputFormat g_default_output = OutputFormat::Text;
} // namespace

void set_default_output(OutputFormat format) { g_default_output = format; }

OutputFormat output_format(const po::variables_map &vm) {
  if (!vm.count("output") || vm["output"].defaulted()) return g_default_output;
  const auto &value = vm["output"].as<std::string>();
  if (value == "text" || value == "table") return OutputFormat::Text;
  if (value == "json") return OutputFormat::Json;
  throw UsageError("--output must be text or json, not '" + value + "'");
}

namespace {
std::vector<std::string> long_names(const po::options_description &options) {
  std::vector<std::string> names;
  for (const auto &option : options.options()) names.push_back("--" + option->long_name());
  return names;
}

// The option names that positional arguments fill, in order ("name" for `ssmd feed show NAME`).
std::vector<std::string> positional_names(const po::positional_options_description &positional) {
  std::vector<std::string> names;
  // An unbounded last argument (ARGS...) reports a huge count and repeats its name; 16 covers every command.
  for (unsigned i = 0; i < positional.max_total_count() && i < 16; ++i) {
    const std::string &name = positional.name_for_position(i);
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
  }
  return names;
}

// How the usage line shows a positional argument: the value name its author gave (ENV, NAME:VERSION), else
// the option's name in capitals.
std::string placeholder(const po::option_description &option) {
  std::string name = option.semantic()->name();
  if (!name.empty() && name != "arg") return name;
  name = option.long_name();
  for (auto &c : name) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return name;
}
} // namespace

void print_help(std::ostream &out, const Command &command, const CommandLine &cl) {
  out << "Usage: " << cl.usage << "\n\n" << command.summary << "\n\n";
  // Positional arguments are options to boost (that is how it fills them), but a reader knows them by
  // their placeholder: they get their own section instead of reading as `--name arg` among the flags.
  const std::vector<std::string> positional = positional_names(cl.positional);
  po::options_description flags("Options");
  std::vector<std::pair<std::string, std::string>> arguments;
  for (const auto &option : cl.options.options()) {
    if (std::find(positional.begin(), positional.end(), option->long_name()) != positional.end())
      arguments.emplace_back(placeholder(*option), option->description());
    else
      flags.add(option);
  }
  if (!arguments.empty()) {
    size_t width = 0;
    for (const auto &[name, description] : arguments) width = std::max(width, name.size());
    out << "Arguments:\n";
    for (const auto &[name, description] : arguments)
      out << "  " << name << std::string(width - name.size() + 2, ' ') << description << "\n";
    out << "\n";
  }
  out << flags;
}

std::optional<po::variables_map> parse_args(const Command &command, CommandLine &cl, const Args &args) {
  cl.options.add_options()("help,h", "show this help");
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args)
                  .options(cl.options)
                  .positional(cl.positional)
                  .style(po::command_line_style::unix_style ^ po::command_line_style::allow_guessing)
                  .run(),
              vm);
    if (vm.count("help")) {
      print_help(std::cout, command, cl);
      return std::nullopt;
    }
    po::notify(vm);
  } catch (const po::unknown_option &e) {
    std::string flag = e.get_option_name();
    std::string message = "unknown flag '" + flag + "' for 'ssmd " + command.path + "'";
    if (auto near = closest(flag, long_names(cl.options))) message += "; did you mean '" + *near + "'?";
    throw UsageError(message);
  } catch (const po::too_many_positional_options_error &) {
    throw UsageError("too many arguments for 'ssmd " + std::string(command.path) + "'; usage: " + cl.usage);
  } catch (const po::required_option &e) {
    std::string name = e.get_option_name();
    // Positional arguments are reported by their placeholder rather than as a flag.
    for (const auto &positional : positional_names(cl.positional))
      if ("--" + positional == name) throw UsageError("missing argument " + positional + "; usage: " + cl.usage);
    throw UsageError("missing required flag " + name + "; usage: " + cl.usage);
  } catch (const po::error &e) {
    throw UsageError(std::string(e.what()) + "; usage: " + cl.usage);
  }
  return vm;
}

std::optional<po::variables_map> parse_args(std::string_view path, CommandLine &cl, const Args &args) {
  for (const auto &command : builtin_commands())
    if (path == command.path) return parse_args(command, cl, args);
  throw std::logic_error("no built-in command '" + std::string(path) + "'");
}

std::string date_arg(const po::variables_map &vm, const std::string &flag) {
  const auto &text = vm[flag].as<std::string>();
  if (!Date::parse(text))
    throw UsageError("--" + flag + " takes a calendar date YYYY-MM-DD, not '" + text + "'");
  return text;
}

} // namespace ssmd
