#include "cli/command_tree.hpp"

#include "cli/command_table.hpp"
#include "core/split.hpp"

#include <algorithm>
#include <set>

namespace ssmd {

std::vector<std::string> path_words(std::string_view path) { return split_skipping_empty(path, ' '); }

std::vector<const Command *> visible_commands() {
  std::vector<const Command *> out;
  for (const auto &command : builtin_commands())
    if (!is_hidden(command)) out.push_back(&command);
  return out;
}

std::vector<std::string> top_words() {
  std::set<std::string> words;
  for (const Command *command : visible_commands()) words.insert(path_words(command->path).at(0));
  return {words.begin(), words.end()};
}

std::vector<const Command *> commands_under(std::string_view word) {
  std::vector<const Command *> out;
  for (const Command *command : visible_commands())
    if (path_words(command->path).at(0) == word) out.push_back(command);
  return out;
}

const Command *match_visible(const std::vector<std::string> &words, size_t &taken) {
  const Command *best = nullptr;
  taken = 0;
  for (const Command *command : visible_commands()) {
    auto path = path_words(command->path);
    if (path.size() > words.size() || path.size() <= taken) continue;
    if (std::equal(path.begin(), path.end(), words.begin())) {
      best = command;
      taken = path.size();
    }
  }
  return best;
}

} // namespace ssmd
