#include "cli/command.hpp"

#include "core/date.hpp"
#include "core/errors.hpp"
#include "core/suggest.hpp"

#include <algorithm>
#include <cctype>
#include <iostream>

namespace ssmd {

OptionSpec output_option() {
  return option("output", "FORMAT", "output format: text or json").with_short("o").with_default("text").with_choices({"text", "json"});
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

// Boost's description of the options: positionals are options to it too (that is how it fills them, and why
// `--name X` works where NAME is expected).
po::options_description boost_options(const std::vector<const OptionSpec *> &options) {
  po::options_description out("Options");
  for (const OptionSpec *option : options) {
    std::string names = option->long_name + (option->short_name.empty() ? "" : "," + option->short_name);
    const char *description = option->description.c_str();
    switch (option->type) {
    case ValueType::None:
      out.add_options()(names.c_str(), description);
      continue;
    case ValueType::Text: {
      auto *value = po::value<std::string>()->value_name(option->value_name);
      if (!option->default_value.empty()) value->default_value(option->default_value);
      if (option->required) value->required();
      out.add_options()(names.c_str(), value, description);
      continue;
    }
    case ValueType::TextList: {
      auto *value = po::value<std::vector<std::string>>()->value_name(option->value_name);
      if (option->composing) value->composing();
      if (option->required) value->required();
      out.add_options()(names.c_str(), value, description);
      continue;
    }
    case ValueType::Integer: {
      auto *value = po::value<int>()->value_name(option->value_name);
      if (option->required) value->required();
      out.add_options()(names.c_str(), value, description);
      continue;
    }
    case ValueType::Number: {
      auto *value = po::value<double>()->value_name(option->value_name);
      if (option->required) value->required();
      out.add_options()(names.c_str(), value, description);
      continue;
    }
    }
  }
  return out;
}

std::vector<const OptionSpec *> all_of(const CommandSpec &spec) {
  std::vector<const OptionSpec *> out;
  for (const auto &option : spec.options) out.push_back(&option);
  return out;
}

// `--help` itself, which every command takes and lists last.
const OptionSpec &help_option() {
  static const OptionSpec k_help = flag("help", "show this help").with_short("h");
  return k_help;
}

std::vector<std::string> long_names(const CommandSpec &spec) {
  std::vector<std::string> names;
  for (const auto &option : spec.options) names.push_back("--" + option.long_name);
  names.push_back("--" + help_option().long_name);
  return names;
}

// How the Arguments section shows a positional: its placeholder, with the default it falls back to.
std::string placeholder(const OptionSpec &option) {
  return option.value_name + (option.default_value.empty() ? "" : " (=" + option.default_value + ")");
}
} // namespace

CommandSpec describe(Context &ctx, const Command &command) {
  CommandSpec spec = command.describe(ctx);
  spec.path = command.path;
  spec.summary = command.summary;
  return spec;
}

void print_help(std::ostream &out, const CommandSpec &spec) {
  out << "Usage: " << spec.usage << "\n\n" << spec.summary << "\n\n";
  // A reader knows positional arguments by their placeholder: they get their own section instead of reading as
  // `--name arg` among the flags.
  const auto arguments = spec.positionals();
  if (!arguments.empty()) {
    size_t width = 0;
    for (const OptionSpec *argument : arguments) width = std::max(width, placeholder(*argument).size());
    out << "Arguments:\n";
    for (const OptionSpec *argument : arguments) {
      const std::string name = placeholder(*argument);
      out << "  " << name << std::string(width - name.size() + 2, ' ') << argument->description << "\n";
    }
    out << "\n";
  }
  auto flags = spec.flags();
  flags.push_back(&help_option());
  out << boost_options(flags);
}

std::optional<po::variables_map> parse_args(const CommandSpec &spec, const Args &args) {
  auto with_help = all_of(spec);
  with_help.push_back(&help_option());
  const po::options_description options = boost_options(with_help);
  po::positional_options_description positional;
  for (const OptionSpec *argument : spec.positionals()) positional.add(argument->long_name.c_str(), argument->remaining ? -1 : 1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args)
                  .options(options)
                  .positional(positional)
                  .style(po::command_line_style::unix_style ^ po::command_line_style::allow_guessing)
                  .run(),
              vm);
    if (vm.count("help")) {
      print_help(std::cout, spec);
      return std::nullopt;
    }
    po::notify(vm);
  } catch (const po::unknown_option &e) {
    std::string flag = e.get_option_name();
    std::string message = "unknown flag '" + flag + "' for 'ssmd " + spec.path + "'";
    if (auto near = closest(flag, long_names(spec))) message += "; did you mean '" + *near + "'?";
    throw UsageError(message);
  } catch (const po::too_many_positional_options_error &) {
    throw UsageError("too many arguments for 'ssmd " + spec.path + "'; usage: " + spec.usage);
  } catch (const po::required_option &e) {
    std::string name = e.get_option_name();
    // Positional arguments are reported by their name rather than as a flag.
    for (const OptionSpec *argument : spec.positionals())
      if ("--" + argument->long_name == name)
        throw UsageError("missing argument " + argument->long_name + "; usage: " + spec.usage);
    throw UsageError("missing required flag " + name + "; usage: " + spec.usage);
  } catch (const po::error &e) {
    throw UsageError(std::string(e.what()) + "; usage: " + spec.usage);
  }
  return vm;
}

std::optional<po::variables_map> parse_args(Context &ctx, std::string_view path, const Args &args) {
  for (const auto &command : ctx.commands())
    if (path == command.path) return parse_args(describe(ctx, command), args);
  throw std::logic_error("no built-in command '" + std::string(path) + "'");
}

std::string date_arg(const po::variables_map &vm, const std::string &flag) {
  const auto &text = vm[flag].as<std::string>();
  if (!Date::parse(text))
    throw UsageError("--" + flag + " takes a calendar date YYYY-MM-DD, not '" + text + "'");
  return text;
}

} // namespace ssmd
