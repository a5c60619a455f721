// Help topics: `ssmd help TOPIC` prints one of the embedded docs/*.md pages (formats, concepts, exit codes,
// environment variables), for what has no command of its own.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ssmd {

struct HelpTopic {
  std::string name;      // "exit-codes"
  std::string title;     // the page's first "# " heading, for listings
  std::string_view text; // the Markdown source
};

// Every topic, sorted by name.
const std::vector<HelpTopic> &help_topics();

// The topic called `name`, or nullptr.
const HelpTopic *find_help_topic(std::string_view name);

} // namespace ssmd
