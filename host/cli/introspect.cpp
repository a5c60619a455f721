#include "cli/introspect.hpp"

#include "cli/global_options.hpp"

#include <algorithm>
#include <cctype>
#include <iostream>
#include <sstream>

namespace ssmd {

namespace {

std::string trim(std::string_view s) {
  size_t begin = s.find_first_not_of(" \t\r");
  if (begin == std::string_view::npos) return "";
  size_t end = s.find_last_not_of(" \t\r");
  return std::string(s.substr(begin, end - begin + 1));
}

std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    out.push_back(text.substr(pos, end - pos));
    pos = end + 1;
  }
  return out;
}

// A row of an option list starts with exactly two spaces and a dash; description continuations are
// indented to the description column, which is always further right.
bool is_option_row(std::string_view line) {
  return line.size() > 2 && line[0] == ' ' && line[1] == ' ' && line[2] == '-';
}

bool is_continuation(std::string_view line) {
  return line.size() > 2 && line.starts_with("   ") && !trim(line).empty();
}

// The next space-free token of `rest`, removed from it.
std::string_view take_token(std::string_view &rest) {
  size_t end = rest.find(' ');
  if (end == std::string_view::npos) end = rest.size();
  std::string_view token = rest.substr(0, end);
  rest.remove_prefix(end);
  return token;
}

// Reads the flag names: "--output", "-o", "-o [ --output ]" (boost) or "-h, --help" (hand-written).
void read_names(std::string_view &rest, OptionInfo &option) {
  std::string_view first = take_token(rest);
  bool comma = first.ends_with(',');
  if (comma) first.remove_suffix(1);
  if (first.starts_with("--")) {
    option.long_name = first.substr(2);
    return;
  }
  option.short_name = first.substr(1);
  if (rest.starts_with(" [ --")) {
    size_t close = rest.find(" ]");
    if (close == std::string_view::npos) return;
    option.long_name = rest.substr(5, close - 5);
    rest.remove_prefix(close + 2);
  } else if (comma && rest.starts_with(" --")) {
    rest.remove_prefix(1);
    option.long_name = take_token(rest).substr(2);
  }
}

// Reads "(=text)" at the start of `rest`, allowing nested parentheses in the value.
std::string take_parenthesized(std::string_view &rest) {
  int depth = 0;
  for (size_t i = 0; i < rest.size(); ++i) {
    if (rest[i] == '(') ++depth;
    if (rest[i] == ')' && --depth == 0) {
      std::string inside(rest.substr(2, i - 2));
      rest.remove_prefix(i + 1);
      return inside;
    }
  }
  std::string inside(rest.size() > 2 ? rest.substr(2) : std::string_view{});
  rest = {};
  return inside;
}

// Reads the parameter after the names: nothing, "VALUE", "VALUE (=default)" or "[=VALUE(=implicit)]".
void read_parameter(std::string_view &rest, OptionInfo &option) {
  // One space then text is the parameter; two or more spaces are padding before the description.
  if (rest.size() < 2 || rest[0] != ' ' || rest[1] == ' ') return;
  rest.remove_prefix(1);
  option.takes_value = true;
  if (rest.starts_with("[=")) {
    size_t close = rest.find(']');
    std::string_view inside = rest.substr(2, close == std::string_view::npos ? rest.npos : close - 2);
    option.value_name = inside.substr(0, inside.find("(="));
    rest.remove_prefix(close == std::string_view::npos ? rest.size() : close + 1);
  } else {
    option.value_name = take_token(rest);
  }
  if (rest.starts_with(" (=")) {
    rest.remove_prefix(1);
    option.default_value = take_parenthesized(rest);
  }
}

bool is_word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_'; }

// Whether `word` stands on its own in `text` (not as part of a longer word).
bool contains_word(std::string_view text, std::string_view word) {
  for (size_t pos = text.find(word); pos != std::string_view::npos; pos = text.find(word, pos + 1)) {
    bool starts = pos == 0 || !is_word_char(text[pos - 1]);
    size_t end = pos + word.size();
    bool ends = end == text.size() || !is_word_char(text[end]);
    if (starts && ends) return true;
  }
  return false;
}

