#include "cli/command_spec.hpp"

#include <utility>

namespace ssmd {

OptionSpec OptionSpec::with_short(std::string name) const {
  OptionSpec out = *this;
  out.short_name = std::move(name);
  return out;
}

OptionSpec OptionSpec::with_default(std::string value) const {
  OptionSpec out = *this;
  out.default_value = std::move(value);
  return out;
}

OptionSpec OptionSpec::with_choices(std::vector<std::string> values) const {
  OptionSpec out = *this;
  out.choices = std::move(values);
  return out;
}

OptionSpec OptionSpec::naming(Names what) const {
  OptionSpec out = *this;
  out.names = what;
  return out;
}

OptionSpec OptionSpec::require() const {
  OptionSpec out = *this;
  out.required = true;
  return out;
}

OptionSpec OptionSpec::repeatable() const {
  OptionSpec out = *this;
  out.type = ValueType::TextList;
  return out;
}

OptionSpec OptionSpec::merged() const {
  OptionSpec out = repeatable();
  out.composing = true;
  return out;
}

OptionSpec OptionSpec::integer() const {
  OptionSpec out = *this;
  out.type = ValueType::Integer;
  return out;
}

OptionSpec OptionSpec::number() const {
  OptionSpec out = *this;
  out.type = ValueType::Number;
  return out;
}

OptionSpec flag(std::string name, std::string description) {
  OptionSpec out;
  out.long_name = std::move(name);
  out.description = std::move(description);
  return out;
}

OptionSpec option(std::string name, std::string value_name, std::string description) {
  OptionSpec out = flag(std::move(name), std::move(description));
  out.type = ValueType::Text;
  out.value_name = std::move(value_name);
  return out;
}

OptionSpec optional_argument(std::string name, std::string placeholder, std::string description) {
  OptionSpec out = option(std::move(name), std::move(placeholder), std::move(description));
  out.positional = true;
  return out;
}

OptionSpec argument(std::string name, std::string placeholder, std::string description) {
  return optional_argument(std::move(name), std::move(placeholder), std::move(description)).require();
}

OptionSpec remaining_arguments(std::string name, std::string placeholder, std::string description) {
  OptionSpec out = optional_argument(std::move(name), std::move(placeholder), std::move(description)).repeatable();
  out.remaining = true;
  return out;
}

CommandSpec synopsis(std::string usage, std::vector<OptionSpec> options) {
  CommandSpec spec;
  spec.usage = std::move(usage);
  spec.options = std::move(options);
  return spec;
}

const OptionSpec *CommandSpec::find(std::string_view name) const {
  for (const auto &option : options)
    if ((!option.long_name.empty() && option.long_name == name) || (!option.short_name.empty() && option.short_name == name))
      return &option;
  return nullptr;
}

std::vector<const OptionSpec *> CommandSpec::flags() const {
  std::vector<const OptionSpec *> out;
  for (const auto &option : options)
    if (!option.positional) out.push_back(&option);
  return out;
}

std::vector<const OptionSpec *> CommandSpec::positionals() const {
  std::vector<const OptionSpec *> out;
  for (const auto &option : options)
    if (option.positional) out.push_back(&option);
  return out;
}

} // namespace ssmd
