#include "help/topics.hpp"

#include "help/embedded_docs.hpp"

namespace ssmd {

namespace {
std::string first_heading(std::string_view text) {
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    if (line.starts_with("# ")) return std::string(line.substr(2));
    pos = end + 1;
  }
  return "";
}
} // namespace

const std::vector<HelpTopic> &help_topics() {
  static const std::vector<HelpTopic> k_topics = [] {
    std::vector<HelpTopic> out;
    for (size_t i = 0; i < k_embedded_doc_count; ++i) {
      std::string_view text(k_embedded_docs[i].text, k_embedded_docs[i].size);
      out.push_back({k_embedded_docs[i].name, first_heading(text), text});
    }
    return out;
  }();
  return k_topics;
}

const HelpTopic *find_help_topic(std::string_view name) {
  for (const auto &topic : help_topics())
    if (topic.name == name) return &topic;
  return nullptr;
}

} // namespace ssmd
