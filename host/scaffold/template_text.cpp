#include "scaffold/template_text.hpp"

#include <stdexcept>

namespace ssmd::scaffold {

std::string fill(std::string_view text, const Values &values) {
  std::string out;
  out.reserve(text.size());
  size_t pos = 0;
  while (pos < text.size()) {
    size_t open = text.find('@', pos);
    if (open == std::string_view::npos) break;
    size_t close = text.find('@', open + 1);
    if (close == std::string_view::npos) throw std::logic_error("scaffold template: unmatched '@'");
    std::string_view key = text.substr(open + 1, close - open - 1);
    auto value = values.find(key);
    if (value == values.end()) throw std::logic_error("scaffold template: no value for @" + std::string(key) + "@");
    out.append(text.substr(pos, open - pos));
    out.append(value->second);
    pos = close + 1;
  }
  out.append(text.substr(pos));
  return out;
}

} // namespace ssmd::scaffold