std::string upper(std::string_view s) {
  std::string out(s);
  for (auto &c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// An option the usage line shows only as a placeholder ("ssmd feed show NAME") is a positional argument.
void mark_positionals(CommandHelp &help) {
  for (auto &option : help.options) {
    if (option.long_name.empty() || contains_word(help.usage, "--" + option.long_name)) continue;
    std::string placeholder = upper(option.long_name);
    if (contains_word(help.usage, placeholder)) {
      option.positional = true;
      option.value_name = placeholder;
    }
  }
}

// Points std::cout at another buffer for as long as it lives, even when the command throws.
class CoutRedirect {
public:
  explicit CoutRedirect(std::streambuf *target) : saved_(std::cout.rdbuf(target)) {}
  ~CoutRedirect() { std::cout.rdbuf(saved_); }
  CoutRedirect(const CoutRedirect &) = delete;
  CoutRedirect &operator=(const CoutRedirect &) = delete;

private:
  std::streambuf *saved_;
};

} // namespace

const OptionInfo *CommandHelp::find(std::string_view name) const {
  for (const auto &option : options)
    if ((!option.long_name.empty() && option.long_name == name) || (!option.short_name.empty() && option.short_name == name))
      return &option;
  return nullptr;
}

std::vector<const OptionInfo *> CommandHelp::flags() const {
  std::vector<const OptionInfo *> out;
  for (const auto &option : options)
    if (!option.positional) out.push_back(&option);
  return out;
}

std::vector<const OptionInfo *> CommandHelp::positionals() const {
  std::vector<const OptionInfo *> out;
  for (const auto &option : options)
    if (option.positional) out.push_back(&option);
  return out;
}

std::vector<OptionInfo> parse_option_list(std::string_view text) {
  std::vector<OptionInfo> out;
  bool in_option = false;
  for (std::string_view line : lines_of(text)) {
    if (is_option_row(line)) {
      OptionInfo option;
      std::string_view rest = line.substr(2);
      read_names(rest, option);
      read_parameter(rest, option);
      option.description = trim(rest);
      out.push_back(std::move(option));
      in_option = true;
    } else if (in_option && is_continuation(line)) {
      std::string &description = out.back().description;
      description += (description.empty() ? "" : " ") + trim(line);
    } else {
      in_option = false;
    }
  }
  return out;
}

namespace {

// The "Arguments:" section print_help() writes: rows of "  PLACEHOLDER  description" up to a blank line.
// Returns the arguments and removes the section from `rest`.
std::vector<OptionInfo> take_arguments(std::vector<std::string_view> &rest) {
  std::vector<OptionInfo> out;
  auto caption = std::find_if(rest.begin(), rest.end(), [](std::string_view line) { return line == "Arguments:"; });
  if (caption == rest.end()) return out;
  auto end = caption + 1;
  for (; end != rest.end() && !trim(*end).empty(); ++end) {
    std::string_view row = end->substr(std::min<size_t>(2, end->size()));
    if (end->starts_with("   ") && !out.empty()) { // a wrapped description
      out.back().description += " " + trim(row);
      continue;
    }
    OptionInfo argument;
    argument.positional = true;
    argument.takes_value = true;
    argument.value_name = take_token(row);
    argument.description = trim(row);
    out.push_back(std::move(argument));
  }
  rest.erase(caption, end);
  return out;
}

} // namespace

CommandHelp parse_help(std::string_view path, std::string_view text) {
  CommandHelp help;
  help.path = path;
  help.text = text;
  auto lines = lines_of(text);
  size_t i = 0;
  while (i < lines.size() && trim(lines[i]).empty()) ++i;
  if (i < lines.size() && lines[i].starts_with("Usage: ")) help.usage = trim(lines[i++].substr(7));
  // The summary runs up to the first caption ("Arguments:", "Options:") or the first option row.
  std::string summary;
  for (; i < lines.size(); ++i) {
    std::string_view line = lines[i];
    bool caption = !line.empty() && line[0] != ' ' && line.ends_with(':') && i + 1 < lines.size() &&
                   lines[i + 1].starts_with("  ") && !trim(lines[i + 1]).empty();
    if (caption || is_option_row(line)) break;
    std::string t = trim(line);
    if (t.empty()) {
      if (!summary.empty() && !summary.ends_with("\n\n")) summary += "\n\n";
    } else {
      summary += (summary.empty() || summary.ends_with("\n") ? "" : " ") + t;
    }
  }
  while (summary.ends_with('\n')) summary.pop_back();
  help.summary = summary;
  std::vector<std::string_view> rest(lines.begin() + static_cast<std::ptrdiff_t>(std::min(i, lines.size())), lines.end());
  std::vector<OptionInfo> arguments = take_arguments(rest);
  std::string options_text;
  for (std::string_view line : rest) options_text.append(line).append("\n");
  help.options = parse_option_list(options_text);
  // Help printed some other way (a plugin's command, say) may still list an argument as `--name`.
  mark_positionals(help);
  help.options.insert(help.options.begin(), arguments.begin(), arguments.end());
  return help;
}

std::optional<CommandHelp> introspect(Context &ctx, const Command &command, std::string *error) {
  std::ostringstream captured;
  int code = 0;
  try {
    CoutRedirect redirect(captured.rdbuf());
    code = command.run(ctx, {"--help"});
  } catch (const std::exception &e) {
    if (error) *error = "'ssmd " + std::string(command.path) + " --help' failed: " + e.what();
    return std::nullopt;
  }
  std::string text = captured.str();
  if (code != kExitOk || !text.starts_with("Usage: ")) {
    if (error) *error = "'ssmd " + std::string(command.path) + " --help' printed no usage line";
    return std::nullopt;
  }
  return parse_help(command.path, text);
}

const std::vector<OptionInfo> &global_option_infos() {
  static const std::vector<OptionInfo> k_options = parse_option_list(global_options_help());
  return k_options;
}

} // namespace ssmd
