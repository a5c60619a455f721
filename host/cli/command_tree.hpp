// The command table seen as a tree: top-level words ("feed", "init"), the subcommands of a group, and the
// command a line of words selects. Hidden rows (see is_hidden) are left out of every listing.
#pragma once

#include "cli/command.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace ssmd {

// The words of a command path: "feed show" -> {"feed", "show"}.
std::vector<std::string> path_words(std::string_view path);

// Every built-in that help, completion and man pages show, in table order.
std::vector<const Command *> visible_commands();

// The first words of the visible commands, sorted and unique: groups and top-level commands.
std::vector<std::string> top_words();

// The visible commands whose first word is `word`: a group's subcommands, or the top-level command itself.
std::vector<const Command *> commands_under(std::string_view word);

// The visible command whose path is the longest prefix of `words`, and how many words it took; nullptr when
// none matches.
const Command *match_visible(const std::vector<std::string> &words, size_t &taken);

} // namespace ssmd
