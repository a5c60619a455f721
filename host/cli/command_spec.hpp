// What a command accepts, as data: its usage line and, for each flag and positional argument, the name, the
// value it takes, its description, default and choices. Parsing (cli/command.cpp builds Boost.Program_options'
// description from it), `--help`, completion in every shell and the man pages all read this one description,
// as git's `struct option[]` is read by parse-options, usage and completion alike; nothing reads help text back.
//
// A command's options are written with the builders below, e.g. for `ssmd feed show NAME [--as-of DATE]`:
//   {argument("name", "NAME", "the feed"), option("as-of", "DATE", "answer as of this calendar date")}
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ssmd {

enum class ValueType {
  None,     // a switch: `--force`
  Text,     // `--as-of DATE`
  TextList, // `--schema NAME:VERSION`, repeatable (and a trailing positional taking every remaining word)
  Integer,  // `-n N`
  Number,   // `--plugin-timeout SECONDS` (a decimal)
};

// What a value names when it names something that already exists: completion offers those.
enum class Names { Nothing, Feed, Schema, SchemaVersion, Environment, Date, Plugin, Topic, CommandOrTopic };

struct OptionSpec {
  std::string long_name;            // "as-of" (without dashes); a positional's name is its key in the parsed map
  std::string short_name;           // "o" for -o; empty when there is none
  ValueType type = ValueType::None;
  std::string value_name;           // "DATE"; for a positional, the placeholder the usage line shows (NAME)
  std::string description;          // one line
  std::string default_value;        // "text": used when the flag is absent and shown as (=text)
  std::vector<std::string> choices; // the values it accepts, when they are a fixed list (offered by completion)
  Names names = Names::Nothing;     // what completion offers otherwise (flags fall back to their value name)
  bool required = false;
  bool positional = false;  // filled by position (NAME), not by --name
  bool remaining = false;   // a positional that takes every remaining word (COMMAND...)
  bool composing = false;   // values from repeated flags are merged (`--fail-on a --fail-on b`)

  bool takes_value() const { return type != ValueType::None; }

  // Builders for the rarer properties: `option("output", "FORMAT", "...").with_short("o").with_default("text")`.
  OptionSpec with_short(std::string name) const;
  OptionSpec with_default(std::string value) const;
  OptionSpec with_choices(std::vector<std::string> values) const;
  OptionSpec naming(Names what) const;
  OptionSpec require() const;
  OptionSpec repeatable() const; // Text -> TextList
  OptionSpec merged() const;     // repeatable, and repeated flags' values are merged
  OptionSpec integer() const;
  OptionSpec number() const;
};

// `--force`: a switch.
OptionSpec flag(std::string name, std::string description);
// `--as-of DATE`: a flag that takes a value.
OptionSpec option(std::string name, std::string value_name, std::string description);
// NAME: a required positional argument.
OptionSpec argument(std::string name, std::string placeholder, std::string description);
// [DIR]: a positional argument that may be left out.
OptionSpec optional_argument(std::string name, std::string placeholder, std::string description);
// [COMMAND...]: a positional that takes every remaining word (none or more).
OptionSpec remaining_arguments(std::string name, std::string placeholder, std::string description);

struct CommandSpec;
// What a command's describe() returns: its usage line and options (the command table adds path and summary).
CommandSpec synopsis(std::string usage, std::vector<OptionSpec> options);

struct CommandSpec {
  std::string path;                // "feed show"
  std::string summary;             // the command table's line
  std::string usage;               // "ssmd feed show NAME [--as-of DATE] [--at REF] [--output json]"
  std::vector<OptionSpec> options; // flags in the order --help lists them; positionals in argument order

  // The option with long name `name` ("as-of") or short name ("o"), or nullptr.
  const OptionSpec *find(std::string_view name) const;
  // The options that are real flags (positionals excluded), and the positionals, in order.
  std::vector<const OptionSpec *> flags() const;
  std::vector<const OptionSpec *> positionals() const;
};

} // namespace ssmd
