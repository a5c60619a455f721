#include "naming.hpp"

#include <cctype>

namespace ssmd::capnp_schema {

namespace {
bool lower(char c) { return c >= 'a' && c <= 'z'; }
bool upper(char c) { return c >= 'A' && c <= 'Z'; }
bool alnum(char c) { return lower(c) || upper(c) || (c >= '0' && c <= '9'); }

bool camel(std::string_view name, bool (*first)(char)) {
  if (name.empty() || !first(name[0])) return false;
  for (size_t i = 0; i < name.size(); ++i) {
    if (!alnum(name[i])) return false;
    if (i > 0 && upper(name[i]) && upper(name[i - 1])) return false; // an acronym not written as a word
  }
  return true;
}

std::string joined(const std::vector<std::string> &words, bool capitalize_first) {
  std::string out;
  for (const auto &w : words) {
    std::string word = w;
    if ((capitalize_first || !out.empty()) && !word.empty())
      word[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(word[0])));
    out += word;
  }
  return out;
}
} // namespace

bool is_upper_camel(std::string_view name) { return camel(name, upper); }
bool is_lower_camel(std::string_view name) { return camel(name, lower); }

std::vector<std::string> name_words(std::string_view name) {
  std::vector<std::string> words;
  std::string word;
  for (size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    if (!alnum(c)) {
      if (!word.empty()) words.push_back(std::move(word));
      word.clear();
      continue;
    }
    // A word ends before an upper-case letter that follows a lower-case letter or a digit ("bid|Px"), and
    // before the last capital of an acronym that a word follows ("OHLC|Bar").
    bool after_lower = i > 0 && (lower(name[i - 1]) || std::isdigit(static_cast<unsigned char>(name[i - 1])));
    bool acronym_end = i > 0 && upper(name[i - 1]) && i + 1 < name.size() && lower(name[i + 1]);
    if (upper(c) && (after_lower || acronym_end) && !word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
    word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

std::string to_upper_camel(std::string_view name) { return joined(name_words(name), true); }
std::string to_lower_camel(std::string_view name) { return joined(name_words(name), false); }

} // namespace ssmd::capnp_schema
